"""A label that fits any text in its space: wrapped to a few lines, made a little smaller, then elided."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QWidget

# More characters than any screen's lines hold: a huge text (a pasted file) costs no more than this.
MAX_CHARS = 1000


def fit_lines(text: str, font: QFont, width: int, max_lines: int, height: int | None = None,
              smallest: float = 1.0) -> tuple[int, list[str]]:
    """Return the pixel size and the lines that show `text` in `width` x `height` pixels.

    The largest size from `font`'s down to `smallest` times it at which the words fit on at most
    `max_lines` lines (and, with a `height`, as many lines as that height holds). When even the
    smallest size does not hold them, its last line ends in an ellipsis.
    """
    words = " ".join(text[:MAX_CHARS].split())
    base = font.pixelSize() if font.pixelSize() > 0 else QFontMetrics(font).height()
    floor = max(1, min(base, round(base * smallest)))
    width = max(1, width)
    sized = QFont(font)
    for pixels in range(base, floor - 1, -1):
        sized.setPixelSize(pixels)
        metrics = QFontMetrics(sized)
        allowed = _lines_allowed(metrics, max_lines, height)
        if allowed < 1 and pixels > floor:
            continue
        lines, rest = _wrap(words, metrics, width, max(1, allowed))
        if not rest:
            return pixels, lines
    if rest:  # (sized is at the floor here)
        last = f"{lines.pop()} {rest}" if lines else rest
        lines.append(metrics.elidedText(last, Qt.TextElideMode.ElideRight, width))
    return floor, lines


def _lines_allowed(metrics: QFontMetrics, max_lines: int, height: int | None) -> int:
    if height is None:
        return max_lines
    return min(max_lines, height // max(1, metrics.lineSpacing()))


def _wrap(text: str, metrics: QFontMetrics, width: int, limit: int) -> tuple[list[str], str]:
    """Fill at most `limit` lines with the words of `text`; return them and what did not fit."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < limit:
        line, rest = _first_line(rest, metrics, width)
        lines.append(line)
    return lines, rest


def _first_line(text: str, metrics: QFontMetrics, width: int) -> tuple[str, str]:
    """Return the words of `text` that fit on one line, and the rest."""
    if metrics.horizontalAdvance(text) <= width:
        return text, ""
    end = 0
    space = text.find(" ")
    while space >= 0 and metrics.horizontalAdvance(text[:space]) <= width:
        end = space
        space = text.find(" ", space + 1)
    if end == 0:  # one word longer than the line: as many of its letters as fit
        low, high = 1, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if metrics.horizontalAdvance(text[:middle]) <= width:
                low = middle
            else:
                high = middle - 1
        end = low
    return text[:end].rstrip(), text[end:].lstrip()


class FittedLabel(QLabel):
    """Plain text that never makes its window wider, and is never cut off in the middle.

    `text()` is the whole text (and what a screen reader reads); the screen shows it on at most
    `max_lines` lines, at the style sheet's size or down to `smallest` times it, else elided.
    With `fill_height` the label's height is given (a header) and decides how many lines fit;
    without, the label is as tall as its lines (height for width).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, max_lines: int = 2,
                 smallest: float = 1.0, fill_height: bool = False,
                 alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.max_lines = max_lines
        self.smallest = smallest
        self.fill_height = fill_height
        self.horizontal = alignment
        self._fitted: tuple[tuple[object, ...], tuple[int, list[str]]] | None = None
        self.setText(text)

    def _text_rect(self) -> QRect:
        """Return where QLabel would put the text: the contents, less its margin and indent."""
        rect = self.contentsRect()
        margin = self.margin()
        rect.adjust(margin, margin, -margin, -margin)
        indent = self.indent()
        if indent < 0 and self.frameWidth():  # (as QLabel: padding counts as a frame)
            indent = self.fontMetrics().horizontalAdvance("x") // 2 - margin
        if indent > 0:
            if self.horizontal & Qt.AlignmentFlag.AlignLeft:
                rect.setLeft(rect.left() + indent)
            if self.horizontal & Qt.AlignmentFlag.AlignRight:
                rect.setRight(rect.right() - indent)
        return rect

    def fitted(self, inner_width: int | None = None) -> tuple[int, list[str]]:
        """Return the pixel size and the lines shown (at `inner_width`, default: the label's own)."""
        rect = self._text_rect()
        width = rect.width() if inner_width is None else inner_width
        height = rect.height() if self.fill_height else None
        font = self.font()
        key = (self.text(), width, height, font.key(), self.max_lines, self.smallest)
        if self._fitted is None or self._fitted[0] != key:
            self._fitted = (key, fit_lines(self.text(), font, width, self.max_lines, height,
                                           self.smallest))
        return self._fitted[1]

    def shown_text(self) -> str:
        """Return the text as it is drawn, lines joined by newlines."""
        return "\n".join(self.fitted()[1])

    def _frame(self) -> QSize:
        """Return the width and height that padding and frame take from the label."""
        return self.size() - self._text_rect().size()

    def minimumSizeHint(self) -> QSize:
        """Return a small size: the text adapts to any width it is given."""
        frame = self._frame()
        metrics = self.fontMetrics()
        return QSize(frame.width() + 4 * metrics.averageCharWidth(),
                     frame.height() + metrics.lineSpacing())

    def sizeHint(self) -> QSize:
        """Return the size QLabel would prefer for the text (never more than `max_lines` lines).

        In a header: the text on one line. Else, as a word-wrapped QLabel: a shape of a few
        lines rather than one long one (layouts that share out spare height go by this).
        """
        frame = self._frame()
        metrics = self.fontMetrics()
        words = " ".join(self.text()[:MAX_CHARS].split())
        if self.fill_height:
            width = min(metrics.horizontalAdvance(words), 4000)
            return QSize(frame.width() + width, frame.height() + metrics.lineSpacing())
        spacing = metrics.lineSpacing()
        flags = int(Qt.TextFlag.TextWordWrap) | int(self.horizontal & ~Qt.AlignmentFlag.AlignHCenter)
        width = min(metrics.averageCharWidth() * 80, self.maximumWidth()) - frame.width()
        box = metrics.boundingRect(0, 0, width, 2000, flags, words)
        if box.height() < 4 * spacing and box.width() > width / 2:
            box = metrics.boundingRect(0, 0, width // 2, 2000, flags, words)
        if box.height() < 2 * spacing and box.width() > width / 4:
            box = metrics.boundingRect(0, 0, width // 4, 2000, flags, words)
        return QSize(frame.width() + box.width(),
                     frame.height() + min(box.height(), self.max_lines * spacing))

    def hasHeightForWidth(self) -> bool:
        """Return True when the label is as tall as its lines (not in a fixed-height header)."""
        return not self.fill_height

    def heightForWidth(self, width: int) -> int:
        """Return the height of the lines shown at `width`."""
        frame = self._frame()
        pixels, lines = self.fitted(width - frame.width())
        sized = QFont(self.font())
        sized.setPixelSize(pixels)
        shown = "\n".join(lines) or " "
        return frame.height() + QFontMetrics(sized).boundingRect(
            QRect(0, 0, max(1, width - frame.width()), 100_000), int(self.horizontal), shown).height()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the fitted lines in the style sheet's colour, as QStyle.drawItemText does.

        (Drawn here rather than through the style: wrapping QStyle costs PySide about 15 ms of
        enum set-up at start-up, and this label is on the first screen.)
        """
        pixels, lines = self.fitted()
        painter = QPainter(self)
        font = QFont(self.font())
        font.setPixelSize(pixels)
        painter.setFont(font)
        painter.setPen(QPen(self.palette().brush(self.foregroundRole()), painter.pen().widthF()))
        flags = self.horizontal | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self._text_rect(), int(flags), "\n".join(lines))
        painter.end()
