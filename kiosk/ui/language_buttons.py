"""A row of language buttons, each language named in itself ("English", "Español")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import language_name, text
from kiosk.ui.layouts import discard_widgets


class LanguageButtons(QWidget):
    """One button per language with content; the one on screen is checked.

    Emits `language_chosen(code)`. Hidden when there is only one language.
    """

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LanguageButtons")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self._current = ""

    def show_languages(self, codes: list[str]) -> None:
        """Show a button per language in `codes` (kept while the languages stay the same)."""
        if list(self.buttons) != list(codes):
            discard_widgets(self._layout, self.buttons.values())
            self.buttons = {}
            for code in codes:
                button = QPushButton(self)
                button.setObjectName("LanguageButton")
                button.setCheckable(True)
                button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.clicked.connect(lambda _=False, c=code: self._chosen(c))
                self._layout.addWidget(button)
                self.buttons[code] = button
                name = language_name(code)
                button.setText(name)
                button.setAccessibleName(name)
                button.setAccessibleDescription(text(code, "language_description"))
            self.set_current(self._current)
        self.setVisible(len(codes) > 1)

    def apply_look(self, look: Look) -> None:
        """Space the buttons for the screen and check the language of `look`."""
        self._layout.setSpacing(look.px(20))
        self.set_current(look.lang)

    def set_current(self, code: str) -> None:
        """Check the button of `code` (the language on screen), and only that one."""
        self._current = code
        for each, button in self.buttons.items():
            button.setChecked(each == code)

    def _chosen(self, code: str) -> None:
        button = self.buttons.get(code)
        if button is not None:
            button.setChecked(True)  # tapping the language on screen leaves it chosen
        self.language_chosen.emit(code)
