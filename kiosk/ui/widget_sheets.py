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


def apply_window_sheet(window: QWidget, look: Look) -> bool:
    """Style the main window for `look` at normal text size; True if the sheet changed.

    It serves the staff screens as it is and, at normal text size, every part of the window too
    (apply_widget_sheet): a normal start parses the widget sheet once, not once per part.
    """
    return _set_sheet(window, widget_sheet(look.with_normal_text()))


def apply_widget_sheet(widget: QWidget, look: Look) -> bool:
    """Style a part of the main window and its children for `look`; True if the sheet changed.

    Setting a sheet makes Qt restyle every widget below, so an unchanged one is not set again,
    and the window's parts carry their own sheets only at a larger text size: a Text size tap
    restyles the parts with text but not the whole window. At normal text size a part's sheet
    would be the window's own (apply_window_sheet), so it carries none and inherits that one.
    """
    return _set_sheet(widget, "" if look.display.text_step == 0 else widget_sheet(look))


def _set_sheet(widget: QWidget, sheet: str) -> bool:
    if sheet == widget.styleSheet():
        return False
    widget.setStyleSheet(sheet)
    return True
