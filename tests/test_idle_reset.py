"""Idle reset: the "Are you still there?" question, Continue, and the reset for the next patient."""

from __future__ import annotations

import sys

import pytest
from kiosk_mode_support import kiosk_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.core.display_settings import DisplaySettings
from kiosk.heap_trim import release_free_memory


def test_idle_question_appears_with_countdown_after_no_input(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, warning_ms=30_000)
    window.session.open("alpha")
    overlay = window.kiosk_mode.overlay
    assert not overlay.isVisible()
    qtbot.waitUntil(overlay.isVisible, timeout=2000)
    assert overlay.title.text() == "Are you still there?"
    assert "30 seconds" in overlay.countdown.text()
    assert overlay.geometry() == window.rect()  # covers everything, header included
    assert overlay.continue_button.height() >= 44 and overlay.continue_button.width() >= 44


def test_any_input_restarts_the_idle_count(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000)
    window.session.open("alpha")
    guard = window.kiosk_mode.guard
    viewport = window.page_screen.view.viewport()
    dev = QTest.createTouchDevice()
    handle = window.windowHandle()
    point = viewport.mapTo(window, QPoint(60, 60))
    inputs = [
        lambda: QTest.mouseMove(viewport, QPoint(60, 60)),
        # A real tap reaches the window first (the page view's finger scrolling holds presses back).
        lambda: QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 point),
        lambda: QTest.mouseRelease(handle, Qt.MouseButton.LeftButton,
                                   Qt.KeyboardModifier.NoModifier, point),
        lambda: QTest.keyClick(window, Qt.Key.Key_Tab),
        lambda: QTest.touchEvent(window, dev).press(0, QPoint(30, 300), window).commit(),
    ]
    for send in inputs:
        qtbot.waitUntil(lambda: guard.remaining_ms < 59_700, timeout=2000)  # time passes ...
        before = guard.remaining_ms
        send()
        assert guard.remaining_ms > before, inputs.index(send)  # ... input starts the count again
    QTest.touchEvent(window, dev).release(0, QPoint(30, 300), window).commit()


def test_idle_fires_after_the_timeout_without_input(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=300)
    window.session.open("alpha")
    assert not window.kiosk_mode.overlay.isVisible()
    qtbot.waitUntil(window.kiosk_mode.overlay.isVisible, timeout=3000)
    assert window.kiosk_mode.guard.remaining_ms == -1  # resting while the question is asked


def test_continue_keeps_the_page_and_history(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, warning_ms=600)
    window.session.open("alpha")
    window.session.open("alpha/one")
    overlay = window.kiosk_mode.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=2000)
    window.kiosk_mode.guard.set_timeout(5000)  # so the question does not come straight back
    qtbot.mouseClick(overlay.continue_button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    QTest.qWait(800)  # longer than the warning: nothing was reset
    assert window.session.location.page_id == "alpha/one"
    assert window.session.history.can_go_back
    assert not window.kiosk_mode.attract.isVisible()


def test_touch_anywhere_on_the_question_also_continues(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, warning_ms=5000)
    window.session.open("beta")
    overlay = window.kiosk_mode.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=2000)
    window.kiosk_mode.guard.set_timeout(5000)
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not overlay.isVisible()
    assert window.session.location.page_id == "beta"


def test_no_answer_resets_everything_and_shows_the_start_screen(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, default_language="en")
    window.session.open("alpha")
    window.session.open("beta", "details")
    view = window.page_screen.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    window.session.set_language("es")
    window.session.set_display(DisplaySettings(text_step=2, high_contrast=True))
    assert window.session.lang == "es"
    attract = window.kiosk_mode.attract
    qtbot.waitUntil(attract.isVisible, timeout=3000)
    assert window.session.lang == "en"
    assert window.session.display.is_default  # normal text size, normal colours
    assert window.session.location.is_home and not window.session.history.can_go_back
    assert window.stack.currentWidget() is window.home_screen
    assert view.verticalScrollBar().value() == 0
    assert view.toPlainText() == ""  # the last page is not kept for the next person
    assert window.page_screen.panel.verticalScrollBar().value() == 0
    assert not window.kiosk_mode.overlay.isVisible()
    assert attract.geometry() == window.rect()
    assert attract.clinic.text() == window.session.config.clinic_name
    assert [label.text() for label in attract.invitations] == [
        "Touch anywhere to start", "Toque la pantalla para empezar"]


def test_features_hear_of_the_reset_through_the_bridge_in_order(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000)
    window.session.open("back-pain")
    window.session.next_text_size()
    calls = []
    bridge = window.bridge
    bridge.resetting.connect(lambda: calls.append("resetting"))
    bridge.look_changed.connect(lambda look: calls.append(f"look {look.text_factor}"))
    bridge.location_changed.connect(lambda where: calls.append(f"location {where.page_id!r}"))
    window.session.reset_for_next_patient()
    assert calls == ["resetting", "look 1.0", "location ''"]


def test_touch_on_the_start_screen_opens_home_and_rearms_the_idle_guard(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000)
    mode = window.kiosk_mode
    mode.show_attract()
    assert mode.attract.isVisible() and mode.attract.drifting
    assert not mode.guard.armed  # nothing to reset while nobody is there
    dev = QTest.createTouchDevice()
    centre = window.rect().center()
    QTest.touchEvent(window, dev).press(0, centre, window).commit()
    QTest.touchEvent(window, dev).release(0, centre, window).commit()
    qtbot.waitUntil(lambda: not mode.attract.isVisible(), timeout=2000)
    assert not mode.attract.drifting
    assert window.stack.currentWidget() is window.home_screen
    assert mode.guard.armed


def test_start_screen_drifts_against_burn_in(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000)
    window.kiosk_mode.show_attract()
    attract = window.kiosk_mode.attract
    positions = set()
    for _ in range(4):
        positions.add((attract.block.x(), attract.block.y()))
        attract.drift()
    assert len(positions) == 4
    for x, y in positions:  # always whole on screen
        assert x >= 0 and x + attract.block.width() <= window.width()
        assert y >= 0 and y + attract.block.height() <= window.height()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_memory_goes_back_to_the_system_between_patients():
    assert release_free_memory() is True
