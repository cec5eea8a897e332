"""A patient finds pages without reading: the body map, glossary words and evidence badges, by tapping."""

from __future__ import annotations

from pathlib import Path

from conftest import write_tree
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from kiosk.app import create_window
from kiosk.core.body_regions import BODY_MAP_ID

GLOSSARY_TREE = {
    "en/nerves.md": """
        ---
        title: Nerves
        order: 10
        regions: [leg]
        ---
        # Nerves

        Pain down the leg is called [sciatica](glossary.md#sciatica). Rest helps a little.
        """,
    "en/glossary.md": """
        ---
        title: Words explained
        ---
        # Words explained

        ## Sciatica

        Pain that runs from the low back down the back of one leg.
        """,
}


def window_on(qtbot, *args: str):
    window = create_window(["--windowed", "--size", "1366x768", *args])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def tap(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_body_map_is_built_on_first_use_and_opens_from_the_first_home_tile(qtbot):
    window = window_on(qtbot)
    assert not window.body_map_built  # start-up does not pay for it
    tile = window.home_screen.body_map_tile
    assert tile is not None and window.home_screen._grid_tiles()[0] is tile
    assert tile.accessibleName() == "Where does it hurt?"
    tap(qtbot, tile)
    screen = window.body_map_screen
    assert window.stack.currentWidget() is screen and window.session.location.page_id == BODY_MAP_ID
    assert "does not tell you what is wrong" in screen.note.text()
    assert screen.help_button.isVisible() and screen.help_button.text() == "Get medical help now"
    assert screen.list_title.text() == "Touch a part of the body on the picture."


def test_a_region_tap_lists_its_pages_and_back_returns_to_the_same_region(qtbot):
    window = window_on(qtbot)
    window.session.open(BODY_MAP_ID)
    screen = window.body_map_screen
    leg = next(b for b in screen.back.buttons if b.region == "leg")
    assert leg.accessibleName() == "Back of the leg (sciatica), back of the body"
    assert leg.focusPolicy() & Qt.FocusPolicy.TabFocus
    for button in screen.region_buttons:
        assert button.width() >= 48 and button.height() >= 48, button.region
    tap(qtbot, leg)
    assert leg.isChecked() and not any(b.isChecked() for b in screen.region_buttons if b is not leg)
    assert screen.list_title.text() == "Pages about: Back of the leg (sciatica)"
    titles = [b.title_label.text() for b in screen.page_buttons]
    assert "Inflammation and nerves" in titles and "When to get medical help now" in titles
    nerves = screen.page_buttons[titles.index("Inflammation and nerves")]
    assert "sciatica" in nerves.summary_label.text()
    tap(qtbot, nerves)
    assert window.session.location.page_id == "back-pain/inflammation-and-nerves"
    tap(qtbot, window.nav_bar.back_button)
    assert window.stack.currentWidget() is screen and leg.isChecked()
    tap(qtbot, window.nav_bar.back_button)
    assert window.session.location.is_home  # choosing regions added no steps to go back through


def test_the_red_button_opens_the_help_page(qtbot):
    window = window_on(qtbot)
    window.session.open(BODY_MAP_ID)
    tap(qtbot, window.body_map_screen.help_button)
    assert window.session.location.page_id == "get-help-now"


def test_the_next_patient_finds_no_region_chosen(qtbot):
    window = window_on(qtbot)
    window.session.open(BODY_MAP_ID)
    window.session.choose_region("neck")
    window.session.reset_for_next_patient()
    window.session.open(BODY_MAP_ID)
    screen = window.body_map_screen
    assert screen.region == "" and not any(b.isChecked() for b in screen.region_buttons)
    assert screen.page_buttons == []


def test_text_size_contrast_and_spanish_reach_the_body_map(qtbot):
    window = window_on(qtbot)
    window.session.open(BODY_MAP_ID)
    screen = window.body_map_screen
    neck = screen.front.buttons[0]
    before = neck.sizeHint().height()
    window.session.next_text_size()
    window.session.next_text_size()
    assert neck.sizeHint().height() > before
    window.session.set_high_contrast(True)
    assert "#000000" in screen.styleSheet()
    window.session.home()
    window.session.set_language("es")
    window.session.open(BODY_MAP_ID)
    assert screen.title.text() == "¿Dónde le duele?"
    assert screen.help_button.text() == "Busque ayuda médica ahora"
    assert neck.text() == "Cuello"


def glossary_window(qtbot, tmp_path: Path):
    content = write_tree(tmp_path / "content", GLOSSARY_TREE)
    window = window_on(qtbot, "--content", str(content))
    window.session.open("nerves")
    return window


def word_point(view, word: str) -> tuple[QPoint, QTextCursor]:
    cursor = view.document().find(word)
    middle = QTextCursor(view.document())
    middle.setPosition(cursor.selectionStart() + 2)
    return view.cursorRect(middle).center(), middle


def test_a_glossary_word_is_marked_and_a_tap_explains_it_over_the_page(qtbot, tmp_path):
    window = glossary_window(qtbot, tmp_path)
    view = window.page_screen.view
    point, cursor = word_point(view, "sciatica")
    style = cursor.charFormat()
    assert style.isAnchor() and style.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    popup = window.glossary_popup
    assert popup is not None and popup.isVisible() and popup.geometry() == window.rect()
    assert popup.word.text() == "Sciatica"
    assert popup.definition.text() == "Pain that runs from the low back down the back of one leg."
    assert window.session.location.page_id == "nerves"  # no navigation
    tap(qtbot, popup.close_button)
    assert not popup.isVisible() and window.stack.currentWidget() is window.page_screen
    tap(qtbot, window.nav_bar.back_button)
    assert window.session.location.is_home  # the word added no step to go back through


def test_the_idle_reset_closes_the_glossary_pop_up(qtbot, tmp_path):
    window = glossary_window(qtbot, tmp_path)
    window.show_glossary("sciatica")
    assert window.glossary_popup.isVisible()
    window.session.reset_for_next_patient()
    assert not window.glossary_popup.isVisible()


def test_a_condition_page_shows_its_badge_with_icon_and_words(qtbot):
    window = window_on(qtbot)
    window.session.open("conditions/nausea")
    view = window.page_screen.view
    shown = view.toPlainText()
    assert "What research shows: Small or uncertain benefit" in shown
    assert "Based on: Cochrane" in shown
    image = view.loadResource(2, "badge:small-or-uncertain")  # (2: an image)
    assert image is not None and not image.isNull() and image.width() >= 64
    window.session.open("conditions")  # the overview table: the same badge in each linked row
    shown = view.toPlainText()
    assert "Research in short" in shown
    assert shown.count("Small or uncertain benefit") >= 3  # back pain, allergies, nausea, anxiety
    assert "No better than fake (sham) treatment" in shown and "Not enough research to say" in shown


def test_the_pop_up_reads_the_definition_aloud_when_the_kiosk_can_speak(qtbot, tmp_path):
    from kiosk_mode_support import write_config

    from kiosk.ui.read_aloud import IDLE, SPEAKING

    content = write_tree(tmp_path / "content", GLOSSARY_TREE)
    config = write_config(tmp_path, read_aloud_engine="mock")
    window = window_on(qtbot, "--content", str(content), "--config", str(config), "--page", "nerves")
    window.show_glossary("sciatica")
    popup = window.glossary_popup
    assert popup.listen_button.isVisible() and popup.listen_button.text() == "Listen"
    tap(qtbot, popup.listen_button)
    reader = window.read_aloud
    assert reader.state == SPEAKING
    tap(qtbot, popup.close_button)  # closing stops the voice too
    qtbot.waitUntil(lambda: reader.state == IDLE, timeout=3000)


def test_without_a_voice_the_pop_up_has_no_listen_button(qtbot, tmp_path):
    window = glossary_window(qtbot, tmp_path)
    window.speech.probed = True  # (as after a probe that found no engine: the test machine's default)
    window.speech.voices.clear()
    window.show_glossary("sciatica")
    assert not window.glossary_popup.listen_button.isVisible()


def test_a_glossary_word_with_a_picture_shows_it_in_the_pop_up(qtbot, tmp_path):
    from conftest import SMALL_SVG

    tree = {**GLOSSARY_TREE, "images/nerve.svg": SMALL_SVG}
    tree["en/glossary.md"] += "\n        ![A nerve running down the leg](../images/nerve.svg)\n"
    content = write_tree(tmp_path / "content", tree)
    window = window_on(qtbot, "--content", str(content), "--page", "nerves")
    window.show_glossary("sciatica")
    popup = window.glossary_popup
    assert popup.picture.isVisible() and not popup.picture.pixmap().isNull()
    assert popup.picture.accessibleName() == "A nerve running down the leg"


def _inks(image) -> set[str]:
    """Return the colours of the fully opaque pixels of a drawn icon."""
    from PySide6.QtGui import QColor

    found = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor.fromRgba(image.pixel(x, y))
            if colour.alpha() == 255:
                found.add(colour.name().upper())
    return found


def test_the_badge_icon_takes_the_colours_of_high_contrast_and_back(qtbot):
    from kiosk.core.themes import THEMES

    window = window_on(qtbot)
    window.session.open("conditions/nausea")
    view = window.page_screen.view
    assert _inks(view.loadResource(2, "badge:small-or-uncertain")) == {THEMES["default"]["heading"]}
    window.session.set_high_contrast(True)
    high = view.loadResource(2, "badge:small-or-uncertain")
    assert _inks(high) == {THEMES["high_contrast"]["heading"]}
    assert "badge:small-or-uncertain" in view.toHtml()  # the page on screen was drawn again
    window.session.set_high_contrast(False)
    assert _inks(view.loadResource(2, "badge:small-or-uncertain")) == {THEMES["default"]["heading"]}


def test_at_laptop_size_and_the_largest_text_the_body_stays_large_and_the_note_in_view(qtbot):
    from PySide6.QtWidgets import QApplication

    window = window_on(qtbot, "--text-size", "largest")
    window.session.open(BODY_MAP_ID)
    QApplication.processEvents()
    screen = window.body_map_screen
    # The note (it finds pages, it does not diagnose) heads the right-hand column, so the
    # outlines have the height under the title: they were a third of the window before.
    assert screen.front.height() >= 0.42 * window.height()
    assert screen.note.isVisible() and screen.note.x() > screen.front.geometry().right()
    note_bottom = screen.note.mapTo(window, QPoint(0, screen.note.height())).y()
    assert note_bottom < window.nav_bar.mapTo(window, QPoint(0, 0)).y()
    assert "does not tell you what is wrong" in screen.note.text()
