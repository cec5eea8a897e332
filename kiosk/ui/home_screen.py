"""The home screen: a welcome line and one large tile per section."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.content import Language
from kiosk.core.strings import text
from kiosk.ui.buttons import SectionTile
from kiosk.ui.icons import icon
from kiosk.ui.language_buttons import LanguageButtons
from kiosk.ui.layouts import discard_widgets


class HomeScreen(QWidget):
    """Shows the sections of one language as tiles; emits `section_chosen(page_id)`.

    Its language buttons emit `language_chosen(code)`.
    """

    section_chosen = Signal(str)
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HomeScreen")
        self.tiles: list[SectionTile] = []
        self._layout = QVBoxLayout(self)
        self.welcome = QLabel(self)
        self.welcome.setObjectName("Welcome")
        self.welcome.setWordWrap(True)
        self.languages = LanguageButtons(self)
        self.languages.language_chosen.connect(self.language_chosen)
        top = QHBoxLayout()
        top.addWidget(self.welcome, 1)
        top.addWidget(self.languages)
        self._layout.addLayout(top)
        self._grid = QGridLayout()
        self._layout.addLayout(self._grid, 1)

    def populate(self, language: Language | None, lang: str, scale: float) -> None:
        """Rebuild the tiles for `language` at `scale` (1.0 = 1920x1080)."""
        discard_widgets(self._grid, self.tiles)
        self.tiles = []
        margin = round(40 * scale)
        self._layout.setContentsMargins(margin, round(24 * scale), margin, margin)
        self._layout.setSpacing(round(20 * scale))
        self._grid.setSpacing(round(28 * scale))
        sections = [language.pages[s] for s in language.sections] if language else []
        self.welcome.setText(text(lang, "welcome") if sections else  # no content: ask the staff
                             f"{text(lang, 'page_missing_title')}\n\n"
                             f"{text(lang, 'page_missing_body')}")
        columns = 3 if len(sections) > 4 else 2
        for index, page in enumerate(sections):
            tile = SectionTile(page.id, page.title, page.summary, icon(page.icon or "page"),
                               round(88 * scale), self)
            tile.clicked.connect(lambda _=False, pid=page.id: self.section_chosen.emit(pid))
            self._grid.addWidget(tile, index // columns, index % columns)
            self.tiles.append(tile)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
