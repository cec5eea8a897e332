"""Big touch buttons whose label wraps: section tiles on the home screen and page buttons."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


def _label(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


def pixel_font(pixels: int) -> QFont:
    """Return a font that sets only the size: family and weight still come from the style sheet."""
    font = QFont()
    font.setPixelSize(max(1, pixels))
    return font


class SectionTile(QPushButton):
    """A home-screen tile: icon, title and one-line summary; accessible name = the title."""

    def __init__(self, page_id: str, title: str, summary: str, icon: QIcon, icon_px: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.page_id = page_id
        self._icon = icon
        self._icon_px = 0
        self.setObjectName("SectionTile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._row = layout = QHBoxLayout(self)
        self.icon_label = QLabel(self)
        self.icon_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self._texts = texts = QVBoxLayout()
        self.title_label = _label(title, "TileTitle", self)
        self.summary_label = _label(summary, "TileSummary", self)
        texts.addStretch(1)
        texts.addWidget(self.title_label)
        texts.addWidget(self.summary_label)
        self.summary_label.setVisible(bool(summary))
        texts.addStretch(1)
        layout.addLayout(texts, 1)
        self.set_icon_size(icon_px)
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)

    def set_icon_size(self, icon_px: int) -> None:
        """Draw the icon `icon_px` pixels square; margins and spacing follow it."""
        if icon_px == self._icon_px:
            return
        self._icon_px = icon_px
        layout = self._row
        layout.setContentsMargins(icon_px // 3, icon_px // 4, icon_px // 3, icon_px // 4)
        layout.setSpacing(icon_px // 3)
        self._texts.setSpacing(icon_px // 10)
        self.icon_label.setPixmap(self._icon.pixmap(QSize(icon_px, icon_px)))
        self.icon_label.setFixedSize(icon_px, icon_px)

    def set_texts(self, title: str, summary: str) -> None:
        """Show another title and summary (the same section in another language)."""
        self.title_label.setText(title)
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)

    def text_label(self) -> str:
        """Return the visible title (what a screen reader announces)."""
        return self.title_label.text()

    def hasHeightForWidth(self) -> bool:
        """Tell layouts the height depends on the width (title and summary wrap)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Return the height the wrapped title and summary need at `width`."""
        layout = self._row
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right() - self.icon_label.width() \
            - layout.spacing()
        needed = self.title_label.heightForWidth(inner)
        if not self.summary_label.isHidden():
            needed += self.summary_label.heightForWidth(inner) + self.title_label.height() // 8
        return max(self.minimumHeight(), needed + margins.top() + margins.bottom() + 8)

    def sizeHint(self) -> QSize:
        """Return a height that fits the wrapped title and summary."""
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), 300)))


class PageButton(QPushButton):
    """A full-width button naming a page, its title wrapped and drawn by itself; checked when on screen.

    One widget, not a button holding a label: a restyle or a move into the panel touches every
    widget of a button set, and the words' height is remembered instead of measured each layout.
    """

    MARGINS = QMargins(20, 12, 20, 12)  # around the words
    FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap

    def __init__(self, page_id: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.page_id = page_id
        self._title = title
        self._heights: dict[tuple[int, str], int] = {}  # (width, font) -> the words' height
        self.setObjectName("PanelButton")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(title)
        self.toggled.connect(self._restyle)

    def text_label(self) -> str:
        """Return the visible title (what a screen reader announces)."""
        return self._title

    def set_title(self, title: str) -> None:
        """Show another title (the same button in another language)."""
        if title != self._title:
            self._title = title
            self._heights.clear()
            self.setAccessibleName(title)
            self.updateGeometry()
            self.update()

    def set_text_pixels(self, pixels: int) -> None:
        """Size the title's text (the panel's words grow with the patient's text size).

        Set on the button itself, not through the style sheet: restyling the panel for every
        Text size tap cost more than all the rest of the tap.
        """
        if self.font().pixelSize() != pixels:
            self.setFont(pixel_font(pixels))
            self.updateGeometry()  # (the panel's layout asks for the new height)

    def _restyle(self, checked: bool) -> None:
        self.setProperty("current", "true" if checked else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def _words_height(self, width: int) -> int:
        """Return the height the title's wrapped words need in `width` pixels (remembered)."""
        font = self.font()
        key = (width, font.key())
        height = self._heights.get(key)
        if height is None:
            height = QFontMetrics(font).boundingRect(
                QRect(0, 0, max(1, width), 100000), self.FLAGS, self._title).height()
            self._heights[key] = height
        return height

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the button from the style sheet, then its title wrapped inside the margins."""
        super().paintEvent(event)
        painter = QPainter(self)
        self.style().drawItemText(painter, self.rect().marginsRemoved(self.MARGINS), int(self.FLAGS),
                                  self.palette(), self.isEnabled(), self._title,
                                  self.foregroundRole())

    def sizeHint(self) -> QSize:
        """Return a height that fits the wrapped title."""
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(max(self.width(), 200))))

    def hasHeightForWidth(self) -> bool:
        """Tell layouts the height depends on the width (the title wraps)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Return the height the wrapped title needs at `width`."""
        margins = self.MARGINS
        return max(self.minimumHeight(), self._words_height(width - margins.left() - margins.right())
                   + margins.top() + margins.bottom())
