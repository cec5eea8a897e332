"""Crash resilience: an error in a slot is logged and the kiosk goes home; repeated errors exit."""

from __future__ import annotations

import faulthandler
import logging

import pytest
from kiosk_mode_support import kiosk_window
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QPushButton

from kiosk.core.failure_budget import EXIT_CODE_FAILING, FailureBudget
from kiosk.ui.crash_guard import CrashGuard, enable_faulthandler


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Trigger(QObject):
    """Something a patient can set off whose slot has a bug."""

    fired = Signal()


def broken_slot():
    raise RuntimeError("a bug in a slot")


@pytest.fixture
def guarded(qtbot, tmp_path):
    """A kiosk window with the crash guard installed, as `kiosk` runs it; exits are recorded."""
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000, warning_ms=30_000)
    exits = []
    clock = FakeClock()
    guard = CrashGuard(window.kiosk_mode.recover, FailureBudget(clock), exits.append)
    guard.install()
    yield window, guard, exits, clock
    guard.uninstall()


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_the_kiosk_goes_home(qtbot, guarded, caplog):
    window, _guard, exits, _clock = guarded
    window.session.open("alpha")
    window.session.open("beta")
    window.kiosk_mode.open_pin_pad()
    button = QPushButton("broken", window)
    button.clicked.connect(broken_slot)
    button.show()
    caplog.set_level(logging.INFO)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.location.is_home, timeout=2000)
    assert window.stack.currentWidget() is window.home_screen
    assert not window.kiosk_mode.pin_pad.isVisible()
    assert not window.session.history.can_go_back
    assert window.isVisible() and exits == []
    record = next(r for r in caplog.records if r.levelno == logging.CRITICAL)
    assert "unexpected error" in record.getMessage()
    assert "a bug in a slot" in caplog.text  # the traceback is in the log


@pytest.mark.qt_no_exception_capture
def test_repeated_errors_within_a_minute_exit_for_a_restart(qtbot, guarded, caplog):
    _window, guard, exits, clock = guarded
    trigger = Trigger()
    trigger.fired.connect(broken_slot)
    for _ in range(3):
        trigger.fired.emit()
        clock.now += 10
    assert exits == []  # three errors in 30 s: the kiosk carries on
    trigger.fired.emit()
    assert exits == [EXIT_CODE_FAILING] and guard.exit_code == EXIT_CODE_FAILING
    assert "exiting with code 70" in caplog.text


@pytest.mark.qt_no_exception_capture
def test_errors_spread_out_over_time_never_exit(qtbot, guarded):
    _window, _guard, exits, clock = guarded
    trigger = Trigger()
    trigger.fired.connect(broken_slot)
    for _ in range(10):
        trigger.fired.emit()
        clock.now += 25  # one error every 25 s: never more than 3 within a minute
    assert exits == []


def test_failure_budget_counts_within_the_window():
    clock = FakeClock()
    budget = FailureBudget(clock, limit=3, window_s=60)
    assert [budget.record() for _ in range(3)] == [False] * 3
    clock.now += 60
    assert budget.record() is False and budget.recent == 1
    assert budget.total == 4


def test_faulthandler_writes_to_the_log_folder(tmp_path):
    was_enabled = faulthandler.is_enabled()
    try:
        path = enable_faulthandler(tmp_path / "logs")
        assert path == tmp_path / "logs" / "faults.log"
        assert faulthandler.is_enabled() and path.exists()
    finally:
        faulthandler.disable()
        if was_enabled:
            faulthandler.enable()
