"""Every control on every screen is at least 48x48 px and 8 px from its neighbours."""

from __future__ import annotations

import itertools

import pytest
from accessibility_support import (
    each_screen,
    gap,
    open_window,
    visible_controls,
    visible_rect,
    window_rect,
)

MIN_SIZE = 48
MIN_GAP = 8


def describe(widget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} '{widget.accessibleName()}'"


@pytest.mark.parametrize("text_steps", [0, 2], ids=["normal-text", "largest-text"])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", ["1920x1080", "1366x768", "1024x768"])
def test_every_control_is_big_enough_and_apart(qtbot, size, lang, text_steps):
    window = open_window(qtbot, "--lang", lang, size=size)
    for _ in range(text_steps):
        window.session.next_text_size()
    checked = 0
    for screen in each_screen(window):
        controls = visible_controls(window)
        assert controls, f"{screen}: no controls found (the walker is broken)"
        problems = []
        rects = {id(c): window_rect(window, c) for c in controls}
        shown = {id(c): visible_rect(window, c) for c in controls}  # a list may clip a control
        for control in controls:
            rect = rects[id(control)]
            if rect.width() < MIN_SIZE or rect.height() < MIN_SIZE:
                problems.append(f"{describe(control)} is {rect.width()}x{rect.height()} px")
        for first, second in itertools.combinations(controls, 2):
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            space = gap(shown[id(first)], shown[id(second)])
            if space < MIN_GAP:
                problems.append(f"{describe(first)} and {describe(second)} are {space} px apart")
        assert not problems, f"{size}, {lang}, {screen}:\n" + "\n".join(problems)
        checked += len(controls)
    assert checked > 20


def test_the_walker_finds_a_control_that_is_too_small(qtbot):
    window = open_window(qtbot, size="1366x768")
    window.nav_bar.home_button.setFixedSize(40, 40)
    window.session.home()
    small = [c for c in visible_controls(window) if min(c.width(), c.height()) < MIN_SIZE]
    assert small == [window.nav_bar.home_button]


def test_the_walker_skips_controls_under_an_overlay(qtbot):
    window = open_window(qtbot, size="1366x768")
    window.kiosk_mode.overlay.apply_look(window.session.look)
    window.kiosk_mode.overlay.ask(60_000)
    controls = visible_controls(window)
    assert window.kiosk_mode.overlay.continue_button in controls
    assert window.nav_bar.home_button not in controls


def test_the_walker_finds_controls_that_are_too_close(qtbot):
    window = open_window(qtbot, size="1366x768")
    window.nav_bar.layout().setSpacing(3)
    window.nav_bar.layout().activate()
    back, home = window.nav_bar.back_button, window.nav_bar.home_button
    assert back in visible_controls(window) and home in visible_controls(window)
    assert gap(visible_rect(window, back), visible_rect(window, home)) == 3
