"""The page view: a QTextBrowser that scrolls by finger, never selects, opens only kiosk pages."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QScroller, QScrollerProperties, QTextBrowser, QTextEdit, QWidget

from kiosk.core.links import IMAGE_SCHEME, LinkTarget, parse_internal_url
from kiosk.core.resources import safe_join

log = logging.getLogger(__name__)

MAX_LINE_CHARS = 68  # a comfortable line length for reading
# Ordinary patient prose, to measure the font's average character width on.
_SAMPLE_TEXT = "Most back pain gets better on its own within a few weeks, so keep moving gently."
# Keys that would select the page's text or copy it (no text is ever selected or copied).
_REFUSED_KEYS = (QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Copy,
                 QKeySequence.StandardKey.Cut)
IMAGE_CACHE_SIZE = 16  # pictures kept drawn (a page has a few; the whole content a few dozen)


class PageView(QTextBrowser):
    """Shows one rendered page. Emits `page_requested(page_id, fragment)` for internal links."""

    page_requested = Signal(str, str)

    def __init__(self, content_root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PageView")
        self.content_root = content_root
        self.image_scale = 1.0
        self._images: dict[tuple, tuple] = {}  # drawn pictures, see _image()
        self._char_width = self._measure_char_width(self.font())
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.viewport().setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.anchorClicked.connect(self._on_anchor)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        props = scroller.scrollerProperties()
        props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.2)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootScrollDistanceFactor, 0.05)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.DragStartDistance, 0.002)
        scroller.setScrollerProperties(props)

    # -- showing pages -------------------------------------------------------------------------

    def show_html(self, html: str, stylesheet: str) -> None:
        """Replace the page with `html`, styled by `stylesheet`, scrolled to the top."""
        QScroller.scroller(self.viewport()).stop()
        document = self.document()
        if document.defaultStyleSheet() != stylesheet:  # parsing it again costs every tap
            document.setDefaultStyleSheet(stylesheet)
        self.setExtraSelections([])
        self.setHtml(html)
        self._apply_column_width()
        self.verticalScrollBar().setValue(0)

    def top_position(self) -> int:
        """Return the position in the text of the first character at the top of the view."""
        return self.cursorForPosition(QPoint(0, 0)).position()

    def scroll_to_position(self, position: int) -> None:
        """Scroll so that the text at `position` is at the top of the view (after a restyle)."""
        cursor = self.textCursor()
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def scroll_to(self, fragment: str) -> None:
        """Scroll to the heading with id `fragment` (nothing happens for an unknown id)."""
        if fragment:
            self.scrollToAnchor(fragment)

    def viewportEvent(self, event: QEvent) -> bool:
        """Refuse zoom: Ctrl+wheel and pinch would make the text larger than the layout allows.

        The Text size button is the way to larger text; it keeps lines and buttons fitting.
        """
        kind = event.type()
        if kind == QEvent.Type.NativeGesture or (
            isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            log.info("page view: zoom refused")
            return True
        return super().viewportEvent(event)

    def doSetSource(self, name: QUrl | str,
                    resource_type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
                    ) -> None:
        """Refuse to load any URL as the page: pages arrive only through show_html()."""
        shown = name.toString() if isinstance(name, QUrl) else name
        log.warning("refused to open %s as a page", shown[:200])

    # -- links and images ----------------------------------------------------------------------

    def _on_anchor(self, url: QUrl) -> None:
        encoded = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        target: LinkTarget = parse_internal_url(encoded)
        if target.kind == "page":
            self.page_requested.emit(target.page_id, target.fragment)
        elif target.kind == "anchor":
            self.scroll_to(target.fragment)
        else:
            log.warning("link refused: %s (%s)", url.toString()[:200], target.reason)

    def loadResource(self, resource_type: int, url: QUrl | str) -> QImage | None:
        """Load pictures from inside the content folder only; everything else is refused."""
        url = QUrl(url) if isinstance(url, str) else url
        if resource_type != QTextDocument.ResourceType.ImageResource:
            return None
        if url.scheme() != IMAGE_SCHEME:
            log.warning("refused resource %s", url.toString()[:200])
            return _placeholder()
        path = safe_join(self.content_root, url.path())
        image = self._image(path) if path is not None else QImage()
        if image.isNull():
            log.warning("image not shown: %s", url.toString()[:200])
            return _placeholder()
        return image

    def _image(self, path: Path) -> QImage:
        """Return the picture at `path`, drawn once per file version and scale (SVGs are slow).

        The drawn pixels are kept as bytes and a new QImage is made from them each time:
        handing Qt the same QImage again and again grew the memory by about 4 KB a time.
        """
        try:
            stat = path.stat()
        except OSError:
            return QImage()
        key = (str(path), stat.st_mtime_ns, stat.st_size, self.image_scale)
        drawn = self._images.pop(key, None)
        if drawn is None:
            image = _load_image(path, self.image_scale)
            if image.isNull():
                return image
            drawn = (bytes(image.constBits()), image.width(), image.height(),
                     image.bytesPerLine(), image.format(), image.devicePixelRatio())
        self._images[key] = drawn  # the most recently used last
        while len(self._images) > IMAGE_CACHE_SIZE:
            del self._images[next(iter(self._images))]
        pixels, width, height, line_bytes, image_format, ratio = drawn
        image = QImage(pixels, width, height, line_bytes, image_format).copy()  # owns its pixels
        image.setDevicePixelRatio(ratio)
        return image

    # -- keyboard focus on links --------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab through the page's links, marking the focused one clearly (not just a dotted box)."""
        moved = super().focusNextPrevChild(next)
        self._mark_focused_link()
        return moved

    def focusOutEvent(self, event) -> None:
        """Unmark the focused link when the focus leaves the page."""
        super().focusOutEvent(event)
        self.setExtraSelections([])

    def _mark_focused_link(self) -> None:
        cursor = self.textCursor()
        if not (self.hasFocus() and cursor.hasSelection()):
            self.setExtraSelections([])
            return
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        palette = self.palette()  # kiosk.qss sets these to the theme's focus colours
        mark.format.setBackground(palette.color(QPalette.ColorRole.Highlight))
        mark.format.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        self.setExtraSelections([mark])

    # -- keys ----------------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        """Leave Back (Backspace, Alt+Left) and Home to the window; other keys scroll the view.

        Select all and copy do nothing: the page is read, not taken away, and what a patient
        copied would wait on the clipboard for the next one.
        """
        from kiosk.ui.keyboard import is_back_key, is_home_key

        if is_back_key(event) or is_home_key(event):
            event.ignore()
            return
        if any(event.matches(key) for key in _REFUSED_KEYS):
            event.accept()
            log.info("page view: %s refused", QKeySequence(event.keyCombination()).toString())
            return
        super().keyPressEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Give nothing to the clipboard or the X selection (the focused link is a selection too)."""
        return QMimeData()

    # -- layout --------------------------------------------------------------------------------

    def set_body_pixels(self, pixels: float) -> None:
        """Set the body text size (headings scale with it) and the width of the text column.

        Qt's rich text takes the body size from the widget's font, not from `body { font-size }`
        in the content stylesheet, and sizes headings relative to it.
        """
        font = self.font()
        font.setPixelSize(max(1, round(pixels)))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._char_width = self._measure_char_width(font)
        self._apply_column_width()

    @staticmethod
    def _measure_char_width(font) -> float:
        """Return the average width of a character of ordinary text in `font`, in pixels."""
        return QFontMetricsF(font).horizontalAdvance(_SAMPLE_TEXT) / len(_SAMPLE_TEXT)

    def resizeEvent(self, event) -> None:
        """Keep the text column at a readable width when the window changes size."""
        super().resizeEvent(event)
        self._apply_column_width()

    def _apply_column_width(self) -> None:
        width = self.viewport().width()
        column = min(width, int(MAX_LINE_CHARS * self._char_width))
        side = max(24, (width - column) // 2)
        root = _root_frame(self.document())
        frame_format = root.frameFormat()
        if frame_format.leftMargin() != side or frame_format.rightMargin() != side:
            frame_format.setLeftMargin(side)
            frame_format.setRightMargin(side)
            frame_format.setTopMargin(24)
            frame_format.setBottomMargin(48)
            root.setFrameFormat(frame_format)


def _root_frame(document: QTextDocument) -> QTextFrame:
    """Return the document's root frame without leaving a Python object behind for each page.

    Every setHtml() makes a new root frame. document.rootFrame() ties each one's Python
    wrapper to the document's, which keeps it after Qt has deleted the frame: one object per
    page shown, for as long as the kiosk runs. A cursor's frame is an ordinary wrapper, freed
    when it is no longer used. (The start of a page is always in the root frame: Qt puts a
    block before a table that would open it.)
    """
    frame = QTextCursor(document).currentFrame()
    return frame if frame is not None and frame.parentFrame() is None else document.rootFrame()


def _load_image(path: Path, scale: float) -> QImage:
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            return QImage()
        size: QSize = renderer.defaultSize()
        ratio = 2.0
        image = QImage(max(1, round(size.width() * scale * ratio)),
                       max(1, round(size.height() * scale * ratio)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        image.setDevicePixelRatio(ratio)
        return image
    return QImage(str(path))


def _placeholder() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image
