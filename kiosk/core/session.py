"""The patient's session: content, history, language, display settings, and what changed (Qt-free)."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.config import Config
from kiosk.core.content import ContentLibrary, Language, Page, load_for_kiosk
from kiosk.core.display_settings import DisplaySettings
from kiosk.core.look import Look
from kiosk.core.navigation import History, Location

if TYPE_CHECKING:
    from kiosk.core.rendering import PageRenderer, RenderedPage

log = logging.getLogger(__name__)


class Change(enum.Flag):
    """What a session step changed; the Qt bridge turns each kind into one signal."""

    NONE = 0
    LOCATION = enum.auto()  # a different screen, or the same one to show again (new language, content)
    LANGUAGE = enum.auto()  # the language of the interface and the pages
    DISPLAY = enum.auto()  # text size or contrast
    LIBRARY = enum.auto()  # the content was read again
    RESET = enum.auto()  # the session is being cleared for the next patient

    @property
    def look(self) -> bool:
        """Return True when the look (language, text size, contrast) changed."""
        return bool(self & (Change.LANGUAGE | Change.DISPLAY))


Listener = Callable[[Change], None]


def choose_language(library: ContentLibrary, wanted: str) -> str:
    """Return `wanted` if the content has it, else the first language it has (else `wanted`).

    The one place the kiosk decides its language: at launch, after a reload, between patients.
    """
    if library.language(wanted) is not None:
        return wanted
    fallback = next((code for code in library.codes if library.language(code) is not None), None)
    if fallback is None:
        return wanted
    log.warning("no content for language '%s'; showing '%s'", wanted, fallback)
    return fallback


def load_content(root: Path, first: str | None = None, region: str = "") -> ContentLibrary:
    """Read the content the way the kiosk always does (front matter cache, problems logged).

    `region` (a code such as "uk"; default: the bundled default) fills the pages' variables.

    Start-up, the staff menu's Reload content, the live preview and later the fleet updater all
    come through here.
    """
    from kiosk.core.regions import DEFAULT_REGION, load_region

    return load_for_kiosk(root, first=first, region=load_region(region or DEFAULT_REGION))


class KioskSession:
    """What one patient is doing: where they are, in which language, with which look.

    Every step returns a `Change` saying what it changed, and tells the listener (the Qt
    bridge) the same. Nothing here knows about widgets.
    """

    def __init__(self, library: ContentLibrary, config: Config | None = None, scale: float = 1.0,
                 lang: str = "", display: DisplaySettings | None = None):
        """Start a session on `library` in `lang` (default: the configured language)."""
        self.config = config or Config()
        self.library = library
        self.scale = scale
        self.history = History()
        self.lang = choose_language(library, lang or self.config.default_language)
        self.display = display or DisplaySettings()
        self.listener: Listener | None = None
        # "Was this page helpful?": page id -> this patient's answer (one a page; cleared at reset).
        self.helpful_answers: dict[str, bool] = {}
        self._renderer: PageRenderer | None = None  # made on first use: see renderer

    # -- what is there now ---------------------------------------------------------------------

    @property
    def location(self) -> Location:
        """Return what is on screen."""
        return self.history.current

    @property
    def language(self) -> Language | None:
        """Return the content in the session's language (None when there is none)."""
        return self.library.language(self.lang)

    @property
    def page(self) -> Page | None:
        """Return the page on screen (None on the home screen or for a missing page)."""
        language = self.language
        location = self.location
        return language.pages.get(location.page_id) if language and not location.is_home else None

    @property
    def look(self) -> Look:
        """Return the look widgets draw themselves in."""
        return Look(self.lang, self.scale, self.display)

    @property
    def renderer(self) -> PageRenderer:
        """The Markdown renderer and its page cache (made on first use, after the first screen)."""
        if self._renderer is None:
            from kiosk.core.rendering import PageRenderer

            self._renderer = PageRenderer(self.library, image_scale=self.scale)
        return self._renderer

    @property
    def renderer_made(self) -> bool:
        """Return True once the renderer exists (a window start has none before the first page)."""
        return self._renderer is not None

    def render(self, page_id: str, lang: str = "") -> RenderedPage:
        """Return a page rendered (once, then from the cache), in the session's language by default."""
        return self.renderer.render(lang or self.lang, page_id)

    # -- moving around -------------------------------------------------------------------------

    def open(self, page_id: str, fragment: str = "") -> Change:
        """Show a page (scrolled to `fragment`), adding it to the history."""
        self.history.visit(Location(page_id, fragment))
        return self._tell(Change.LOCATION)

    def choose_region(self, region: str) -> Change:
        """On the body map, choose a region (its pages are listed); Back then leaves the map."""
        from kiosk.core.body_regions import BODY_MAP_ID

        self.history.replace(Location(BODY_MAP_ID, region))
        return self._tell(Change.LOCATION)

    def back(self) -> Change:
        """Go back one screen."""
        self.history.back()
        return self._tell(Change.LOCATION)

    def home(self) -> Change:
        """Go to the home screen and forget the history."""
        self.history.reset()
        return self._tell(Change.LOCATION)

    # -- language and look ---------------------------------------------------------------------

    def set_language(self, code: str) -> Change:
        """Switch language, staying on the same page if it exists there (NONE without content)."""
        if self.library.language(code) is None:
            log.warning("no content for language '%s'", code)
            return Change.NONE
        if code == self.lang:
            return Change.NONE
        self.lang = code
        language = self.library.language(code)
        location = self.location
        if not location.is_home and language is not None and location.page_id not in language.pages:
            self.history.reset()  # the page has no translation: start from home in that language
        return self._tell(Change.LANGUAGE | Change.LOCATION)

    def set_display(self, display: DisplaySettings) -> Change:
        """Use `display` (text size, contrast); the page on screen stays."""
        if display == self.display:
            return Change.NONE
        self.display = display
        return self._tell(Change.DISPLAY)

    def next_text_size(self) -> Change:
        """Make the text one size larger (after the largest comes normal again)."""
        return self.set_display(self.display.next_text_size())

    def set_high_contrast(self, on: bool) -> Change:
        """Switch the high-contrast colours on or off."""
        return self.set_display(self.display.with_high_contrast(on))

    # -- content and patients ------------------------------------------------------------------

    def reload(self, library: ContentLibrary | None = None, keep_page: bool = False) -> Change:
        """Show freshly read content (read now from the same folder unless `library` is given).

        Staff reload: from the home screen. Live preview (`keep_page`): the same page stays.
        """
        if library is None:
            library = load_content(self.library.root, region=self.library.region.code)
        self.library = library
        if self._renderer is not None:
            self._renderer.library = self.library  # forgets every rendered page
        change = Change.LIBRARY | Change.LOCATION
        if not keep_page:
            self.history.reset()
        lang = choose_language(self.library, self.lang if keep_page else self.config.default_language)
        if lang != self.lang:
            self.lang = lang
            change |= Change.LANGUAGE
        return self._tell(change)  # (a page gone from the new content shows "ask the staff")

    def reset_for_next_patient(self) -> Change:
        """Put everything back as the next person should find it: home, configured language, default look."""
        self.history.reset()
        self.helpful_answers.clear()
        change = Change.RESET | Change.LOCATION
        lang = choose_language(self.library, self.config.default_language)
        if lang != self.lang:
            self.lang = lang
            change |= Change.LANGUAGE
        if self.display != DisplaySettings():
            self.display = DisplaySettings()
            change |= Change.DISPLAY
        return self._tell(change)

    def answer_helpful(self, page_id: str, helpful: bool) -> bool:
        """Keep this patient's answer for a page; False when the page was already answered."""
        if page_id in self.helpful_answers:
            return False
        self.helpful_answers[page_id] = helpful
        return True

    def _tell(self, change: Change) -> Change:
        if change and self.listener is not None:
            self.listener(change)
        return change
