"""The kiosk as a patient uses it: tap a tile, read, follow links, Back, Home, drag to scroll."""

import logging
from pathlib import Path

import pytest
from conftest import write_tree
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.app import create_window
from kiosk.ui.buttons import SectionTile

LONG_PAGE = (
    "# Long page\n\n[Go to the end](#the-end)\n\n"
    + "".join(f"Paragraph {n} has a few plain words so the page gets long.\n\n" for n in range(120))
    + "## The end\n\nLast words.\n"
)


@pytest.fixture
def window(qtbot, sample_content):
    write_tree(sample_content, {"en/beta/long.md": LONG_PAGE})
    win = create_window(["--content", str(sample_content), "--windowed", "--size", "1920x1080"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def tile(win, page_id):
    return next(t for t in win.home_screen.tiles if t.page_id == page_id)


def click_text(qtbot, win, words: str) -> None:
    """Click the middle of `words` where they are drawn in the page view, as a finger would."""
    view = win.page_screen.view
    cursor = view.document().find(words)
    assert not cursor.isNull(), f"'{words}' is not on the page"
    view.setTextCursor(QTextCursor(cursor.block()))  # scroll it into view
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    start = view.cursorRect(QTextCursor(view.document().find(words[:1], cursor.selectionStart())))
    point = QPoint((start.left() + rect.right()) // 2, rect.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_home_shows_one_tile_per_section_with_the_clinic_name(window):
    assert window.stack.currentWidget() is window.home_screen
    assert [t.text_label() for t in window.home_screen.tiles] == ["Alpha section", "Beta section"]
    assert window.home_screen.tiles[0].summary_label.text() == "The first section."
    assert window.clinic_label.text() == "Riverside Acupuncture Clinic"


def test_a_touch_on_a_tile_opens_the_section_page(qtbot, window):
    target = tile(window, "alpha")
    device = QTest.createTouchDevice()
    centre = target.mapTo(window, target.rect().center())
    with qtbot.waitSignal(window.bridge.location_changed) as shown:
        QTest.touchEvent(window, device).press(0, centre, window).commit()
        QTest.touchEvent(window, device).release(0, centre, window).commit()
    assert shown.args[0].page_id == "alpha"
    assert window.stack.currentWidget() is window.page_screen
    text = window.page_screen.view.toPlainText()
    assert "Alpha section" in text and "Call 911" in text
    # The section's sub-pages are listed as buttons, the page on screen marked.
    panel = window.page_screen.panel
    assert [b.text_label() for b in panel.buttons] == [
        "Alpha section",
        "Sub-page two",
        "Sub-page one",
    ]
    assert panel.buttons[0].isChecked()


def test_clicking_link_text_follows_the_link_and_back_and_home_work(qtbot, window):
    qtbot.mouseClick(tile(window, "alpha"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.bridge.location_changed) as shown:
        click_text(qtbot, window, "the first sub-page")
    assert shown.args[0].page_id == "alpha/one"
    assert "Sub-page one" in window.page_screen.view.toPlainText()
    nav = window.nav_bar
    assert nav.back_button.isEnabled()
    qtbot.mouseClick(nav.back_button, Qt.MouseButton.LeftButton)
    assert window.session.location.page_id == "alpha"
    qtbot.mouseClick(nav.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home_screen
    assert not nav.back_button.isEnabled()
    qtbot.mouseClick(tile(window, "beta"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.page_screen.panel.buttons[1], Qt.MouseButton.LeftButton)
    assert window.session.location.page_id == "beta/long"
    qtbot.mouseClick(nav.home_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home_screen
    assert not window.session.history.can_go_back


def test_a_link_to_a_heading_on_another_page_opens_it_there(qtbot, window):
    window.session.open("alpha")
    with qtbot.waitSignal(window.bridge.location_changed) as shown:
        click_text(qtbot, window, "Beta")
    assert shown.args[0].page_id == "beta"
    assert window.session.location.fragment == "details"


def test_a_fragment_link_scrolls_to_its_heading(qtbot, window):
    window.session.open("beta/long")
    bar = window.page_screen.view.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    click_text(qtbot, window, "Go to the end")
    qtbot.waitUntil(lambda: bar.value() > bar.maximum() // 2)
    assert window.session.location.page_id == "beta/long"


def test_a_finger_drag_scrolls_the_page_without_selecting_text(qtbot, window):
    window.session.open("beta/long")
    view = window.page_screen.view
    viewport = view.viewport()
    bar = view.verticalScrollBar()
    device = QTest.createTouchDevice()
    start = QPoint(viewport.width() // 2, viewport.height() - 60)
    QTest.touchEvent(viewport, device).press(0, start, viewport).commit()
    for step in range(1, 16):
        QTest.qWait(15)
        QTest.touchEvent(viewport, device).move(0, start - QPoint(0, step * 40), viewport).commit()
    QTest.touchEvent(viewport, device).release(0, start - QPoint(0, 600), viewport).commit()
    qtbot.waitUntil(lambda: bar.value() > 300)
    assert not view.textCursor().hasSelection()
    assert window.session.location.page_id == "beta/long"  # a drag is not a tap on a link


def test_hostile_links_do_nothing(qtbot, window):
    window.session.open("alpha")
    view = window.page_screen.view
    before = view.toPlainText()
    shown = []
    window.bridge.location_changed.connect(shown.append)
    click_text(qtbot, window, "passwords")  # written as a file:///etc/passwd link
    for url in (
        "file:///etc/passwd",
        "/etc/hostname",
        "https://example.org",
        "javascript:alert(1)",
        "page:../../etc/passwd",
        "data:text/html,hi",
    ):
        view.anchorClicked.emit(QUrl(url))
        view.setSource(QUrl(url))
    QApplication.processEvents()
    assert shown == []
    assert view.toPlainText() == before
    assert "root:" not in view.toPlainText()


def test_missing_image_leaves_the_page_readable(qtbot, sample_content):
    write_tree(
        sample_content, {"en/pics.md": "# Pictures\n\n![gone](../images/nope.png)\n\nStill here.\n"}
    )
    win = create_window(["--content", str(sample_content), "--windowed"])
    qtbot.addWidget(win)
    win.session.open("pics")
    assert "Still here." in win.page_screen.view.toPlainText()
    assert not win.page_screen.view.viewport().grab().isNull()


def test_no_text_selection_and_no_context_menu(qtbot, window):
    window.session.open("alpha")
    view = window.page_screen.view
    assert not view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=QPoint(200, 200))
    assert QApplication.activePopupWidget() is None


@pytest.mark.parametrize("page", ["", "alpha", "alpha/one"])
def test_every_control_is_big_and_named_after_its_label(qtbot, window, page):
    if page:
        window.session.open(page)
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
    assert len(buttons) >= 3
    for button in buttons:
        assert button.width() >= 48 and button.height() >= 48, button.accessibleName()
        label = (
            button.text() or button.text_label()
            if hasattr(button, "text_label")
            else button.text()
        )
        assert button.accessibleName() == label


def test_bad_front_matter_still_shows_the_page(qtbot, sample_content):
    write_tree(
        sample_content, {"en/broken.md": "---\ntitle: [oops\n---\n# Broken but readable\n\nText.\n"}
    )
    win = create_window(["--content", str(sample_content), "--windowed"])
    qtbot.addWidget(win)
    problems = [str(p) for p in win.session.library.problems]
    assert any("broken.md:2: error: bad front matter" in p for p in problems)
    assert "Broken but readable" in [t.text_label() for t in win.home_screen.tiles]


def test_missing_content_shows_an_ask_the_staff_page(qtbot, tmp_path):
    win = create_window(["--content", str(tmp_path / "nothing"), "--windowed"])
    qtbot.addWidget(win)
    assert win.home_screen.tiles == []
    win.session.open("anything")
    assert "Please ask the staff" in win.page_screen.view.toPlainText()


def test_switching_language_leaves_no_tile_of_the_old_language_on_screen(qtbot, sample_content):
    write_tree(sample_content, {"es/uno.md": "# Uno\n", "es/dos.md": "# Dos\n", "es/tres.md": "# Tres\n"})
    win = create_window(["--content", str(sample_content), "--windowed"])
    qtbot.addWidget(win)
    win.show()
    old_tiles = list(win.home_screen.tiles)
    assert win.session.set_language("es")
    # Before the event loop runs again (what a screenshot taken now would show):
    assert all(tile.isHidden() for tile in old_tiles)
    qtbot.waitUntil(lambda: all(t.isVisible() for t in win.home_screen.tiles))
    shown = {t.text_label() for t in win.home_screen.findChildren(SectionTile) if t.isVisible()}
    assert shown == {"Uno", "Dos", "Tres"}


def test_the_readme_example_for_create_window_works(qtbot):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    [example] = [block for block in readme.split("```python\n")[1:] if "create_window" in block]
    namespace: dict = {}
    exec(example.split("```", 1)[0], namespace)  # the code exactly as the README shows it
    namespace["test_tap_opens_a_section"](qtbot)


def longest_line_in_characters(view, words: str) -> int:
    """Return the longest laid-out line, in characters, of the paragraphs holding `words`."""
    longest = 0
    block = view.document().begin()
    while block.isValid():
        if words in block.text():
            layout = block.layout()
            for index in range(layout.lineCount()):
                longest = max(longest, layout.lineAt(index).textLength())
        block = block.next()
    return longest


@pytest.mark.parametrize("size", ["1920x1080", "1366x768"])
def test_lines_of_text_stay_at_a_comfortable_reading_length(qtbot, sample_content, size):
    prose = " ".join(["Most back pain gets better on its own, so keep moving gently each day."] * 12)
    write_tree(sample_content, {"en/prose.md": f"# Prose\n\n{prose}\n"})
    win = create_window(["--content", str(sample_content), "--windowed", "--size", size])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.session.open("prose")
    assert 55 <= longest_line_in_characters(win.page_screen.view, "keep moving gently") <= 75


def test_a_new_text_size_keeps_the_reader_on_the_same_part_of_the_page(qtbot, window):
    window.session.open("beta/long")
    view = window.page_screen.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)

    def paragraph_on_top() -> str:
        return view.cursorForPosition(QPoint(0, 0)).block().text()

    before = paragraph_on_top()
    assert before.startswith("Paragraph ") and view.verticalScrollBar().value() > 0
    for button in (window.nav_bar.text_size_button, window.nav_bar.contrast_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert paragraph_on_top() == before
    assert window.session.location.page_id == "beta/long"


def test_back_to_the_home_screen_leaves_no_control_focused(qtbot, window):
    qtbot.mouseClick(tile(window, "alpha"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.nav_bar.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home_screen
    assert not isinstance(QApplication.focusWidget(), QAbstractButton)


def test_page_problems_are_logged_once_not_on_every_visit(qtbot, window, caplog):
    caplog.set_level(logging.WARNING, logger="kiosk.core.rendering")
    for _ in range(3):
        window.session.open("alpha")
        window.session.home()
    refused = [r for r in caplog.records if "will not open" in r.getMessage()]
    assert len(refused) == 5  # the five bad links of the page, once each


def test_the_next_patient_finds_the_home_tiles_scrolled_to_the_top(qtbot):
    win = create_window(["--windowed", "--size", "1366x768", "--text-size", "largest"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    bar = win.home_screen.tile_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the largest text makes the tile grid scroll
    bar.setValue(bar.maximum())
    win.session.reset_for_next_patient()
    assert bar.value() == 0


def finger_drag_up(viewport, pixels: int) -> None:
    """Drag one finger up across `viewport` by `pixels`, in small steps, as a patient scrolls."""
    device = QTest.createTouchDevice()
    start = QPoint(viewport.width() // 2, viewport.height() - 40)
    steps = 15
    QTest.touchEvent(viewport, device).press(0, start, viewport).commit()
    for step in range(1, steps + 1):
        QTest.qWait(15)
        end = start - QPoint(0, step * pixels // steps)
        QTest.touchEvent(viewport, device).move(0, end, viewport).commit()
    QTest.touchEvent(viewport, device).release(0, end, viewport).commit()


def test_a_finger_drag_scrolls_the_home_tiles_when_they_do_not_fit(qtbot):
    win = create_window(["--windowed", "--size", "1366x768", "--text-size", "largest"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    bar = win.home_screen.tile_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the largest text makes the tile grid scroll
    finger_drag_up(win.home_screen.tile_area.viewport(), 300)
    qtbot.waitUntil(lambda: bar.value() > 100)
    assert win.session.location.is_home  # a drag across a tile does not open it
