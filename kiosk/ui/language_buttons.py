"""A row of language buttons, each language named in itself ("English", "Español")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.strings import STRINGS, text
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

    def show_languages(self, codes: list[str], current: str, scale: float) -> None:
        """Show a button per language in `codes`, `current` checked; keeps buttons and focus."""
        self._layout.setSpacing(round(20 * scale))
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
        for code, button in self.buttons.items():
            name = text(code, "language_name") if code in STRINGS else code
            button.setText(name)
            button.setAccessibleName(name)
            button.setAccessibleDescription(text(code, "language_description"))
            button.setChecked(code == current)
        self.setVisible(len(codes) > 1)

    def _chosen(self, code: str) -> None:
        button = self.buttons.get(code)
        if button is not None:
            button.setChecked(True)  # tapping the language on screen leaves it chosen
        self.language_chosen.emit(code)
