"""The "Where does it hurt?" screen: a body seen from the front and the back, with touch regions.

A tap on a region lists the pages whose front matter names it (kiosk/core/regions.py), each a big
button with its summary. It helps a patient find pages to read; it does not diagnose, and says
so. The red "Get medical help now" button stays on it. Built the first time it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPaintEvent, QPixmap, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.body_regions import REGIONS, pages_for_region
from kiosk.core.content import Language
from kiosk.core.look import Look
from kiosk.core.resources import resource_path
from kiosk.core.strings import text
from kiosk.core.themes import theme
from kiosk.ui.buttons import SectionTile
from kiosk.ui.finger_scroll import scroll_by_finger
from kiosk.ui.icons import icon
from kiosk.ui.layouts import discard_widgets
from kiosk.ui.widget_sheets import apply_widget_sheet

DRAWN_INK = "#1F4E79"  # the outlines' colour in resources/body_map/*.svg, replaced by the theme's
MIN_TOUCH = 48  # px at 1920x1080 (scaled up, never down: a finger does not shrink)
HELP_PAGE = "get-help-now"


@dataclass(frozen=True)
class Spot:
    """A region's touch area on one drawing: where its centre is (fractions of the drawing)."""

    region: str
    label_key: str  # the short word on the drawing
    x: float
    y: float


FRONT_SPOTS = (Spot("neck", "spot_neck", 0.5, 0.155), Spot("buttock-hip", "spot_hip", 0.36, 0.57))
BACK_SPOTS = (
    Spot("upper-back", "spot_upper_back", 0.5, 0.28),
    Spot("lower-back", "spot_lower_back", 0.5, 0.47),
    Spot("buttock-hip", "spot_buttock", 0.5, 0.6),
    Spot("leg", "spot_leg", 0.5, 0.78),
)


def white_alert_icon() -> QIcon:
    """Return the alert icon drawn in white, for the red button."""
    svg = resource_path("icons", "alert.svg").read_text(encoding="utf-8").replace("#B00020", "#FFFFFF")
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(96, 96, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return QIcon(QPixmap.fromImage(image))


REGION_TEXTS = {region: "region_" + region.replace("-", "_") for region in REGIONS}  # strings.py keys


def region_name(lang: str, region: str) -> str:
    """Return a region's full name in `lang` ("Back of the leg (sciatica)")."""
    return text(lang, REGION_TEXTS[region])


class RegionButton(QPushButton):
    """One region's touch area: checkable, focusable, named for screen readers."""

    def __init__(self, region: str, parent: QWidget):
        super().__init__(parent)
        self.region = region
        self.setObjectName("RegionButton")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class BodyFigure(QWidget):
    """One drawing (front or back) scaled to fit, with its regions' buttons placed over it."""

    def __init__(self, side: str, spots: tuple[Spot, ...], parent: QWidget):
        super().__init__(parent)
        self.side = side
        self.setObjectName("BodyFigure")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 260)
        self._svg = resource_path("body_map", f"body-{side}.svg").read_text(encoding="utf-8")
        self._renderer = QSvgRenderer(self)
        self._ink = ""
        self.spots = spots
        self.buttons = [RegionButton(spot.region, self) for spot in spots]
        self._min_touch = MIN_TOUCH

    def set_ink(self, colour: str, min_touch: int) -> None:
        """Draw the outline in `colour`; touch areas at least `min_touch` pixels each way."""
        self._min_touch = min_touch
        if colour != self._ink:
            self._ink = colour
            self._renderer.load(QByteArray(self._svg.replace(DRAWN_INK, colour).encode("utf-8")))
        self._place()
        self.update()

    def drawing_rect(self) -> QRectF:
        """Return where the drawing is painted: as large as fits, its shape kept, centred."""
        size = self._renderer.defaultSize()
        if size.isEmpty():
            return QRectF(self.rect())
        scale = min(self.width() / size.width(), self.height() / size.height())
        width, height = size.width() * scale, size.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _place(self) -> None:
        """Put each button over its part; on a small drawing (large text) they never overlap."""
        drawing = self.drawing_rect()
        gap = max(2, self._min_touch // 12)
        placed: list[tuple[RegionButton, QRect]] = []
        for spot, button in sorted(zip(self.spots, self.buttons, strict=True),
                                   key=lambda pair: pair[0].y):
            hint = button.sizeHint()
            width = min(max(hint.width(), self._min_touch), max(self._min_touch, self.width()))
            height = max(hint.height(), self._min_touch)
            x = drawing.left() + spot.x * drawing.width() - width / 2
            y = drawing.top() + spot.y * drawing.height() - height / 2
            x = max(0.0, min(x, self.width() - width))
            rect = QRect(round(x), round(max(0.0, y)), width, height)
            for _, other in placed:  # below any button it would cover
                if rect.intersects(other.adjusted(-gap, -gap, gap, gap)):
                    rect.moveTop(other.bottom() + 1 + gap)
            placed.append((button, rect))
        overflow = max((rect.bottom() + 1 - self.height() for _, rect in placed), default=0)
        for button, rect in placed:
            if overflow > 0:  # the lowest went off the drawing: lift them all, top first kept
                rect.moveTop(max(0, rect.top() - overflow))
            button.setGeometry(rect)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the outline under the buttons."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, self.drawing_rect())
        painter.end()

    def resizeEvent(self, event) -> None:
        """Keep the buttons over their parts of the drawing."""
        super().resizeEvent(event)
        self._place()

    def sizeHint(self) -> QSize:
        """Ask for the drawing's shape, tall."""
        return QSize(240, 520)


class BodyMapScreen(QWidget):
    """The body map and the list of the chosen region's pages.

    Emits `region_chosen(region)` on a region tap, `page_chosen(page_id)` on a page button and
    `help_chosen(page_id)` on "Get medical help now".
    """

    region_chosen = Signal(str)
    page_chosen = Signal(str)
    help_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BodyMapScreen")
        self.look = Look()
        self.region = ""
        self._language: Language | None = None
        self._pending: Look | None = None
        self._styled = False
        self.page_buttons: list[SectionTile] = []
        self._layout = outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("BodyMapTitle")
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        # What the screen is for (it finds pages, it does not diagnose) heads the right-hand
        # column, always in view: under the title it took the body outlines' height, which
        # at 1366x768 and the largest text left them small.
        self.note = QLabel(self)
        self.note.setObjectName("BodyMapNote")
        self.note.setWordWrap(True)
        self.help_button = QPushButton(self)
        self.help_button.setObjectName("HelpNowButton")
        self.help_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.help_button.setIcon(white_alert_icon())
        self.help_button.clicked.connect(lambda _=False: self.help_chosen.emit(HELP_PAGE))
        top.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)

        body = QHBoxLayout()
        self._body = body
        figures = QGridLayout()
        self._figures_grid = figures
        self.front_label = QLabel(self)
        self.back_label = QLabel(self)
        for label in (self.front_label, self.back_label):
            label.setObjectName("BodySide")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.front = BodyFigure("front", FRONT_SPOTS, self)
        self.back = BodyFigure("back", BACK_SPOTS, self)
        figures.addWidget(self.front_label, 0, 0)
        figures.addWidget(self.back_label, 0, 1)
        figures.addWidget(self.front, 1, 0)
        figures.addWidget(self.back, 1, 1)
        figures.setRowStretch(1, 1)
        self.all_over = RegionButton("all-over", self)
        figures.addWidget(self.all_over, 2, 0, 1, 2)
        body.addLayout(figures, 5)

        self.list_area = QScrollArea(self)
        self.list_area.setObjectName("RegionList")
        self.list_area.setWidgetResizable(True)
        self.list_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.list_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll_by_finger(self.list_area)
        inner = QWidget(self.list_area)
        inner.setObjectName("RegionList")
        self._list = QVBoxLayout(inner)
        self._list.setContentsMargins(0, 0, 0, 0)
        self.list_title = QLabel(inner)
        self.list_title.setObjectName("RegionListTitle")
        self.list_title.setWordWrap(True)
        self._list.addWidget(self.list_title)
        self._list.addStretch(1)
        self.list_area.setWidget(inner)
        self._inner = inner
        right = QVBoxLayout()
        self._right = right
        right.addWidget(self.note)
        right.addWidget(self.list_area, 1)
        body.addLayout(right, 6)
        outer.addLayout(body, 1)
        for button in self.region_buttons:
            button.clicked.connect(lambda _=False, r=button.region: self.region_chosen.emit(r))

    @property
    def region_buttons(self) -> list[RegionButton]:
        """Return every region button, in reading order (front, back, all over)."""
        return [*self.front.buttons, *self.back.buttons, self.all_over]

    # -- what it shows -------------------------------------------------------------------------

    def show_region(self, language: Language | None, region: str) -> None:
        """Show the map with `region` chosen ('' for none) and that region's pages."""
        self._language = language
        self.region = region if region in REGIONS else ""
        for button in self.region_buttons:
            button.setChecked(button.region == self.region)
        self._show_list()

    def _show_list(self) -> None:
        lang = self.look.lang
        discard_widgets(self._list, self.page_buttons)
        self.page_buttons = []
        if not self.region:
            self.list_title.setText(text(lang, "body_map_pick"))
            return
        pages = pages_for_region(self._language, self.region)
        name = region_name(lang, self.region)
        self.list_title.setText(text(lang, "body_map_pages").format(region=name) if pages
                                else f"{name}\n\n{text(lang, 'body_map_none')}")
        for index, page in enumerate(pages):
            tile = SectionTile(page.id, page.title, page.summary, icon(page.icon or "page"),
                               self.look.px(56), self._inner)
            tile.setObjectName("RegionPage")
            tile.clicked.connect(lambda _=False, pid=page.id: self.page_chosen.emit(pid))
            self._list.insertWidget(1 + index, tile)
            self.page_buttons.append(tile)
        self.list_area.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        """Forget the chosen region (the next patient)."""
        self.show_region(self._language, "")

    # -- look ----------------------------------------------------------------------------------

    def apply_look(self, look: Look) -> None:
        """Word, size and colour the screen for `look`; while hidden, wait until shown."""
        if not self.isVisible() and self._styled:
            self._pending = look
            return
        self._pending = None
        self._styled = True
        relabel = look.lang != self.look.lang or not self.title.text()
        self.look = look
        lang = look.lang
        margin = look.px(32)
        self._layout.setContentsMargins(margin, look.px(20), margin, look.px(20))
        self._layout.setSpacing(look.px(16))
        self._body.setSpacing(look.px(28))
        self._right.setSpacing(look.px(18))
        self._figures_grid.setSpacing(look.px(12))
        self._list.setSpacing(look.px(14))
        self.title.setText(text(lang, "body_map_title"))
        self.note.setText(text(lang, "body_map_note"))
        self.help_button.setText(text(lang, "get_help_now"))
        self.help_button.setAccessibleName(text(lang, "get_help_now"))
        self.help_button.setIconSize(QSize(look.px(44), look.px(44)))
        self.front_label.setText(text(lang, "body_front"))
        self.back_label.setText(text(lang, "body_back"))
        for figure, side_key in ((self.front, "region_front"), (self.back, "region_back")):
            for spot, button in zip(figure.spots, figure.buttons, strict=True):
                button.setText(text(lang, spot.label_key))
                button.setAccessibleName(text(lang, side_key).format(region=region_name(lang, spot.region)))
        self.all_over.setText(region_name(lang, "all-over"))
        self.all_over.setAccessibleName(region_name(lang, "all-over"))
        apply_widget_sheet(self, look)
        ink = theme(look.theme_name)["heading"]
        touch = max(MIN_TOUCH, look.px(MIN_TOUCH))
        for figure in (self.front, self.back):
            figure.set_ink(ink, touch)
        self.all_over.setMinimumHeight(touch)
        if relabel or self.page_buttons:
            self._show_list()

    def showEvent(self, event: QShowEvent) -> None:
        """Take a look that came while hidden, before the screen is drawn."""
        if self._pending is not None:
            self.apply_look(self._pending)
        super().showEvent(event)
