"""The read-aloud buttons above every page: Listen (then Pause / Resume), Stop, and Slower."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.buttons import pixel_font
from kiosk.ui.icons import themed_icon

if TYPE_CHECKING:
    from kiosk.ui.page_view import PageView

MIN_TARGET = 48  # px: the smallest touch target on any screen (WCAG 2.5.5 asks 44)
BUTTON_PIXELS = 72  # the buttons' height at 1920x1080, normal text
ICON_PIXELS = 36
LABEL_PIXELS = 26  # the words' size at 1920x1080, normal text
IDLE, SPEAKING, PAUSED = "idle", "speaking", "paused"  # the reader's states (read_aloud.py)


class ListenBar(QWidget):
    """A row at the top of the page screen, hidden while the page's language has no voice.

    It holds no speech itself: taps become signals, wired in KioskWindow to the reader, which
    is loaded on the first Listen tap; `show_state` follows the reader.
    """

    listen_pressed = Signal()  # Listen, Pause or Resume, by the state shown
    stop_pressed = Signal()
    slower_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ListenBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        self._row = row
        self.listen_button = self._button("ListenButton")
        self.listen_button.setProperty("icon_name", "speaker")
        self.stop_button = self._button("ListenStop")
        self.slower_button = self._button("ListenSlower")
        self.slower_button.setCheckable(True)
        for button in (self.listen_button, self.stop_button, self.slower_button):
            row.addWidget(button)
        row.addStretch(1)
        self.listen_button.clicked.connect(lambda _=False: self.listen_pressed.emit())
        self.stop_button.clicked.connect(lambda _=False: self.stop_pressed.emit())
        self.slower_button.toggled.connect(self.slower_toggled)
        self.state = IDLE
        self.look = Look()
        self._view: PageView | None = None  # the text it lines up with (follow)
        self.stop_button.hide()
        self.hide()  # until the speech engine says the language has a voice

    def follow(self, view: PageView) -> None:
        """Start the buttons where the page's text column starts (kept so on every resize)."""
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The text view was resized: line the buttons up with its text again."""
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        left = self._view.text_left() if self._view is not None else self.look.px(24)
        self._row.setContentsMargins(left, self.look.px(12), self.look.px(24), self.look.px(4))

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap leaves no focus ring (as the nav bar)
        return button

    @property
    def slower(self) -> bool:
        """Return True when the patient chose the slower voice."""
        return self.slower_button.isChecked()

    def set_available(self, available: bool) -> None:
        """Show the bar when the page's language has a voice; hide it (no dead button) otherwise."""
        self.setVisible(available)

    def show_state(self, state: str) -> None:
        """Label the buttons for the reader's state: idle (Listen), speaking (Pause), paused (Resume)."""
        self.state = state
        self.stop_button.setVisible(state != IDLE)
        self._label()

    def reset(self) -> None:
        """The next patient: normal speed, Listen."""
        self.slower_button.setChecked(False)
        self.show_state(IDLE)

    def apply_look(self, look: Look) -> None:
        """Size the buttons for the screen and text size; word them in the look's language."""
        self.look = look
        height = max(MIN_TARGET, look.text_px(BUTTON_PIXELS))
        self._place()
        self._row.setSpacing(look.px(16))
        colours = look.colours
        self.listen_button.setIcon(themed_icon("speaker", colours["button_text"], None, None,
                                               look.text_px(ICON_PIXELS)))
        self.listen_button.setIconSize(QSize(look.text_px(ICON_PIXELS), look.text_px(ICON_PIXELS)))
        font = pixel_font(look.text_px(LABEL_PIXELS))  # (not in the sheet: see PageButton)
        for button in (self.listen_button, self.stop_button, self.slower_button):
            button.setFont(font)
            button.setMinimumHeight(height)
            button.setMinimumWidth(max(MIN_TARGET, look.px(160)))
        self._label()

    def _label(self) -> None:
        lang = self.look.lang
        key = {IDLE: "listen", SPEAKING: "listen_pause", PAUSED: "listen_resume"}[self.state]
        self.listen_button.setText(text(lang, key))
        self.listen_button.setAccessibleName(text(lang, key))
        self.listen_button.setAccessibleDescription(text(lang, "listen_description"))
        self.stop_button.setText(text(lang, "listen_stop"))
        self.stop_button.setAccessibleName(text(lang, "listen_stop"))
        self.stop_button.setAccessibleDescription(text(lang, "listen_stop_description"))
        self.slower_button.setText(text(lang, "listen_slower"))
        self.slower_button.setAccessibleName(text(lang, "listen_slower"))
        self.slower_button.setAccessibleDescription(text(lang, "listen_slower_description"))
