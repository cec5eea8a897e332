"""Live preview for authors (`kiosk --watch`): reloads the page on screen when its files change.

Watches every file and folder of the content tree and the stylesheets. After a change (debounced),
the content is loaded again and the same page is shown at the same scroll position. When the
checker finds an error in the page's file, a "This page has a problem" view lists its messages
(FILE:LINE: severity: message) in place of the page, until the file is fixed.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.checks.content_check import check_page
from kiosk.core.navigation import Location
from kiosk.core.problems import Problem
from kiosk.core.resources import resource_path
from kiosk.core.strings import text

if TYPE_CHECKING:
    from kiosk.ui.main_window import KioskWindow

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200  # editors write a file in several steps; reload once they are done
MAX_WATCHED = 5000  # more files than any content tree has; keeps the watcher within OS limits
NO_IDLE_MS = 24 * 3600 * 1000  # authors edit for long stretches: no "are you still there?"


class LiveReload(QObject):
    """Keeps the window showing what is on disk; emits `reloaded(page_id)` after each reload."""

    reloaded = Signal(str)

    def __init__(self, window: KioskWindow, style_dir: Path | None = None):
        super().__init__(window)
        self.window = window
        self.style_dir = style_dir or resource_path("styles")
        self.problems: list[Problem] = []  # the checker's messages for the page on screen
        self.showing_problems = False
        self.saved_scroll: tuple[str, int] = ("", 0)  # the page's place while its problems show
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.reload)
        self.session = window.session
        window.bridge.location_changed.connect(self._check_shown_page)
        kiosk_mode = window.kiosk_mode
        kiosk_mode.set_timeouts(NO_IDLE_MS, kiosk_mode.warning_ms)
        self.watch()
        self._check_shown_page(self.session.location)

    # -- watching ------------------------------------------------------------------------------

    def watched_paths(self) -> list[str]:
        """Return every folder and file to watch: the content tree and the stylesheets."""
        paths: list[str] = []
        for top in (self.session.library.root, self.style_dir):
            if not top.is_dir():
                continue
            for folder, dirs, files in os.walk(top):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                paths.append(folder)
                paths.extend(os.path.join(folder, f) for f in files if not f.startswith("."))
                if len(paths) > MAX_WATCHED:
                    return paths[:MAX_WATCHED]
        return paths

    def watch(self) -> None:
        """Watch every path that exists now (editors that save by replacing a file drop it)."""
        current = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in self.watched_paths() if p not in current]
        if missing:
            self.watcher.addPaths(missing)

    def _changed(self, path: str) -> None:
        log.debug("changed on disk: %s", path)
        self.timer.start()

    # -- reloading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the content again and show the same page, at the same place, or its problems."""
        session = self.session
        view = self.window.page_screen.view
        location = session.location
        if not self.showing_problems:
            self.saved_scroll = (location.page_id, view.verticalScrollBar().value())
        page_id, scroll = self.saved_scroll
        try:
            self.window.bridge.refresh_look()  # a stylesheet may have changed on disk
            session.reload(keep_page=True)  # shows the page (or its problems) again
            if not location.is_home and not self.showing_problems and page_id == location.page_id:
                self._restore_scroll(scroll)
        except Exception:  # a preview must survive any edit; the log has the details
            log.exception("live preview could not reload the content")
        self.watch()
        self.reloaded.emit("" if location.is_home else location.page_id)

    def _restore_scroll(self, value: int) -> None:
        bar = self.window.page_screen.view.verticalScrollBar()
        bar.setValue(value)
        if bar.value() != value:  # the new text is not laid out yet
            QTimer.singleShot(0, lambda: bar.setValue(value))

    def _check_shown_page(self, location: Location) -> None:
        """Check the page just shown; on an error, show its problems in place of the page."""
        self.problems = []
        self.showing_problems = False
        if location.is_home:
            return
        page_id = location.page_id
        session = self.session
        try:
            self.problems = check_page(session.library, session.lang, page_id, session.config)
        except Exception:
            log.exception("live preview could not check %s", page_id)
            return
        if not any(p.severity == "error" for p in self.problems):
            return
        # A file the kiosk cannot read properly shows only its problems; a page that reads but
        # breaks a rule (dates, sources, reading level ...) shows them above the page itself.
        broken = any(p in session.library.problems for p in self.problems)
        page_html = "" if broken else session.render(page_id).html
        self.window.page_screen.show_text(problem_html(session.lang, self.problems) + page_html)
        self.showing_problems = True


def problem_html(lang: str, problems: list[Problem]) -> str:
    """Return the "This page has a problem" view: a red box with one line per message."""
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    return (
        f"<h1>{html.escape(text(lang, 'preview_problem_title'))}</h1>"
        '<table class="callout callout-caution" width="100%" cellspacing="0" cellpadding="18">'
        f'<tr><td class="callout-caution"><p>{html.escape(text(lang, "preview_problem_body"))}</p>'
        f"<ul>{items}</ul></td></tr></table>"
    )

