"""Builds the page screen and renders every page ahead of time, so a first tap is as quick as later ones."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.core.session import KioskSession

log = logging.getLogger(__name__)
START_DELAY_MS = 1000  # let the first screen appear and settle first
# Pages rendered ahead at most (all languages together): sections first, then their pages.
# The bundled content has 70; 10,000 pages would keep the kiosk busy for 20 s and hold them all
# in memory, for pages hardly anyone opens (a page not rendered ahead renders on its tap).
MAX_PAGES_AHEAD = 300


class PagePrerenderer(QObject):
    """Builds the page screen, then fills the page cache in the background, language on screen first.

    Each timer tick renders one page (a few milliseconds), so a tap waits at most for one
    page. Pages already in the cache cost nothing; start() again after the cache was emptied.
    """

    def __init__(self, session: KioskSession, prepare_view: Callable[[], object],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.prepare_view = prepare_view  # builds the page screen (once)
        self._view_ready = False
        self._queue: list[tuple[str, str]] | None = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render_next)

    @property
    def pending(self) -> int:
        """Return how many pages are still waiting to be rendered (1 until they are listed)."""
        return 1 if self._queue is None else len(self._queue)

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """Queue the pages of every language (the one on screen first) and begin after a delay.

        At most MAX_PAGES_AHEAD: every section, then the sub-pages in order.
        """
        self._queue = None  # listed at the first tick: that reads the other languages' pages
        self._timer.start(delay_ms)

    def _pages(self) -> list[tuple[str, str]]:
        library = self.session.library
        codes = sorted(library.codes, key=lambda code: (code != self.session.lang, code))
        on_screen = library.language(self.session.lang)
        if on_screen is not None and len(on_screen.pages) > MAX_PAGES_AHEAD:
            codes = [self.session.lang]  # big content: another language is read when asked for
        languages = [language for code in codes if (language := library.language(code))]
        sections = [(language.code, page_id) for language in languages
                    for page_id in language.sections]
        others = ((language.code, page.id) for language in languages
                  for page in language.ordered() if page.parent is not None)
        queue = sections[:MAX_PAGES_AHEAD]
        queue += itertools.islice(others, MAX_PAGES_AHEAD - len(queue))
        queue.reverse()  # pop() from the end
        return queue

    def _render_next(self) -> None:
        if not self._view_ready:  # the text view first: a tap needs it before any page
            self.prepare_view()
            self._view_ready = True
            self._timer.start(0)
            return
        if self._queue is None:
            self._queue = self._pages()
            self._timer.start(0)
            return
        if not self._queue:
            return
        lang, page_id = self._queue.pop()
        try:
            self.session.render(page_id, lang)
        except RecursionError:  # one line, not thousands of lines of the same frames
            log.warning("could not render %s/%s ahead of time: it is nested too deeply", lang,
                        page_id)
        except Exception:  # never let a bad page stop the kiosk; it is rendered again on a tap
            log.exception("could not render %s/%s ahead of time", lang, page_id)
        if self._queue:
            self._timer.start(0)
