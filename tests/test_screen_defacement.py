"""Defaced screens: long names, narrow screens, large text, copying, and the staff corner stay whole."""

from __future__ import annotations

import logging

import pytest
from accessibility_support import (
    each_screen,
    open_window,
    settle,
    spanish_content,
    window_rect,
)
from kiosk_mode_support import kiosk_window, write_config
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from kiosk.core.config import Config, load_config
from kiosk.core.display_settings import TEXT_SIZE_NAMES
from kiosk.core.staff_pin import hash_pin
from kiosk.core.strings import text
from kiosk.core.themes import THEMES

SIZES = ["1920x1080", "1366x768", "1024x768"]
LANGS = ["en", "es"]
LONG_NAME = "Riverside Community Acupuncture and Traditional Chinese Medicine Wellness Centre"
assert len(LONG_NAME) == 80


def width_height(size: str) -> tuple[int, int]:
    width, height = size.split("x")
    return int(width), int(height)


def inside_a_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def cut_off(window: QWidget) -> list[str]:
    """Return the buttons on screen that stick out of the window (a list may scroll its own)."""
    found = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and not inside_a_scroll_area(button) \
                and not window.rect().contains(window_rect(window, button)):
            found.append(f"{button.objectName()} '{button.text()}' at {window_rect(window, button)}")
    return found


def parts_too_wide(window: QWidget, width: int) -> list[str]:
    """Return the parts of the window whose minimum width is more than `width`."""
    central = window.centralWidget()
    parts = [window, central, window.header, window.clinic_label, window.stack, window.nav_bar,
             window.home_screen, *([window.page_screen] if window.page_screen_built else [])]
    return [f"{part.objectName() or type(part).__name__}: {part.minimumSizeHint().width()}"
            for part in parts if part.minimumSizeHint().width() > width]


def label_cut(button: QPushButton) -> str | None:
    """Say how a nav button's label is cut, or None when all of it shows beside its icon."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    contents = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                             button)
    shown = button.text()  # as drawn: a nav button's label may be on two lines
    lines = shown.split("\n")
    metrics = button.fontMetrics()
    wide = max(metrics.horizontalAdvance(line) for line in lines)
    if not button.icon().isNull():
        wide += button.iconSize().width() + 4
    tall = len(lines) * metrics.lineSpacing()
    if wide > contents.width() or tall > contents.height() \
            or button.width() < button.sizeHint().width():
        return (f"'{shown}' needs {wide}x{tall} px, has {contents.width()}x{contents.height()}"
                f" (button {button.width()}, wants {button.sizeHint().width()})")
    return None


def check_fits(window: QWidget, width: int, height: int, where: str) -> None:
    assert window.width() == width and window.height() == height, f"{where}: {window.size()}"
    assert not parts_too_wide(window, width), f"{where}: {parts_too_wide(window, width)}"
    assert window.minimumSizeHint().height() <= height, f"{where}: too tall"
    nav = window_rect(window, window.nav_bar)
    assert nav.bottom() == height - 1 and nav.width() == width, f"{where}: nav bar at {nav}"
    for button in window.nav_bar.buttons:
        assert nav.contains(window_rect(window, button)), f"{where}: {button.text()} outside"
        problem = label_cut(button)
        assert problem is None, f"{where}: {button.objectName()}: {problem}"
    assert not cut_off(window), f"{where}: {cut_off(window)}"
    label = window.clinic_label
    shown = label.shown_text() if hasattr(label, "shown_text") else label.text()
    metrics = QFontMetrics(label.font())
    if hasattr(label, "fitted"):
        font = label.font()
        font.setPixelSize(label.fitted()[0])
        metrics = QFontMetrics(font)
    lines = shown.split("\n")
    assert len(lines) <= 2, f"{where}: the clinic's name takes {len(lines)} lines"
    room = label.contentsRect()
    assert max(metrics.horizontalAdvance(line) for line in lines) <= room.width(), where
    assert len(lines) * metrics.lineSpacing() <= room.height(), where


# -- 1. a long clinic name -------------------------------------------------------------------------

def test_a_clinic_name_over_120_characters_is_cut_with_a_warning(tmp_path):
    path = write_config(tmp_path, clinic_name="Clinic " * 100)
    loaded = load_config(path)
    [problem] = loaded.problems
    assert (problem.path, problem.line, problem.severity) == (path, 1, "warning")
    assert "'clinic_name' is 700 characters long; only the first 120 are used" in problem.message
    assert len(loaded.config.clinic_name) <= 120
    assert loaded.config.clinic_name.startswith("Clinic Clinic")
    assert load_config(write_config(tmp_path, clinic_name=LONG_NAME)).problems == ()
    assert Config().clinic_name == load_config(write_config(tmp_path, clinic_name=" ")).config.clinic_name


@pytest.mark.parametrize("steps", [0, 1, 2], ids=TEXT_SIZE_NAMES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_a_long_clinic_name_never_widens_the_window(qtbot, tmp_path, size, lang, steps):
    width, height = width_height(size)
    config = write_config(tmp_path, clinic_name=LONG_NAME)
    window = open_window(qtbot, "--config", str(config), "--lang", lang, size=size)
    for _ in range(steps):  # the way a patient gets there: tapping Text size
        qtbot.mouseClick(window.nav_bar.text_size_button, Qt.MouseButton.LeftButton)
    settle()
    assert window.session.display.text_step == steps
    check_fits(window, width, height, f"{size} {lang} {TEXT_SIZE_NAMES[steps]} home")
    section = window.session.language.sections[0]
    window.session.open(section)
    settle()
    check_fits(window, width, height, f"{size} {lang} {TEXT_SIZE_NAMES[steps]} {section}")
    assert window.clinic_label.text() == LONG_NAME  # all of it for a screen reader
    assert window.clinic_label.accessibleName() == LONG_NAME


def test_a_huge_clinic_name_is_elided_and_the_screen_can_be_saved(qtbot, tmp_path):
    window = open_window(qtbot, size="1366x768")
    window.clinic_label.setText("A" * 100_000)  # (the settings cut it; the label copes anyway)
    window.kiosk_mode.show_attract()
    window.kiosk_mode.attract.present("A" * 100_000, ["en", "es"])
    settle()
    assert window.size().width() == 1366 and window.minimumSizeHint().width() <= 1366
    assert window.clinic_label.shown_text().endswith("…")
    attract = window.kiosk_mode.attract
    assert len(attract.clinic.shown_text().split("\n")) <= 3
    assert window.rect().contains(window_rect(window, attract.block))
    image = window.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / "huge.png"), "PNG")


@pytest.mark.parametrize("size", SIZES)
def test_the_start_screen_keeps_a_long_name_inside_the_window(qtbot, tmp_path, size):
    config = write_config(tmp_path, clinic_name=LONG_NAME)
    window = open_window(qtbot, "--config", str(config), "--text-size", "largest", size=size)
    window.kiosk_mode.show_attract()
    settle()
    attract = window.kiosk_mode.attract
    for step in range(8):  # wherever the drift takes it
        attract.step = step
        attract._place()
        block = window_rect(window, attract.block)
        assert window.rect().contains(block), f"step {step}: {block}"
        label = attract.clinic
        assert label.height() >= label.heightForWidth(label.width()), "the name is clipped"
    assert not cut_off(window)


# -- 2. copying ------------------------------------------------------------------------------------

@pytest.fixture
def page_window(qtbot, tmp_path):
    window = open_window(qtbot, "--content", spanish_content(tmp_path), size="1366x768")
    window.session.open("alpha")
    settle()
    view = window.page_screen.view
    view.setFocus()
    QGuiApplication.clipboard().setText("left by someone else")
    return window


def test_ctrl_a_selects_nothing_and_ctrl_c_copies_nothing(qtbot, page_window, caplog):
    view = page_window.page_screen.view
    clipboard = QGuiApplication.clipboard()
    caplog.set_level(logging.INFO, logger="kiosk.ui.page_view")
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert not view.textCursor().hasSelection(), "Ctrl+A selected the page"
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "left by someone else"
    if clipboard.supportsSelection():
        assert "Alpha" not in clipboard.text(clipboard.Mode.Selection)
    assert "Ctrl+A refused" in caplog.text and "Ctrl+C refused" in caplog.text


def test_a_focused_link_cannot_be_copied_either(qtbot, page_window):
    view = page_window.page_screen.view
    QTest.keyClick(view, Qt.Key.Key_Tab)  # a link is focused: Qt holds it as a selection
    assert view.textCursor().hasSelection()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    view.copy()  # whatever asks for a copy gets nothing
    assert QGuiApplication.clipboard().text() in ("", "left by someone else")
    assert "sub-page" not in QGuiApplication.clipboard().text()


def test_the_reset_for_the_next_patient_empties_the_clipboard_and_the_selection(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000, warning_ms=30_000)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("a patient's notes")
    if clipboard.supportsSelection():
        clipboard.setText("a patient's notes", clipboard.Mode.Selection)
    window.kiosk_mode.reset()
    assert clipboard.text() == ""
    if clipboard.supportsSelection():
        assert clipboard.text(clipboard.Mode.Selection) == ""


# -- 3. the nav bar --------------------------------------------------------------------------------

@pytest.mark.parametrize("steps", [0, 1, 2], ids=TEXT_SIZE_NAMES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_the_nav_labels_fit_at_every_size_language_and_text_size(qtbot, size, lang, steps):
    width, height = width_height(size)
    window = open_window(qtbot, "--lang", lang, "--text-size", TEXT_SIZE_NAMES[steps], size=size)
    for screen in each_screen(window):
        where = f"{size} {lang} {TEXT_SIZE_NAMES[steps]}, {screen}"
        if screen in ("home", "sub-page") or screen.startswith("section"):
            check_fits(window, width, height, where)
        else:
            assert not cut_off(window), f"{where}: {cut_off(window)}"


@pytest.mark.parametrize(("lang", "labels"), [
    ("en", ["Text size: Normal", "Text size: Large", "Text size: Largest", "Text size: Normal"]),
    ("es", ["Tamaño de letra: normal", "Tamaño de letra: grande", "Tamaño de letra: muy grande",
            "Tamaño de letra: normal"]),
])
def test_the_text_size_button_says_the_size_chosen(qtbot, tmp_path, lang, labels):
    window = open_window(qtbot, "--content", spanish_content(tmp_path), "--lang", lang,
                         size="1366x768")
    button = window.nav_bar.text_size_button
    shown = [button.label()]
    for _ in range(3):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        shown.append(button.label())
    assert shown == labels
    assert button.accessibleName() == button.label()
    assert button.text().replace("\n", " ") == button.label()  # drawn on one line or two
    assert text(lang, "text_size_now").format(size="x") != "x"


def test_on_a_narrow_screen_a_label_goes_on_two_lines_and_is_read_on_one(qtbot):
    window = open_window(qtbot, "--lang", "es", size="1024x600")
    button = window.nav_bar.text_size_button
    first, second = button.text().split("\n")  # drawn on two lines, broken before the size word
    assert (first, second) == ("Tamaño de letra:", "normal")
    assert button.label() == button.accessibleName() == "Tamaño de letra: normal"
    assert button.height() >= 2 * button.fontMetrics().lineSpacing()
    assert label_cut(button) is None
    window.resize(1920, 1080)
    settle()
    assert button.text() == "Tamaño de letra: normal"  # room again: one line


def test_the_text_size_button_keeps_its_width_for_every_size_word(qtbot, tmp_path):
    window = open_window(qtbot, "--content", spanish_content(tmp_path), size="1366x768")
    nav = window.nav_bar
    button = nav.text_size_button
    window.session.set_display(window.session.display)  # (as it is)
    wanted = button.sizeHint().width()
    metrics = button.fontMetrics()
    for word in ("Normal", "Large", "Largest"):
        assert metrics.horizontalAdvance(f"Text size: {word}") + button.iconSize().width() \
            <= wanted, "the button is narrower than one of its labels"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_a_tap_on_a_display_button_leaves_no_focus_colour(qtbot, tmp_path, theme):
    window = open_window(qtbot, "--content", spanish_content(tmp_path), size="1366x768")
    window.session.set_high_contrast(theme == "high_contrast")
    window.session.open("alpha")
    settle()
    focus_bg = QColor(THEMES[theme]["focus_bg"]).rgb()
    for button in (window.nav_bar.text_size_button, window.nav_bar.contrast_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        assert not button.hasFocus(), f"{button.text()} keeps the focus after a tap"
        image = button.grab().toImage()
        yellow = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
                     if image.pixel(x, y) == focus_bg)
        assert yellow == 0, f"{button.text()} is drawn in the focus colour after a tap"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # back as it was
        settle()
    window.nav_bar.text_size_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert window.nav_bar.text_size_button.hasFocus()  # Tab still reaches it


def test_the_icons_grow_with_the_text_size(qtbot, tmp_path):
    window = open_window(qtbot, "--content", spanish_content(tmp_path), size="1366x768")
    sizes = []
    for _ in range(3):
        sizes.append({button.iconSize().width() for button in window.nav_bar.buttons})
        window.session.next_text_size()
        settle()
    assert all(len(each) == 1 for each in sizes), "every nav icon is the same size"
    normal, large, largest = (each.pop() for each in sizes)
    assert normal < large < largest
    assert largest >= 1.45 * normal


def _centre_colour(button: QWidget) -> int:
    image = button.grab().toImage()
    return image.pixel(image.width() // 2, 4)  # (above the label, inside the border)


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("lang", LANGS)
def test_on_the_start_screen_the_current_language_looks_chosen(qtbot, tmp_path, theme, lang):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000, warning_ms=30_000)
    window.session.set_language(lang)
    window.session.set_high_contrast(theme == "high_contrast")
    window.kiosk_mode.show_attract()
    settle()
    colours = THEMES[theme]
    buttons = window.kiosk_mode.attract.languages.buttons
    current, other = buttons[lang], buttons["es" if lang == "en" else "en"]
    assert current.isChecked() and not other.isChecked()
    # The chosen language is the filled, light button; the other an outline on the dark screen.
    assert _centre_colour(current) == QColor(colours["button_bg"]).rgb()
    assert _centre_colour(other) == QColor(colours["chrome_bg"]).rgb()
    other.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert _centre_colour(other) == QColor(colours["focus_bg"]).rgb()  # focused: the focus fill
    current.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert _centre_colour(current) == QColor(colours["focus_on_dark"]).rgb()  # its thick ring


# -- 4. the staff corner and the window --------------------------------------------------------

def test_five_taps_without_a_staff_pin_show_nothing_and_are_logged_once(qtbot, tmp_path, caplog):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000, warning_ms=30_000, staff_pin_hash="")
    caplog.set_level(logging.INFO, logger="kiosk.ui.kiosk_mode")
    for _ in range(15):
        qtbot.mouseClick(window.clinic_label, Qt.MouseButton.LeftButton)
    assert not window.kiosk_mode.pin_pad.isVisible()
    assert QApplication.focusWidget() is None or not QApplication.focusWidget().inherits("PinPad")
    lines = [r for r in caplog.records if "no staff PIN is set" in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING
    window.kiosk_mode.reset()  # the next patient: one more line at most
    window.kiosk_mode.attract.leave()
    for _ in range(5):
        qtbot.mouseClick(window.clinic_label, Qt.MouseButton.LeftButton)
    assert len([r for r in caplog.records if "no staff PIN is set" in r.getMessage()]) == 2


def test_reload_content_leaves_the_staff_buttons_under_the_finger(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000, warning_ms=30_000,
                          staff_pin_hash=hash_pin("2468", n=2**10))
    mode = window.kiosk_mode
    mode.preview("staff-menu")
    settle()
    menu = mode.staff_menu
    before = {key: window_rect(window, button) for key, button in menu.buttons.items()}
    qtbot.mouseClick(menu.buttons["staff_reload"], Qt.MouseButton.LeftButton)
    settle()
    assert menu.message.text().startswith("Content reloaded")
    after = {key: window_rect(window, button) for key, button in menu.buttons.items()}
    assert after == before
    message = window_rect(window, menu.message)
    assert window_rect(window, menu.card).contains(message)
    assert menu.message.height() >= menu.message.heightForWidth(menu.message.width())


@pytest.mark.parametrize("overlay", ["pin-pad", "staff-menu", "still-there", "start"])
def test_the_kiosk_mode_screens_fit_a_1024x768_window(qtbot, tmp_path, overlay):
    config = write_config(tmp_path, staff_pin_hash=hash_pin("2468", n=2**10))
    window = open_window(qtbot, "--config", str(config), size="1024x768")
    window.kiosk_mode.preview(overlay)
    settle()
    layer = next(child for child in window.findChildren(QWidget)
                 if child.isVisible() and child.geometry() == window.rect()
                 and child is not window.centralWidget())
    card = getattr(layer, "card", getattr(layer, "block", None))
    assert card is not None
    assert window.rect().contains(window_rect(window, card)), window_rect(window, card)
    assert not cut_off(window)


def _full_screen_kiosk(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000, warning_ms=30_000)
    window.showFullScreen()
    qtbot.waitExposed(window)
    return window


def _back(window) -> bool:
    return window.isFullScreen() and not window.isMinimized() and window.isVisible()


def test_a_minimised_kiosk_comes_back_at_once(qtbot, tmp_path, caplog):
    window = _full_screen_kiosk(qtbot, tmp_path)
    caplog.set_level(logging.INFO, logger="kiosk.ui.lockdown")
    window.showMinimized()  # as Alt+Space, Minimize: the state keeps its full-screen flag
    assert window.isMinimized()
    qtbot.waitUntil(lambda: _back(window), timeout=2000)
    assert "was minimised" in caplog.text
    # The way a window manager does it: the window's state changes and the widget is told.
    window.windowHandle().setWindowStates(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(lambda: _back(window), timeout=2000)


def test_a_kiosk_minimised_without_a_word_comes_back_at_the_idle_reset(qtbot, tmp_path):
    window = _full_screen_kiosk(qtbot, tmp_path)
    lockdown = window.kiosk_mode.lockdown
    window.removeEventFilter(lockdown)  # a window manager that minimises it unseen
    window.showMinimized()
    QApplication.processEvents()
    window.installEventFilter(lockdown)
    assert window.isMinimized()
    window.kiosk_mode.reset()
    qtbot.waitUntil(lambda: _back(window), timeout=2000)
    assert window.kiosk_mode.attract.isVisible()


def test_a_demo_window_may_be_minimised(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, "--windowed", idle_ms=60_000, warning_ms=30_000)
    window.showMinimized()
    QApplication.processEvents()
    window.kiosk_mode.reset()
    QApplication.processEvents()
    assert window.isMinimized()


def test_the_rect_helpers_see_a_button_off_the_window(qtbot):
    window = open_window(qtbot, size="1366x768")
    stray = QPushButton("stray", window.centralWidget())
    stray.setGeometry(QRect(1300, 10, 200, 60))
    stray.show()
    assert any("stray" in line for line in cut_off(window))
