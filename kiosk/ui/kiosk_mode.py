"""Kiosk mode: wires idle reset, start screen, lockdown and the staff exit onto the main window."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.content import load_for_kiosk
from kiosk.core.staff_pin import PinLockout, SecretTaps
from kiosk.core.strings import text
from kiosk.heap_trim import release_free_memory
from kiosk.ui.idle_guard import IdleGuard
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import KioskWindow

log = logging.getLogger(__name__)
_TAP_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


class KioskMode(QObject):
    """Between patients: idle -> "Are you still there?" -> reset -> start screen -> home.

    Staff: five quick taps on the clinic's name -> PIN pad -> staff menu.
    """

    def __init__(self, window: KioskWindow):
        super().__init__(window)
        self.window = window
        config = window.config
        self.warning_ms = config.idle_warning_s * 1000
        self.guard = IdleGuard(config.idle_timeout_s * 1000, window, self)
        self.lockdown = Lockdown(window)
        self.secret_taps = SecretTaps()
        # The start screen, idle question, PIN pad and staff menu are built the first time they
        # are needed: a window (demo) start never shows them, and building them is start-up time.
        self._attract = self._overlay = self._pin_pad = self._staff_menu = None
        self.guard.idle.connect(self.ask_if_still_there)
        window.clinic_label.installEventFilter(self)
        window.reset_hooks.append(self.close_layers)
        self.guard.arm()

    @property
    def attract(self):
        """The start screen shown between patients (built on first use)."""
        if self._attract is None:
            from kiosk.ui.attract_screen import AttractScreen

            self._attract = AttractScreen(self.window)
            self._attract.language_chosen.connect(self.window.set_language)
            self._attract.started.connect(self._start_session)
        return self._attract

    @property
    def overlay(self):
        """The "Are you still there?" question (built on first use)."""
        if self._overlay is None:
            from kiosk.ui.idle_overlay import IdleOverlay

            self._overlay = IdleOverlay(self.window)
            self._overlay.continued.connect(self.guard.arm)
            self._overlay.expired.connect(self.reset)
        return self._overlay

    @property
    def pin_pad(self):
        """The staff PIN pad (built on first use)."""
        if self._pin_pad is None:
            from kiosk.ui.pin_pad import PinPad

            self._pin_pad = PinPad(self.window, PinLockout())
            self.window.keep_normal_text_size(self._pin_pad)  # the patient's size is not staff's
            self._pin_pad.accepted.connect(self._open_staff_menu)
        return self._pin_pad

    @property
    def staff_menu(self):
        """The staff menu behind the PIN (built on first use)."""
        if self._staff_menu is None:
            from kiosk.ui.staff_menu import StaffMenu

            self._staff_menu = StaffMenu(self.window)
            self.window.keep_normal_text_size(self._staff_menu)
            self._staff_menu.exit_requested.connect(self.exit_kiosk)
            self._staff_menu.reload_requested.connect(self.reload_content)
            self._staff_menu.back_requested.connect(self._staff_menu.hide)
        return self._staff_menu

    def set_timeouts(self, idle_ms: int, warning_ms: int) -> None:
        """Change the idle and warning times (tests and the soak run use short ones)."""
        self.warning_ms = warning_ms
        self.guard.set_timeout(idle_ms)

    # -- the idle cycle ------------------------------------------------------------------------

    def ask_if_still_there(self) -> None:
        """Idle for a while: ask, and count down to the reset."""
        self.guard.disarm()
        if self._attract is not None and self._attract.isVisible():
            return
        log.info("idle: asking if anyone is still there")
        self.overlay.ask(self.window.lang, self.warning_ms, self.window.scale)

    def reset(self) -> None:
        """Nobody answered: clear everything for the next patient and show the start screen."""
        log.info("idle: resetting for the next patient")
        self.window.reset_for_next_patient()
        self.show_attract()
        QTimer.singleShot(0, release_free_memory)  # after Qt has deleted the old widgets

    def show_attract(self) -> None:
        """Show the start screen (the idle guard rests until someone touches it)."""
        self.guard.disarm()
        languages = sorted(self.window.library.codes,
                           key=lambda code: (code != self.window.lang, code))
        self.attract.present(self.window.config.clinic_name, languages, self.window.scale)

    def _start_session(self) -> None:
        self.window.show_home()
        self.guard.arm()

    def close_layers(self) -> None:
        """Close the idle question, start screen, PIN pad, staff menu and any stray popup."""
        if self._overlay is not None:
            self._overlay.dismiss()
        if self._attract is not None:
            self._attract.leave()
        if self._pin_pad is not None:
            self._pin_pad.close_pad()
        if self._staff_menu is not None:
            self._staff_menu.hide()
        for _ in range(10):  # a menu or dialog someone left open (none is expected)
            widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if widget is None:
                break
            widget.close()

    def recover(self) -> None:
        """After an unexpected error: close everything and show the home screen."""
        self.close_layers()
        self.window.show_home()
        self.guard.arm()

    def preview(self, name: str) -> None:
        """Show one kiosk-mode screen by name, for screenshots (see cli.OVERLAYS)."""
        if name == "start":
            self.show_attract()
        elif name == "still-there":
            self.ask_if_still_there()
        elif name == "pin-pad":
            self.open_pin_pad()
        elif name == "staff-menu":
            self._open_staff_menu()

    # -- staff ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Count taps on the clinic's name (only that label is watched)."""
        # Quick taps arrive as press, double-click, press, double-click ... on a real screen.
        if event.type() in _TAP_EVENTS and self.secret_taps.tap():
            self.open_pin_pad()
        return False

    def open_pin_pad(self) -> None:
        """Show the staff PIN pad."""
        self.pin_pad.open(self.window.config.staff_pin_hash, self.window.lang, self.window.scale)

    def _open_staff_menu(self) -> None:
        self.staff_menu.present(self.window.lang, self.window.scale)

    def reload_content(self) -> None:
        """Read the content folder again (after staff edited the pages) and report."""
        library = load_for_kiosk(self.window.library.root)
        self.window.load_library(library)
        pages = library.page_count()
        log.info("content reloaded from %s: %d pages", library.root, pages)
        self.staff_menu.say(text(self.window.lang, "staff_reloaded").format(
            pages=pages, problems=len(library.problems)))
        self.staff_menu.raise_()

    def exit_kiosk(self) -> None:
        """Really quit (the staff asked for it behind the PIN)."""
        log.info("staff exit: the kiosk is closing")
        self.lockdown.allow_quit()
        self.window.close()
