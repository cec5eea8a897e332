"""Interface language: the language buttons, switching in place, the reset, and no English left."""

from __future__ import annotations

import re

import pytest
from accessibility_support import each_screen, open_window, settle, spanish_content
from kiosk_mode_support import write_config
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.core.strings import PLURALS, TEXTS, interface_languages, plural, text
from kiosk.ui.page_view import PageView


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, "--content", spanish_content(tmp_path), size="1366x768")


def _template(value: str) -> re.Pattern:
    parts = re.split(r"\{[a-z_]*\}", value)
    return re.compile(".+".join(re.escape(p) for p in parts), re.S)


def allowed_texts(window, lang: str) -> list[re.Pattern]:
    """Everything a widget may show in `lang`: its text, the content, names of the languages."""
    texts = [text(lang, key) for key in TEXTS]
    texts += sorted({plural(lang, key, n) for key in PLURALS for n in range(101)})
    for code in interface_languages():  # each language button names its language in that language
        texts += [text(code, k) for k in ("language_name", "language_description",
                                          "touch_to_start")]
    language = window.session.library.language(lang)
    for page in language.pages.values():
        texts += [page.title, page.summary]
    texts += [window.session.config.clinic_name, *"0123456789"]
    return [_template(t) for t in texts if t]


def shown_texts(window) -> list[tuple[str, str]]:
    """Return (widget, text) for every text, name and description a visible widget carries."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget, PageView):  # page text is content
            continue
        values = [widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            values.append(widget.text())
        name = widget.objectName() or type(widget).__name__
        found += [(name, v) for v in values if v and v.strip("●\n ")]
    return found


def test_a_spanish_kiosk_shows_no_interface_text_from_another_table(qtbot, window):
    qtbot.mouseClick(window.home_screen.languages.buttons["es"], Qt.MouseButton.LeftButton)
    assert window.session.lang == "es"
    allowed = allowed_texts(window, "es")
    in_itself = ("language_name", "language_description", "touch_to_start")
    english_only = {text("en", k) for k in TEXTS
                    if text("en", k) != text("es", k) and k not in in_itself}
    screens = 0
    for screen in each_screen(window):
        screens += 1
        for name, value in shown_texts(window):
            assert any(p.fullmatch(value) for p in allowed), (
                f"{screen}: {name} shows '{value}', which is not Spanish interface text")
            assert value not in english_only, f"{screen}: {name} shows English '{value}'"
    assert screens >= 5


def test_the_check_catches_a_hard_coded_english_label(qtbot, window):
    window.session.set_language("es")
    window.nav_bar.home_button.setText("Home")
    allowed = allowed_texts(window, "es")
    bad = [v for _, v in shown_texts(window) if not any(p.fullmatch(v) for p in allowed)]
    assert bad == ["Home"]


def test_language_buttons_name_each_language_in_itself(qtbot, window):
    buttons = window.home_screen.languages.buttons
    assert [b.text() for b in buttons.values()] == ["English", "Español"]
    assert buttons["en"].isChecked() and not buttons["es"].isChecked()
    qtbot.mouseClick(buttons["es"], Qt.MouseButton.LeftButton)
    settle()
    assert [t.text_label() for t in window.home_screen.tiles] == ["Sección alfa", "Sección beta"]
    assert window.home_screen.welcome.text() == text("es", "welcome")
    assert window.nav_bar.home_button.text() == "Inicio"
    assert buttons["es"].isChecked() and not buttons["en"].isChecked()
    assert buttons["es"].accessibleDescription() == "Ver el quiosco en español"


def test_switching_language_keeps_the_patient_on_the_same_page(qtbot, window):
    window.session.open("alpha")
    window.session.open("alpha/one")
    assert window.session.set_language("es")
    settle()
    assert window.session.location.page_id == "alpha/one"
    assert "Subpágina uno" in window.page_screen.view.toPlainText()
    assert window.page_screen.panel.buttons[0].text_label() == "Sección alfa"
    qtbot.mouseClick(window.nav_bar.back_button, Qt.MouseButton.LeftButton)
    assert window.session.location.page_id == "alpha"
    assert "Sección alfa" in window.page_screen.view.toPlainText()


def test_the_start_screen_language_buttons_start_in_that_language(qtbot, window):
    window.kiosk_mode.show_attract()
    buttons = window.kiosk_mode.attract.languages.buttons
    assert buttons["es"].isVisible() and buttons["es"].text() == "Español"
    qtbot.mouseClick(buttons["es"], Qt.MouseButton.LeftButton)
    settle()
    assert not window.kiosk_mode.attract.isVisible()
    assert window.session.lang == "es" and window.stack.currentWidget() is window.home_screen
    assert window.home_screen.tiles[0].text_label() == "Sección alfa"


def test_the_idle_reset_returns_to_the_configured_language(qtbot, tmp_path):
    config = write_config(tmp_path, default_language="es")
    window = open_window(qtbot, "--content", spanish_content(tmp_path), "--config", str(config))
    assert window.session.lang == "es"
    window.home_screen.languages.buttons["en"].click()
    window.session.open("beta")
    assert window.session.lang == "en"
    window.session.reset_for_next_patient()
    settle()
    assert window.session.lang == "es" and window.session.location.is_home
    assert window.home_screen.languages.buttons["es"].isChecked()


def test_one_language_shows_no_language_buttons(qtbot, sample_content):
    window = open_window(qtbot, "--content", str(sample_content))
    assert not window.home_screen.languages.isVisible()


def test_enter_on_a_start_screen_language_button_chooses_it(qtbot, window):
    window.kiosk_mode.show_attract()
    button = window.kiosk_mode.attract.languages.buttons["es"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    settle()
    assert window.session.lang == "es" and not window.kiosk_mode.attract.isVisible()
