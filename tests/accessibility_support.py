"""Walks the kiosk's screens and finds the controls a finger or a keyboard can use on each."""

from __future__ import annotations

from collections.abc import Iterator

from conftest import SAMPLE_TREE, write_tree
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QWidget,
)

from kiosk.app import create_window
from kiosk.core.staff_pin import hash_pin

PIN_HASH = hash_pin("2468")
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSlider)

SPANISH_TREE = {
    **SAMPLE_TREE,
    "es/alpha.md": """
        ---
        title: Sección alfa
        summary: La primera sección.
        icon: spine
        order: 10
        ---
        # Sección alfa

        Lea [la primera subpágina](alpha/one.md).
        """,
    "es/alpha/one.md": """
        # Subpágina uno

        Vuelva a [Alfa](../alpha.md).
        """,
    "es/alpha/two.md": """
        ---
        title: Subpágina dos
        order: 5
        ---
        Texto de dos.
        """,
    "es/beta.md": """
        ---
        title: Sección beta
        summary: La segunda sección.
        order: 20
        ---
        # Sección beta

        Introducción.
        """,
}


def open_window(qtbot, *args: str, size: str = "1920x1080"):
    """Return a shown kiosk window (bundled content unless `args` name another)."""
    window = create_window(["--windowed", "--size", size, *args])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # keyboard tests need the focus (on a real display too)
    qtbot.waitUntil(window.isActiveWindow)
    return window


def spanish_content(folder) -> str:
    """Write a small content tree in English and Spanish and return its path."""
    return str(write_tree(folder / "content", SPANISH_TREE))


def settle() -> None:
    """Let layouts and deferred deletions finish, as the event loop would between touches."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, 0)
        QApplication.processEvents()


def first_section_with_pages(window) -> tuple[str, str]:
    """Return (section id, one of its sub-page ids) from the content on screen."""
    language = window.session.language
    for section in language.sections:
        children = language.children(section)
        if children:
            return section, children[0].id
    raise AssertionError("the content has no section with sub-pages")


def each_screen(window) -> Iterator[str]:
    """Put the window on each screen a patient can meet, yielding its name on each."""
    window.session.home()
    settle()
    yield "home"
    section, sub_page = first_section_with_pages(window)
    window.session.open(section)
    settle()
    yield f"section page {section}"
    window.session.open(sub_page)
    settle()
    yield f"sub-page {sub_page}"
    mode = getattr(window, "kiosk_mode", None)
    overlay = getattr(mode, "overlay", None)
    if overlay is not None:
        overlay.apply_look(window.session.look)
        overlay.ask(60_000)
        settle()
        yield "idle question"
        overlay.dismiss()
    if mode is not None and hasattr(mode, "show_attract"):
        mode.show_attract()
        settle()
        yield "start screen"
        mode.attract.leave()
    pin_pad = getattr(mode, "pin_pad", None)
    if pin_pad is not None:
        pin_pad.apply_look(window.session.look.with_normal_text())
        pin_pad.open(PIN_HASH)  # digits show only with a PIN set
        settle()
        yield "staff PIN pad"
        pin_pad.close_pad()
    staff_menu = getattr(mode, "staff_menu", None)
    if staff_menu is not None:
        staff_menu.apply_look(window.session.look.with_normal_text())
        staff_menu.present()
        settle()
        yield "staff menu"
        staff_menu.hide()
    window.session.home()
    settle()


def reachable(window: QWidget, widget: QWidget) -> bool:
    """Return True if a finger on the middle of `widget` would land on it (not covered)."""
    centre = widget.mapTo(window, widget.rect().center())
    hit = window.childAt(centre)
    return hit is not None and (hit is widget or widget.isAncestorOf(hit))


def visible_controls(window: QWidget) -> list[QWidget]:
    """Return every interactive widget a patient can see and touch, in the window's coordinates.

    Scroll bars are left out: every list scrolls by finger and the bars only show where you are.
    """
    controls = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if widget.isVisible() and reachable(window, widget):
            controls.append(widget)
    return controls


def words_fit(button) -> bool:
    """Whether a panel button's title, wrapped at its inner width, fits its inner height."""
    inner = button.rect().marginsRemoved(button.MARGINS)
    needed = QFontMetrics(button.font()).boundingRect(
        QRect(0, 0, inner.width(), 100000), button.FLAGS, button.text_label()).height()
    return not button.isVisible() or inner.height() >= needed - 1


def window_rect(window: QWidget, widget: QWidget) -> QRect:
    """Return `widget`'s rectangle in window coordinates."""
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def visible_rect(window: QWidget, widget: QWidget) -> QRect:
    """Return the part of `widget` not clipped by a scroll area, in window coordinates."""
    shown = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, shown.topLeft()), shown.size())


def gap(first: QRect, second: QRect) -> int:
    """Return the empty space between two rectangles (0 when they touch or overlap)."""
    dx = max(0, second.left() - (first.left() + first.width()),
             first.left() - (second.left() + second.width()))
    dy = max(0, second.top() - (first.top() + first.height()),
             first.top() - (second.top() + second.height()))
    return max(dx, dy)


def visible_label(widget: QWidget) -> str:
    """Return what a button says on screen: its text, the title it draws, else its first label's."""
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    if hasattr(widget, "text_label"):
        return widget.text_label()
    labels = [lab.text() for lab in widget.findChildren(QLabel)
              if lab.isVisibleTo(widget) and lab.text()]
    return labels[0] if labels else ""
