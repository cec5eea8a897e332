""""Was this page helpful?" at the end of every page: big Yes and No buttons, then a thank-you."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.buttons import pixel_font

TEXT_PIXELS = 28  # the question, the thank-you and the buttons, at normal text size


class HelpfulBar(QWidget):
    """The question and its two buttons; emits `answered(bool)` once, then says thank you.

    Which pages this patient answered is the session's (KioskSession.helpful_answers): the window
    calls `show_for(answered)` with each page, and the reset clears it for the next patient.
    """

    answered = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HelpfulBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel(self)
        self.question.setObjectName("HelpfulQuestion")
        self.question.setWordWrap(True)
        self.thanks = QLabel(self)
        self.thanks.setObjectName("HelpfulThanks")
        self.thanks.setWordWrap(True)
        self.yes_button = self._button(True)
        self.no_button = self._button(False)
        row.addWidget(self.question, 1)
        row.addWidget(self.yes_button)
        row.addWidget(self.no_button)
        row.addWidget(self.thanks, 1)
        self.lang = "en"
        self.show_for(None)

    def _button(self, helpful: bool) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName("HelpfulButton")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda _=False: self.answered.emit(helpful))
        return button

    def apply_look(self, look: Look) -> None:
        """Word and space the bar for `look`."""
        self.lang = look.lang
        self._row.setSpacing(look.px(20))
        self.question.setText(text(look.lang, "helpful_question"))
        self.thanks.setText(text(look.lang, "helpful_thanks"))
        for button, key in ((self.yes_button, "helpful_yes"), (self.no_button, "helpful_no")):
            button.setText(text(look.lang, key))
            button.setAccessibleName(text(look.lang, key))  # its label, as every control's
            button.setAccessibleDescription(text(look.lang, "helpful_question"))
        font = pixel_font(look.text_px(TEXT_PIXELS))  # (not in the sheet: it follows Text size)
        for widget in (self.question, self.thanks, self.yes_button, self.no_button):
            widget.setFont(font)
        self.yes_button.setMinimumWidth(look.px(170))
        self.no_button.setMinimumWidth(look.px(170))

    def show_for(self, answered: bool | None) -> None:
        """Show the question for a page not yet answered (None), else the thank-you."""
        asking = answered is None
        # What goes is hidden first: for a moment both would need more room than a 1366 px
        # screen at the largest text has, and the window would grow past the screen for good.
        going: list[QWidget] = [self.thanks]
        coming: list[QWidget] = [self.question, self.yes_button, self.no_button]
        if not asking:
            going, coming = coming, going
        for widget in going:
            widget.setVisible(False)
        for widget in coming:
            widget.setVisible(True)

    @property
    def asking(self) -> bool:
        """Return True while the question and its buttons are shown."""
        return not self.thanks.isVisibleTo(self)
