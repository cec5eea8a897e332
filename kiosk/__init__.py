"""Patient-information kiosk: bundled Markdown pages shown full screen on a clinic touchscreen."""

__version__ = "0.1.0"
APP_NAME = "Acupuncture Kiosk"
APP_ID = "acupuncture-kiosk"
