"""The idle detector: restarts a timer on any input reaching the kiosk's window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

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
# The top-level widget's own events that mean its native window was made or made again.
_NEW_HANDLE = frozenset({QEvent.Type.Show, QEvent.Type.WinIdChange, QEvent.Type.PlatformSurface})


class IdleGuard(QObject):
    """Emits `idle` after `timeout_ms` without input while armed; input restarts the count.

    It watches the window's native handle (QWindow), where the system delivers every touch,
    click, key and wheel before Qt hands it to a widget. An application-wide filter would see
    the same input, but also every paint, timer and layout event of every object: Python code
    run tens of thousands of times a minute, and about 20 ms more at start-up while PySide
    wraps each new kind of object and event it is shown.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, window: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may fire 5% early (6 s of 120 s); one precise timer costs nothing more.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        self.armed = False
        self._window = window
        self._handle: QWindow | None = None
        # The native window exists once the widget is shown, and Qt may make it again later
        # (for example when window flags change): follow it through the widget's own events.
        window.installEventFilter(self)
        self._follow_handle()

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

    def _follow_handle(self) -> None:  # (the window's native handle comes and goes)
        handle = self._window.windowHandle()
        if handle is not None and handle is not self._handle:
            handle.installEventFilter(self)
            self._handle = handle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the count on input; never consumes an event. Runs for every input: keep tiny."""
        kind = event.type()
        if kind in ACTIVITY:
            if self.armed:
                self._timer.start()
        elif kind in _NEW_HANDLE and watched is self._window:
            self._follow_handle()
        return False
