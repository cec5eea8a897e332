"""A full-window layer drawn over the kiosk's screens (start screen, idle question, PIN pad)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


class WindowLayer(QWidget):
    """A child widget that covers its window completely while shown, and follows its size."""

    def __init__(self, name: str, parent: QWidget):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.hide()
        parent.installEventFilter(self)  # only the window's own events: resizes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep covering the window when it changes size."""
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())
        return False

    def add_card(self, name: str) -> QFrame:
        """Return a new card (a framed panel named `name`) centred on this layer."""
        outer = QVBoxLayout(self)
        card = QFrame(self)
        card.setObjectName(name)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        return card

    def show_layer(self) -> None:
        """Cover the window and take the keyboard focus away from the screens below."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


def layer_label(name: str, parent: QWidget, centred: bool = True) -> QLabel:
    """Return a wrapped plain-text label styled by its object name."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if centred:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def layer_button(name: str, parent: QWidget) -> QPushButton:
    """Return a big touch button styled by its object name."""
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button
