"""The row under a page's text: "Take this page home" (when set up) and "Was this page helpful?"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.buttons import pixel_font
from kiosk.ui.helpful import TEXT_PIXELS, HelpfulBar


class PageEndBar(QWidget):
    """Holds the take-home button (hidden without take_home_url) and the helpful question."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PageEndBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = self._row = QHBoxLayout(self)
        self.take_home_button = QPushButton(self)
        self.take_home_button.setObjectName("TakeHomeButton")
        self.take_home_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.take_home_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.take_home_button.hide()
        self.helpful = HelpfulBar(self)
        row.addWidget(self.helpful, 1)
        row.addWidget(self.take_home_button)

    def apply_look(self, look: Look) -> None:
        """Space and word the row for `look`."""
        self._row.setContentsMargins(look.px(40), look.px(12), look.px(28), look.px(12))
        self._row.setSpacing(look.px(36))
        self.take_home_button.setText(text(look.lang, "take_home"))
        self.take_home_button.setAccessibleName(text(look.lang, "take_home"))
        self.take_home_button.setFont(pixel_font(look.text_px(TEXT_PIXELS)))
        self.helpful.apply_look(look)
