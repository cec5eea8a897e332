"""Patient-information kiosk: bundled Markdown pages shown full screen on a clinic touchscreen."""

__version__ = "0.1.0"
APP_NAME = "Acupuncture Kiosk"
APP_ID = "acupuncture-kiosk"


def command_name() -> str:
    """Return the command staff type for `check`, `hash-pin` ..., as this copy is installed.

    The frozen app: `acupuncture-kiosk` (on Windows its console twin, `acupuncture-kiosk-cli`,
    since the windowed program prints nothing); an installed wheel or a checkout: `kiosk` (on
    Windows the console script `acupuncture-kiosk`, as `kiosk` is the windowed one there).
    """
    import sys

    windows = sys.platform == "win32"
    if getattr(sys, "frozen", False):
        return f"{APP_ID}-cli" if windows else APP_ID
    return APP_ID if windows else "kiosk"
