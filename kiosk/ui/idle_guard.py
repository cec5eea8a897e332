"""The idle detector: one tiny application-wide event filter that restarts a timer on any input."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

# What counts as someone using the kiosk: a touch, a click, a key, a scroll (not a paint or timer).
ACTIVITY = frozenset({
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
})


class IdleGuard(QObject):
    """Emits `idle` after `timeout_ms` without input while armed; input restarts the count."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may fire 5% early (6 s of 120 s); one precise timer costs nothing more.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        self.armed = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        """Return the idle time that triggers `idle`, in milliseconds."""
        return self._timer.interval()

    @property
    def remaining_ms(self) -> int:
        """Return the milliseconds left before `idle` (-1 when not armed)."""
        return self._timer.remainingTime() if self.armed else -1

    def set_timeout(self, timeout_ms: int) -> None:
        """Change the idle time (restarting the count if armed)."""
        self._timer.setInterval(timeout_ms)
        if self.armed:
            self._timer.start()

    def arm(self) -> None:
        """Start watching: `idle` fires after `timeout_ms` without input."""
        self.armed = True
        self._timer.start()

    def disarm(self) -> None:
        """Stop watching (on the start screen, and while the idle question is on screen)."""
        self.armed = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the count on input; never consumes an event. Runs for EVERY event: keep tiny."""
        if self.armed and event.type() in ACTIVITY:
            self._timer.start()
        return False
