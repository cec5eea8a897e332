"""The staff PIN pad: big digit buttons over the whole screen; the right PIN opens the staff menu."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk import command_name
from kiosk.core.look import Look
from kiosk.core.staff_pin import PinLockout, verify_pin
from kiosk.core.strings import plural, text
from kiosk.ui.keyboard import click_focused_button
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label

log = logging.getLogger(__name__)
MAX_DIGITS = 12
EDGE_PIXELS = 24  # the least space (at 1920x1080) between the card and the window's sides


class PinPad(WindowLayer):
    """Takes up to 12 digits; emits `accepted` for the right PIN; Back closes it."""

    accepted = Signal()

    def __init__(self, parent: QWidget, lockout: PinLockout):
        super().__init__("PinPad", parent)
        self.lockout = lockout
        self.pin_hash = ""
        self.look = Look()
        self.entered = ""
        self.card = self.add_card("PinCard")
        # Two columns, so the pad fits a landscape screen down to 1366x768: words left, digits right.
        self._row = row = QHBoxLayout(self.card)
        column = QVBoxLayout()
        self.title = layer_label("PinTitle", self.card)
        self.dots = layer_label("PinDots", self.card)
        self.message = layer_label("PinMessage", self.card)
        self.back_button = layer_button("PinAction", self.card)
        self.back_button.clicked.connect(self.cancel)
        column.addWidget(self.title)
        column.addWidget(self.dots)
        column.addWidget(self.message)
        column.addStretch(1)
        column.addWidget(self.back_button)
        self.keys = QWidget(self.card)
        grid = QGridLayout(self.keys)
        grid.setContentsMargins(0, 0, 0, 0)
        self.digit_buttons = {}
        for index, digit in enumerate("123456789"):
            self.digit_buttons[digit] = self._digit(digit)
            grid.addWidget(self.digit_buttons[digit], index // 3, index % 3)
        self.clear_button = layer_button("PinAction", self.keys)
        self.clear_button.clicked.connect(self.clear)
        self.enter_button = layer_button("PinAction", self.keys)
        self.enter_button.clicked.connect(self.submit)
        self.digit_buttons["0"] = self._digit("0")
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self.digit_buttons["0"], 3, 1)
        grid.addWidget(self.enter_button, 3, 2)
        self._grid = grid
        self._column = column
        row.addLayout(column, 1)
        row.addWidget(self.keys)

    def _digit(self, digit: str):
        button = layer_button("PinDigit", self.keys)
        button.setText(digit)
        button.setAccessibleName(digit)
        button.clicked.connect(lambda _=False, d=digit: self.press(d))
        return button

    # -- what staff do -------------------------------------------------------------------------

    def apply_look(self, look: Look) -> None:
        """Word the pad in the look's language (its style comes from the window, at normal text size)."""
        self.look = look
        lang = look.lang
        self.title.setText(text(lang, "pin_title"))
        for button, key in ((self.clear_button, "pin_clear"), (self.enter_button, "pin_enter"),
                            (self.back_button, "back_to_kiosk")):
            button.setText(text(lang, key))
            button.setAccessibleName(text(lang, key))

    def open(self, pin_hash: str) -> None:
        """Show the pad (or, with no PIN configured, how to set one)."""
        self.pin_hash = pin_hash
        self.entered = ""
        self._size(self.look)
        self._refresh()
        self.show_layer()
        log.info("staff PIN pad opened")

    def press(self, digit: str) -> None:
        """Add a digit (ignored while locked or when the PIN is as long as a PIN can be)."""
        if self._usable() and len(self.entered) < MAX_DIGITS:
            self.entered += digit
        self._refresh()

    def clear(self) -> None:
        """Forget the digits typed so far."""
        self.entered = ""
        self._refresh()

    def submit(self) -> None:
        """Check the PIN: the right one emits `accepted`; a wrong one counts towards the lock."""
        if not self._usable() or not self.entered:
            self._refresh()
            return
        entered, self.entered = self.entered, ""
        if verify_pin(entered, self.pin_hash):
            self.lockout.record_right()
            log.info("staff PIN accepted")
            self.close_pad()
            self.accepted.emit()
            return
        self.lockout.record_wrong()
        if not self.lockout.locked:
            log.warning("wrong staff PIN entered (%d tries left)", self.lockout.tries_left)
        self._refresh(wrong=True)

    def cancel(self) -> None:
        """Back to the kiosk without the staff menu."""
        self.close_pad()

    def close_pad(self) -> None:
        """Hide the pad and forget the digits."""
        self.entered = ""
        self.hide()

    def keyPressEvent(self, event) -> None:
        """Digits, Backspace and Enter work from a keyboard too; no key reaches the kiosk below."""
        event.accept()
        key = event.text()
        if key.isdigit() and key.isascii():
            self.press(key)
        elif event.key() == Qt.Key.Key_Backspace:
            self.entered = self.entered[:-1]
            self._refresh()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not click_focused_button(self):  # Enter presses a focused key, as Space does
            self.submit()

    # -- looks ---------------------------------------------------------------------------------

    def _usable(self) -> bool:
        return bool(self.pin_hash) and not self.lockout.locked

    def _refresh(self, wrong: bool = False) -> None:
        usable = self._usable()
        if not self.pin_hash:
            message = text(self.look.lang, "pin_not_set").format(command=command_name())
        elif self.lockout.locked:
            seconds = self.lockout.seconds_left()
            message = plural(self.look.lang, "pin_locked", seconds).format(seconds=seconds)
        elif wrong:
            tries = self.lockout.tries_left
            message = plural(self.look.lang, "pin_wrong", tries).format(tries=tries)
        else:
            message = ""
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.dots.setText("●" * len(self.entered))
        for button in [*self.digit_buttons.values(), self.clear_button, self.enter_button]:
            button.setEnabled(usable)
        self.dots.setVisible(bool(self.pin_hash))
        self.keys.setVisible(bool(self.pin_hash))  # no PIN set: only the explanation and Back

    def _size(self, look: Look) -> None:
        parent = self.parentWidget()
        room = parent.width() - 2 * look.px(EDGE_PIXELS) if parent is not None else 1 << 20
        self.card.setFixedWidth(max(1, min(look.px(1360 if self.pin_hash else 820), room)))
        self._row.setContentsMargins(*[look.px(44)] * 4)
        self._row.setSpacing(look.px(48))
        self._column.setSpacing(look.px(24))
        self._grid.setSpacing(look.px(18))
