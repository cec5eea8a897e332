"""The home screen: a welcome line, the language buttons and one large tile per section."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.body_regions import has_regions
from kiosk.core.content import Language, Page
from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.buttons import SectionTile
from kiosk.ui.finger_scroll import scroll_by_finger
from kiosk.ui.icons import icon
from kiosk.ui.language_buttons import LanguageButtons
from kiosk.ui.layouts import discard_widgets
from kiosk.ui.widget_sheets import apply_widget_sheet

TILE_TITLE_PIXELS = 34  # tile title size in kiosk.qss at 1920x1080
TILE_MIN_EMS = 11  # a tile is at least this many title-size ems wide (titles wrap to 2-3 lines)
# Tiles built at once. Content with more sections shows them this many at a time, with an
# "Earlier topics" and a "More topics" tile: every tile is a few widgets, and a Text size tap
# restyles each (10,000 tiles took 27 s to show, 800 MB, and 16 s a restyle).
MAX_TILES = 24


class HomeScreen(QWidget):
    """Shows the sections of one language as tiles; emits `section_chosen(page_id)`.

    Its language buttons emit `language_chosen(code)`. With large text the tiles take fewer
    columns and grow to fit their words; the grid then scrolls by finger rather than clipping.
    """

    section_chosen = Signal(str)
    language_chosen = Signal(str)
    body_map_chosen = Signal()  # the "Where does it hurt?" tile (kiosk/ui/body_map.py)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HomeScreen")
        self.tiles: list[SectionTile] = []  # the section tiles on screen
        self.earlier_tile: SectionTile | None = None  # with more than MAX_TILES sections
        self.more_tile: SectionTile | None = None
        self.body_map_tile: SectionTile | None = None  # first, when some page lists a region
        self._body_map = False
        self._sections: list[Page] = []  # every section of the language shown
        self._first = 0  # the index of the first section on screen
        self._lang = ""
        self._look = Look()
        self._pending: Look | None = None  # a look that came while a page was on screen
        self._styled = False  # the first look is applied at once, shown or not
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
        self.tile_area = QScrollArea(self)
        self.tile_area.setObjectName("TileScroll")
        self.tile_area.setWidgetResizable(True)
        self.tile_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tile_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tile_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll_by_finger(self.tile_area)
        self._inner = QWidget(self.tile_area)
        self._inner.setObjectName("HomeScreen")
        self._grid = QGridLayout(self._inner)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.tile_area.setWidget(self._inner)
        self._layout.addWidget(self.tile_area, 1)

    def show_sections(self, language: Language | None, lang: str) -> None:
        """Show the sections of `language`, keeping the tiles when the same sections are there.

        A language switch only changes the words on the tiles; other content builds new ones.
        More than MAX_TILES sections are shown MAX_TILES at a time (see show_more).
        """
        sections = [language.pages[s] for s in language.sections] if language else []
        self._body_map = has_regions(language)
        self.welcome.setText(text(lang, "welcome") if sections else  # no content: ask the staff
                             f"{text(lang, 'page_missing_title')}\n\n"
                             f"{text(lang, 'page_missing_body')}")
        self.max_columns = 3 if len(sections) > 4 else 2
        if [page.id for page in sections] != [page.id for page in self._sections]:
            self._first = 0  # other content: from its first section
        self._sections = sections
        self._lang = lang
        self._show_tiles()

    def show_more(self, step: int = 1) -> None:
        """Show the next MAX_TILES sections (`step` -1: the ones before), from the top."""
        last = max(0, (len(self._sections) - 1) // MAX_TILES * MAX_TILES)
        self._first = min(last, max(0, self._first + step * MAX_TILES))
        self._show_tiles()
        self.tile_area.verticalScrollBar().setValue(0)

    def show_first(self) -> None:
        """Show the first MAX_TILES sections again (for the next patient)."""
        if self._first:
            self._first = 0
            self._show_tiles()

    def _show_tiles(self) -> None:
        """Show the tiles of the sections from `_first`, reusing the tiles already there."""
        sections = self._sections[self._first:self._first + MAX_TILES]
        lang = self._lang
        if [tile.page_id for tile in self.tiles] == [page.id for page in sections]:
            for tile, page in zip(self.tiles, sections, strict=True):
                tile.set_texts(page.title, page.summary)
        else:
            discard_widgets(self._grid, self.tiles)
            self.tiles = []
            for page in sections:
                tile = SectionTile(page.id, page.title, page.summary, icon(page.icon or "page"),
                                   self._look.px(88), self._inner)
                tile.clicked.connect(lambda _=False, pid=page.id: self.section_chosen.emit(pid))
                self.tiles.append(tile)
        self.body_map_tile = self._body_map_tile(lang)
        self.earlier_tile = self._turning_tile(self.earlier_tile, self._first > 0,
                                               text(lang, "earlier_topics"), "back", -1)
        self.more_tile = self._turning_tile(
            self.more_tile, self._first + MAX_TILES < len(self._sections),
            text(lang, "more_topics"), "chevron-right", 1)
        self._columns = 0
        self._arrange()

    def _turning_tile(self, tile: SectionTile | None, wanted: bool, title: str, icon_name: str,
                      step: int) -> SectionTile | None:
        """Return the "Earlier topics" or "More topics" tile (made when first wanted), or None."""
        if not wanted:
            if tile is not None:
                discard_widgets(self._grid, [tile])
            return None
        if tile is None:
            tile = SectionTile("", title, "", icon(icon_name), self._look.px(88), self._inner)
            tile.clicked.connect(lambda _=False: self.show_more(step))
        else:
            tile.set_texts(title, "")
        return tile

    def _body_map_tile(self, lang: str) -> SectionTile | None:
        """Return the "Where does it hurt?" tile (with the first topics), or None."""
        wanted = self._body_map and self._first == 0
        tile = self.body_map_tile
        if not wanted:
            if tile is not None:
                discard_widgets(self._grid, [tile])
            return None
        title, summary = text(lang, "body_map_title"), text(lang, "body_map_tile_summary")
        if tile is None:
            tile = SectionTile("", title, summary, icon("body"), self._look.px(88), self._inner)
            tile.clicked.connect(lambda _=False: self.body_map_chosen.emit())
        else:
            tile.set_texts(title, summary)
        return tile

    def _grid_tiles(self) -> list[SectionTile]:
        """Return the tiles in the grid, in reading order (the body map and turning tiles first)."""
        return [*filter(None, [self.body_map_tile, self.earlier_tile]), *self.tiles,
                *filter(None, [self.more_tile])]

    def apply_look(self, look: Look) -> None:
        """Size the screen and its tiles for `look` (screen scale, text size) and restyle it.

        While a page is on screen the look waits until the home screen is shown again.
        """
        if not self.isVisible() and self._styled:
            self._pending = look
            return
        self._pending = None
        self._styled = True
        self._look = look
        margin = look.px(40)
        self._layout.setContentsMargins(margin, look.px(24), margin, margin)
        self._layout.setSpacing(look.px(20))
        self._grid.setSpacing(look.px(28))
        self.tile_min_width = look.text_px(TILE_MIN_EMS * TILE_TITLE_PIXELS)
        apply_widget_sheet(self, look)
        for tile in self._grid_tiles():
            tile.set_icon_size(look.px(88))
        self.languages.apply_look(look)
        self._arrange()

    def columns_for(self, width: int) -> int:
        """Return how many tile columns fit `width` pixels (at least 1)."""
        spacing = self._grid.spacing()
        fit = (width + spacing) // max(1, self.tile_min_width + spacing)
        return max(1, min(self.max_columns, fit))

    def _arrange(self) -> None:
        margins = self._layout.contentsMargins()
        scroll_bar = self.tile_area.verticalScrollBar().sizeHint().width()
        columns = self.columns_for(self.width() - margins.left() - margins.right() - scroll_bar)
        if columns == self._columns:
            return
        self._columns = columns
        tiles = self._grid_tiles()
        for tile in tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(tiles):
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def showEvent(self, event: QShowEvent) -> None:
        """Take a look that came while hidden, before the screen is drawn."""
        if self._pending is not None:
            self.apply_look(self._pending)
        super().showEvent(event)

    def resizeEvent(self, event) -> None:
        """Choose the number of tile columns for the new width."""
        super().resizeEvent(event)
        self._arrange()
