"""The staff's Usage screen: most-read and most-helpful pages of the last 30 days as bars."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.content import ContentLibrary
from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.core.usage import FEWER_THAN, UsageStore
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label

DAYS = 30
ROWS = 8  # pages in each chart


class BarChart(QWidget):
    """Rows of "title  [bar]  count", drawn with QPainter; counts under 5 say "fewer than 5"."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("UsageChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rows: list[tuple[str, int]] = []
        self.look = Look()
        self.fewer = "fewer than 5"
        self.empty = ""

    def set_rows(self, rows: list[tuple[str, int]], look: Look) -> None:
        """Show `rows` (page title, count) in `look`."""
        self.rows, self.look = rows, look
        self.fewer = text(look.lang, "usage_fewer_than")
        self.empty = text(look.lang, "usage_nothing")
        self.setFixedHeight(self._row_height() * max(1, len(rows)))
        self.update()

    def shown_counts(self) -> list[str]:
        """Return each row's count as drawn ("fewer than 5" under 5)."""
        return [self.fewer if count < FEWER_THAN else str(count) for _, count in self.rows]

    def _row_height(self) -> int:
        return self.look.px(50)

    def sizeHint(self) -> QSize:
        """As wide as the card allows; one row per page."""
        return QSize(self.look.px(800), self._row_height() * max(1, len(self.rows)))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw each row: the title on the left, a bar in proportion, the count after it."""
        painter = QPainter(self)
        colours = self.look.colours
        font = QFont(self.font())
        font.setPixelSize(self.look.px(24))
        painter.setFont(font)
        height, width = self._row_height(), self.width()
        label_w, count_w = int(width * 0.5), self.look.px(170)
        bar_w = max(1, width - label_w - count_w - self.look.px(24))
        text_colour = QColor(colours["text"])
        if not self.rows:
            painter.setPen(text_colour)
            painter.drawText(QRect(0, 0, width, height), int(Qt.AlignmentFlag.AlignVCenter), self.empty)
            return
        top = max(count for _, count in self.rows) or 1
        for index, ((title, count), shown) in enumerate(zip(self.rows, self.shown_counts(), strict=True)):
            y = index * height
            painter.setPen(text_colour)
            elided = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight,
                                                      label_w - self.look.px(12))
            painter.drawText(QRect(0, y, label_w, height), int(Qt.AlignmentFlag.AlignVCenter), elided)
            length = 0 if count < FEWER_THAN else max(self.look.px(4), round(bar_w * count / top))
            painter.fillRect(QRect(label_w, y + height // 5, length, height * 3 // 5),
                             QColor(colours["heading"]))
            painter.drawText(QRect(label_w + length + self.look.px(12), y, count_w + bar_w, height),
                             int(Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()


class UsageScreen(WindowLayer):
    """Behind the staff PIN: two charts from the usage figures, and Back to the staff menu."""

    back_requested = Signal()

    def __init__(self, parent: QWidget):
        super().__init__("UsageScreen", parent)
        self.card = self.add_card("UsageCard")
        self._column = column = QVBoxLayout(self.card)
        self.title = layer_label("StaffTitle", self.card)
        self.read_title = layer_label("UsageHeading", self.card, centred=False)
        self.most_read = BarChart(self.card)
        self.helpful_title = layer_label("UsageHeading", self.card, centred=False)
        self.most_helpful = BarChart(self.card)
        self.note = layer_label("UsageNote", self.card, centred=False)
        self.back_button = layer_button("StaffButton", self.card)
        self.back_button.clicked.connect(self.back_requested)
        column.addWidget(self.title)
        self._charts = charts = QHBoxLayout()  # side by side: both fit a 1366x768 screen
        for heading, chart in ((self.read_title, self.most_read),
                               (self.helpful_title, self.most_helpful)):
            half = QVBoxLayout()
            half.addWidget(heading)
            half.addWidget(chart)
            half.addStretch(1)
            charts.addLayout(half, 1)
        column.addLayout(charts)
        column.addWidget(self.note)
        column.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignCenter)

    def present(self, store: UsageStore, library: ContentLibrary, look: Look) -> None:
        """Read the last 30 days from `store` and show them in `look` (staff: normal text)."""
        figures = store.totals(DAYS)
        lang = look.lang
        parent = self.parentWidget()
        room = parent.width() - 40 if parent is not None else look.px(1500)
        self.card.setFixedWidth(min(look.px(1800), max(400, room)))
        self._charts.setSpacing(look.px(48))
        self._column.setContentsMargins(*[look.px(40)] * 4)
        self._column.setSpacing(look.px(14))
        self.title.setText(text(lang, "usage_title").format(days=DAYS))
        self.read_title.setText(text(lang, "usage_most_read"))
        self.helpful_title.setText(text(lang, "usage_most_helpful"))
        self.note.setText(text(lang, "usage_private"))
        self.back_button.setText(text(lang, "back"))
        self.back_button.setAccessibleName(text(lang, "back"))
        read = [(_title(library, lang, f.page), f.views) for f in figures if f.views][:ROWS]
        helpful = sorted((f for f in figures if f.helpful_yes),
                         key=lambda f: (-f.helpful_yes, f.helpful_no, f.page))[:ROWS]
        self.most_read.set_rows(read, look)
        self.most_helpful.set_rows([(_title(library, lang, f.page), f.helpful_yes) for f in helpful],
                                   look)
        self.show_layer()
        self.back_button.setFocus()


def _title(library: ContentLibrary, lang: str, page_id: str) -> str:
    """Return a page's title in `lang` (else in any language that has it, else its id)."""
    for code in (lang, *library.codes):
        language = library.language(code)
        if language is not None and page_id in language.pages:
            return language.pages[page_id].title
    return page_id

