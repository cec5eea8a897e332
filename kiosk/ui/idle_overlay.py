"""The "Are you still there?" question, with a countdown and a big Continue button."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import plural, text
from kiosk.ui.widget_sheets import apply_widget_sheet
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label


class IdleOverlay(WindowLayer):
    """Asks if anyone is still reading; `continued` on a touch, `expired` when time runs out."""

    continued = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget):
        super().__init__("IdleOverlay", parent)
        self.look = Look()
        self.warning_ms = 30_000
        self._clock = QElapsedTimer()
        self._expire = QTimer(self)
        self._expire.setSingleShot(True)
        self._expire.timeout.connect(self._on_expired)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)  # the countdown changes once a second; nothing faster
        self._tick.timeout.connect(self._update_text)
        self.card = self.add_card("IdleCard")
        self._column = column = QVBoxLayout(self.card)
        self.title = layer_label("IdleTitle", self.card)
        self.countdown = layer_label("IdleCountdown", self.card)
        self.continue_button = layer_button("IdleContinue", self.card)
        self.continue_button.clicked.connect(self.answer)
        column.addWidget(self.title)
        column.addWidget(self.countdown)
        column.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignCenter)

    @property
    def seconds_left(self) -> int:
        """Return the whole seconds shown in the countdown."""
        if not self._expire.isActive():
            return 0
        return max(1, math.ceil((self.warning_ms - self._clock.elapsed()) / 1000))

    def apply_look(self, look: Look) -> None:
        """Size, word and style the question for `look` (the patient's text size too)."""
        self.look = look
        apply_widget_sheet(self, look)
        self.card.setFixedWidth(look.px(1100))
        self._column.setContentsMargins(*[look.px(56)] * 4)
        self._column.setSpacing(look.px(36))
        self.title.setText(text(look.lang, "still_there"))
        self.continue_button.setText(text(look.lang, "continue"))
        self.continue_button.setAccessibleName(text(look.lang, "continue"))

    def ask(self, warning_ms: int) -> None:
        """Show the question and start counting down `warning_ms`."""
        self.warning_ms = warning_ms
        self._clock.start()
        self._expire.start(warning_ms)
        self._tick.start(min(1000, warning_ms))
        self._update_text()
        self.show_layer()
        self.continue_button.setFocus()

    def dismiss(self) -> None:
        """Hide the question and stop counting (nothing is emitted)."""
        self._expire.stop()
        self._tick.stop()
        self.hide()

    def answer(self) -> None:
        """Someone is still there: hide the question and keep everything as it was."""
        if self.isVisible():
            self.dismiss()
            self.continued.emit()

    def mouseReleaseEvent(self, event) -> None:
        """A touch anywhere on the question also means "still here"."""
        event.accept()
        self.answer()

    def keyPressEvent(self, event) -> None:
        """Any key also means "still here"."""
        event.accept()
        self.answer()

    def _update_text(self) -> None:
        seconds = self.seconds_left
        self.countdown.setText(plural(self.look.lang, "idle_countdown", seconds).format(seconds=seconds))

    def _on_expired(self) -> None:
        self.dismiss()
        self.expired.emit()
