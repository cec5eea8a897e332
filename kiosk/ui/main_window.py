"""The kiosk's main window: header with the clinic's name, the screens, and the navigation bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.config import Config
from kiosk.core.content import ContentLibrary
from kiosk.core.display_settings import DisplaySettings
from kiosk.core.navigation import History, Location
from kiosk.core.stylesheets import load_stylesheet
from kiosk.core.themes import theme
from kiosk.ui import fonts, keyboard
from kiosk.ui.home_screen import HomeScreen
from kiosk.ui.nav_bar import NavBar
from kiosk.ui.page_prerender import PagePrerenderer

if TYPE_CHECKING:
    from kiosk.core.rendering import PageRenderer, RenderedPage
    from kiosk.ui.page_screen import PageScreen

log = logging.getLogger(__name__)
BODY_PIXELS = 28  # body text size in content.css at 1920x1080


class KioskWindow(QMainWindow):
    """Wires the screens together; all content comes from the core (library and renderer)."""

    page_shown = Signal(str)  # the page id on screen, "" for the home screen

    def __init__(self, config: Config, library: ContentLibrary, scale: float = 1.0,
                 fullscreen: bool = True, lang: str = "", display: DisplaySettings | None = None):
        """Build the window in `lang` (default: the configured one) and `display` settings."""
        super().__init__()
        self.setObjectName("KioskWindow")
        self.config = config
        self.library = library
        self.fullscreen = fullscreen
        self.scale = scale
        self.display = display or DisplaySettings()  # text size and contrast the patient chose
        self.staff_screens: list[QWidget] = []  # keep normal text size (keep_normal_text_size)
        if lang and library.language(lang) is None:
            log.warning("no content for language '%s'", lang)
        self.lang = lang if lang and library.language(lang) is not None else self._initial_language()
        self.history = History()
        self._renderer: PageRenderer | None = None  # made on first use: see renderer
        self.content_css = ""
        # Called first by reset_for_next_patient(): close overlays, forget per-patient settings.
        self.reset_hooks: list[Callable[[], None]] = []
        self.setWindowTitle(config.clinic_name)

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
        self.clinic_label = QLabel(config.clinic_name, self.header)
        self.clinic_label.setObjectName("ClinicName")
        self.clinic_label.setAccessibleName(config.clinic_name)
        header_row.addWidget(self.clinic_label, 1)
        self.stack = QStackedWidget(central)
        self.home_screen = HomeScreen(self.stack)
        self.stack.addWidget(self.home_screen)
        self._page_screen: PageScreen | None = None  # built on first use: see page_screen
        self.nav_bar = NavBar(central)
        column.addWidget(self.header)
        column.addWidget(self.stack, 1)
        column.addWidget(self.nav_bar)
        self.setCentralWidget(central)

        self.home_screen.section_chosen.connect(lambda pid: self.open_page(pid))
        self.nav_bar.back_pressed.connect(self.go_back)
        self.nav_bar.home_pressed.connect(self.show_home)
        self.nav_bar.text_size_pressed.connect(self.next_text_size)
        self.nav_bar.high_contrast_toggled.connect(self.set_high_contrast)
        self.home_screen.language_chosen.connect(self.set_language)
        self.prerender = PagePrerenderer(self)  # first taps as quick as later ones
        self.apply_style()
        self.show_home()

    # -- state ---------------------------------------------------------------------------------

    def _initial_language(self) -> str:
        if self.library.language(self.config.default_language) is not None:
            return self.config.default_language
        fallback = next((code for code in self.library.codes
                         if self.library.language(code) is not None), None)
        if fallback is not None:
            log.warning("no content for language '%s'; showing '%s'",
                        self.config.default_language, fallback)
            return fallback
        return self.config.default_language

    @property
    def language(self):
        """Return the content of the language on screen (None when the content is missing)."""
        return self.library.language(self.lang)

    @property
    def theme_name(self) -> str:
        """Return the name of the colour theme on screen."""
        return self.display.theme_name

    @property
    def current(self) -> Location:
        """Return what is on screen."""
        return self.history.current

    @property
    def renderer(self) -> PageRenderer:
        """The Markdown renderer and its page cache (made on first use, after the first screen)."""
        if self._renderer is None:
            from kiosk.core.rendering import PageRenderer

            self._renderer = PageRenderer(self.library, image_scale=self.scale)
        return self._renderer

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

            screen = PageScreen(self.library.root, self.stack)
            self.stack.addWidget(screen)
            screen.page_requested.connect(self.open_page)
            self._page_screen = screen
            self._style_page_screen()
        return self._page_screen

    # -- navigation ----------------------------------------------------------------------------

    def show_home(self) -> None:
        """Show the home screen and forget the history."""
        self.history.reset()
        self._show_home_screen()

    def _show_home_screen(self) -> None:
        self.stack.setCurrentWidget(self.home_screen)
        self.home_screen.setFocus()  # no tile (or language button) looks pre-selected
        self._update_nav()
        self.page_shown.emit("")

    def open_page(self, page_id: str, fragment: str = "") -> None:
        """Show a page (and scroll to `fragment`), adding it to the history."""
        self.history.visit(Location(page_id, fragment))
        self._show(self.history.current)

    def go_back(self) -> None:
        """Show the previous screen."""
        location = self.history.back()
        if location.is_home:
            self._show_home_screen()
        else:
            self._show(location)

    def _show(self, location: Location) -> None:
        rendered = self.render_page(location.page_id)
        view = self.page_screen.view
        view.show_html(rendered.html, self.content_css)
        language = self.language
        page = language.pages.get(location.page_id) if language else None
        if page is not None:
            self.page_screen.panel.show_for(language, page, self.lang, self.scale)
        else:
            self.page_screen.panel.hide()
        self.stack.setCurrentWidget(self.page_screen)
        view.setFocus()  # the text, not a button, so no focus ring appears after a tap
        view.setAccessibleName(page.title if page is not None else "")
        view.scroll_to(location.fragment)
        self._update_nav()
        self.page_shown.emit(location.page_id)

    def render_page(self, page_id: str) -> RenderedPage:
        """Return the rendered page from the cache (rendering, and logging its problems, once)."""
        return self.renderer.render(self.lang, page_id)

    def _update_nav(self) -> None:
        self.nav_bar.back_button.setEnabled(self.history.can_go_back)
        self.nav_bar.home_button.setEnabled(not self.current.is_home)

    def set_language(self, code: str) -> bool:
        """Switch language, staying on the same page if it exists there; False if no content."""
        if self.library.language(code) is None:
            log.warning("no content for language '%s'", code)
            return False
        if code == self.lang:
            return True
        self.lang = code
        if not self.current.is_home and self.current.page_id not in self.language.pages:
            self.show_home()  # the page has no translation: start from home in that language
        self.apply_style()
        return True

    def reset_for_next_patient(self) -> None:
        """Put everything back as the next person should find it.

        No history, no open overlay, the configured language, every scroll position at the top.
        Features with per-patient state (text size, contrast ...) reset it here or in `reset_hooks`.
        """
        self.show_home()  # first, so the settings below do not redraw the last patient's page
        for hook in list(self.reset_hooks):
            hook()
        lang = self._initial_language()
        if (lang, self.display) != (self.lang, DisplaySettings()):  # one restyle for all three
            self.lang, self.display = lang, DisplaySettings()
            self.apply_style()
        areas = [self.home_screen.scroll]
        if self._page_screen is not None:
            areas += [self._page_screen.view, self._page_screen.panel]
            self._page_screen.view.clear()  # the last page (and its pictures) leaves memory too
        for area in areas:
            QScroller.scroller(area.viewport()).stop()
            area.verticalScrollBar().setValue(0)

    def load_library(self, library: ContentLibrary, keep_page: bool = False) -> None:
        """Show freshly loaded content: from home (staff reload), or on the same page (preview)."""
        self.library = library
        if self._renderer is not None:
            self._renderer.library = library  # forgets every rendered page
        if self._page_screen is not None:
            self._page_screen.view.content_root = library.root
        if not keep_page:
            self.history.reset()
        if not keep_page or library.language(self.lang) is None:
            self.lang = self._initial_language()
        self.apply_style()  # shows the page on screen again, from the new content
        if not keep_page:
            self.show_home()

    # -- display settings ----------------------------------------------------------------------

    def set_display_settings(self, display: DisplaySettings) -> None:
        """Show the kiosk with `display` (text size, contrast), keeping the page on screen."""
        if display == self.display:
            return
        self.display = display
        focused = QApplication.focusWidget()
        self.apply_style()
        if focused is not None and focused.isVisible():  # keyboard users stay on the button
            focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def next_text_size(self) -> None:
        """Make the text one size larger (after the largest comes normal again)."""
        self.set_display_settings(self.display.next_text_size())

    def set_high_contrast(self, on: bool) -> None:
        """Switch the high-contrast theme on or off."""
        self.set_display_settings(self.display.with_high_contrast(on))

    def keyPressEvent(self, event) -> None:
        """Back (Backspace, Alt+Left), Home, and Enter on the focused button."""
        if not keyboard.handle_window_key(self, event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab: move through the controls on screen in reading order."""
        return keyboard.move_focus(self, next)

    # -- looks ---------------------------------------------------------------------------------

    def keep_normal_text_size(self, widget: QWidget) -> None:
        """Draw `widget` (a staff screen) at normal text size whatever size the patient chose."""
        self.staff_screens.append(widget)
        self._style_staff_screens(theme(self.theme_name))

    def _style_staff_screens(self, colours: dict[str, str]) -> None:
        if self.staff_screens:
            normal = load_stylesheet("kiosk.qss", self.scale, colours)
            for widget in self.staff_screens:
                widget.setStyleSheet(normal)

    def apply_style(self) -> None:
        """(Re)build styles, tiles and labels for the current scale, theme and language."""
        # A page in a new look keeps the words the reader was at on top of the view.
        place = None if self.current.is_home else self.page_screen.view.top_position()
        colours = theme(self.theme_name)
        text_factor = self.display.text_factor
        qss = load_stylesheet("kiosk.qss", self.scale, colours, text_factor)
        if qss != self.styleSheet():  # the same sheet again would re-polish every widget
            self.setStyleSheet(qss)
            self._style_staff_screens(colours)
        self.content_css = load_stylesheet("content.css", self.scale, colours, text_factor)
        renderer = self._renderer
        if renderer is not None and renderer.image_scale != self.scale:
            renderer.image_scale = self.scale  # rendered pages depend on nothing else here
            renderer.clear_cache()
        self.prerender.start()
        if self._page_screen is not None:
            self._style_page_screen()
        self.home_screen.populate(self.language, self.lang, self.scale, text_factor)
        self.home_screen.languages.show_languages(self.library.codes, self.lang, self.scale)
        self.nav_bar.retranslate(self.lang, self.scale)
        self.nav_bar.show_display(self.display)
        self.nav_bar.apply_theme(colours, self.scale)
        if not self.current.is_home:
            self._show(self.current)
            self.page_screen.view.scroll_to_position(place)
        else:
            self._update_nav()

    def _style_page_screen(self) -> None:
        screen = self._page_screen
        screen.view.image_scale = self.scale
        screen.view.set_body_pixels(BODY_PIXELS * self.scale * self.display.text_factor)
        screen.set_scale(self.scale)
