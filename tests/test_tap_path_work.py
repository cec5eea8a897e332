"""A tap does only the work it must: pages rendered ahead of time and once, pictures drawn once."""

import os

import pytest
from conftest import write_tree
from PySide6.QtCore import Qt

import kiosk.ui.page_view
from kiosk.app import create_window


@pytest.fixture
def window(qtbot, sample_content):
    write_tree(sample_content, {"es/alpha.md": "# Sección alfa\n\nTexto.\n"})
    win = create_window(["--content", str(sample_content), "--windowed", "--size", "1920x1080"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def all_pages(win):
    return [(code, page.id) for code, language in win.session.library.languages.items()
            for page in language.ordered()]


def test_every_page_is_rendered_while_the_kiosk_waits(qtbot, window):
    assert not any(window.session.renderer.is_cached(*key) for key in all_pages(window))
    qtbot.waitUntil(lambda: window.prerender.pending == 0, timeout=5000)
    assert all(window.session.renderer.is_cached(*key) for key in all_pages(window))


def test_switching_language_keeps_the_pages_already_rendered(qtbot, window, monkeypatch):
    rendered = []
    original = window.session.renderer._render
    monkeypatch.setattr(window.session.renderer, "_render",
                        lambda language, page: rendered.append(page.id) or original(language, page))
    window.prerender.start(delay_ms=60_000)  # out of the way: only taps render here
    tile = next(t for t in window.home_screen.tiles if t.page_id == "alpha")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    window.session.set_language("es")
    window.session.set_language("en")
    qtbot.mouseClick(window.nav_bar.home_button, Qt.MouseButton.LeftButton)
    tile = next(t for t in window.home_screen.tiles if t.page_id == "alpha")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.session.location.page_id == "alpha"
    assert rendered.count("alpha") == 2  # once in English, once in Spanish; never again


def test_a_picture_is_drawn_once_until_its_file_changes(qtbot, window, monkeypatch, sample_content):
    drawn = []
    original = kiosk.ui.page_view._load_image
    monkeypatch.setattr(kiosk.ui.page_view, "_load_image",
                        lambda path, scale: drawn.append(path.name) or original(path, scale))
    for _ in range(3):
        window.session.open("alpha")
        window.session.home()
    assert drawn == ["box.svg"]
    picture = sample_content / "images" / "box.svg"
    picture.write_text(picture.read_text().replace("#1F4E79", "#000000"))
    stat = picture.stat()
    os.utime(picture, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    window.session.open("alpha")
    assert drawn == ["box.svg", "box.svg"]


def test_going_back_to_a_section_reuses_its_panel_buttons(qtbot, window):
    window.session.open("alpha")
    first = list(window.page_screen.panel.buttons)
    assert [b.page_id for b in first] == ["alpha", "alpha/two", "alpha/one"]
    window.session.open("beta")
    assert all(not b.isVisible() for b in first)
    window.session.open("alpha/one")
    assert window.page_screen.panel.buttons == first
    assert all(b.isVisible() for b in first)
    assert [b.isChecked() for b in first] == [False, False, True]


def test_showing_pages_for_weeks_leaves_nothing_behind_per_page(qtbot):
    # An unattended kiosk shows thousands of pages: nothing may pile up for each one shown.
    import gc

    from kiosk.app import create_window

    window = create_window(["--windowed", "--size", "1920x1080"])
    qtbot.addWidget(window)
    pages = [page.id for page in window.session.language.ordered()]

    def python_objects() -> int:
        gc.collect()
        return len(gc.get_objects())

    for page_id in pages:  # every page once: caches filled
        window.session.open(page_id)
    before = python_objects()
    for _ in range(5):
        for page_id in pages:
            window.session.open(page_id)
            window.session.home()
    assert python_objects() - before < len(pages)  # 5 x 35 pages shown; was one object each
