"""The navigation bar at the bottom of every screen: Back and Home, text size and high contrast."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.icons import themed_icon
from kiosk.ui.widget_sheets import apply_widget_sheet


class NavBar(QWidget):
    """Back and Home on the left, always in the same place; the display controls on the right.

    Emits `back_pressed`, `home_pressed`, `text_size_pressed` (cycle Normal, Large, Largest) and
    `high_contrast_toggled(bool)`. Back is disabled where there is nowhere to go.
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
        self.back_button = self._button("back", "BackButton", self.back_pressed)
        self.home_button = self._button("home", "HomeButton", self.home_pressed)
        self.text_size_button = self._button("text-size", "TextSizeButton", self.text_size_pressed)
        self.contrast_button = self._button("contrast", "ContrastButton", None)
        self.contrast_button.setCheckable(True)
        self.contrast_button.toggled.connect(self.high_contrast_toggled)
        self._layout.addWidget(self.back_button)
        self._layout.addWidget(self.home_button)
        self._layout.addStretch(1)
        self._layout.addWidget(self.text_size_button)
        self._layout.addWidget(self.contrast_button)
        self._look = Look()
        self._labelled = False

    def _button(self, icon_name: str, object_name: str, signal) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(object_name)
        button.setProperty("icon_name", icon_name)  # drawn in the theme's colours: apply_theme()
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if signal is not None:
            button.clicked.connect(signal)
        return button

    @property
    def buttons(self) -> list[QPushButton]:
        """Return the bar's buttons, left to right."""
        return [self.back_button, self.home_button, self.text_size_button, self.contrast_button]

    def apply_look(self, look: Look) -> None:
        """Label, size, colour and restyle the bar for `look`; show its text size and contrast."""
        apply_widget_sheet(self, look)
        if (look.lang, look.scale) != (self._look.lang, self._look.scale) or not self._labelled:
            self._label(look)
        if (look.colours, look.scale) != (self._look.colours, self._look.scale) or not self._labelled:
            self._draw_icons(look)
        self._labelled = True
        self._look = look
        display = look.display
        size = text(look.lang, display.text_size_key)
        self.text_size_button.setAccessibleDescription(
            text(look.lang, "text_size_description").format(size=size))
        if self.contrast_button.isChecked() != display.high_contrast:
            self.contrast_button.blockSignals(True)
            self.contrast_button.setChecked(display.high_contrast)
            self.contrast_button.blockSignals(False)

    def _label(self, look: Look) -> None:
        """Set the labels (and their accessible names) in the look's language, sized for the screen."""
        lang = look.lang
        margin = look.px(32)
        self._layout.setContentsMargins(margin, look.px(14), margin, look.px(14))
        self._layout.setSpacing(look.px(28))
        labels = ((self.back_button, "back"), (self.home_button, "home"),
                  (self.text_size_button, "text_size"), (self.contrast_button, "high_contrast"))
        for button, key in labels:
            button.setText(text(lang, key))
            button.setAccessibleName(text(lang, key))
            button.setIconSize(QSize(look.px(40), look.px(40)))
        self.back_button.setAccessibleDescription(text(lang, "back_description"))
        self.home_button.setAccessibleDescription(text(lang, "home_description"))
        self.contrast_button.setAccessibleDescription(text(lang, "high_contrast_description"))

    def _draw_icons(self, look: Look) -> None:
        """Draw the icons in the theme's button colours (on, off and disabled)."""
        colours = look.colours
        px = look.px(40)
        for button in self.buttons:
            can_be_off = button in (self.back_button, self.home_button)  # nothing to go back to
            button.setIcon(themed_icon(
                button.property("icon_name"), colours["button_text"],
                colours["button_current_text"] if button.isCheckable() else None,
                colours["button_disabled_text"] if can_be_off else None, px))
