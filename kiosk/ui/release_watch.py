"""Notices a new content release installed by `kiosk update` and loads it between patients."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from kiosk.core.session import KioskSession, load_content
from kiosk.fleet.releases import content_root, site_of

log = logging.getLogger(__name__)


class ReleaseWatch(QObject):
    """Reads the fleet folder's `current` pointer; never while someone is reading.

    Asked after each reset for the next patient and, from the heartbeat, while the start screen
    or the black screen is up. One small file read: no network, no polling of the content.
    """

    def __init__(self, session: KioskSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session

    def check(self) -> bool:
        """Load the release `current` names if it is not the one shown; True when it loaded one."""
        root = self.session.library.root
        site = site_of(root)
        if site is None:
            return False
        wanted = content_root(site)
        if wanted in (root, site):
            return False
        library = load_content(wanted)
        if library.page_count() == 0:
            log.error("content release %s has no pages; still showing %s", wanted.name, root.name)
            return False
        self.session.reload(library)
        log.info("content release %s loaded (was %s): %d pages", wanted.name, root.name,
                 library.page_count())
        return True
