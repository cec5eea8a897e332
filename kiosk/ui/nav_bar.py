"""The navigation bar at the bottom of every screen: Back and Home, text size and high contrast."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.display_settings import TEXT_SIZES
from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.icons import themed_icon
from kiosk.ui.widget_sheets import apply_widget_sheet

# Sizes at 1920x1080 (scaled to the screen like kiosk.qss's): the labels' font-size there, and
# the icon at normal text (it grows with the text size, as the labels do).
LABEL_PIXELS = 30
ICON_PIXELS = 40
BAR_PIXELS = 112  # the bar's height; taller only when labels take two lines
ROW_TOP, ROW_BOTTOM = 14, 10  # the bar above and below the buttons (at least)
WRAPPED_PADDING = 8  # above and below labels on two lines, inside the buttons
# When the labels do not fit the bar's width (a narrow screen, large text, long words), the bar
# tries these in turn until they do: (padding and min-width of the buttons, or None: kiosk.qss's;
# the bar's margin and spacing), whether labels may take two lines, and the labels' size.
DESIGN = (None, None, 32, 28)
TIGHT = (12, 220, 16, 16)
TIGHTEST = (12, 120, 16, 16)
LABEL_SCALES = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6, 0.5)
FIT_STEPS = ((DESIGN, False, 1.0), (TIGHT, False, 1.0), (DESIGN, True, 1.0), (TIGHT, True, 1.0),
             *((TIGHTEST, True, scale) for scale in LABEL_SCALES))

Form = tuple[str, str | None]  # a label on one line, and on two (None: broken at its best space)
Measure = Callable[["NavButton", str], QSize]  # a bar button's size showing a text


def two_lines(label: str, metrics: QFontMetrics) -> str:
    """Return `label` broken at the space that makes its longer line shortest (as is without one)."""
    best, widest = label, metrics.horizontalAdvance(label)
    for index, char in enumerate(label):
        if char == " ":
            first, second = label[:index], label[index + 1:]
            width = max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second))
            if width < widest:
                best, widest = f"{first}\n{second}", width
    return best


def broken_before(template: str, field: str, value: str) -> str | None:
    """Return `template` filled in with `value`, on two lines broken before it (None if it starts)."""
    before, found, after = template.partition("{" + field + "}")
    if not found or not before.strip():
        return None
    return f"{before.rstrip()}\n{value}{after}"


class NavButton(QPushButton):
    """A bar button whose label may go on two lines; as wide as the widest label it can show.

    `label()` is the label on one line (its accessible name too); `text()` is what is drawn, on
    one line or two (QPushButton draws and sizes a label with a line break itself). A tap does
    not leave the keyboard focus on it (Tab does): a focused button is drawn in the focus
    colours, which after a tap read as "switched on".
    """

    def __init__(self, icon_name: str, object_name: str, measure: Measure,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("icon_name", icon_name)  # drawn in the theme's colours: _draw_icons()
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.wrapped = False
        self.row_height = 0  # every button in the bar is as tall as the tallest
        self._forms: list[Form] = []
        self._measure = measure

    def set_label(self, label: str, broken: str | None = None, others: Sequence[Form] = ()) -> None:
        """Show `label` (on two lines: `broken`, else at its best space); keep room for `others`."""
        self._forms = [(label, broken), *others]
        self.setAccessibleName(label)
        self.show_wrapped(self.wrapped)

    def label(self) -> str:
        """Return the label on one line (as it is read out), whether or not it is drawn on two."""
        return self._forms[0][0] if self._forms else self.text()

    def show_wrapped(self, wrapped: bool) -> None:
        """Draw the label on two lines (`wrapped`) or on one."""
        self.wrapped = wrapped
        if self._forms:
            shown = self._shown(self._forms[0], wrapped, self.fontMetrics())
            if shown != self.text():
                self.setText(shown)
        self.updateGeometry()

    def _shown(self, form: Form, wrapped: bool, metrics: QFontMetrics) -> str:
        label, broken = form
        if not wrapped:
            return label
        return broken if broken is not None else two_lines(label, metrics)

    def size_for(self, wrapped: bool) -> QSize:
        """Return the size the button needs, its labels on one line or two (as QPushButton's hint)."""
        self.ensurePolished()
        metrics = self.fontMetrics()
        size = QSize(0, 0)
        for form in self._forms or [(self.text(), None)]:
            size = size.expandedTo(self._measure(self, self._shown(form, wrapped, metrics)))
        return size

    def sizeHint(self) -> QSize:
        """Return the size for the label as shown, as tall as the bar's row."""
        size = self.size_for(self.wrapped)
        return QSize(size.width(), max(size.height(), self.row_height))

    def minimumSizeHint(self) -> QSize:
        """Return the size hint: narrower, the label would be cut (the bar fits labels instead)."""
        return self.sizeHint()


class NavBar(QWidget):
    """Back and Home on the left, always in the same place; the display controls on the right.

    Emits `back_pressed`, `home_pressed`, `text_size_pressed` (cycle Normal, Large, Largest) and
    `high_contrast_toggled(bool)`. Back is disabled where there is nowhere to go. The Text size
    button says the size now. Every label fits the bar at every text size: see LABEL_SCALES.
    """

    back_pressed = Signal()
    home_pressed = Signal()
    text_size_pressed = Signal()
    high_contrast_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout = QHBoxLayout(self)
        # Sizes come from a hidden button styled as the bar's (a hidden one shows and lays out
        # nothing when its text changes): asking the style itself would wrap QStyle, whose 600
        # enum members cost PySide about 15 ms at start-up.
        self._twin = QPushButton(self)
        self._twin.setObjectName("NavMeasure")
        self._twin.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._twin.hide()
        self.back_button = self._button("back", "BackButton", self.back_pressed)
        self.home_button = self._button("home", "HomeButton", self.home_pressed)
        self.text_size_button = self._button("text-size", "TextSizeButton", self.text_size_pressed)
        self.contrast_button = self._button("contrast", "ContrastButton", None)
        self.contrast_button.setCheckable(True)
        self.contrast_button.toggled.connect(self.high_contrast_toggled)
        self._layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addStretch(1)
        self._layout.addWidget(self.text_size_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(self.contrast_button, 0, Qt.AlignmentFlag.AlignTop)
        self._look = Look()
        self._drawn: tuple[object, ...] | None = None  # what the icons were drawn for
        self._fitted: tuple[object, ...] | None = None  # what the labels were fitted to
        self.spacing: tuple[int | None, int | None, int, int] = DESIGN  # see FIT_STEPS
        self.label_scale = 1.0

    def _button(self, icon_name: str, object_name: str,
                signal: SignalInstance | None) -> NavButton:
        button = NavButton(icon_name, object_name, self._measured, self)
        if signal is not None:
            button.clicked.connect(signal)
        return button

    def _measured(self, button: NavButton, shown: str) -> QSize:
        """Return QPushButton's size hint for `button` showing `shown` (from the hidden twin)."""
        twin = self._twin
        if twin.styleSheet() != button.styleSheet():
            twin.setStyleSheet(button.styleSheet())
        if twin.iconSize() != button.iconSize():
            twin.setIconSize(button.iconSize())
        if twin.icon().isNull() != button.icon().isNull():
            twin.setIcon(button.icon())
        twin.setText(shown)
        return twin.sizeHint()

    @property
    def buttons(self) -> list[NavButton]:
        """Return the bar's buttons, left to right."""
        return [self.back_button, self.home_button, self.text_size_button, self.contrast_button]

    def apply_look(self, look: Look) -> None:
        """Label, size, colour and restyle the bar for `look`; show its text size and contrast."""
        self._look = look
        apply_widget_sheet(self, look)
        self._label(look)
        drawn = (look.colours, look.scale, look.text_factor)
        if drawn != self._drawn:
            self._draw_icons(look)
            self._drawn = drawn
        display = look.display
        size = text(look.lang, display.text_size_key)
        self.text_size_button.setAccessibleDescription(
            text(look.lang, "text_size_description").format(size=size))
        if self.contrast_button.isChecked() != display.high_contrast:
            self.contrast_button.blockSignals(True)
            self.contrast_button.setChecked(display.high_contrast)
            self.contrast_button.blockSignals(False)
        self.fit()

    def _label(self, look: Look) -> None:
        """Set the labels (and their accessible names) in the look's language; icons by text size."""
        lang = look.lang
        for button, key in ((self.back_button, "back"), (self.home_button, "home"),
                            (self.contrast_button, "high_contrast")):
            button.set_label(text(lang, key))
        template = text(lang, "text_size_now")
        forms = []
        for key, _ in TEXT_SIZES:
            word = text(lang, f"button_{key}")
            forms.append((template.format(size=word), broken_before(template, "size", word)))
        step = look.display.text_step % len(TEXT_SIZES)
        self.text_size_button.set_label(*forms[step], others=forms[:step] + forms[step + 1:])
        icon_px = look.text_px(ICON_PIXELS)
        for button in self.buttons:
            button.setIconSize(QSize(icon_px, icon_px))
        self.back_button.setAccessibleDescription(text(lang, "back_description"))
        self.home_button.setAccessibleDescription(text(lang, "home_description"))
        self.contrast_button.setAccessibleDescription(text(lang, "high_contrast_description"))

    def _draw_icons(self, look: Look) -> None:
        """Draw the icons in the theme's button colours (on, off and disabled)."""
        colours = look.colours
        px = look.text_px(ICON_PIXELS)
        for button in self.buttons:
            can_be_off = button in (self.back_button, self.home_button)  # nothing to go back to
            button.setIcon(themed_icon(
                button.property("icon_name"), colours["button_text"],
                colours["button_current_text"] if button.isCheckable() else None,
                colours["button_disabled_text"] if can_be_off else None, px))

    # -- fitting the labels --------------------------------------------------------------------

    def fit(self) -> None:
        """Fit the labels to the bar's width (see LABEL_SCALES); a hidden bar waits until shown."""
        if not self.isVisible():
            self._fitted = None  # (the resize on showing fits it)
            return
        look = self._look
        fitted = (self.width(), look, tuple(button.label() for button in self.buttons))
        if fitted == self._fitted:
            return
        self._fitted = fitted
        wraps: list[bool] | None = None
        for spacing, may_wrap, scale in FIT_STEPS:
            self._set_style(look, spacing, scale)
            wraps = self._wraps_within(self.width(), may_wrap)
            if wraps is not None:
                break
        if wraps is None:  # nothing fits (a very narrow window): the smallest there is
            wraps = [True] * len(self.buttons)
        row = max(button.size_for(wrapped).height() for button, wrapped in
                  zip(self.buttons, wraps, strict=True))
        if any(wraps):
            row += 2 * look.px(WRAPPED_PADDING)
        for button, wrapped in zip(self.buttons, wraps, strict=True):
            button.row_height = row
            button.show_wrapped(wrapped)
        self.setFixedHeight(max(look.px(BAR_PIXELS), row + look.px(ROW_TOP) + look.px(ROW_BOTTOM)))

    def _set_style(self, look: Look, spacing: tuple[int | None, int | None, int, int],
                   scale: float) -> None:
        """Space the bar and its buttons as `spacing` says, with labels `scale` times their size."""
        padding, min_width, margin, between = spacing
        self.spacing, self.label_scale = spacing, scale
        self._layout.setContentsMargins(look.px(margin), look.px(ROW_TOP), look.px(margin),
                                        look.px(ROW_BOTTOM))
        self._layout.setSpacing(look.px(between))
        sheet = ""
        if padding is not None:
            sheet += f"padding: 0px {look.px(padding)}px; "
        if min_width is not None:
            sheet += f"min-width: {look.px(min_width)}px; "
        if scale < 1.0:
            sheet += f"font-size: {max(1, round(look.text_px(LABEL_PIXELS) * scale))}px;"
        for button in self.buttons:
            if button.styleSheet() != sheet.strip():
                button.setStyleSheet(sheet.strip())

    def _wraps_within(self, width: int, may_wrap: bool) -> list[bool] | None:
        """Return which labels go on two lines for the bar to fit `width` (None: it cannot)."""
        margins = self._layout.contentsMargins()
        spare = width - margins.left() - margins.right() \
            - self._layout.spacing() * (len(self.buttons) - 1)
        one = [button.size_for(False).width() for button in self.buttons]
        two = [button.size_for(True).width() for button in self.buttons] if may_wrap else one
        wraps = [False] * len(self.buttons)
        needed = sum(one)
        for index in sorted(range(len(one)), key=lambda i: two[i] - one[i]):  # biggest gain first
            if needed <= spare:
                break
            if may_wrap and two[index] < one[index]:
                wraps[index] = True
                needed -= one[index] - two[index]
        return wraps if needed <= spare else None

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the labels once the bar has its width (a look that came while hidden waited)."""
        super().showEvent(event)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the labels again when the bar's width changes."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()
