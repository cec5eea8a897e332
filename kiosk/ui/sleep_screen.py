"""Outside opening hours: a black screen that a touch wakes to the start screen, asleep again when idle."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.look import Look
from kiosk.core.opening_hours import Clock, OpeningHours, local_now
from kiosk.core.strings import text
from kiosk.ui.window_layer import WindowLayer

if TYPE_CHECKING:
    from kiosk.ui.kiosk_mode import KioskMode

log = logging.getLogger(__name__)
CHECK_INTERVAL_MS = 30_000  # how often the clock is read against the opening hours


class SleepScreen(WindowLayer):
    """A black layer over the whole window (nothing drawn: the panel shows black); emits `touched`."""

    touched = Signal()

    def __init__(self, parent: QWidget):
        super().__init__("SleepScreen", parent)
        self.setStyleSheet("#SleepScreen { background: #000000; }")
        self.setAccessibleName(text("en", "asleep_touch_to_wake"))

    def apply_look(self, look: Look) -> None:
        """Name the screen for screen readers in the session's language (nothing is drawn)."""
        self.setAccessibleName(text(look.lang, "asleep_touch_to_wake"))

    def mousePressEvent(self, event) -> None:
        """Take the press: the release wakes the kiosk (nothing below is touched)."""
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        """A touch wakes the kiosk to its start screen."""
        event.accept()
        self.touched.emit()

    def keyPressEvent(self, event) -> None:
        """A key wakes it too (never a dead end)."""
        event.accept()
        self.touched.emit()


class SleepCycle(QObject):
    """Decides, against the opening hours and a clock, when the kiosk sleeps and wakes.

    It never interrupts a patient: it falls asleep only where the start screen would be shown
    (after the reset between patients, or when the start screen is already up). A touch on the
    black screen shows the start screen; without a further touch for the idle time it sleeps
    again. When the kiosk opens, the start screen comes back by itself.
    """

    def __init__(self, mode: KioskMode, hours: OpeningHours, idle_ms: int, clock: Clock = local_now):
        super().__init__(mode)
        self.mode = mode
        self.hours = hours
        self.clock = clock
        self._screen: SleepScreen | None = None
        self._woken = False  # woken by a touch while closed: the start screen stays until idle
        self._doze = QTimer(self)
        self._doze.setSingleShot(True)
        self._doze.setInterval(idle_ms)
        self._doze.timeout.connect(self._doze_off)
        self._tick = QTimer(self)
        self._tick.setInterval(CHECK_INTERVAL_MS)
        self._tick.timeout.connect(self.check)
        self._tick.start()

    @property
    def asleep(self) -> bool:
        """Return True while the black screen is up."""
        return self._screen is not None and self._screen.isVisible()

    @property
    def screen(self) -> SleepScreen:
        """The black screen (built the first time the kiosk sleeps)."""
        if self._screen is None:
            self._screen = SleepScreen(self.mode.window)
            self._screen.touched.connect(self.wake)
        return self._screen

    def set_idle(self, idle_ms: int) -> None:
        """Change how long the start screen stays up after a touch while closed."""
        self._doze.setInterval(idle_ms)

    def hide(self) -> None:
        """Take the black screen away (an error is being recovered from: home comes next)."""
        if self._screen is not None:
            self._screen.hide()

    def closed(self) -> bool:
        """Return True outside the opening hours (read now on the clock)."""
        return not self.hours.is_open(self.clock())

    def should_sleep(self) -> bool:
        """Return True when the start screen, about to be shown, should be the black screen."""
        return self.closed() and not self._woken

    def fall_asleep(self) -> None:
        """Show the black screen (the start screen and the idle guard rest)."""
        if self.asleep:
            return
        log.info("asleep: outside opening hours (%s)", self.hours)
        self._doze.stop()
        self.mode.guard.disarm()
        self.mode.close_layers()
        self.screen.apply_look(self.mode.session.look)
        self.screen.show_layer()

    def wake(self) -> None:
        """A touch on the black screen, or opening time: show the start screen."""
        closed = self.closed()
        self._woken = closed
        if self._screen is not None:
            self._screen.hide()
        log.info("awake: %s", "touched outside opening hours" if closed else "opening time")
        self.mode.show_attract()
        attract = self.mode.attract
        attract.started.connect(self._patient_came, Qt.ConnectionType.UniqueConnection)
        if closed:
            self._doze.start()

    def check(self) -> None:
        """Sleep or wake as the clock says, never while someone is using the kiosk."""
        closed = self.closed()
        if self.asleep and not closed:
            self.wake()
        elif closed and not self.asleep and not self._woken and self.mode.on_start_screen:
            self.fall_asleep()

    def _patient_came(self) -> None:
        self._doze.stop()
        self._woken = False  # the reset after this patient sleeps again if still closed

    def _doze_off(self) -> None:
        self._woken = False
        if self.mode.on_start_screen and self.closed():
            self.fall_asleep()
