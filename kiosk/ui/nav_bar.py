"""The navigation bar at the bottom of every screen: Back and Home, always in the same place."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.strings import text
from kiosk.ui.icons import icon


class NavBar(QWidget):
    """Emits `back_pressed` and `home_pressed`; Back is disabled where there is nowhere to go."""

    back_pressed = Signal()
    home_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout = QHBoxLayout(self)
        self.back_button = self._button("back", self.back_pressed)
        self.home_button = self._button("home", self.home_pressed)
        self._layout.addWidget(self.back_button)
        self._layout.addWidget(self.home_button)
        self._layout.addStretch(1)

    def _button(self, name: str, signal) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"{name.capitalize()}Button")
        button.setIcon(icon(name))
        button.clicked.connect(signal)
        return button

    def retranslate(self, lang: str, scale: float) -> None:
        """Set the labels (and their accessible names) in `lang`, sized for `scale`."""
        margin = round(32 * scale)
        self._layout.setContentsMargins(margin, round(14 * scale), margin, round(14 * scale))
        self._layout.setSpacing(round(28 * scale))
        for button, key in ((self.back_button, "back"), (self.home_button, "home")):
            button.setText(text(lang, key))
            button.setAccessibleName(text(lang, key))
            button.setIconSize(QSize(round(40 * scale), round(40 * scale)))
