"""Kiosk mode: wires the idle guard, idle question, start screen and staff exit onto the window."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.ui.attract_screen import AttractScreen
from kiosk.ui.idle_guard import IdleGuard
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.main_window import KioskWindow

log = logging.getLogger(__name__)


class KioskMode(QObject):
    """Between patients: idle -> "Are you still there?" -> reset -> start screen -> home."""

    def __init__(self, window: KioskWindow):
        super().__init__(window)
        self.window = window
        config = window.config
        self.warning_ms = config.idle_warning_s * 1000
        self.guard = IdleGuard(config.idle_timeout_s * 1000, self)
        self.overlay = IdleOverlay(window)
        self.attract = AttractScreen(window)
        self.guard.idle.connect(self.ask_if_still_there)
        self.overlay.continued.connect(self.guard.arm)
        self.overlay.expired.connect(self.reset)
        self.attract.started.connect(self._start_session)
        window.reset_hooks.append(self._close_layers)
        self.guard.arm()

    def set_timeouts(self, idle_ms: int, warning_ms: int) -> None:
        """Change the idle and warning times (tests and the soak run use short ones)."""
        self.warning_ms = warning_ms
        self.guard.set_timeout(idle_ms)

    # -- the idle cycle ------------------------------------------------------------------------

    def ask_if_still_there(self) -> None:
        """Idle for a while: ask, and count down to the reset."""
        self.guard.disarm()
        if self.attract.isVisible():
            return
        log.info("idle: asking if anyone is still there")
        self.overlay.ask(self.window.lang, self.warning_ms, self.window.scale)

    def reset(self) -> None:
        """Nobody answered: clear everything for the next patient and show the start screen."""
        log.info("idle: resetting for the next patient")
        self.window.reset_for_next_patient()
        self.show_attract()

    def show_attract(self) -> None:
        """Show the start screen (the idle guard rests until someone touches it)."""
        self.guard.disarm()
        languages = sorted(self.window.library.languages,
                           key=lambda code: (code != self.window.lang, code))
        self.attract.present(self.window.config.clinic_name, languages, self.window.scale)

    def _start_session(self) -> None:
        self.window.show_home()
        self.guard.arm()

    def _close_layers(self) -> None:
        self.overlay.dismiss()
        self.attract.leave()
        for _ in range(10):  # a menu or dialog someone left open (none is expected)
            widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if widget is None:
                break
            widget.close()
