"""Removing widgets from a layout at once: hidden now, deleted when Qt next gets the chance."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLayout, QWidget


def discard_widgets(layout: QLayout, widgets: Iterable[QWidget]) -> None:
    """Take `widgets` out of `layout` and off the screen immediately, then delete them.

    deleteLater() alone leaves the widget painted until the event loop runs, so a screenshot
    or a quick language switch would still show it.
    """
    for widget in list(widgets):
        layout.removeWidget(widget)
        widget.hide()
        widget.deleteLater()
