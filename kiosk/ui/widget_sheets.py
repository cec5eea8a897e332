"""Qt style sheets for a look: each part of the window styles itself, only when its sheet changed."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtWidgets import QWidget

from kiosk.core.look import Look
from kiosk.core.stylesheets import load_stylesheet, stylesheet_stamp
from kiosk.core.themes import theme

WIDGET_SHEET = "kiosk.qss"
CONTENT_SHEET = "content.css"


def widget_sheet(look: Look) -> str:
    """Return the widget style sheet for `look`: screen scale, colours and text size."""
    return _sheet(WIDGET_SHEET, look.scale, look.theme_name, look.text_factor, stylesheet_stamp(WIDGET_SHEET))


def content_sheet(look: Look) -> str:
    """Return the page text's style sheet for `look`."""
    return _sheet(CONTENT_SHEET, look.scale, look.theme_name, look.text_factor,
                  stylesheet_stamp(CONTENT_SHEET))


@lru_cache(maxsize=32)
def _sheet(name: str, scale: float, theme_name: str, text_factor: float, stamp: int) -> str:
    """Return a stylesheet filled in and scaled; made once per look (a restyle asks several times)."""
    return load_stylesheet(name, scale, theme(theme_name), text_factor)


def apply_widget_sheet(widget: QWidget, look: Look) -> bool:
    """Style `widget` and its children for `look`; True if the sheet changed.

    Setting a sheet makes Qt restyle every widget below, so an unchanged one is not set again,
    and the window's parts carry their own sheets: a Text size tap restyles the parts with text
    but not the whole window (whose own sheet, at normal text size, serves the staff screens).
    """
    sheet = widget_sheet(look)
    if sheet == widget.styleSheet():
        return False
    widget.setStyleSheet(sheet)
    return True
