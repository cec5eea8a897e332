"""The page screen: the page text beside a panel of big buttons for the pages of its section."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.content import Language, Page
from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.buttons import PageButton, pixel_font
from kiosk.ui.finger_scroll import scroll_by_finger
from kiosk.ui.layouts import discard_widgets
from kiosk.ui.listen_bar import ListenBar
from kiosk.ui.page_end_bar import PageEndBar
from kiosk.ui.page_view import PageView
from kiosk.ui.widget_sheets import content_sheet

KEPT_BUTTON_SETS = 24  # sections x languages of a typical content tree
# Sub-page buttons on the panel at once. A section with more pages shows them this many at a time,
# with "Earlier pages" and "More pages" buttons: a Text size tap restyles every button there
# (10,000 took 7 s a tap, and 480 MB).
PANEL_PAGES = 24
BODY_PIXELS = 28  # body text size in content.css at 1920x1080
# The panel's text sizes at 1920x1080 and normal text (the rest of its look is in kiosk.qss).
TITLE_PIXELS = 26
LABEL_PIXELS = 25


class SectionPanel(QScrollArea):
    """Lists a section's pages as buttons, the one on screen marked; scrolls by finger."""

    page_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SectionPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll_by_finger(self)
        self.buttons: list[PageButton] = []  # the buttons on screen, in order
        # Button sets built before, kept so going back to a section builds nothing. They wait
        # hidden on the panel: moving a set in and out of the window restyles each button, which
        # was most of a section tap. New colours would restyle every hidden button too, so before
        # they come the hidden sets leave for a widget never shown (before_look) and take the
        # look when they come back.
        self._kept: dict[tuple, list[PageButton]] = {}
        self._parking = QWidget()
        self._colours = ""  # the theme the hidden sets on the panel were styled in
        self.destroyed.connect(self._parking.deleteLater)
        self._shown_key: tuple = ()
        self._inner = QWidget(self)
        self._inner.setObjectName("SectionPanel")
        self._layout = QVBoxLayout(self._inner)
        self.title = QLabel(self._inner)
        self.title.setObjectName("PanelTitle")
        self.title.setWordWrap(True)
        self._layout.addWidget(self.title)
        self._layout.addStretch(1)
        self.setWidget(self._inner)
        # A section of more than PANEL_PAGES pages: its pages a panelful at a time.
        self.earlier_button = self._turning_button(-1)
        self.more_button = self._turning_button(1)
        self._first: dict[str, int] = {}  # section id -> index of its first page on the panel
        self._showing: tuple[Language, Page, Page] | None = None  # (language, section, page)
        self._label_pixels = LABEL_PIXELS

    def _turning_button(self, step: int) -> PageButton:
        button = PageButton("", "", self._parking)
        button.setCheckable(False)
        button.clicked.connect(lambda _=False: self.show_more(step))
        return button

    def show_for(self, language: Language, page: Page) -> None:
        """List the pages that belong with `page`: its own sub-pages, else its siblings."""
        owner = page if page.children or page.parent is None else language.pages[page.parent]
        children = owner.children
        first = self._first.get(owner.id, 0)
        if page.id != owner.id and page.id not in children[first:first + PANEL_PAGES]:
            first = children.index(page.id) // PANEL_PAGES * PANEL_PAGES
        self._show_from(language, owner, page, first)

    def show_more(self, step: int = 1) -> None:
        """Show the section's next PANEL_PAGES pages (`step` -1: the ones before), from the top."""
        if self._showing is None:
            return
        language, owner, page = self._showing
        last = max(0, (len(owner.children) - 1) // PANEL_PAGES * PANEL_PAGES)
        first = min(last, max(0, self._first.get(owner.id, 0) + step * PANEL_PAGES))
        self._show_from(language, owner, page, first)
        self.verticalScrollBar().setValue(0)

    def _show_from(self, language: Language, owner: Page, page: Page, first: int) -> None:
        """Show `owner`'s button and its sub-pages from `first` on; mark `page`."""
        children = owner.children
        self._first = {owner.id: first} if first else {}  # (the section on screen only)
        shown = children[first:first + PANEL_PAGES]
        entries = [(owner.id, owner.title)] + [(c, language.pages[c].title) for c in shown]
        key = tuple(entries)
        if key != self._shown_key:
            self._swap_buttons(key)
        self._place_turning_buttons(first > 0, first + PANEL_PAGES < len(children))
        self._showing = (language, owner, page)
        self.setVisible(len(entries) > 1)
        for button in self.buttons:
            button.setChecked(button.page_id == page.id)

    def _place_turning_buttons(self, earlier: bool, more: bool) -> None:
        """Put "Earlier pages" after the section's own button and "More pages" after the last."""
        for button, wanted, index in ((self.earlier_button, earlier, 2),
                                      (self.more_button, more, 1 + len(self.buttons) + earlier)):
            self._layout.removeWidget(button)
            if wanted:
                button.setParent(self._inner)
                self._layout.insertWidget(index, button)
                button.show()
            else:
                button.setParent(self._parking)

    def before_look(self, look: Look) -> None:
        """Before `look`'s sheet is set: with new colours, the sets not on screen leave the window."""
        if look.theme_name == self._colours:
            return
        self._colours = look.theme_name
        for key, buttons in self._kept.items():
            if key != self._shown_key:
                for button in buttons:
                    if button.parentWidget() is self._inner:
                        button.setParent(self._parking)

    def apply_look(self, look: Look) -> None:
        """Space the panel for the screen and title it in the look's language."""
        self._colours = self._colours or look.theme_name  # (the first look: the panel's own)
        self._layout.setSpacing(look.px(14))
        self._layout.setContentsMargins(look.px(8), look.px(20), look.px(20), look.px(20))
        self.title.setText(text(look.lang, "in_this_section"))
        self.title.setFont(pixel_font(look.text_px(TITLE_PIXELS)))
        self._label_pixels = look.text_px(LABEL_PIXELS)
        for button in (*self.buttons, self.earlier_button, self.more_button):
            button.set_text_pixels(self._label_pixels)
        for button, key in ((self.earlier_button, "earlier_pages"), (self.more_button, "more_pages")):
            button.set_title(text(look.lang, key))
        self.setFixedWidth(look.px(480))  # about a quarter of a 1920 px screen

    def _swap_buttons(self, key: tuple) -> None:
        """Put the buttons for `key` (page id, title pairs) on the panel, reusing a kept set."""
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.hide()  # (kept on the panel: see __init__)
        buttons = self._kept.pop(key, None)
        if buttons is None:
            buttons = []
            for page_id, title in key:
                button = PageButton(page_id, title, self._inner)
                button.clicked.connect(lambda _=False, pid=page_id: self.page_chosen.emit(pid))
                buttons.append(button)
        self._kept[key] = buttons  # the most recently used last
        while len(self._kept) > KEPT_BUTTON_SETS:
            discard_widgets(self._layout, self._kept.pop(next(iter(self._kept))))
        for index, button in enumerate(buttons):
            button.set_text_pixels(self._label_pixels)  # (a kept set may have another size)
            self._layout.insertWidget(1 + index, button)  # (a parked one comes back in)
            button.show()
        self.buttons = buttons
        self._shown_key = key


class PageScreen(QWidget):
    """A page and its section panel; forwards page requests from links and buttons.

    It keeps the page on screen, so that a new look (text size, contrast) draws the same page
    again in place, at the same words, without asking for it.
    """

    page_requested = Signal(str, str)

    def __init__(self, content_root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PageScreen")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.view = PageView(content_root, self)
        self.panel = SectionPanel(self)
        self.listen_bar = ListenBar(self)  # read aloud: above the text, on every page
        self.listen_bar.follow(self.view)
        text_column = QVBoxLayout()
        text_column.setSpacing(0)
        text_column.addWidget(self.listen_bar)
        text_column.addWidget(self.view, 1)
        self.end_bar = PageEndBar(self)  # "Was this page helpful?", "Take this page home"
        text_column.addWidget(self.end_bar)
        layout.addLayout(text_column, 1)
        layout.addWidget(self.panel)
        self.view.page_requested.connect(self.page_requested)
        self.panel.page_chosen.connect(lambda pid: self.page_requested.emit(pid, ""))
        self.look = Look()
        self.content_css = ""
        self._shown: tuple[str, str] | None = None  # (language, html) on screen
        self._pending: Look | None = None  # a look that came while the screen was hidden
        self._built_look = False  # the first look is applied at once, shown or not

    def before_look(self, look: Look) -> None:
        """Make ready for `look` before the window's sheet changes (hidden or not)."""
        self.panel.before_look(look)

    def apply_look(self, look: Look) -> None:
        """Restyle for `look`; the page on screen is drawn again in it, keeping the reader's place.

        While the screen is hidden (the patient is on the home screen) the look waits until the
        screen is shown again: a Text size tap on the home screen restyles only what is seen.
        """
        if not self.isVisible() and self._built_look:
            self._pending = look
            return
        self._pending = None
        self._built_look = True
        place = self.view.top_position() if self._shown is not None else None
        self.look = look
        self.content_css = content_sheet(look)
        self.view.image_scale = look.scale
        self.view.badge_ink = look.colours["heading"]
        self.view.set_body_pixels(BODY_PIXELS * look.scale * look.text_factor)
        self.panel.apply_look(look)
        self.listen_bar.apply_look(look)
        self.end_bar.apply_look(look)
        if self._shown is not None and self._shown[0] == look.lang and place is not None:
            self.view.show_html(self._shown[1], self.content_css)
            self.view.scroll_to_position(place)

    def show_page(self, html: str, title: str, language: Language | None, page: Page | None,
                  fragment: str = "") -> None:
        """Show a rendered page (in the look's language), scrolled to `fragment`."""
        if self._pending is not None:  # restyle first, without drawing the old page again
            self._shown = None
            self.apply_look(self._pending)
        self._shown = (self.look.lang, html)
        panel_was_shown = self.panel.isVisibleTo(self)
        if language is not None and page is not None:
            self.panel.show_for(language, page)
        else:
            self.panel.hide()
        if self.panel.isVisibleTo(self) != panel_was_shown and self.isVisible():
            # The page's width changes with the panel: size the view before the new page is
            # laid out, with the old page gone, so that the page is laid out only once.
            self.view.clear()
            layout = self.layout()
            if layout is not None:
                layout.activate()
        self.view.show_html(html, self.content_css)
        self.view.setAccessibleName(title)
        self.view.scroll_to(fragment)

    def showEvent(self, event: QShowEvent) -> None:
        """Take a look that came while hidden, before the screen is drawn."""
        if self._pending is not None:
            self.apply_look(self._pending)
        super().showEvent(event)

    def show_text(self, html: str) -> None:
        """Show other HTML in place of the page (the live preview's problems), styled as pages."""
        self.view.show_html(html, self.content_css)

    def clear(self) -> None:
        """Forget the page on screen (the next patient): its text and pictures leave memory."""
        self._shown = None
        self.view.clear()
