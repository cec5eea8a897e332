"""Kiosk mode: wires idle reset, start screen, lockdown and the staff exit onto the main window."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import command_name
from kiosk.core.session import KioskSession
from kiosk.core.staff_pin import PinLockout, SecretTaps
from kiosk.core.strings import plural, text
from kiosk.heap_trim import release_free_memory
from kiosk.ui.idle_guard import IdleGuard
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.release_watch import ReleaseWatch

if TYPE_CHECKING:
    from kiosk.ui.attract_screen import AttractScreen
    from kiosk.ui.idle_overlay import IdleOverlay
    from kiosk.ui.main_window import KioskWindow
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.session_bridge import SessionBridge
    from kiosk.ui.sleep_screen import SleepCycle
    from kiosk.ui.staff_menu import StaffMenu
    from kiosk.ui.usage_screen import UsageScreen

log = logging.getLogger(__name__)
_TAP_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


class KioskMode(QObject):
    """Between patients: idle -> "Are you still there?" -> reset -> start screen -> home.

    Staff: five quick taps on the clinic's name -> PIN pad -> staff menu.
    The layers take the session's look when they open: hidden, a restyle costs them nothing.
    """

    def __init__(self, window: KioskWindow, session: KioskSession, bridge: SessionBridge):
        super().__init__(window)
        self.window = window
        self.session = session
        self.bridge = bridge
        config = session.config
        self.warning_ms = config.idle_warning_s * 1000
        self.guard = IdleGuard(config.idle_timeout_s * 1000, window, self)
        self.lockdown = Lockdown(window, active=window.fullscreen)
        self.secret_taps = SecretTaps()
        self.releases = ReleaseWatch(session, self)  # a release from `kiosk update`, between patients
        self._told_no_pin = False  # five taps without a staff PIN: logged once per patient
        # The start screen, idle question, PIN pad and staff menu are built the first time they
        # are needed: a window (demo) start never shows them, and building them is start-up time.
        self._attract: AttractScreen | None = None
        self._overlay: IdleOverlay | None = None
        self._pin_pad: PinPad | None = None
        self._staff_menu: StaffMenu | None = None
        self.reading = False  # a page is being read aloud: the idle question waits (set_reading)
        self._usage_screen: UsageScreen | None = None
        self.guard.idle.connect(self.ask_if_still_there)
        window.clinic_label.installEventFilter(self)
        # Outside opening hours a black screen stands in for the start screen (sleep_screen.py).
        self.sleep: SleepCycle | None = None
        if config.opening_hours is not None:
            from kiosk.ui.sleep_screen import SleepCycle

            self.sleep = SleepCycle(self, config.opening_hours, config.idle_timeout_s * 1000)
        self.guard.arm()

    @property
    def attract(self) -> AttractScreen:
        """The start screen shown between patients (built on first use)."""
        if self._attract is None:
            from kiosk.ui.attract_screen import AttractScreen

            self._attract = AttractScreen(self.window)
            self._attract.language_chosen.connect(self.session.set_language)
            self._attract.started.connect(self._start_session)
        return self._attract

    @property
    def overlay(self) -> IdleOverlay:
        """The "Are you still there?" question (built on first use)."""
        if self._overlay is None:
            from kiosk.ui.idle_overlay import IdleOverlay

            self._overlay = IdleOverlay(self.window)
            self._overlay.continued.connect(self.guard.arm)
            self._overlay.expired.connect(self.reset)
        return self._overlay

    @property
    def pin_pad(self) -> PinPad:
        """The staff PIN pad (built on first use; at normal text size, whatever the patient chose)."""
        if self._pin_pad is None:
            from kiosk.ui.pin_pad import PinPad

            self._pin_pad = PinPad(self.window, PinLockout())
            self._pin_pad.accepted.connect(self._open_staff_menu)
        return self._pin_pad

    @property
    def staff_menu(self) -> StaffMenu:
        """The staff menu behind the PIN (built on first use; at normal text size)."""
        if self._staff_menu is None:
            from kiosk.ui.staff_menu import StaffMenu

            self._staff_menu = StaffMenu(self.window)
            self._staff_menu.exit_requested.connect(self.exit_kiosk)
            self._staff_menu.reload_requested.connect(self.reload_content)
            self._staff_menu.back_requested.connect(self._staff_menu.hide)
            self._staff_menu.usage_requested.connect(self.open_usage)
        return self._staff_menu

    def open_usage(self) -> None:
        """Show the staff the usage figures of the last 30 days (counts waiting are written first)."""
        from kiosk.core.usage import UsageStore
        from kiosk.ui.usage_screen import UsageScreen

        if self._usage_screen is None:
            self._usage_screen = UsageScreen(self.window)
            self._usage_screen.back_requested.connect(self._usage_screen.hide)
        page_end = self.window.page_end
        if page_end is not None:
            page_end.usage.flush()
            store = page_end.usage.log.store
        else:
            store = UsageStore(retention_days=self.session.config.usage_retention_days)
        self._usage_screen.present(store, self.session.library, self.session.look.with_normal_text())

    def set_timeouts(self, idle_ms: int, warning_ms: int) -> None:
        """Change the idle and warning times (tests and the soak run use short ones)."""
        self.warning_ms = warning_ms
        self.guard.set_timeout(idle_ms)
        if self.sleep is not None:
            self.sleep.set_idle(idle_ms)

    @property
    def on_start_screen(self) -> bool:
        """Return True while the start screen is up (nobody is reading)."""
        return self._attract is not None and self._attract.isVisible()

    @property
    def screen_state(self) -> str:
        """Return what the screen shows, for the health file: showing, start screen or asleep."""
        if self.sleep is not None and self.sleep.asleep:
            return "asleep"
        return "start screen" if self.on_start_screen else "showing"

    # -- the idle cycle ------------------------------------------------------------------------

    def ask_if_still_there(self) -> None:
        """Idle for a while: ask, and count down to the reset."""
        self.guard.disarm()
        if self._attract is not None and self._attract.isVisible():
            return
        if self.reading:  # someone is listening, not touching: ask after the reading
            self.guard.arm()
            return
        log.info("idle: asking if anyone is still there")
        self.overlay.apply_look(self.session.look)
        self.overlay.ask(self.warning_ms)

    def reset(self) -> None:
        """Nobody answered: clear everything for the next patient and show the start screen."""
        log.info("idle: resetting for the next patient")
        self._told_no_pin = False
        self.session.reset_for_next_patient()
        self.show_attract()
        QTimer.singleShot(0, self.releases.check)  # a new content release: now, nobody reads
        QTimer.singleShot(0, release_free_memory)  # after Qt has deleted the old widgets

    def show_attract(self) -> None:
        """Show the start screen (the idle guard rests until someone touches it); asleep when closed."""
        self.guard.disarm()
        if self.sleep is not None and self.sleep.should_sleep():
            self.sleep.fall_asleep()
            return
        session = self.session
        languages = sorted(session.library.codes, key=lambda code: (code != session.lang, code))
        self.attract.apply_look(session.look)
        self.attract.present(session.config.clinic_name, languages)

    def set_reading(self, reading: bool) -> None:
        """Read aloud started or ended; the idle count starts again when it ends."""
        self.reading = reading
        if not reading and self.guard.armed:
            self.guard.arm()

    def _start_session(self) -> None:
        self.session.home()
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
        if self._usage_screen is not None:
            self._usage_screen.hide()
        if self.sleep is not None:
            self.sleep.hide()
        for _ in range(10):  # a menu or dialog someone left open (none is expected)
            widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if widget is None:
                break
            widget.close()

    def recover(self) -> None:
        """After an unexpected error: close everything and show the home screen."""
        self.close_layers()
        self.session.home()
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
        elif name == "usage":
            self._open_staff_menu()
            self.open_usage()
        elif name == "take-home" and self.window.page_end is not None:
            self.window.page_end.show_take_home()

    # -- staff ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Count taps on the clinic's name (only that label is watched)."""
        # Quick taps arrive as press, double-click, press, double-click ... on a real screen.
        if event.type() in _TAP_EVENTS and self.secret_taps.tap():
            self._secret_taps_done()
        return False

    def _secret_taps_done(self) -> None:
        """Open the PIN pad; with no staff PIN set, show nothing (anyone can tap five times)."""
        if self.session.config.staff_pin_hash:
            self.open_pin_pad()
        elif not self._told_no_pin:
            self._told_no_pin = True
            log.warning("five taps on the clinic's name, but no staff PIN is set: the staff menu "
                        "stays closed (put the line from `%s hash-pin` in the settings file)",
                        command_name())

    def open_pin_pad(self) -> None:
        """Show the staff PIN pad (with no PIN set, how to set one: for staff screenshots)."""
        self.pin_pad.apply_look(self.session.look.with_normal_text())
        self.pin_pad.open(self.session.config.staff_pin_hash)

    def _open_staff_menu(self) -> None:
        self.staff_menu.apply_look(self.session.look.with_normal_text())
        self.staff_menu.present()

    def reload_content(self) -> None:
        """Read the content folder again (after staff edited the pages) and report."""
        session = self.session
        session.reload()
        library = session.library
        pages = library.page_count()
        log.info("content reloaded from %s: %d pages", library.root, pages)
        lang, problems = session.lang, len(library.problems)
        self.staff_menu.say(text(lang, "staff_reloaded_summary").format(
            pages=plural(lang, "staff_reloaded_pages", pages).format(pages=pages),
            problems=plural(lang, "staff_reloaded_problems", problems).format(problems=problems)))
        self.staff_menu.raise_()

    def exit_kiosk(self) -> None:
        """Really quit (the staff asked for it behind the PIN)."""
        log.info("staff exit: the kiosk is closing")
        self.lockdown.allow_quit()
        self.window.close()
