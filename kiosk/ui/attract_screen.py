"""The start screen between patients: the clinic's name and "Touch anywhere to start", drifting."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.fitted_label import FittedLabel
from kiosk.ui.keyboard import click_focused_button
from kiosk.ui.language_buttons import LanguageButtons
from kiosk.ui.layouts import discard_widgets
from kiosk.ui.widget_sheets import apply_widget_sheet
from kiosk.ui.window_layer import WindowLayer, layer_label

DRIFT_INTERVAL_MS = 6000  # one small step every few seconds: no animation frames, no idle CPU
DRIFT_PIXELS = 70  # how far (at 1920x1080) the text wanders from the centre
BLOCK_PIXELS = 1500  # the width of the text (at 1920x1080), less on a narrower window
EDGE_PIXELS = 24  # the least space between the text and the window's edges (beyond the drift)


_MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr,
                  Qt.Key.Key_Meta, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Super_L,
                  Qt.Key.Key_Super_R)


def drift_offset(step: int, radius: float) -> tuple[int, int]:
    """Return the text's offset from the centre at `step` (a slow, non-repeating-looking path)."""
    return (round(radius * math.sin(step * 0.9)), round(radius * math.sin(step * 1.3 + 1.0)))


class AttractScreen(WindowLayer):
    """Covers the whole window until someone touches it; emits `started`.

    Its language buttons emit `language_chosen(code)` and then `started`.
    """

    started = Signal()
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__("AttractScreen", parent)
        self.look = Look()
        self.step = 0
        self.block = QWidget(self)
        self.block.setObjectName("AttractBlock")
        self._column = QVBoxLayout(self.block)
        # Any length of name: at most three lines, a little smaller if need be, else elided.
        self.clinic = FittedLabel("", self.block, max_lines=3, smallest=0.75,
                                  alignment=Qt.AlignmentFlag.AlignHCenter)
        self.clinic.setObjectName("AttractClinic")
        self._column.addWidget(self.clinic)
        self.invitations: list = []
        self.languages = LanguageButtons(self.block)
        self.languages.language_chosen.connect(self._choose_language)
        self._column.addWidget(self.languages, 0, Qt.AlignmentFlag.AlignHCenter)
        self._drift = QTimer(self)
        self._drift.setInterval(DRIFT_INTERVAL_MS)
        self._drift.timeout.connect(self.drift)

    def apply_look(self, look: Look) -> None:
        """Size and style the screen for `look`."""
        self.look = look
        apply_widget_sheet(self, look)
        self._column.setSpacing(look.px(36))
        self.languages.apply_look(look)

    def present(self, clinic_name: str, languages: list[str]) -> None:
        """Show the clinic's name and the invitation in each of `languages` (first = default)."""
        self.clinic.setText(clinic_name)
        self.clinic.setAccessibleName(clinic_name)
        lines = [text(lang, "touch_to_start") for lang in languages or ["en"]]
        lines = list(dict.fromkeys(lines))  # one line per distinct text
        while len(self.invitations) > len(lines):
            discard_widgets(self._column, [self.invitations.pop()])
        while len(self.invitations) < len(lines):
            label = layer_label("AttractInvitation", self.block)
            self._column.insertWidget(self._column.indexOf(self.languages), label)
            self.invitations.append(label)
        for label, line in zip(self.invitations, lines, strict=True):
            label.setText(line)
        codes = languages or ["en"]
        self.languages.show_languages(sorted(codes))
        self.languages.set_current(codes[0])
        self.show_layer()
        self.step = 0
        self._place()
        self._drift.start()

    def drift(self) -> None:
        """Move the text a few pixels, so no still image burns into the panel."""
        self.step += 1
        self._place()

    @property
    def drifting(self) -> bool:
        """Return True while the drift timer runs (only when the screen is shown)."""
        return self._drift.isActive()

    def _place(self) -> None:
        """Centre the text, drifted, never wider than the window nor off its edges."""
        look = self.look
        drift = DRIFT_PIXELS * look.scale
        edge = round(drift) + look.px(EDGE_PIXELS)
        self.block.setFixedWidth(max(1, min(look.px(BLOCK_PIXELS), self.width() - 2 * edge)))
        self.block.adjustSize()  # (Qt sizes it for its preferred width, not its fixed one)
        column = self._column
        if column.hasHeightForWidth() and column.totalHeightForWidth(self.block.width()) \
                > self.block.height():  # a long clinic name needs more lines than that says
            self.block.resize(self.block.width(), column.totalHeightForWidth(self.block.width()))
        dx, dy = drift_offset(self.step, drift)
        centre = self.rect().center()
        width, height = self.block.width(), self.block.height()
        x = centre.x() - width // 2 + dx
        y = centre.y() - height // 2 + dy
        self.block.move(QPoint(max(0, min(x, self.width() - width)),
                               max(0, min(y, self.height() - height))))

    def resizeEvent(self, event) -> None:
        """Keep the text centred when the window changes size."""
        super().resizeEvent(event)
        self._place()

    def leave(self) -> None:
        """Hide the screen and stop the drift timer."""
        self._drift.stop()
        self.hide()

    def mouseReleaseEvent(self, event) -> None:
        """A touch (or click) anywhere opens the kiosk."""
        event.accept()
        self._start()

    def mousePressEvent(self, event) -> None:
        """Take the press so the release comes here, not to a button below."""
        event.accept()

    def keyPressEvent(self, event) -> None:
        """A key also opens the kiosk (keyboards are rare on a kiosk, but never a dead end).

        Enter or Space on a focused language button chooses that language.
        """
        event.accept()
        if event.key() in _MODIFIER_KEYS:  # the first half of Ctrl+Q, Alt+F4 ...: not a start
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) \
                and click_focused_button(self):
            return
        self._start()

    def _choose_language(self, code: str) -> None:
        self.language_chosen.emit(code)
        self._start()

    def _start(self) -> None:
        if self.isVisible():
            self.leave()
            self.started.emit()
