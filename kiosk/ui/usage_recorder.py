"""Feeds the private usage figures from the window: pages shown, answers, codes; writes them off the taps."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from kiosk.core.navigation import Location
from kiosk.core.session import KioskSession
from kiosk.core.usage import UsageLog, UsageStore

FLUSH_EVERY_MS = 5 * 60 * 1000  # besides the reset for the next patient


class UsageRecorder(QObject):
    """Counts what patients do in a `UsageLog`; writes the batch at the reset and every 5 minutes.

    A tap only adds to a dictionary; the SQLite file (and the sqlite3 module) is touched first
    by a flush, which runs from the event loop after the reset or from the timer.
    Other parts count through `record_listen`, `record_qr_show` and `record_helpful`.
    """

    def __init__(self, session: KioskSession, parent: QObject | None = None,
                 log: UsageLog | None = None):
        super().__init__(parent)
        self.session = session
        config = session.config
        self.log = log if log is not None else UsageLog(
            UsageStore(retention_days=config.usage_retention_days))
        # At a reset the patient left idle_timeout + idle_warning seconds before: not reading.
        self.idle_before_reset_s = float(config.idle_timeout_s + config.idle_warning_s)
        self.timer = QTimer(self)
        self.timer.setInterval(FLUSH_EVERY_MS)
        self.timer.timeout.connect(self.flush)
        self.timer.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)  # the last counts, when staff exit the kiosk

    # -- what patients do (slots wired in KioskWindow._connect_signals) ------------------------

    def location_shown(self, location: Location) -> None:
        """A screen was shown: a page counts a view and starts its reading clock."""
        session = self.session
        page = session.page
        if location.is_home or page is None:
            self.log.page_left()
        elif self.log.reading_page != (page.id, session.lang):  # not the same page drawn again
            self.log.page_shown(page.id, session.lang)

    def patient_left(self) -> None:
        """The reset for the next patient: the last page's time ends, and the batch is written."""
        self.log.page_left(self.idle_before_reset_s)
        QTimer.singleShot(0, self.flush)  # after the reset's own work, from the event loop

    def record_listen(self, page_id: str = "", lang: str = "") -> None:
        """Count the page on screen (or `page_id` in `lang`) read aloud."""
        page_id, lang = self._where(page_id, lang)
        if page_id:
            self.log.record_listen(page_id, lang)

    def record_qr_show(self, page_id: str = "", lang: str = "") -> None:
        """Count a "Take this page home" code shown for the page on screen (or `page_id`)."""
        page_id, lang = self._where(page_id, lang)
        if page_id:
            self.log.record_qr_show(page_id, lang)

    def record_helpful(self, page_id: str, lang: str, helpful: bool) -> None:
        """Count an answer to "Was this page helpful?"."""
        self.log.record_helpful(page_id, lang, helpful)

    def flush(self) -> bool:
        """Write what waits now (also at exit); returns False if it could not be written."""
        return self.log.flush()

    def _where(self, page_id: str, lang: str) -> tuple[str, str]:
        page = self.session.page
        return (page_id or (page.id if page is not None else ""), lang or self.session.lang)
