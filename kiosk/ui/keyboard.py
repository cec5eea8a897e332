"""Keyboard use of the kiosk: Back and Home keys, Enter on buttons, Tab order top to bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMainWindow,
    QScrollArea,
    QScrollBar,
    QWidget,
)

if TYPE_CHECKING:
    from kiosk.core.session import KioskSession

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def is_back_key(event: QKeyEvent) -> bool:
    """Return True for the keys that mean Back: Backspace, Alt+Left, and a keyboard's Back key."""
    key, mods = event.key(), event.modifiers()
    if key == Qt.Key.Key_Back:
        return True
    if key == Qt.Key.Key_Backspace and not (mods & ~Qt.KeyboardModifier.KeypadModifier):
        return True
    return key == Qt.Key.Key_Left and mods == Qt.KeyboardModifier.AltModifier


def is_home_key(event: QKeyEvent) -> bool:
    """Return True for the Home key (without modifiers) and a keyboard's Home page key."""
    if event.key() == Qt.Key.Key_HomePage:
        return True
    return event.key() == Qt.Key.Key_Home and not (
        event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)


def handle_window_key(session: KioskSession, event: QKeyEvent) -> bool:
    """Handle a key no widget took: Back, Home, or Enter on the focused button. True if handled."""
    if is_back_key(event):
        session.back()
        return True
    if is_home_key(event):
        session.home()
        return True
    return event.key() in ENTER_KEYS and not event.isAutoRepeat() and click_focused_button()


def click_focused_button(within: QWidget | None = None) -> bool:
    """Press the button that has the keyboard focus (inside `within`, if given); True if one did."""
    focused = QApplication.focusWidget()
    if not isinstance(focused, QAbstractButton) or not focused.isEnabled() \
            or not focused.isVisible():
        return False
    if within is not None and not within.isAncestorOf(focused):
        return False
    focused.click()
    return True


def focus_order(window: QMainWindow) -> list[QWidget]:
    """Return the widgets Tab visits, in reading order: top to bottom, then left to right.

    Only what a patient can use now: visible, enabled, taking Tab focus, and on the top layer
    (a full-window layer such as the idle question hides everything under it).
    """
    layers = [child for child in window.findChildren(QWidget, options=_DIRECT)
              if child.isVisible() and child.geometry() == window.rect()
              and child is not window.centralWidget()]
    root = layers[-1] if layers else window
    widgets = []
    for widget in root.findChildren(QWidget):
        if (widget.isVisible() and widget.isEnabled() and not isinstance(widget, QScrollBar)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(widget, QScrollArea)):
            widgets.append(widget)

    def position(widget: QWidget) -> tuple[int, int]:
        corner = widget.mapTo(window, QPoint(0, 0))
        return corner.y(), corner.x()

    return sorted(widgets, key=position)


def move_focus(window: QMainWindow, forward: bool) -> bool:
    """Move the keyboard focus to the next (or previous) widget in `focus_order`."""
    order = focus_order(window)
    if not order:
        return False
    current = QApplication.focusWidget()
    while current is not None and current not in order and current is not window:
        current = current.parentWidget()
    if current in order:
        index = (order.index(current) + (1 if forward else -1)) % len(order)
    else:
        index = 0 if forward else len(order) - 1
    target = order[index]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    area = target.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        area.ensureWidgetVisible(target)
    return True
