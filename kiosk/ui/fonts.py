"""The bundled Atkinson Hyperlegible font: upright faces at start-up, italics when pages need them."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from kiosk.core.resources import resource_path

log = logging.getLogger(__name__)
FAMILY = "Atkinson Hyperlegible"
UPRIGHT = ("Regular", "Bold")  # every screen
ITALIC = ("Italic", "BoldItalic")  # only page text uses italics (emphasis, the disclaimer)
BASE_PIXELS = 24
_loaded: set[str] = set()


def load_fonts(styles: tuple[str, ...] = UPRIGHT) -> bool:
    """Register the bundled faces `styles` with Qt; make the family the default once it is in.

    Returns False (and logs which file) when a face cannot be loaded: Qt then draws with the
    system font, and the kiosk goes on.
    """
    families: set[str] = set()
    for style in styles:
        if style in _loaded:
            families.add(FAMILY)
            continue
        path = resource_path("fonts", f"AtkinsonHyperlegible-{style}.ttf")
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("cannot load font %s; using the system font", path)
            continue
        _loaded.add(style)
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FAMILY not in families:
        return False
    if QGuiApplication.font().family() != FAMILY:
        font = QFont(FAMILY)
        font.setPixelSize(BASE_PIXELS)
        QGuiApplication.setFont(font)
    return True


def load_italic_fonts() -> bool:
    """Register the italic faces (before the first page is laid out; a second on start-up)."""
    return load_fonts(ITALIC)
