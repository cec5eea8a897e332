"""Finger scrolling for a scroll area, set up without making PySide meet every widget class."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QWidget


def scroll_by_finger(area: QAbstractScrollArea) -> QWidget:
    """Let a finger (or a mouse drag) scroll `area` with momentum; return its viewport.

    The viewport is made here, in Python, rather than asked of Qt: the first time Python asks
    Qt for a widget Qt made itself, PySide works out its class by loading the Python class of
    every QWidget subclass there is (about 9 ms at start-up, for nothing the kiosk uses).
    """
    viewport = QWidget()
    viewport.setAutoFillBackground(True)  # as the viewport Qt makes does
    area.setViewport(viewport)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return viewport
