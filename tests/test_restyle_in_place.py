"""A new look restyles in place (the same tiles, buttons and page stay); options are checked before Qt."""

import os
import subprocess
import sys

import pytest
from accessibility_support import words_fit
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from kiosk.app import create_window
from kiosk.core.themes import THEMES
from kiosk.launch_options import LaunchError


@pytest.fixture
def window(qtbot):
    win = create_window(["--windowed", "--size", "1366x768"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def on_a_page(window, qtbot):
    qtbot.mouseClick(window.home_screen.tiles[1], Qt.MouseButton.LeftButton)
    page = window.session.page
    assert page is not None and page.children, "the second section should have sub-pages"
    return page


def test_text_size_and_contrast_taps_keep_every_tile_button_and_the_page(qtbot, window):
    page = on_a_page(window, qtbot)
    tiles = list(window.home_screen.tiles)
    panel_buttons = list(window.page_screen.panel.buttons)
    document = window.page_screen.view.document()
    nav = window.nav_bar
    heading_size = window.page_screen.view.font().pixelSize()
    for _ in range(2):
        qtbot.mouseClick(nav.text_size_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(nav.contrast_button, Qt.MouseButton.LeftButton)
    assert window.session.display.text_factor == 1.5 and window.session.display.high_contrast
    assert window.page_screen.view.font().pixelSize() > heading_size  # the text did grow
    assert window.home_screen.tiles == tiles  # the very same widgets, not new ones
    assert all(tile.parent() is not None for tile in tiles)
    assert window.page_screen.panel.buttons == panel_buttons
    assert window.page_screen.view.document() is document
    assert page.title in window.page_screen.view.toPlainText()  # the page is still on screen
    assert window.session.location.page_id == page.id


def test_a_language_switch_changes_the_words_on_the_same_tiles(qtbot, window):
    tiles = list(window.home_screen.tiles)
    english = [tile.text_label() for tile in tiles]
    qtbot.mouseClick(window.home_screen.languages.buttons["es"], Qt.MouseButton.LeftButton)
    assert window.session.lang == "es"
    assert window.home_screen.tiles == tiles
    spanish = [tile.text_label() for tile in tiles]
    assert spanish != english
    assert spanish == [window.session.language.pages[s].title for s in window.session.language.sections]
    assert all(tile.accessibleName() == tile.text_label() for tile in tiles)
    assert window.nav_bar.home_button.text() == "Inicio"


def test_a_text_size_tap_keeps_the_words_the_reader_was_at(qtbot, window):
    page = on_a_page(window, qtbot)
    view = window.page_screen.view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    words_on_top = view.top_position()
    qtbot.mouseClick(window.nav_bar.text_size_button, Qt.MouseButton.LeftButton)
    assert window.session.location.page_id == page.id
    assert abs(view.top_position() - words_on_top) < 80  # characters: the same lines, not the top


def test_layers_take_the_look_when_they_open(qtbot, window):
    window.session.set_language("es")
    mode = window.kiosk_mode
    mode.ask_if_still_there()
    assert mode.overlay.title.text() == "¿Sigue ahí?"
    assert "segundos" in mode.overlay.countdown.text()
    mode.overlay.answer()
    window.session.next_text_size()
    mode.open_pin_pad()  # staff screens keep normal text whatever the patient chose
    assert mode.pin_pad.title.text() == "Solo personal: escriba el PIN"
    assert mode.pin_pad.look.text_factor == 1.0


def test_bad_language_or_page_raise_before_any_window(qtbot):
    with pytest.raises(LaunchError, match="no content for language 'xx'"):
        create_window(["--lang", "xx"])
    with pytest.raises(LaunchError, match="no page 'nope' in 'en'"):
        create_window(["--page", "nope"])


@pytest.mark.parametrize(("args", "message"), [
    (["--windowed", "--lang", "xx"], "kiosk: error: no content for language 'xx' (have: en, es)"),
    (["--windowed", "--page", "nope"], "kiosk: error: no page 'nope' in 'en' (pages: "),
])
def test_a_bad_start_exits_2_before_qt_is_loaded(tmp_path, args, message):
    code = ("import sys; from kiosk.cli import main; rc = main(sys.argv[1:]); "
            "sys.exit(rc if not any(m.startswith('PySide6') for m in sys.modules) else 99)")
    env = {**os.environ, "KIOSK_LOG_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_help_lists_the_subcommands_and_each_has_its_own_help():
    def kiosk(*args):
        return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                              text=True, timeout=60)

    top = kiosk("--help").stdout
    assert "check" in top and "hash-pin" in top
    check = kiosk("check", "--help").stdout
    assert check.startswith("usage: kiosk check") and "--grades" in check and "--today" in check
    pin = kiosk("hash-pin", "--help").stdout
    assert pin.startswith("usage: kiosk hash-pin") and "--pin-stdin" in pin


def test_starting_the_kiosk_loads_neither_the_checker_nor_the_pin_command():
    code = ("import sys; from kiosk.arguments import parse_args; parse_args(['--windowed']); "
            "sys.exit(1 if 'kiosk.checks' in sys.modules or 'kiosk.pin_command' in sys.modules "
            "else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_text_size_taps_at_the_top_of_a_page_keep_it_at_the_top(qtbot, window):
    # Qt lays a new page out a part at a time: the place was once found too early, and after
    # some taps the reader saw the end of the page instead of its title.
    view = window.page_screen.view
    for page_id in ("back-pain", "back-pain/muscle-strain", "get-help-now"):
        window.session.open(page_id)
        qtbot.wait(5)
        for _ in range(6):
            qtbot.mouseClick(window.nav_bar.text_size_button, Qt.MouseButton.LeftButton)
            qtbot.wait(1)
            assert view.verticalScrollBar().value() == 0, (page_id, window.session.display.text_step)
            assert view.top_position() == 0


def test_panel_words_grow_with_the_text_and_are_never_cut(qtbot, window):
    on_a_page(window, qtbot)
    panel = window.page_screen.panel
    before = {b.page_id: b.font().pixelSize() for b in panel.buttons}
    title_before = panel.title.font().pixelSize()
    for _ in range(2):  # to the largest text
        qtbot.mouseClick(window.nav_bar.text_size_button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()  # (what a tap gets before the screen is drawn)
    assert panel.title.font().pixelSize() > title_before
    for button in panel.buttons:
        assert button.font().pixelSize() > before[button.page_id]
        assert button.font().bold() and button.font().family() == "Atkinson Hyperlegible"
        assert words_fit(button), button.page_id  # not cut
        assert button.height() >= button.heightForWidth(button.width()), button.page_id


def test_a_section_seen_before_new_colours_comes_back_with_its_buttons_in_them(qtbot, window):
    first = on_a_page(window, qtbot)
    kept = list(window.page_screen.panel.buttons)
    normal_pixels = kept[0].font().pixelSize()
    qtbot.mouseClick(window.nav_bar.home_button, Qt.MouseButton.LeftButton)
    other = next(tile for tile in window.home_screen.tiles
                 if tile.page_id != first.id and window.session.language.children(tile.page_id))
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    assert window.page_screen.panel.buttons[0].page_id == other.page_id
    qtbot.mouseClick(window.nav_bar.contrast_button, Qt.MouseButton.LeftButton)
    on_screen = window.page_screen.panel.buttons
    assert on_screen and all(button.isVisible() for button in on_screen)  # (those stay)
    qtbot.mouseClick(window.nav_bar.text_size_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.nav_bar.home_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.home_screen.tiles[1], Qt.MouseButton.LeftButton)
    panel = window.page_screen.panel
    assert panel.buttons == kept  # the same buttons, not built again
    QApplication.processEvents()
    colours = THEMES["high_contrast"]
    for button in kept:
        image = button.grab().toImage()
        middle = QColor(image.pixel(button.width() - 8, button.height() // 2)).name().upper()
        wanted = colours["button_current_bg" if button.isChecked() else "button_bg"]
        assert middle == wanted, (button.page_id, middle)
        assert button.font().pixelSize() > normal_pixels  # the larger text
        assert words_fit(button), button.page_id
