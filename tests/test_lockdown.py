"""Lockdown: in full screen no key, close, menu, zoom or drop gets a patient out; a window closes."""

from __future__ import annotations

import logging

import pytest
from kiosk_mode_support import kiosk_window
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QNativeGestureEvent,
    QPointingDevice,
    QWheelEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.ui.lockdown import hide_cursor_if_touch_only

KEYS = [
    ("Ctrl+Q", Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+W", Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ("Alt+F4", Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ("Esc", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ("F11", Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
]


def full_screen(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000, warning_ms=30_000)
    window.showFullScreen()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize(("name", "key", "modifiers"), KEYS)
def test_exit_keys_do_nothing_in_full_screen(qtbot, tmp_path, caplog, name, key, modifiers):
    window = full_screen(qtbot, tmp_path)
    window.session.open("alpha")
    caplog.set_level(logging.INFO, logger="kiosk.ui.lockdown")
    QTest.keyClick(window.page_screen.view, key, modifiers)
    assert window.isVisible() and window.isFullScreen()
    assert window.session.location.page_id == "alpha"
    assert f"lockdown: {name} ignored" in caplog.text


def test_window_close_and_alt_f4_close_event_are_refused_in_full_screen(qtbot, tmp_path, caplog):
    window = full_screen(qtbot, tmp_path)
    caplog.set_level(logging.INFO, logger="kiosk.ui.lockdown")
    assert window.close() is False  # what the window manager's Alt+F4 and the close button do
    assert window.isVisible()
    assert "window close refused" in caplog.text


@pytest.mark.parametrize("key", [Qt.Key.Key_Q, Qt.Key.Key_W])
def test_ctrl_q_and_ctrl_w_close_a_demo_window(qtbot, tmp_path, key):
    window = kiosk_window(qtbot, tmp_path, "--windowed", idle_ms=60_000)
    assert not window.fullscreen
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_window_close_works_in_a_demo_window(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, "--windowed", idle_ms=60_000)
    assert window.close() is True
    assert not window.isVisible()


def test_staff_exit_really_quits_full_screen(qtbot, tmp_path):
    window = full_screen(qtbot, tmp_path)
    window.kiosk_mode.exit_kiosk()
    assert not window.isVisible()


def test_right_click_and_long_press_menus_never_open(qtbot, tmp_path, caplog):
    window = full_screen(qtbot, tmp_path)
    caplog.set_level(logging.INFO, logger="kiosk.ui.lockdown")
    tile = window.home_screen.tiles[0]
    qtbot.mouseClick(tile, Qt.MouseButton.RightButton)
    window.session.open("alpha")
    viewport = window.page_screen.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=QPoint(40, 40))
    for widget in (tile, viewport, window.page_screen.view, window.clinic_label, window):
        for reason in (QContextMenuEvent.Reason.Mouse, QContextMenuEvent.Reason.Other):
            QApplication.sendEvent(widget, QContextMenuEvent(reason, QPoint(5, 5), QPoint(5, 5)))
            assert QApplication.activePopupWidget() is None
    assert "context menu refused" in caplog.text
    assert window.session.location.page_id == "alpha"


def test_ctrl_wheel_and_pinch_do_not_zoom_the_page(qtbot, tmp_path, caplog):
    window = full_screen(qtbot, tmp_path)
    window.session.open("alpha")
    view = window.page_screen.view
    caplog.set_level(logging.INFO, logger="kiosk.ui.page_view")
    font_before = view.font().toString()
    wheel = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 480),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    pinch = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture,
                                QPointingDevice.primaryPointingDevice(), 2, QPointF(50, 50),
                                QPointF(50, 50), QPointF(50, 50), 0.5, QPointF(0, 0))
    QApplication.sendEvent(view.viewport(), pinch)
    assert view.font().toString() == font_before  # Ctrl+wheel would zoom a QTextBrowser
    assert caplog.text.count("zoom refused") == 2


def test_dragging_files_in_is_refused(qtbot, tmp_path):
    window = full_screen(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/etc/passwd")])
    action = Qt.DropAction.CopyAction
    for widget in (window, window.page_screen.view.viewport()):
        assert not widget.acceptDrops()
    enter = QDragEnterEvent(QPoint(10, 10), action, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), action, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    QApplication.sendEvent(window, drop)
    assert not drop.isAccepted()
    assert window.session.location.is_home  # (Qt never delivers a drop to a widget that refuses drops)


def test_touch_only_hides_the_pointer():
    assert hide_cursor_if_touch_only(False) is False
    assert QApplication.overrideCursor() is None
    try:
        assert hide_cursor_if_touch_only(True) is True
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    finally:
        QApplication.restoreOverrideCursor()


def test_a_quit_request_from_the_system_is_refused_in_full_screen(qtbot, tmp_path):
    # macOS sends Cmd+Q (and "Quit" from the Dock) to the application as a Quit event, which
    # closes every window first; the kiosk window refuses, so nothing quits.
    window = full_screen(qtbot, tmp_path)
    quits = []
    QApplication.instance().aboutToQuit.connect(lambda: quits.append(True))
    QApplication.sendEvent(QApplication.instance(), QEvent(QEvent.Type.Quit))
    assert window.isVisible()
    assert quits == []


def test_exit_keys_on_the_start_screen_neither_quit_nor_start(qtbot, tmp_path):
    window = full_screen(qtbot, tmp_path)
    window.kiosk_mode.show_attract()
    attract = window.kiosk_mode.attract
    for key in (Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_Shift):
        QTest.keyClick(attract, key)  # what a keyboard sends first for Ctrl+Q, Alt+F4 ...
    QTest.keyClick(attract, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(attract, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert attract.isVisible() and window.isVisible()


def test_a_kiosk_taken_out_of_full_screen_by_the_system_goes_back(qtbot, tmp_path):
    window = full_screen(qtbot, tmp_path)
    assert window.isFullScreen()

    def back() -> bool:  # (a minimised window keeps its full-screen flag: both are asked)
        return window.isFullScreen() and not window.isMinimized()

    window.showMinimized()  # what a window-manager key, menu or an edge swipe can do
    assert window.isMinimized()
    qtbot.waitUntil(back, timeout=2000)
    window.showNormal()
    qtbot.waitUntil(back, timeout=2000)
