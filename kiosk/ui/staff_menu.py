"""The staff menu, behind the PIN: Exit kiosk, Reload content, Usage, Back to kiosk."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import plural, text
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label


class StaffMenu(WindowLayer):
    """Big buttons; emit `exit_requested`, `reload_requested`, `usage_requested`, `back_requested`."""

    exit_requested = Signal()
    reload_requested = Signal()
    usage_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget):
        super().__init__("StaffMenu", parent)
        self.card = self.add_card("StaffCard")
        self._column = column = QVBoxLayout(self.card)
        self.title = layer_label("StaffTitle", self.card)
        self.message = layer_label("StaffMessage", self.card)
        column.addWidget(self.title)
        self.buttons = {}
        for key, signal in (("staff_exit", self.exit_requested),
                            ("staff_reload", self.reload_requested),
                            ("staff_usage", self.usage_requested),
                            ("back_to_kiosk", self.back_requested)):
            button = layer_button("StaffButton", self.card)
            button.clicked.connect(signal)
            column.addWidget(button)
            self.buttons[key] = button
        # Below the buttons, its room kept while empty: a message never moves a button away
        # from under the finger that pressed it.
        column.addWidget(self.message)

    def apply_look(self, look: Look) -> None:
        """Size and word the menu for `look` (its style comes from the window, at normal text size)."""
        self.card.setFixedWidth(look.px(900))
        self._column.setContentsMargins(*[look.px(48)] * 4)
        self._column.setSpacing(look.px(28))
        self.title.setText(text(look.lang, "staff_title"))
        for key, button in self.buttons.items():
            button.setText(text(look.lang, key))
            button.setAccessibleName(text(look.lang, key))
        self._keep_room_for_messages(look)

    def _keep_room_for_messages(self, look: Look) -> None:
        """Reserve the height of the longest message the menu says (Reload content's, at most)."""
        lang = look.lang
        many = 99_999
        longest = text(lang, "staff_reloaded_summary").format(
            pages=plural(lang, "staff_reloaded_pages", many).format(pages=many),
            problems=plural(lang, "staff_reloaded_problems", many).format(problems=many))
        self.message.ensurePolished()
        margins = self._column.contentsMargins()
        width = self.card.width() - margins.left() - margins.right()
        box = self.message.fontMetrics().boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), longest)
        self.message.setMinimumHeight(box.height())

    def present(self) -> None:
        """Show the menu."""
        self.say("")
        self.show_layer()

    def say(self, message: str) -> None:
        """Show a line of feedback (e.g. what Reload content found) below the buttons."""
        self.message.setText(message)
