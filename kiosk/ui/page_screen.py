"""The page screen: the page text beside a panel of big buttons for the pages of its section."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.content import Language, Page
from kiosk.core.strings import text
from kiosk.ui.buttons import PageButton
from kiosk.ui.finger_scroll import scroll_by_finger
from kiosk.ui.layouts import discard_widgets
from kiosk.ui.page_view import PageView

KEPT_BUTTON_SETS = 24  # sections x languages of a typical content tree


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
        # Button sets built before, kept (hidden) so going back to a section builds nothing.
        self._kept: dict[tuple, list[PageButton]] = {}
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

    def show_for(self, language: Language, page: Page, lang: str, scale: float) -> None:
        """List the pages that belong with `page`: its own sub-pages, else its siblings."""
        owner = page if page.children or page.parent is None else language.pages[page.parent]
        entries = [(owner.id, owner.title)] + [(c.id, c.title) for c in language.children(owner.id)]
        self._layout.setSpacing(round(14 * scale))
        self._layout.setContentsMargins(round(8 * scale), round(20 * scale), round(20 * scale),
                                        round(20 * scale))
        key = tuple(entries)
        if key != self._shown_key:
            self._swap_buttons(key)
        self.title.setText(text(lang, "in_this_section"))
        self.setVisible(len(entries) > 1)
        for button in self.buttons:
            button.setChecked(button.page_id == page.id)


    def _swap_buttons(self, key: tuple) -> None:
        """Put the buttons for `key` (page id, title pairs) on the panel, reusing a kept set."""
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.hide()
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
            self._layout.insertWidget(1 + index, button)
            button.show()
        self.buttons = buttons
        self._shown_key = key


class PageScreen(QWidget):
    """A page and its section panel; forwards page requests from links and buttons."""

    page_requested = Signal(str, str)

    def __init__(self, content_root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PageScreen")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.view = PageView(content_root, self)
        self.panel = SectionPanel(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.panel)
        self.view.page_requested.connect(self.page_requested)
        self.panel.page_chosen.connect(lambda pid: self.page_requested.emit(pid, ""))

    def set_scale(self, scale: float) -> None:
        """Size the panel for the screen (about a quarter of a 1920 px screen)."""
        self.panel.setFixedWidth(round(480 * scale))
