"""The "Are you still there?" question, with a countdown and a big Continue button."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.strings import text
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label


class IdleOverlay(WindowLayer):
    """Asks if anyone is still reading; `continued` on a touch, `expired` when time runs out."""

    continued = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget):
        super().__init__("IdleOverlay", parent)
        self.lang = "en"
        self.warning_ms = 30_000
        self._clock = QElapsedTimer()
        self._expire = QTimer(self)
        self._expire.setSingleShot(True)
        self._expire.timeout.connect(self._on_expired)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)  # the countdown changes once a second; nothing faster
        self._tick.timeout.connect(self._update_text)
        self.card = self.add_card("IdleCard")
        column = QVBoxLayout(self.card)
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

    def ask(self, lang: str, warning_ms: int, scale: float = 1.0) -> None:
        """Show the question in `lang` and start counting down `warning_ms`."""
        self.lang = lang
        self.warning_ms = warning_ms
        self.card.setFixedWidth(round(1100 * scale))
        self.card.layout().setContentsMargins(*[round(56 * scale)] * 4)
        self.card.layout().setSpacing(round(36 * scale))
        self.title.setText(text(lang, "still_there"))
        self.continue_button.setText(text(lang, "continue"))
        self.continue_button.setAccessibleName(text(lang, "continue"))
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
        self.countdown.setText(text(self.lang, "idle_countdown").format(seconds=self.seconds_left))

    def _on_expired(self) -> None:
        self.dismiss()
        self.expired.emit()
