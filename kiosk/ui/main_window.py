"""The kiosk's main window: the clinic's name, the screens, the navigation bar, and their wiring."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.body_regions import BODY_MAP_ID
from kiosk.core.look import Look
from kiosk.core.navigation import Location
from kiosk.core.session import Change, KioskSession
from kiosk.ui import fonts, keyboard
from kiosk.ui.fitted_label import FittedLabel
from kiosk.ui.home_screen import HomeScreen
from kiosk.ui.kiosk_mode import KioskMode
from kiosk.ui.nav_bar import NavBar
from kiosk.ui.page_prerender import PagePrerenderer
from kiosk.ui.session_bridge import SessionBridge
from kiosk.ui.widget_sheets import apply_widget_sheet, apply_window_sheet

if TYPE_CHECKING:
    from kiosk.ui.body_map import BodyMapScreen
    from kiosk.ui.glossary_popup import GlossaryPopup
    from kiosk.ui.live_reload import LiveReload
    from kiosk.ui.page_end import PageEnd
    from kiosk.ui.page_screen import PageScreen
    from kiosk.ui.read_aloud import ReadAloud
    from kiosk.ui.speech_engine import SpeechEngine

log = logging.getLogger(__name__)
HEADER_SMALLEST = 0.5  # a long clinic name may shrink to half the header's text size before it is cut


def clear_clipboards() -> None:
    """Empty the clipboard and the X primary selection: nothing copied waits for the next patient."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)


class KioskWindow(QMainWindow):
    """Lays out the screens and wires them to the session (all in `_connect_signals`).

    The session (kiosk/core/session.py) holds what the patient is doing; the bridge turns
    its changes into signals; each widget applies a look to itself.
    """

    def __init__(self, session: KioskSession, fullscreen: bool = True):
        """Build the window for `session`, full screen (kiosk) or not (laptop demo)."""
        super().__init__()
        self.setObjectName("KioskWindow")
        self.session = session
        self.bridge = SessionBridge(session, self)
        self.fullscreen = fullscreen
        config = session.config
        self.setWindowTitle(config.clinic_name)
        # The sheet first: each widget below is then styled once, as it is made (set after
        # them, it restyled the 50 of the home screen again: 7 ms at start-up).
        apply_window_sheet(self, session.look)

        central = QWidget(self)
        central.setObjectName("KioskWindow")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = QWidget(central)
        self.header.setObjectName("Header")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        header_row = QHBoxLayout(self.header)
        header_row.setContentsMargins(0, 0, 0, 0)
        # Any length of name: on one line, else two, smaller if need be, else cut with an ellipsis;
        # never wider than the screen (the window would grow past it and push the nav bar off).
        self.clinic_label = FittedLabel(config.clinic_name, self.header, max_lines=2,
                                        smallest=HEADER_SMALLEST, fill_height=True)
        self.clinic_label.setObjectName("ClinicName")
        self.clinic_label.setAccessibleName(config.clinic_name)
        header_row.addWidget(self.clinic_label, 1)
        self.stack = QStackedWidget(central)
        self.home_screen = HomeScreen(self.stack)
        self.stack.addWidget(self.home_screen)
        self._page_screen: PageScreen | None = None  # built on first use: see page_screen
        self.page_end: PageEnd | None = None  # helpful answers, take-home code, usage: with it
        self._body_map: BodyMapScreen | None = None  # built on first use: see body_map_screen
        self._glossary_popup: GlossaryPopup | None = None  # built on first use: see show_glossary
        self.nav_bar = NavBar(central)
        column.addWidget(self.header)
        column.addWidget(self.stack, 1)
        column.addWidget(self.nav_bar)
        self.setCentralWidget(central)

        self.prerender = PagePrerenderer(session, self.prepare_page_screen, self)
        self.kiosk_mode = KioskMode(self, session, self.bridge)
        self.live_reload: LiveReload | None = None  # see watch_content()
        # Read aloud: the engine is loaded while idle after start-up, the reader on the first tap.
        self._speech: SpeechEngine | None = None
        self._read_aloud: ReadAloud | None = None
        self._shown_lang = ""
        self._connect_signals()
        self._show_library()
        self._apply_look(session.look)
        self.show_location(session.location)
        self.prerender.start()

    def _connect_signals(self) -> None:
        """Wire the widgets to the session and the session's changes to the widgets: all here."""
        session, bridge = self.session, self.bridge
        self.home_screen.section_chosen.connect(lambda page_id: session.open(page_id))
        self.home_screen.language_chosen.connect(session.set_language)
        self.home_screen.body_map_chosen.connect(lambda: session.open(BODY_MAP_ID))
        self.nav_bar.back_pressed.connect(session.back)
        self.nav_bar.home_pressed.connect(session.home)
        self.nav_bar.text_size_pressed.connect(lambda: self._keeping_focus(session.next_text_size))
        self.nav_bar.high_contrast_toggled.connect(
            lambda on: self._keeping_focus(lambda: session.set_high_contrast(on)))
        bridge.resetting.connect(self.kiosk_mode.close_layers)
        bridge.resetting.connect(self._clear_for_next_patient)
        bridge.resetting.connect(clear_clipboards)
        bridge.resetting.connect(self.kiosk_mode.lockdown.bring_back)
        bridge.library_changed.connect(self._show_library)
        bridge.library_changed.connect(self.prerender.start)
        bridge.look_changed.connect(self._apply_look)
        bridge.location_changed.connect(self.show_location)

    # -- what the window holds -----------------------------------------------------------------

    @property
    def page_screen(self) -> PageScreen:
        """The page screen, built the first time it is needed.

        The kiosk opens on the home screen, and the text view behind the pages is the costliest
        part of the window to make (about 20 ms, mostly PySide meeting its Qt classes for the
        first time). The page prerenderer builds it a moment after start-up, so a first tap
        does not wait for it either.
        """
        return self._page_screen or self.prepare_page_screen()

    @property
    def page_screen_built(self) -> bool:
        """Return True once the page screen exists (it is built on first use)."""
        return self._page_screen is not None

    def prepare_page_screen(self) -> PageScreen:
        """Build the page screen now if it is not built yet; return it."""
        if self._page_screen is None:
            from kiosk.ui.page_screen import PageScreen

            fonts.load_italic_fonts()  # before any page is laid out
            screen = PageScreen(self.session.library.root, self.stack)
            self.stack.addWidget(screen)
            screen.page_requested.connect(self.session.open)
            screen.view.glossary_requested.connect(self.show_glossary)
            self._page_screen = screen
            screen.apply_look(self.session.look)
            self.bridge.look_changed.connect(screen.apply_look)
            self._connect_read_aloud(screen)
            from kiosk.ui.page_end import PageEnd

            self.page_end = PageEnd(self, self.session, screen.end_bar)
            self.bridge.resetting.connect(self.page_end.patient_left)
        return self._page_screen

    def _connect_read_aloud(self, screen: PageScreen) -> None:
        """Wire the Listen buttons (built with the page screen) to the reader and the session."""
        bar, speech, bridge, session = screen.listen_bar, self.speech, self.bridge, self.session
        bar.listen_pressed.connect(self.listen)
        bar.stop_pressed.connect(self.stop_reading)
        bar.slower_toggled.connect(lambda on: self._with_reader(lambda reader: reader.set_slower(on)))
        speech.ready.connect(lambda: bar.set_available(speech.has_voice(session.lang)))
        bridge.look_changed.connect(lambda look: bar.set_available(speech.has_voice(look.lang)))
        bridge.look_changed.connect(lambda look: self._with_reader(lambda reader: reader.apply_look(look)))
        bridge.location_changed.connect(self.stop_reading)  # (a text size or contrast tap does not)
        bridge.resetting.connect(self.stop_reading)
        bridge.resetting.connect(bar.reset)  # normal speed for the next patient
        bar.set_available(speech.has_voice(session.lang))

    @property
    def speech(self) -> SpeechEngine:
        """The speech engine (kiosk/ui/speech_engine.py), made when first asked for.

        Made, not loaded: its voices are found by probe(), while idle (prepare_speech).
        """
        if self._speech is None:
            from kiosk.ui.speech_engine import SpeechEngine

            config = self.session.config
            self._speech = SpeechEngine(config.read_aloud_engine, config.read_aloud_voices, self)
        return self._speech

    def prepare_speech(self, delay_ms: int | None = None) -> None:
        """Load the speech engine and its voices in a while (the running kiosk: app.run)."""
        from kiosk.ui.speech_engine import PROBE_DELAY_MS

        speech = self.speech
        QTimer.singleShot(PROBE_DELAY_MS if delay_ms is None else delay_ms, speech,
                          lambda: speech.probe(self.session.library.codes))

    @property
    def read_aloud(self) -> ReadAloud:
        """The reader (kiosk/ui/read_aloud.py), loaded on the first Listen tap."""
        if self._read_aloud is None:
            from kiosk.ui.read_aloud import ReadAloud

            reader = ReadAloud(self.speech, self.page_screen.view, self)
            bar = self.page_screen.listen_bar
            reader.state_changed.connect(bar.show_state)
            reader.reading_changed.connect(self.kiosk_mode.set_reading)
            reader.apply_look(self.session.look)
            reader.set_slower(bar.slower)
            self._read_aloud = reader
        return self._read_aloud

    def listen(self) -> None:
        """The Listen button: read the page aloud; while reading, pause; paused, go on."""
        self.speech.probe(self.session.library.codes)
        if self.speech.has_voice(self.session.lang):
            from kiosk.ui.listen_bar import IDLE

            starting = self._read_aloud is None or self._read_aloud.state == IDLE
            self.read_aloud.listen(self.session.lang)
            if starting and self.page_end is not None:  # a new reading, not Pause or Resume
                self.page_end.usage.record_listen()

    def speak_text(self, text: str, lang: str) -> bool:
        """Read any text aloud in `lang` (a glossary pop-up ...); False when `lang` has no voice."""
        self.speech.probe(self.session.library.codes)
        return self.speech.has_voice(lang) and self.read_aloud.speak_text(text, lang)

    def stop_reading(self, *_: object) -> None:
        """Stop reading aloud (nothing happens when nothing is read)."""
        self._with_reader(lambda reader: reader.stop())

    def _with_reader(self, step: Callable[[ReadAloud], None]) -> None:
        """Run `step` on the reader if it was loaded (before the first Listen tap there is none)."""
        if self._read_aloud is not None:
            step(self._read_aloud)

    @property
    def body_map_screen(self) -> BodyMapScreen:
        """The "Where does it hurt?" screen, built the first time it is opened."""
        if self._body_map is None:
            from kiosk.ui.body_map import BodyMapScreen

            screen = BodyMapScreen(self.stack)
            self.stack.addWidget(screen)
            screen.region_chosen.connect(self.session.choose_region)
            screen.page_chosen.connect(lambda page_id: self.session.open(page_id))
            screen.help_chosen.connect(lambda page_id: self.session.open(page_id))
            self._body_map = screen
            screen.apply_look(self.session.look)
            self.bridge.look_changed.connect(screen.apply_look)
        return self._body_map

    @property
    def body_map_built(self) -> bool:
        """Return True once the body map exists (it is built on first use)."""
        return self._body_map is not None

    def show_glossary(self, key: str) -> None:
        """Explain the glossary word `key` in a pop-up over the page (built on first use)."""
        session = self.session
        term = session.renderer.glossary(session.lang).find(key)
        if term is None:
            log.warning("no glossary word '%s' in '%s'", key, session.lang)
            return
        if self._glossary_popup is None:
            from kiosk.ui.glossary_popup import GlossaryPopup

            popup = GlossaryPopup(self)
            self._glossary_popup = popup
            popup.apply_look(session.look)
            self.bridge.look_changed.connect(popup.apply_look)
            self.bridge.resetting.connect(popup.close_popup)
            self.bridge.location_changed.connect(popup.close_popup)
            popup.listen_requested.connect(lambda words: self.speak_text(words, self.session.lang))
            popup.closed.connect(self.stop_reading)
        self.speech.probe(session.library.codes)  # (cheap after the first time)
        self._glossary_popup.can_listen = self.speech.has_voice(session.lang)
        self._glossary_popup.open_term(term, session.library.root)

    @property
    def glossary_popup(self) -> GlossaryPopup | None:
        """The glossary pop-up, once a word was tapped (None before)."""
        return self._glossary_popup

    def watch_content(self) -> LiveReload:
        """Follow edits of the content and stylesheets on disk (live preview for authors)."""
        if self.live_reload is None:
            from kiosk.ui.live_reload import LiveReload

            self.live_reload = LiveReload(self)
        return self.live_reload

    # -- showing what the session says ---------------------------------------------------------

    def show_location(self, location: Location) -> None:
        """Show the home screen or a page (the session's location)."""
        if location.is_home:
            self._switch_to(self.home_screen)
            self.home_screen.setFocus()  # no tile (or language button) looks pre-selected
        elif location.page_id == BODY_MAP_ID:
            body_map = self.body_map_screen
            self._switch_to(body_map)  # (shown first: it takes a waiting look)
            body_map.show_region(self.session.language, location.fragment)
            body_map.setFocus()
        else:
            session = self.session
            rendered = session.render(location.page_id)
            page = session.page
            screen = self.page_screen
            if self.stack.currentWidget() is not screen:
                # Shown first, empty: a screen shown again is sized again, and Qt lays its page
                # out again at each new size; this way the new page is laid out once.
                screen.clear()
                self._switch_to(screen)
            screen.show_page(rendered.html, page.title if page is not None else "", session.language,
                             page, location.fragment)
            screen.view.setFocus()  # the text, not a button, so no focus ring appears after a tap
        if self.page_end is not None:
            self.page_end.location_shown(location)  # the row under the page; the usage counts
        self.nav_bar.back_button.setEnabled(self.session.history.can_go_back)
        self.nav_bar.home_button.setEnabled(not location.is_home)

    def _switch_to(self, screen: QWidget) -> None:
        """Show `screen` in the stack, the focus taken off the old one first (it is set after).

        A screen hidden with the focus in it makes Qt look through the window for where the
        focus goes next (focusNextPrevChild: every widget listed and sorted, at every tap).
        """
        old = self.stack.currentWidget()
        if old is screen:
            return
        focused = QApplication.focusWidget()
        if focused is not None and old is not None and old.isAncestorOf(focused):
            focused.clearFocus()
        self.stack.setCurrentWidget(screen)

    def _show_library(self) -> None:
        """Show the sections and languages of the content (at start-up and after a reload)."""
        session = self.session
        self.home_screen.show_sections(session.language, session.lang)
        self._shown_lang = session.lang
        self.home_screen.languages.show_languages(session.library.codes)
        if self._page_screen is not None:
            self._page_screen.view.content_root = session.library.root

    def _apply_look(self, look: Look) -> None:
        """The window's own part of a new look: its sheet, the header, the words of the tiles."""
        # The window's own sheet has normal text size: it changes only with the colours (the
        # staff screens use it as it is); the parts with patient text carry their own.
        if self._page_screen is not None:
            self._page_screen.before_look(look)
        apply_window_sheet(self, look)
        apply_widget_sheet(self.header, look)
        self.home_screen.apply_look(look)
        self.nav_bar.apply_look(look)
        if look.lang != self._shown_lang:
            self.home_screen.show_sections(self.session.language, look.lang)
            self._shown_lang = look.lang

    def _keeping_focus(self, step: Callable[[], Change]) -> None:
        """Run a display change; a keyboard user stays on the button they pressed."""
        focused = QApplication.focusWidget()
        step()
        if focused is not None and focused.isVisible():
            focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_for_next_patient(self) -> None:
        """Every scroll position to the top; the last page (and its pictures) leaves memory."""
        self.stack.setCurrentWidget(self.home_screen)  # the last page is not drawn again
        self.home_screen.show_first()  # the first topics, whatever "More topics" showed
        areas: list[QAbstractScrollArea] = [self.home_screen.tile_area]
        if self._page_screen is not None:
            areas += [self._page_screen.view, self._page_screen.panel]
            self._page_screen.clear()
        if self._body_map is not None:
            self._body_map.clear()  # no region chosen for the next patient
            areas.append(self._body_map.list_area)
        for area in areas:
            QScroller.scroller(area.viewport()).stop()
            area.verticalScrollBar().setValue(0)

    # -- keys ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Back (Backspace, Alt+Left), Home, and Enter on the focused button."""
        if not keyboard.handle_window_key(self.session, event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab: move through the controls on screen in reading order."""
        return keyboard.move_focus(self, next)
