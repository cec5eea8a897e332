"""The staff menu, behind the PIN: Exit kiosk, Reload content, Back to kiosk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.strings import text
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label


class StaffMenu(WindowLayer):
    """Three big buttons; emits `exit_requested`, `reload_requested` or `back_requested`."""

    exit_requested = Signal()
    reload_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget):
        super().__init__("StaffMenu", parent)
        self.card = self.add_card("StaffCard")
        column = QVBoxLayout(self.card)
        self.title = layer_label("StaffTitle", self.card)
        self.message = layer_label("StaffMessage", self.card)
        column.addWidget(self.title)
        column.addWidget(self.message)
        self.buttons = {}
        for key, signal in (("staff_exit", self.exit_requested),
                            ("staff_reload", self.reload_requested),
                            ("back_to_kiosk", self.back_requested)):
            button = layer_button("StaffButton", self.card)
            button.clicked.connect(signal)
            column.addWidget(button)
            self.buttons[key] = button

    def present(self, lang: str, scale: float) -> None:
        """Show the menu in `lang`."""
        self.card.setFixedWidth(round(900 * scale))
        self.card.layout().setContentsMargins(*[round(48 * scale)] * 4)
        self.card.layout().setSpacing(round(28 * scale))
        self.title.setText(text(lang, "staff_title"))
        for key, button in self.buttons.items():
            button.setText(text(lang, key))
            button.setAccessibleName(text(lang, key))
        self.say("")
        self.show_layer()

    def say(self, message: str) -> None:
        """Show a line of feedback (e.g. what Reload content found)."""
        self.message.setText(message)
        self.message.setVisible(bool(message))
