""""Take this page home": a pop-up with a QR code of the page's web address (segno, drawn crisp)."""

from __future__ import annotations

from urllib.parse import quote

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.look import Look
from kiosk.core.strings import text
from kiosk.ui.widget_sheets import apply_widget_sheet
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
# The code's side at 1920x1080 (scaled with the screen): about 13 cm on a 24-inch screen, large
# enough for a phone held at 40 cm (a rule of thumb asks for a tenth of the distance, 4 cm).
CODE_PIXELS = 520


def page_address(template: str, lang: str, page_id: str) -> str:
    """Return a page's web address from the take_home_url template ({lang}, {page})."""
    return template.format(lang=quote(lang, safe=""), page=quote(page_id, safe="/-_.~"))


class QrCode(QWidget):
    """Draws a QR code as whole-pixel black squares on white: crisp at any size, never smoothed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("QrCode")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.address = ""
        self._rows: list[list[bool]] = []
        self._side = CODE_PIXELS

    def set_address(self, address: str) -> None:
        """Make the code for `address` (segno is imported here, on the first code shown)."""
        import segno

        self.address = address
        code = segno.make_qr(address, error="m")
        self._rows = [[bool(dark) for dark in row] for row in code.matrix_iter(border=QUIET_ZONE)]
        self.set_side(self._side)

    def set_side(self, pixels: int) -> None:
        """Make the code about `pixels` wide, rounded down to whole pixels per module."""
        self._side = pixels
        modules = max(1, len(self._rows))
        self.setFixedSize(QSize(*[max(1, pixels // modules) * modules] * 2))
        self.update()

    @property
    def module_pixels(self) -> int:
        """Return the side of one module (one black or white square) in pixels."""
        return self.width() // max(1, len(self._rows))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint white, then each dark module as a whole-pixel square (no antialiasing)."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        size = self.module_pixels
        black = QColor("#000000")
        for y, row in enumerate(self._rows):
            x = 0
            while x < len(row):  # runs of dark modules as one rectangle
                if row[x]:
                    start = x
                    while x < len(row) and row[x]:
                        x += 1
                    painter.fillRect(QRect(start * size, y * size, (x - start) * size, size), black)
                else:
                    x += 1
        painter.end()


class TakeHomeLayer(WindowLayer):
    """The pop-up: title, the code, one line of instructions in the page's language, Close."""

    closed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__("TakeHome", parent)
        self.card = self.add_card("TakeHomeCard")
        self._column = column = QVBoxLayout(self.card)
        self.title = layer_label("TakeHomeTitle", self.card)
        self.code = QrCode(self.card)
        self.instructions = layer_label("TakeHomeText", self.card)
        self.close_button = layer_button("TakeHomeClose", self.card)
        self.close_button.clicked.connect(self.close_layer)
        column.addWidget(self.title)
        column.addWidget(self.code, 0, Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.instructions)
        column.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignCenter)

    def apply_look(self, look: Look) -> None:
        """Size, word and style the pop-up for `look` (the page's language and text size)."""
        apply_widget_sheet(self, look)
        self.card.setFixedWidth(look.px(1000))
        self._column.setContentsMargins(*[look.px(44)] * 4)
        self._column.setSpacing(look.px(24))
        self.code.set_side(look.px(CODE_PIXELS))
        self.title.setText(text(look.lang, "take_home"))
        self.instructions.setText(text(look.lang, "take_home_instructions"))
        self.close_button.setText(text(look.lang, "close"))
        self.close_button.setAccessibleName(text(look.lang, "close"))

    def present(self, address: str, look: Look) -> None:
        """Show the code for `address` in `look`."""
        self.code.set_address(address)
        self.apply_look(look)
        self.show_layer()
        self.close_button.setFocus()

    def close_layer(self) -> None:
        """Hide the pop-up (Close, or the reset for the next patient)."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def mouseReleaseEvent(self, event) -> None:
        """A touch outside the card closes the pop-up too."""
        event.accept()
        if not self.card.geometry().contains(event.position().toPoint()):
            self.close_layer()
