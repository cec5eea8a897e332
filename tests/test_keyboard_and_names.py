"""Keyboard use (Tab, Enter, Space, Backspace, Alt+Left, Home), focus ring, accessible names."""

from __future__ import annotations

import pytest
from accessibility_support import (
    each_screen,
    open_window,
    settle,
    spanish_content,
    visible_controls,
    visible_label,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.core.themes import THEMES


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, "--content", spanish_content(tmp_path), size="1366x768")


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifier)
    settle()


def tab_cycle(qtbot, window, backwards=False) -> list:
    """Press Tab (or Shift+Tab) until the focus comes back; return the widgets it visited."""
    seen = []
    for _ in range(40):
        if backwards:
            press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            press(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget in seen:
            break
        seen.append(widget)
    return seen


def test_tab_visits_every_control_on_the_home_screen_top_to_bottom(qtbot, window):
    visited = tab_cycle(qtbot, window)
    tiles = window.home_screen.tiles
    languages = list(window.home_screen.languages.buttons.values())
    enabled_nav = [b for b in window.nav_bar.buttons if b.isEnabled()]
    assert visited == [*languages, *tiles, *enabled_nav]
    backwards = tab_cycle(qtbot, window, backwards=True)
    assert set(backwards) == set(visited)


def test_enter_and_space_open_a_tile_and_back_and_home_keys_work(qtbot, window):
    window.home_screen.tiles[0].setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert window.session.location.page_id == "alpha"
    window.page_screen.panel.buttons[1].setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert window.session.location.page_id == "alpha/two"
    window.page_screen.view.setFocus()  # keys reach the window from the page text too
    press(qtbot, Qt.Key.Key_Backspace)
    assert window.session.location.page_id == "alpha"
    window.session.open("alpha/two")
    window.page_screen.view.setFocus()
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.session.location.page_id == "alpha"
    window.nav_bar.text_size_button.setFocus()
    press(qtbot, Qt.Key.Key_Home)
    assert window.session.location.is_home
    assert window.stack.currentWidget() is window.home_screen


def test_enter_on_a_focused_link_in_the_page_follows_it(qtbot, window):
    window.session.open("alpha")
    view = window.page_screen.view
    view.setFocus()
    press(qtbot, Qt.Key.Key_Tab)  # Tab moves through the page's links first
    assert QApplication.focusWidget() is view
    assert view.textCursor().hasSelection()
    marks = view.extraSelections()  # the focused link is marked in the focus colours
    assert len(marks) == 1 and marks[0].cursor.selectedText() == "the first sub-page"
    assert marks[0].format.background().color().name().upper() == THEMES["default"]["focus_bg"]
    press(qtbot, Qt.Key.Key_Return)
    assert window.session.location.page_id == "alpha/one"


def test_enter_on_a_disabled_button_does_nothing(qtbot, window):
    assert not window.nav_bar.back_button.isEnabled()
    window.nav_bar.back_button.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert window.session.location.is_home


def _count(image, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) == wanted)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_focused_control_shows_a_focus_ring(qtbot, window, theme):
    window.session.set_high_contrast(theme == "high_contrast")
    colours = THEMES[theme]
    for control in (window.home_screen.tiles[0], window.nav_bar.text_size_button,
                    window.home_screen.languages.buttons["es"]):
        window.nav_bar.home_button.setFocus()  # somewhere else first
        settle()
        before = control.grab().toImage()
        control.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        after = control.grab().toImage()
        assert control.hasFocus()
        area = after.width() * after.height() / 4
        assert _count(after, colours["focus_bg"]) > area * 0.3, f"{control.objectName()}: no fill"
        assert _count(after, colours["focus"]) > _count(before, colours["focus"]) + 20, (
            f"{control.objectName()}: no ring")


def test_every_control_on_every_screen_has_its_label_as_accessible_name(qtbot, window):
    window.kiosk_mode.show_attract()  # the start screen has buttons too
    window.kiosk_mode.attract.leave()
    for screen in each_screen(window):
        for control in visible_controls(window):
            label = visible_label(control)
            assert label, f"{screen}: {control.objectName()} shows no text"
            assert control.accessibleName() == label, f"{screen}: {control.objectName()}"
    nav = window.nav_bar
    for button in nav.buttons:
        assert button.accessibleDescription(), f"{button.objectName()} has no description"
    assert "normal" in nav.text_size_button.accessibleDescription()
    window.session.next_text_size()
    assert "large" in nav.text_size_button.accessibleDescription()


def test_the_page_text_is_named_after_the_page(qtbot, window):
    window.session.open("beta")
    assert window.page_screen.view.accessibleName() == "Beta section"


def test_buttons_are_real_buttons_for_assistive_technology(qtbot, window):
    for screen in each_screen(window):
        for control in visible_controls(window):
            assert isinstance(control, QAbstractButton), screen
            assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.objectName()


def test_tab_on_a_page_goes_from_the_text_to_the_section_buttons_to_the_nav_bar(qtbot, window):
    window.session.open("alpha")
    window.page_screen.view.setFocus()
    visited = []
    for _ in range(12):  # the page's links first (the focus stays in the text), then on
        press(qtbot, Qt.Key.Key_Tab)
        if QApplication.focusWidget() not in visited:
            visited.append(QApplication.focusWidget())
    panel = window.page_screen.panel.buttons
    names = [w.objectName() for w in visited]
    assert names.index("PageView") < names.index("PanelButton") < names.index("BackButton")
    assert all(b in visited for b in panel)


def test_tab_stays_inside_the_idle_question(qtbot, window):
    window.kiosk_mode.overlay.apply_look(window.session.look)
    window.kiosk_mode.overlay.ask(60_000)
    settle()
    visited = tab_cycle(qtbot, window)
    assert visited == [window.kiosk_mode.overlay.continue_button]


def test_tab_reaches_tiles_scrolled_out_of_view_and_shows_them(qtbot):
    window = open_window(qtbot, size="1366x768")
    window.session.next_text_size()
    window.session.next_text_size()
    settle()
    last = window.home_screen.tiles[-1]
    viewport = window.home_screen.tile_area.viewport()
    assert last.mapTo(viewport, last.rect().bottomLeft()).y() > viewport.height()
    tab_cycle(qtbot, window)  # the whole cycle passes the last tile
    last.setFocus()
    window.focusNextPrevChild(False)
    window.focusNextPrevChild(True)
    settle()
    assert last.hasFocus()
    assert last.mapTo(viewport, last.rect().bottomLeft()).y() <= viewport.height()


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_a_switched_on_button_shows_a_thick_ring_when_focused(qtbot, window, theme):
    window.session.set_high_contrast(theme == "high_contrast")
    ring = THEMES[theme]["focus_on_dark"]
    for control in (window.home_screen.languages.buttons["en"], window.nav_bar.contrast_button):
        if not control.isChecked():
            continue
        window.nav_bar.home_button.setFocus()
        settle()
        before = _count(control.grab().toImage(), ring)
        control.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        after = _count(control.grab().toImage(), ring)
        # 7 px of ring all round, counted on every second pixel in both directions
        assert after - before > (control.width() + control.height()) * 2, control.objectName()


def test_the_display_buttons_keep_the_keyboard_focus_on_a_page(qtbot, window):
    window.session.open("alpha")
    for button in (window.nav_bar.text_size_button, window.nav_bar.contrast_button):
        button.setFocus()
        press(qtbot, Qt.Key.Key_Space)
        assert button.hasFocus(), f"{button.text()} lost the focus"
    assert window.session.display.text_step == 1 and window.session.display.high_contrast
