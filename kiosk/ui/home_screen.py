"""The home screen: a welcome line, the language buttons and one large tile per section."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content import Language
from kiosk.core.strings import text
from kiosk.ui.buttons import SectionTile
from kiosk.ui.finger_scroll import scroll_by_finger
from kiosk.ui.icons import icon
from kiosk.ui.language_buttons import LanguageButtons
from kiosk.ui.layouts import discard_widgets

TILE_TITLE_PIXELS = 34  # tile title size in kiosk.qss at 1920x1080
TILE_MIN_EMS = 11  # a tile is at least this many title-size ems wide (titles wrap to 2-3 lines)


class HomeScreen(QWidget):
    """Shows the sections of one language as tiles; emits `section_chosen(page_id)`.

    Its language buttons emit `language_chosen(code)`. With large text the tiles take fewer
    columns and grow to fit their words; the grid then scrolls by finger rather than clipping.
    """

    section_chosen = Signal(str)
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HomeScreen")
        self.tiles: list[SectionTile] = []
        self.max_columns = 3
        self.tile_min_width = 480
        self._columns = 0
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
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("TileScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll_by_finger(self.scroll)
        self._inner = QWidget(self.scroll)
        self._inner.setObjectName("HomeScreen")
        self._grid = QGridLayout(self._inner)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.scroll.setWidget(self._inner)
        self._layout.addWidget(self.scroll, 1)

    def populate(self, language: Language | None, lang: str, scale: float,
                 text_factor: float = 1.0) -> None:
        """Rebuild the tiles for `language` at `scale` (1.0 = 1920x1080) and text size."""
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
        self.max_columns = 3 if len(sections) > 4 else 2
        self.tile_min_width = round(TILE_MIN_EMS * TILE_TITLE_PIXELS * scale * text_factor)
        for page in sections:
            tile = SectionTile(page.id, page.title, page.summary, icon(page.icon or "page"),
                               round(88 * scale), self._inner)
            tile.clicked.connect(lambda _=False, pid=page.id: self.section_chosen.emit(pid))
            self.tiles.append(tile)
        self._columns = 0
        self._arrange()

    def columns_for(self, width: int) -> int:
        """Return how many tile columns fit `width` pixels (at least 1)."""
        spacing = self._grid.spacing()
        fit = (width + spacing) // max(1, self.tile_min_width + spacing)
        return max(1, min(self.max_columns, fit))

    def _arrange(self) -> None:
        margins = self._layout.contentsMargins()
        scroll_bar = self.scroll.verticalScrollBar().sizeHint().width()
        columns = self.columns_for(self.width() - margins.left() - margins.right() - scroll_bar)
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:
        """Choose the number of tile columns for the new width."""
        super().resizeEvent(event)
        self._arrange()
