"""Staff exit: five taps on the clinic's name, the PIN pad, the lockout and the staff menu."""

from __future__ import annotations

import logging

import pytest
from kiosk_mode_support import kiosk_window
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.staff_pin import hash_pin

PIN = "2468"
PIN_HASH = hash_pin(PIN, n=2**10)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def staff_window(qtbot, tmp_path, pin_hash=PIN_HASH, **kwargs):
    window = kiosk_window(qtbot, tmp_path, staff_pin_hash=pin_hash,
                          **{"idle_ms": 60_000, "warning_ms": 30_000, **kwargs})
    window.showFullScreen()
    qtbot.waitExposed(window)
    return window


def tap_clinic_name(qtbot, window, times):
    for _ in range(times):
        qtbot.mouseClick(window.clinic_label, Qt.MouseButton.LeftButton)


def type_pin(qtbot, pad, digits):
    for digit in digits:
        qtbot.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.enter_button, Qt.MouseButton.LeftButton)


def test_five_quick_taps_open_the_pin_pad_and_four_do_not(qtbot, tmp_path):
    window = staff_window(qtbot, tmp_path)
    pad = window.kiosk_mode.pin_pad
    tap_clinic_name(qtbot, window, 4)
    assert not pad.isVisible()
    tap_clinic_name(qtbot, window, 1)
    assert pad.isVisible()
    assert pad.geometry() == window.rect()
    assert pad.title.text() == "Staff only: enter the PIN"
    for button in pad.digit_buttons.values():
        assert button.isEnabled() and min(button.width(), button.height()) >= 44


def test_quick_taps_that_the_system_reports_as_double_clicks_still_count(qtbot, tmp_path):
    # On a real screen, five quick taps arrive as: press, release, double-click, release, press ...
    window = staff_window(qtbot, tmp_path)
    label = window.clinic_label
    kinds = [QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick] * 2 + [
        QEvent.Type.MouseButtonPress]
    for kind in kinds:
        for event_type in (kind, QEvent.Type.MouseButtonRelease):
            QApplication.sendEvent(label, QMouseEvent(
                event_type, QPointF(20, 20), QPointF(20, 20), Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton if event_type != QEvent.Type.MouseButtonRelease
                else Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert window.kiosk_mode.pin_pad.isVisible()


def test_quick_taps_on_one_digit_count_each_time(qtbot, tmp_path):
    window = staff_window(qtbot, tmp_path)
    window.kiosk_mode.open_pin_pad()
    pad = window.kiosk_mode.pin_pad
    button = pad.digit_buttons["1"]
    centre = QPointF(button.rect().center())
    for kind in [QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick] * 2:
        for event_type in (kind, QEvent.Type.MouseButtonRelease):
            QApplication.sendEvent(button, QMouseEvent(
                event_type, centre, button.mapToGlobal(centre), Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton if event_type != QEvent.Type.MouseButtonRelease
                else Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert pad.entered == "1111"


def test_slow_taps_do_not_open_the_pad(qtbot, tmp_path):
    window = staff_window(qtbot, tmp_path)
    clock = FakeClock()
    window.kiosk_mode.secret_taps.clock = clock
    for _ in range(10):
        tap_clinic_name(qtbot, window, 1)
        clock.now += 1.0  # five taps take 4 s
    assert not window.kiosk_mode.pin_pad.isVisible()


def test_right_pin_opens_the_staff_menu(qtbot, tmp_path, caplog):
    window = staff_window(qtbot, tmp_path)
    caplog.set_level(logging.INFO)
    window.kiosk_mode.open_pin_pad()
    pad, menu = window.kiosk_mode.pin_pad, window.kiosk_mode.staff_menu
    type_pin(qtbot, pad, PIN)
    assert not pad.isVisible()
    assert menu.isVisible()
    assert [b.text() for b in menu.buttons.values()] == [
        "Exit kiosk", "Reload content", "Usage", "Back to kiosk"]
    assert "staff PIN accepted" in caplog.text
    assert PIN not in caplog.text


def test_wrong_pin_says_so_and_keeps_the_menu_closed(qtbot, tmp_path):
    window = staff_window(qtbot, tmp_path)
    window.kiosk_mode.open_pin_pad()
    pad = window.kiosk_mode.pin_pad
    type_pin(qtbot, pad, "1111")
    assert pad.isVisible() and not window.kiosk_mode.staff_menu.isVisible()
    assert pad.message.text() == "Wrong PIN. 4 more tries before the pad locks."
    assert pad.dots.text() == ""  # the wrong digits are gone


def test_five_wrong_pins_lock_the_pad_for_a_minute(qtbot, tmp_path, caplog):
    window = staff_window(qtbot, tmp_path)
    clock = FakeClock()
    pad = window.kiosk_mode.pin_pad
    pad.lockout.clock = clock
    window.kiosk_mode.open_pin_pad()
    caplog.set_level(logging.WARNING)
    for _ in range(5):
        type_pin(qtbot, pad, "9999")
    assert pad.message.text() == "Too many wrong PINs. The pad is locked for 60 seconds."
    assert not any(b.isEnabled() for b in pad.digit_buttons.values())
    assert "locked for 60 s" in caplog.text
    pad.press(PIN[0])
    pad.submit()  # even the right PIN does nothing while locked
    assert not window.kiosk_mode.staff_menu.isVisible()
    clock.now += 61
    qtbot.mouseClick(pad.back_button, Qt.MouseButton.LeftButton)
    window.kiosk_mode.open_pin_pad()
    assert all(b.isEnabled() for b in pad.digit_buttons.values())
    type_pin(qtbot, pad, PIN)
    assert window.kiosk_mode.staff_menu.isVisible()


def test_no_pin_configured_five_taps_open_nothing(qtbot, tmp_path, caplog):
    window = staff_window(qtbot, tmp_path, pin_hash="")
    caplog.set_level(logging.WARNING)
    tap_clinic_name(qtbot, window, 5)
    assert not window.kiosk_mode.pin_pad.isVisible()  # any patient can tap five times
    assert "no staff PIN is set" in caplog.text


def test_no_pin_configured_the_pad_explains_how_to_set_one(qtbot, tmp_path):
    # (only on a staff screenshot, `kiosk --screenshot --overlay pin-pad`: five taps open nothing)
    window = staff_window(qtbot, tmp_path, pin_hash="")
    window.kiosk_mode.preview("pin-pad")
    pad = window.kiosk_mode.pin_pad
    assert pad.isVisible()
    assert "kiosk hash-pin" in pad.message.text() and pad.message.isVisible()
    assert not any(b.isEnabled() for b in pad.digit_buttons.values())
    assert pad.back_button.isEnabled()
    qtbot.mouseClick(pad.back_button, Qt.MouseButton.LeftButton)
    assert not pad.isVisible()


def test_pin_pad_times_out_back_to_the_kiosk(qtbot, tmp_path):
    window = staff_window(qtbot, tmp_path, idle_ms=60, warning_ms=150)
    window.kiosk_mode.open_pin_pad()
    pad = window.kiosk_mode.pin_pad
    pad.press("1")
    qtbot.waitUntil(window.kiosk_mode.attract.isVisible, timeout=3000)
    assert not pad.isVisible() and pad.entered == ""


def test_staff_menu_back_and_reload(qtbot, tmp_path):
    window = staff_window(qtbot, tmp_path)
    mode = window.kiosk_mode
    mode.open_pin_pad()
    type_pin(qtbot, mode.pin_pad, PIN)
    (tmp_path / "content" / "en" / "gamma.md").write_text("# Gamma section\n\nNew page.\n",
                                                         encoding="utf-8")
    qtbot.mouseClick(mode.staff_menu.buttons["staff_reload"], Qt.MouseButton.LeftButton)
    assert mode.staff_menu.isVisible()
    assert mode.staff_menu.message.text().startswith("Content reloaded: 6 pages")  # 5 en + 1 es
    assert "gamma" in [tile.page_id for tile in window.home_screen.tiles]
    qtbot.mouseClick(mode.staff_menu.buttons["back_to_kiosk"], Qt.MouseButton.LeftButton)
    assert not mode.staff_menu.isVisible()
    assert window.isVisible()


def test_staff_menu_exit_quits_the_full_screen_kiosk(qtbot, tmp_path, caplog):
    window = staff_window(qtbot, tmp_path)
    caplog.set_level(logging.INFO)
    mode = window.kiosk_mode
    assert window.close() is False
    mode.open_pin_pad()
    type_pin(qtbot, mode.pin_pad, PIN)
    qtbot.mouseClick(mode.staff_menu.buttons["staff_exit"], Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    assert "staff exit" in caplog.text


def _visible_buttons(pad):
    buttons = [*pad.digit_buttons.values(), pad.clear_button, pad.enter_button, pad.back_button]
    return [b for b in buttons if b.isVisibleTo(pad)]


def _rect_in_window(widget, window):
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return widget.rect().translated(top_left)


@pytest.mark.parametrize("state", ["digits", "wrong", "locked", "no pin"])
def test_pin_pad_fits_a_1366x768_screen_in_every_state(qtbot, tmp_path, state):
    window = kiosk_window(qtbot, tmp_path, staff_pin_hash="" if state == "no pin" else PIN_HASH,
                          idle_ms=60_000, warning_ms=30_000)  # a 1366x768 window
    pad = window.kiosk_mode.pin_pad
    window.kiosk_mode.open_pin_pad()
    for _ in range({"wrong": 1, "locked": 5}.get(state, 0)):
        type_pin(qtbot, pad, "1111")
    pad.layout().activate()
    assert window.size().width() == 1366
    card = _rect_in_window(pad.card, window)
    assert window.rect().contains(card)
    rects = [_rect_in_window(b, window) for b in _visible_buttons(pad)]
    assert len(rects) == (1 if state == "no pin" else 13)
    for index, rect in enumerate(rects):
        assert card.contains(rect) and rect.height() >= 44
        for other in rects[index + 1:]:
            assert not rect.intersects(other), "buttons overlap"
    for label in (pad.title, pad.message):
        if label.isVisibleTo(pad):
            assert label.height() >= label.heightForWidth(label.width())  # no clipped text


def test_enter_presses_the_focused_key_and_typed_enter_submits(qtbot, tmp_path):
    window = staff_window(qtbot, tmp_path)
    window.kiosk_mode.open_pin_pad()
    pad = window.kiosk_mode.pin_pad
    pad.digit_buttons["2"].setFocus()
    qtbot.keyClick(pad.digit_buttons["2"], Qt.Key.Key_Return)
    assert pad.entered == "2"  # Enter on a focused digit types that digit
    pad.entered = ""
    for digit in PIN:
        qtbot.keyClick(pad, digit)
    pad.setFocus()
    qtbot.keyClick(pad, Qt.Key.Key_Return)  # no key focused: Enter submits what was typed
    assert window.kiosk_mode.staff_menu.isVisible()
    window.kiosk_mode.staff_menu.hide()
    window.kiosk_mode.open_pin_pad()
    pad.back_button.setFocus()
    qtbot.keyClick(pad.back_button, Qt.Key.Key_Enter)
    assert not pad.isVisible()  # Enter on "Back to kiosk" goes back
