"""Opening hours: read from the settings file, and the black screen, woken by a touch, asleep again."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import write_tree
from kiosk_mode_support import TWO_LANGUAGES
from PySide6.QtCore import Qt

from kiosk.app import create_window
from kiosk.core.config import load_config
from kiosk.core.opening_hours import OpeningHours, parse_opening_hours

MONDAY_NOON = datetime(2026, 11, 30, 12, 0)  # a Monday
MONDAY_NIGHT = datetime(2026, 11, 30, 22, 30)
SUNDAY_NOON = datetime(2026, 12, 6, 12, 0)
HOURS = '{ mon = "08:00-18:00", sat = "09:00-12:00" }'


def test_hours_say_when_the_kiosk_is_open():
    hours, error = parse_opening_hours({"mon": "08:00-12:00, 13:00-18:00", "saturday": "09:00-12:00"})
    assert error is None and hours is not None
    assert hours.is_open(MONDAY_NOON.replace(hour=8))
    assert not hours.is_open(MONDAY_NOON.replace(hour=12, minute=30))  # lunch
    assert not hours.is_open(MONDAY_NOON.replace(hour=18))  # closes at 18:00 sharp
    assert hours.is_open(datetime(2026, 12, 5, 11, 59))  # Saturday morning
    assert not hours.is_open(SUNDAY_NOON)  # a day not named is closed
    assert OpeningHours().is_open(MONDAY_NIGHT)  # no hours: always open


@pytest.mark.parametrize("value", ["{}", None])
def test_no_hours_or_an_empty_table_means_always_open(tmp_path, value):
    path = tmp_path / "kiosk.toml"
    hours = "" if value is None else f"opening_hours = {value}\n"
    path.write_text(f'clinic_name = "A clinic"\n{hours}', encoding="utf-8")
    loaded = load_config(path)
    assert not loaded.problems and loaded.config.opening_hours is None
    hours, _ = parse_opening_hours({})
    assert hours is not None and hours.always_open  # (what the loader spares itself reading)


@pytest.mark.parametrize(("value", "words"), [
    ('{ mon = "8-18" }', "'mon' has '8-18', not a time span"),
    ('{ mon = "18:00-08:00" }', "ends before it starts"),
    ('{ funday = "08:00-18:00" }', "unknown day 'funday'"),
    ('{ mon = 8 }', "must be text in quotes"),
    ('"08:00-18:00"', "must be a table of days"),
])
def test_bad_hours_are_reported_by_file_and_line(tmp_path, value, words):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'clinic_name = "A clinic"\n\nopening_hours = {value}\n', encoding="utf-8")
    loaded = load_config(path)
    assert loaded.config.opening_hours is None  # the default, always open: the kiosk stays usable
    (problem,) = loaded.problems
    assert str(problem).startswith(f"{path}:3: error: 'opening_hours' ")
    assert words in problem.message and "using the default (always open)" in problem.message


def test_hours_as_a_table_of_their_own(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[opening_hours]\nmon = "08:00-18:00"\nsun = "25:00-26:00"\n', encoding="utf-8")
    (problem,) = load_config(path).problems
    assert f"{path}:1: error: 'opening_hours' 'sun'" in str(problem)




@pytest.fixture
def clock():
    """A clock the test moves by hand."""
    class Clock:
        now = MONDAY_NIGHT

        def __call__(self) -> datetime:
            return self.now
    return Clock()


def _sleepy_window(qtbot, tmp_path, clock):
    content = write_tree(tmp_path / "content", TWO_LANGUAGES)
    config = tmp_path / "kiosk.toml"
    config.write_text(f"opening_hours = {HOURS}\n", encoding="utf-8")
    window = create_window(["--content", str(content), "--config", str(config), "--size", "1366x768"])
    qtbot.addWidget(window)
    mode = window.kiosk_mode
    mode.sleep.clock = clock
    mode.set_timeouts(300, 200)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_closed_kiosk_sleeps_wakes_on_a_touch_and_sleeps_again(qtbot, tmp_path, clock):
    window = _sleepy_window(qtbot, tmp_path, clock)
    mode = window.kiosk_mode
    mode.show_attract()  # what a full-screen start does
    assert mode.screen_state == "asleep"
    black = mode.sleep.screen
    assert black.geometry() == window.rect()
    assert black.accessibleName() == "The clinic is closed. Touch the screen to wake the kiosk."
    image = window.grab().toImage()
    assert image.pixelColor(683, 384).name() == "#000000"  # black where the start screen would be
    qtbot.mouseClick(black, Qt.MouseButton.LeftButton)  # a touch
    assert mode.screen_state == "start screen" and mode.attract.isVisible()
    qtbot.waitUntil(lambda: mode.screen_state == "asleep", timeout=3000)  # idle: asleep again


def test_a_patient_reading_at_closing_time_is_never_interrupted(qtbot, tmp_path, clock):
    clock.now = MONDAY_NOON
    window = _sleepy_window(qtbot, tmp_path, clock)
    mode = window.kiosk_mode
    mode.guard.set_timeout(60_000)
    window.session.open("alpha")
    clock.now = MONDAY_NIGHT  # closing time passes while someone reads
    mode.sleep.check()
    assert mode.screen_state == "showing" and window.session.location.page_id == "alpha"
    mode.reset()  # the reset after this patient: black, not the start screen
    assert mode.screen_state == "asleep"
    clock.now = datetime(2026, 12, 7, 9, 0)  # next Monday morning
    mode.sleep.check()
    assert mode.screen_state == "start screen"


def test_a_touch_at_night_gives_a_normal_visit_then_sleep(qtbot, tmp_path, clock):
    window = _sleepy_window(qtbot, tmp_path, clock)
    mode = window.kiosk_mode
    mode.show_attract()
    qtbot.mouseClick(mode.sleep.screen, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(mode.attract, Qt.MouseButton.LeftButton)  # a patient starts reading
    assert mode.screen_state == "showing"
    mode.guard.set_timeout(60_000)  # a long read
    qtbot.wait(800)  # longer than the 300 ms doze time: the schedule does not cut the reading short
    assert mode.screen_state == "showing"
    mode.guard.set_timeout(100)  # the patient leaves: idle, the question, the reset
    qtbot.waitUntil(lambda: mode.screen_state == "asleep", timeout=5000)
