"""Keyboard use of the kiosk: Back and Home keys, Enter on buttons, Tab order top to bottom."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


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


def handle_window_key(window, event: QKeyEvent) -> bool:
    """Handle a key no widget took: Back, Home, or Enter on the focused button. True if handled."""
    if is_back_key(event):
        window.go_back()
        return True
    if is_home_key(event):
        window.show_home()
        return True
    if event.key() in ENTER_KEYS and not event.isAutoRepeat():
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and focused.isEnabled() and focused.isVisible():
            focused.click()
            return True
    return False


def set_tab_order(widgets: list[QWidget]) -> None:
    """Make Tab visit `widgets` in the given order (hidden ones are skipped by Qt)."""
    chain = [w for w in widgets if w is not None]
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
