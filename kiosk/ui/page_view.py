"""The page view: a QTextBrowser that scrolls by finger, never selects, opens only kiosk pages."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from PySide6.QtCore import QEvent, QMimeData, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QImageIOHandler,
    QImageReader,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QScroller, QScrollerProperties, QTextBrowser, QTextEdit, QWidget

from kiosk.core.evidence import BADGE_SCHEME, LEVELS
from kiosk.core.links import IMAGE_SCHEME, LinkTarget, parse_internal_url
from kiosk.core.page_limits import (
    MAX_DECODE_PIXELS,
    MAX_PICTURE_PIXELS,
    PICTURE_PIXEL_RATIO,
    pixels_to_decode,
)
from kiosk.core.resources import resource_path, safe_join
from kiosk.ui.icons import ICON_INK, draw_svg

log = logging.getLogger(__name__)

MAX_LINE_CHARS = 68  # a comfortable line length for reading
# Ordinary patient prose, to measure the font's average character width on.
_SAMPLE_TEXT = "Most back pain gets better on its own within a few weeks, so keep moving gently."
# Keys that would select the page's text or copy it (no text is ever selected or copied).
_REFUSED_KEYS = (QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Copy,
                 QKeySequence.StandardKey.Cut)
IMAGE_CACHE_SIZE = 16  # pictures kept drawn (a page has a few; the whole content a few dozen)
IMAGE_CACHE_BYTES = 64 * 1024 * 1024  # and at most this many bytes of them
# Pictures are drawn at the size they are shown, within MAX_PICTURE_PIXELS and MAX_DECODE_PIXELS
# (kiosk/core/page_limits.py, which kiosk check uses too).
MAX_PICTURE_HEIGHT = 20_000  # a picture taller than this (in page pixels) is made smaller
PLACEHOLDER_FILL = "#E4E7EB"  # the plain box for a picture that cannot be shown (light grey,
BADGE_PIXELS = 128  # an evidence icon's drawing (shown at most 64 px, on screens of 2x density)
PLACEHOLDER_EDGE = "#8A939C"  # with a darker edge, in either colour theme: pages are light)


class PageView(QTextBrowser):
    """Shows one rendered page. Emits `page_requested(page_id, fragment)` for internal links."""

    page_requested = Signal(str, str)
    glossary_requested = Signal(str)  # a word explained in the glossary was tapped: its key

    def __init__(self, content_root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PageView")
        self.content_root = content_root
        self.badge_ink = ICON_INK  # the evidence icons' colour: the theme's headings (PageScreen)
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
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)  # see _apply_column_width
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
        self._apply_column_width()  # (the new page is laid out in the column, not again after)
        self.setHtml(html)
        self._apply_column_width()
        self.verticalScrollBar().setValue(0)

    def top_position(self) -> int:
        """Return the position in the text of the first character at the top of the view.

        Found by walking the page's blocks in its own layout (laid out up to the top of the
        view as it goes): a hit test straight after a new page or a restyle can land on text
        Qt has not laid out yet, far down the page.
        """
        top = self.verticalScrollBar().value()
        if top <= 0:
            return 0
        document = self.document()
        layout = document.documentLayout()
        block = document.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.bottom() > top:
                lines = block.layout()
                for index in range(lines.lineCount()):
                    line = lines.lineAt(index)
                    if rect.top() + line.y() + line.height() > top:
                        return block.position() + line.textStart()
                return block.position()
            block = block.next()
        return max(0, document.characterCount() - 1)

    def scroll_to_position(self, position: int) -> None:
        """Scroll so that the line holding `position` is at the top of the view (after a restyle).

        The line is found in the document's own layout, laid out up to it first: Qt lays a new
        page out a part at a time, and a cursor's rectangle asked too early can be far down the
        page (the reader then found the end of the page after a Text size tap). The start of
        the page scrolls to the very top, margin included.
        """
        document = self.document()
        position = max(0, min(position, document.characterCount() - 1))
        bar = self.verticalScrollBar()
        if position == 0:
            bar.setValue(0)
            return
        block = document.findBlock(position)
        top = document.documentLayout().blockBoundingRect(block).top()  # (lays out up to it)
        line = block.layout().lineForTextPosition(position - block.position())
        if line.isValid():
            top += line.y()
        bar.setValue(round(top))

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
        elif target.kind == "glossary":
            self.glossary_requested.emit(target.fragment)
        else:
            log.warning("link refused: %s (%s)", url.toString()[:200], target.reason)

    def loadResource(self, resource_type: int, url: QUrl | str) -> QImage | None:
        """Load pictures from inside the content folder only; everything else is refused.

        A picture is drawn at the size the page shows it (see _plan); one that cannot be drawn
        is logged once, and a plain box stands in for it.
        """
        url = QUrl(url) if isinstance(url, str) else url
        if resource_type != QTextDocument.ResourceType.ImageResource:
            return None
        if url.scheme() == BADGE_SCHEME:  # an evidence badge's icon (kiosk/core/evidence.py)
            return badge_image(url.path(), self.badge_ink)
        if url.scheme() != IMAGE_SCHEME:
            log.warning("refused resource %s", url.toString()[:200])
            return _placeholder()
        path = safe_join(self.content_root, url.path())
        if path is None:
            log.warning("image not shown: %s", url.toString()[:200])
            return _placeholder()
        return self._image(path, url)

    def _image(self, path: Path, url: QUrl | None = None) -> QImage:
        """Return the picture at `path`, drawn once per file version and size (SVGs are slow).

        The drawn pixels are kept as bytes and a new QImage is made from them each time:
        handing Qt the same QImage again and again grew the memory by about 4 KB a time.
        A picture that cannot be drawn is kept as its stand-in, so it is logged only once.
        """
        shown = url.toString()[:200] if url is not None else str(path)
        try:
            stat = path.stat()
        except OSError:  # (the renderer reported the missing file)
            log.warning("image not shown: %s", shown)
            return _placeholder()
        if not S_ISREG(stat.st_mode):  # a pipe or a device would never finish reading
            log.warning("image not shown: %s (not a file)", shown)
            return _placeholder()
        trouble = ""
        try:
            natural = _natural_size(path, stat.st_mtime_ns, stat.st_size)
        except PictureError as exc:
            natural, trouble = UNREADABLE_SIZE, str(exc)
        plan = _plan(natural, self.image_scale, self._shown_width(url, natural),
                     MAX_LINE_CHARS * self._char_width)
        key = (str(path), stat.st_mtime_ns, stat.st_size, plan)
        drawn = self._images.pop(key, None)
        if drawn is None:
            image = QImage()
            if not trouble:
                try:
                    image = _load_image(path, plan)
                except PictureError as exc:
                    trouble = str(exc)
                if image.isNull() and not trouble:
                    trouble = "it cannot be drawn"
            if trouble:  # logged once: the stand-in is kept as the picture would be
                log.warning("image not shown: %s (%s)", shown, trouble)
                image = _placeholder(plan)
            drawn = (bytes(image.constBits()), image.width(), image.height(),
                     image.bytesPerLine(), image.format(), image.devicePixelRatio())
        self._images[key] = drawn  # the most recently used last
        while len(self._images) > IMAGE_CACHE_SIZE or (
                len(self._images) > 1 and sum(len(d[0]) for d in self._images.values())
                > IMAGE_CACHE_BYTES):
            del self._images[next(iter(self._images))]
        pixels, width, height, line_bytes, image_format, ratio = drawn
        image = QImage(pixels, width, height, line_bytes, image_format).copy()  # owns its pixels
        image.setDevicePixelRatio(ratio)
        return image

    def _shown_width(self, url: QUrl | None, natural: NaturalSize) -> float:
        """Return the width the page asks for the picture at `url` (its `{width=...}`), or 0.

        The largest, if the page shows it more than once; a height alone gives its width.
        """
        if url is None:
            return 0.0
        wanted = 0.0
        for candidate in self.document().allFormats():
            if not candidate.isImageFormat():
                continue
            image_format = candidate.toImageFormat()
            if QUrl(image_format.name()) != url:
                continue
            width, height = image_format.width(), image_format.height()
            if width <= 0 and height > 0 and natural.height > 0:
                width = height * natural.width / natural.height
            wanted = max(wanted, width)
        return wanted

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

    def text_left(self) -> int:
        """Return where the text column starts, from the view's left edge (its side margin)."""
        width = self._layout_width()
        column = min(width, int(MAX_LINE_CHARS * self._char_width))
        return max(24, (width - column) // 2)

    def _layout_width(self) -> int:
        return max(1, self.width() - self.verticalScrollBar().sizeHint().width())

    def _apply_column_width(self) -> None:
        """Lay the page out at the view's width less a scroll bar's, its text column centred.

        The same whether the page needs a scroll bar or not, so that the bar coming or going
        (a longer page, a larger text) neither lays the page out again nor moves its text.
        """
        width = self._layout_width()
        if self.lineWrapColumnOrWidth() != width:
            self.setLineWrapColumnOrWidth(width)
        side = self.text_left()
        root = _root_frame(self.document())
        frame_format = root.frameFormat()
        if frame_format.leftMargin() != side or frame_format.rightMargin() != side:
            frame_format.setLeftMargin(side)
            frame_format.setRightMargin(side)
            frame_format.setTopMargin(24)
            frame_format.setBottomMargin(48)
            root.setFrameFormat(frame_format)


def badge_image(level: str, ink: str = ICON_INK) -> QImage:
    """Return the icon of an evidence level (resources/evidence/<level>.svg), drawn sharp in `ink`.

    Drawn once per level and colour; each call gets its own copy of the pixels (see _image).
    """
    drawn = _badge_pixels(level, ink) if level in LEVELS else None
    if drawn is None:
        return _placeholder()
    pixels, size = drawn
    return QImage(pixels, size, size, size * 4, QImage.Format.Format_ARGB32_Premultiplied).copy()


@lru_cache(maxsize=16)
def _badge_pixels(level: str, ink: str) -> tuple[bytes, int] | None:
    path = resource_path("evidence", f"{level}.svg")
    try:
        svg = path.read_text(encoding="utf-8").replace(ICON_INK, ink)
    except (OSError, UnicodeDecodeError):
        return None
    image = draw_svg(svg, BADGE_PIXELS, antialias=True)  # (the icons' own drawing)
    if image.isNull():
        return None
    return bytes(image.constBits()), BADGE_PIXELS


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


class PictureError(Exception):
    """Why a picture cannot be shown (in words for the log)."""


@dataclass(frozen=True)
class NaturalSize:
    """A picture's own size: an SVG's declared size, else the pixels in the file."""

    width: int
    height: int
    vector: bool  # SVG: drawn at any size


@dataclass(frozen=True)
class PicturePlan:
    """How one picture is drawn: its pixels and their ratio to the page's pixels."""

    pixel_width: int
    pixel_height: int
    ratio: float  # pixels per page pixel (devicePixelRatio)


_natural_sizes: dict[tuple[str, int, int], NaturalSize] = {}  # by file version, see _natural_size
UNREADABLE_SIZE = NaturalSize(600, 400, True)  # the stand-in for one with no size to read


def _natural_size(path: Path, mtime_ns: int, size: int) -> NaturalSize:
    """Return the picture's own size from its header (SVG: as parsed), kept per file version."""
    key = (str(path), mtime_ns, size)
    found = _natural_sizes.get(key)
    if found is not None:
        return found
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            raise PictureError("the SVG cannot be read")
        declared = renderer.defaultSize()
        found = NaturalSize(max(0, declared.width()), max(0, declared.height()), True)
    else:
        reader = QImageReader(str(path))
        dimensions = reader.size()
        if not dimensions.isValid() or dimensions.isEmpty():
            raise PictureError("it is damaged, or not a picture Qt can read: "
                               f"{reader.errorString() or 'no size in its header'}")
        found = NaturalSize(dimensions.width(), dimensions.height(), False)
    if len(_natural_sizes) >= 4 * IMAGE_CACHE_SIZE:
        _natural_sizes.clear()
    _natural_sizes[key] = found
    return found


def _plan(natural: NaturalSize, scale: float, wanted: float, column: float) -> PicturePlan:
    """Decide the pixels to draw a picture at: the size it is shown, within the pixel budget.

    The page shows it at its `{width=...}` (`wanted`, 0: its own size), never wider than the
    text column (`column`, page pixels); `scale` is the screen's (an SVG's declared size is for
    1920x1080). It gets PICTURE_PIXEL_RATIO pixels per page pixel, but never more pixels than
    a raster file has, and never more than MAX_PICTURE_PIXELS in all.
    """
    own_scale = scale if natural.vector else 1.0
    width = max(1.0, natural.width * own_scale)  # its own size on the page, in page pixels
    height = max(1.0, natural.height * own_scale)
    shown = min(wanted or width, max(1.0, column))
    if height * shown / width > MAX_PICTURE_HEIGHT:
        shown = MAX_PICTURE_HEIGHT * width / height
    factor = min(1.0, shown / width)  # smaller than its own size, to be shown smaller
    pixels = factor * PICTURE_PIXEL_RATIO  # pixels per pixel of its own size
    if not natural.vector:
        pixels = min(1.0, pixels)  # (never more than the file has)
    pixel_width = max(1, round(width * pixels))
    pixel_height = max(1, round(height * pixels))
    if pixel_width * pixel_height <= MAX_PICTURE_PIXELS:
        return PicturePlan(pixel_width, pixel_height, pixels / factor)
    fewer = math.sqrt(MAX_PICTURE_PIXELS / (pixel_width * pixel_height))
    pixel_width = max(1, math.floor(pixel_width * fewer))
    pixel_height = max(1, min(math.floor(pixel_height * fewer), MAX_PICTURE_PIXELS // pixel_width))
    return PicturePlan(pixel_width, pixel_height, pixel_width / (width * factor))


def _load_image(path: Path, plan: PicturePlan) -> QImage:
    """Draw the picture at `path` at the plan's pixels (PictureError: it cannot be drawn)."""
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            raise PictureError("the SVG cannot be read")
        image = QImage(plan.pixel_width, plan.pixel_height, QImage.Format.Format_ARGB32_Premultiplied)
        if image.isNull():
            raise PictureError(f"no memory for {plan.pixel_width}x{plan.pixel_height} px")
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
    else:
        image = _read_raster(path, QSize(plan.pixel_width, plan.pixel_height))
    image.setDevicePixelRatio(plan.ratio)
    return image


def _read_raster(path: Path, target: QSize) -> QImage:
    """Decode a PNG, JPEG, GIF or WebP at `target` pixels, never holding more than the limits."""
    reader = QImageReader(str(path))
    full = reader.size()
    scaled = reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)  # JPEG
    if scaled:
        reader.setScaledSize(target)
    if pixels_to_decode(full.width(), full.height(), target.width(), scaled) > MAX_DECODE_PIXELS:
        raise PictureError(f"{full.width()}x{full.height()} px is more than the kiosk can decode "
                           f"({MAX_DECODE_PIXELS // 1_000_000} megapixels); save it smaller")
    reader.setAllocationLimit(MAX_DECODE_PIXELS * 8 // (1024 * 1024) + 1)  # (MB, 64-bit pixels)
    image = reader.read()
    if image.isNull():
        raise PictureError(f"it cannot be decoded ({reader.errorString()})")
    if image.size() != target:
        image = image.scaled(target, Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


def _placeholder(plan: PicturePlan | None = None) -> QImage:
    """Return the blank stand-in for a refused resource, or a plain box of `plan`'s size."""
    if plan is None:
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        return image
    ratio = min(plan.ratio, 1.0)  # (a box needs no fine pixels)
    width = max(1, round(plan.pixel_width / plan.ratio * ratio))
    height = max(1, round(plan.pixel_height / plan.ratio * ratio))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(PLACEHOLDER_FILL))
    painter = QPainter(image)
    painter.setPen(QPen(QColor(PLACEHOLDER_EDGE), max(1, round(2 * ratio))))
    painter.drawRect(QRectF(0.5, 0.5, width - 1, height - 1))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image
