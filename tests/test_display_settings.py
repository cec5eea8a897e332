"""Text size and high contrast: what they change on screen, that the layout holds, and the reset."""

from __future__ import annotations

import pytest
from accessibility_support import open_window, settle, spanish_content, window_rect, words_fit
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from kiosk.core.display_settings import TEXT_SIZES, DisplaySettings
from kiosk.core.themes import THEMES


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, "--content", spanish_content(tmp_path), size="1366x768")


def body_pixels(window) -> int:
    return window.page_screen.view.document().defaultFont().pixelSize()


def test_display_settings_cycle_and_default():
    settings = DisplaySettings()
    assert settings.is_default and settings.text_factor == 1.0 and settings.theme_name == "default"
    factors = []
    for _ in TEXT_SIZES:
        settings = settings.next_text_size()
        factors.append(settings.text_factor)
    assert factors == [1.25, 1.5, 1.0]
    assert settings.with_high_contrast(True).theme_name == "high_contrast"


def test_text_size_button_makes_page_text_and_buttons_larger_then_normal_again(qtbot, window):
    window.session.open("alpha")
    button = window.nav_bar.text_size_button
    sizes = [(body_pixels(window), button.fontInfo().pixelSize(), button.height())]
    for _ in TEXT_SIZES:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        sizes.append((body_pixels(window), button.fontInfo().pixelSize(), button.height()))
    normal, large, largest, again = sizes
    assert normal[0] < large[0] < largest[0], "page text did not grow"
    assert largest[0] >= 1.45 * normal[0]
    assert normal[1] < large[1] < largest[1], "button text did not grow"
    assert again == normal
    assert window.session.location.page_id == "alpha", "the page on screen changed"


def test_high_contrast_button_switches_the_colours_and_back(qtbot, window):
    button = window.nav_bar.contrast_button
    header = QPoint(window.width() - 5, 5)

    def header_colour():
        return QColor(window.grab().toImage().pixel(header)).name().upper()

    assert header_colour() == THEMES["default"]["chrome_bg"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()
    assert window.session.look.theme_name == "high_contrast" and button.isChecked()
    assert header_colour() == THEMES["high_contrast"]["chrome_bg"]
    window.session.open("beta")
    assert THEMES["high_contrast"]["text"].lower() in window.page_screen.content_css.lower()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()
    assert header_colour() == THEMES["default"]["chrome_bg"] and not button.isChecked()


def test_the_next_patient_gets_normal_text_normal_colours_and_the_default_language(qtbot,
                                                                                  window):
    window.session.next_text_size()
    window.session.next_text_size()
    window.session.set_high_contrast(True)
    window.home_screen.languages.buttons["es"].click()
    window.session.open("alpha")
    window.session.reset_for_next_patient()
    settle()
    assert window.session.display == DisplaySettings()
    assert not window.nav_bar.contrast_button.isChecked()
    assert window.session.lang == window.session.config.default_language == "en"
    assert window.home_screen.tiles[0].text_label() == "Alpha section"
    assert window.home_screen.languages.buttons["en"].isChecked()
    window.session.open("alpha")
    assert body_pixels(window) == round(28 * window.session.scale)


def _label_fits(label) -> bool:
    return not label.isVisible() or label.height() >= label.heightForWidth(label.width()) - 1


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", ["1366x768", "1920x1080"])
def test_largest_text_keeps_the_layout_whole(qtbot, size, lang):
    window = open_window(qtbot, "--lang", lang, size=size)  # the bundled pages: real words
    assert window.session.lang == lang
    window.session.next_text_size()
    window.session.next_text_size()
    settle()
    width, height = window.width(), window.height()
    assert window.minimumSizeHint().height() <= height, "the screens no longer fit the window"
    nav = window_rect(window, window.nav_bar)
    assert nav.bottom() == height - 1, "the nav bar is pushed off the screen"
    for button in window.nav_bar.buttons:
        rect = window_rect(window, button)
        assert nav.contains(rect), f"{button.objectName()} sticks out of the nav bar"
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is cut"
    assert window_rect(window, window.nav_bar.buttons[-1]).right() < width
    for tile in window.home_screen.tiles:
        assert _label_fits(tile.title_label), f"tile title '{tile.text_label()}' is cut"
        assert _label_fits(tile.summary_label), f"summary of '{tile.text_label()}' is cut"
    section = next(s for s in window.session.language.sections if window.session.language.children(s))
    window.session.open(section)
    settle()
    for button in window.page_screen.panel.buttons:
        assert words_fit(button), f"panel button '{button.text_label()}' is cut"


def test_command_line_starts_with_a_text_size_and_high_contrast(qtbot, tmp_path):
    window = open_window(qtbot, "--content", spanish_content(tmp_path), "--text-size", "largest",
                         "--high-contrast")
    assert window.session.display == DisplaySettings(text_step=2, high_contrast=True)
    assert window.nav_bar.contrast_button.isChecked()
    assert DisplaySettings.from_names("nonsense") == DisplaySettings()


def test_command_line_refuses_an_unknown_text_size(capsys):
    from kiosk.arguments import parse_args

    with pytest.raises(SystemExit):
        parse_args(["--text-size", "huge"])
    assert "invalid choice" in capsys.readouterr().err


def test_at_normal_text_the_window_sheet_serves_every_part_and_a_larger_text_gives_them_theirs(
        qtbot, window):
    parts = [window.header, window.home_screen, window.nav_bar]
    button = window.nav_bar.text_size_button
    normal = button.fontInfo().pixelSize()
    assert window.styleSheet() and all(part.styleSheet() == "" for part in parts)  # parsed once
    window.session.next_text_size()
    settle()
    assert all(part.styleSheet() for part in parts) and button.fontInfo().pixelSize() > normal
    window.session.next_text_size()
    window.session.next_text_size()  # back to normal
    settle()
    assert all(part.styleSheet() == "" for part in parts)
    assert button.fontInfo().pixelSize() == normal


@pytest.mark.parametrize("high_contrast", [False, True])
def test_panel_titles_are_drawn_in_the_theme_colours_and_the_mark_follows_the_page(
        qtbot, window, high_contrast):
    window.session.set_high_contrast(high_contrast)
    window.session.open("alpha")
    settle()
    theme = THEMES[window.session.look.theme_name]
    first, second = window.page_screen.panel.buttons[:2]

    def words_colours(button) -> set[str]:
        image = button.grab().toImage()
        inner = button.rect().marginsRemoved(button.MARGINS)
        return {QColor(image.pixel(x, y)).name().upper()
                for x in range(inner.left(), inner.right(), 2)
                for y in range(inner.top(), inner.bottom(), 2)}

    assert first.isChecked() and not second.isChecked()
    assert theme["button_current_text"] in words_colours(first)
    assert theme["button_text"] in words_colours(second)
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
    settle()
    assert window.session.location.page_id == second.page_id
    assert second.isChecked() and not first.isChecked()
    assert theme["button_current_text"] in words_colours(second)
    assert theme["button_text"] in words_colours(first)
