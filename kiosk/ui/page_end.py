"""What follows a page: the helpful answers, the take-home code and the usage counts they feed."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk.core.navigation import Location
from kiosk.core.session import KioskSession
from kiosk.ui.page_end_bar import PageEndBar
from kiosk.ui.usage_recorder import UsageRecorder

if TYPE_CHECKING:
    from kiosk.ui.take_home import TakeHomeLayer

log = logging.getLogger(__name__)


class PageEnd(QObject):
    """Made with the page screen (after the first screen); the window calls it for each screen.

    `usage` counts views, answers, codes and listens (issue: read aloud calls
    `usage.record_listen()`); the take-home pop-up is built the first time it is asked for.
    """

    def __init__(self, window: QWidget, session: KioskSession, bar: PageEndBar):
        super().__init__(window)
        self.window = window
        self.session = session
        self.bar = bar
        self.usage = UsageRecorder(session, self)
        self._take_home: TakeHomeLayer | None = None
        bar.helpful.answered.connect(self.answer)
        bar.take_home_button.clicked.connect(self.show_take_home)

    @property
    def take_home(self) -> TakeHomeLayer:
        """The "Take this page home" pop-up (built on first use: segno with its first code)."""
        if self._take_home is None:
            from kiosk.ui.take_home import TakeHomeLayer

            self._take_home = TakeHomeLayer(self.window)
        return self._take_home

    def location_shown(self, location: Location) -> None:
        """A screen is shown: set the row under the page for it, and count the view."""
        session = self.session
        page = session.page
        if page is not None and not location.is_home:
            self.bar.helpful.show_for(session.helpful_answers.get(page.id))
            self.bar.take_home_button.setVisible(bool(session.config.take_home_url))
        self.usage.location_shown(location)

    def answer(self, helpful: bool) -> None:
        """The patient answered "Was this page helpful?" for the page on screen."""
        page = self.session.page
        if page is None:
            return
        if self.session.answer_helpful(page.id, helpful):
            self.usage.record_helpful(page.id, self.session.lang, helpful)
        self.bar.helpful.show_for(self.session.helpful_answers.get(page.id))

    def page_address(self) -> str:
        """Return the web address of the page on screen ('' without take_home_url or a page)."""
        from kiosk.ui.take_home import page_address

        page, template = self.session.page, self.session.config.take_home_url
        return page_address(template, self.session.lang, page.id) if page and template else ""

    def show_take_home(self) -> None:
        """Show the code of the page on screen, in the page's language and the patient's look."""
        address = self.page_address()
        if not address:
            return
        self.take_home.present(address, self.session.look)
        self.usage.record_qr_show()

    def patient_left(self) -> None:
        """The reset for the next patient: close the pop-up, end the page's clock, write the counts."""
        if self._take_home is not None:
            self._take_home.close_layer()
        self.usage.patient_left()
