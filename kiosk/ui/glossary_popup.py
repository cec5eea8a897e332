"""The pop-up that explains a glossary word over the page (the word's dotted underline: rendering.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.glossary import Term
from kiosk.core.look import Look
from kiosk.core.resources import safe_join
from kiosk.core.strings import text
from kiosk.ui.widget_sheets import apply_widget_sheet
from kiosk.ui.window_layer import WindowLayer, layer_button, layer_label

PICTURE_PX = 360  # the largest side of a term's picture at 1920x1080


def term_picture(content_root: Path, relative: str, px: int) -> QPixmap | None:
    """Return a term's picture (inside the content folder) drawn at most `px` on its longer side."""
    path = safe_join(content_root, relative) if relative else None
    if path is None or not path.is_file():
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(QByteArray(path.read_bytes()))
        size = renderer.defaultSize()
        if not renderer.isValid() or size.isEmpty():
            return None
        scale = px / max(size.width(), size.height())
        image = QImage(QSize(round(size.width() * scale), round(size.height() * scale)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        return QPixmap.fromImage(image)
    image = QImage(str(path))
    if image.isNull():
        return None
    return QPixmap.fromImage(image.scaled(px, px, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))


class GlossaryPopup(WindowLayer):
    """A large card over the page with a word, what it means, maybe a picture, and Close.

    It does not navigate: the page stays where it was under it. `listen_requested(text)` asks
    for the definition to be read aloud (the button shows only when the kiosk can speak).
    """

    closed = Signal()
    listen_requested = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__("GlossaryPopup", parent)
        self.look = Look()
        self.term: Term | None = None
        self.can_listen = False
        self.card = self.add_card("GlossaryCard")
        self._column = column = QVBoxLayout(self.card)
        self.word = layer_label("GlossaryWord", self.card, centred=False)
        self.definition = layer_label("GlossaryDefinition", self.card, centred=False)
        self.picture = QLabel(self.card)
        self.picture.setObjectName("GlossaryPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        self.listen_button = layer_button("GlossaryListen", self.card)
        self.listen_button.clicked.connect(self._listen)
        self.close_button = layer_button("GlossaryClose", self.card)
        self.close_button.clicked.connect(self.close_popup)
        buttons.addStretch(1)
        buttons.addWidget(self.listen_button)
        buttons.addWidget(self.close_button)
        column.addWidget(self.word)
        column.addWidget(self.definition)
        column.addWidget(self.picture)
        column.addLayout(buttons)

    def apply_look(self, look: Look) -> None:
        """Size, word and colour the pop-up for `look` (the patient's text size too)."""
        self.look = look
        apply_widget_sheet(self, look)
        self.card.setFixedWidth(min(look.px(1200), max(320, self.width() - look.px(80))))
        self._column.setContentsMargins(*[look.px(48)] * 4)
        self._column.setSpacing(look.px(28))
        self.close_button.setText(text(look.lang, "glossary_close"))
        self.close_button.setAccessibleName(text(look.lang, "glossary_close"))
        self.listen_button.setText(text(look.lang, "glossary_listen"))
        self.listen_button.setAccessibleName(text(look.lang, "glossary_listen"))

    def open_term(self, term: Term, content_root: Path) -> None:
        """Show `term` over the window, the Close button focused."""
        self.term = term
        self.word.setText(term.word)
        self.definition.setText(term.definition)
        self.setAccessibleName(text(self.look.lang, "glossary_description").format(word=term.word))
        picture = term_picture(content_root, term.picture, self.look.px(PICTURE_PX))
        self.picture.setVisible(picture is not None)
        if picture is not None:
            self.picture.setPixmap(picture)
            self.picture.setAccessibleName(term.picture_alt)
        self.listen_button.setVisible(self.can_listen)
        self.show_layer()
        self.apply_look(self.look)  # (the card's width follows the window's)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_popup(self) -> None:
        """Hide the pop-up; the page under it is as it was."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _listen(self) -> None:
        if self.term is not None:
            self.listen_requested.emit(f"{self.term.word}. {self.term.definition}")

    def mouseReleaseEvent(self, event) -> None:
        """A tap beside the card closes it too."""
        event.accept()
        if not self.card.geometry().contains(event.position().toPoint()):
            self.close_popup()

    def keyPressEvent(self, event) -> None:
        """Escape, Backspace and Enter on Close close it; other keys stay with its buttons."""
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            event.accept()
            self.close_popup()
            return
        super().keyPressEvent(event)
