"""Live preview (`kiosk --windowed --watch`): edits on disk show up on the same page and scroll position."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SMALL_SVG, write_tree
from PySide6.QtGui import QColor

from kiosk.app import create_window
from kiosk.core import stylesheets
from kiosk.core.resources import resource_path
from kiosk.ui.live_reload import LiveReload

FRONT = """\
---
title: Long page
reviewed: 2026-01-10
next_review: 2099-01-10
sources:
  - organisation: NHS
    title: Back pain
    year: 2024
---
"""
BODY = "# Long page\n\n" + "".join(f"Paragraph {n}. Walk a little each day.\n\n" for n in range(80))
BOX_SVG = SMALL_SVG.replace("#1F4E79", "#00C000")  # a green no theme uses
RED_SVG = SMALL_SVG.replace("#1F4E79", "#FF0000")


@pytest.fixture
def preview(qtbot, tmp_path):
    """Return (window, page file) with the live preview on a long page of a small content tree."""
    root = write_tree(tmp_path / "content", {"en/long.md": FRONT + BODY, "images/box.svg": BOX_SVG})
    window = create_window(["--windowed", "--watch", "--content", str(root), "--size", "1366x768"])
    qtbot.addWidget(window)
    window.show()
    window.session.open("long")
    qtbot.waitExposed(window)
    return window, root / "en" / "long.md"


def save(path: Path, text: str, replace: bool = False) -> None:
    """Save like an editor: in place, or into a new file renamed over the old one."""
    if replace:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    else:
        path.write_text(text, encoding="utf-8")


def has_colour(window, red: int, green: int, blue: int) -> bool:
    image = window.page_screen.view.viewport().grab().toImage()
    wanted = QColor(red, green, blue)
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            colour = image.pixelColor(x, y)
            if abs(colour.red() - wanted.red()) + abs(colour.green() - wanted.green()) + \
                    abs(colour.blue() - wanted.blue()) < 30:
                return True
    return False


def test_an_edit_shows_on_the_same_page_at_the_same_scroll_position(qtbot, preview):
    window, path = preview
    view = window.page_screen.view
    bar = view.verticalScrollBar()
    bar.setValue(600)
    assert bar.value() == 600
    with qtbot.waitSignal(window.live_reload.reloaded, timeout=5000):
        save(path, FRONT + BODY.replace("Paragraph 3.", "Edited paragraph three."))
    qtbot.waitUntil(lambda: "Edited paragraph three." in view.toPlainText(), timeout=3000)
    assert window.session.location.page_id == "long"
    qtbot.waitUntil(lambda: bar.value() == 600, timeout=2000)


def test_a_file_replaced_by_the_editor_is_still_watched(qtbot, preview):
    window, path = preview
    view = window.page_screen.view
    for number in (1, 2):
        with qtbot.waitSignal(window.live_reload.reloaded, timeout=5000):
            save(path, FRONT + BODY.replace("Paragraph 5.", f"Saved version {number}."), replace=True)
        qtbot.waitUntil(lambda n=number: f"Saved version {n}." in view.toPlainText(), timeout=3000)


def test_broken_front_matter_shows_the_problem_then_the_fixed_page(qtbot, preview):
    window, path = preview
    view = window.page_screen.view
    view.verticalScrollBar().setValue(500)
    with qtbot.waitSignal(window.live_reload.reloaded, timeout=5000):
        save(path, FRONT.replace("title: Long page", "title: [Long page") + BODY)
    qtbot.waitUntil(lambda: "This page has a problem" in view.toPlainText(), timeout=3000)
    shown = view.toPlainText()
    assert f"{path}:2: error: bad front matter" in shown
    assert "Paragraph 3." not in shown
    assert window.session.location.page_id == "long"
    with qtbot.waitSignal(window.live_reload.reloaded, timeout=5000):
        save(path, FRONT + BODY)
    qtbot.waitUntil(lambda: "Paragraph 3." in view.toPlainText(), timeout=3000)
    assert "This page has a problem" not in view.toPlainText()
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() == 500, timeout=2000)  # back in place


def test_a_page_breaking_a_rule_shows_the_messages_above_the_page(qtbot, preview):
    window, path = preview
    view = window.page_screen.view
    with qtbot.waitSignal(window.live_reload.reloaded, timeout=5000):
        save(path, FRONT.replace("    year: 2024\n", "") + BODY)
    qtbot.waitUntil(lambda: "This page has a problem" in view.toPlainText(), timeout=3000)
    shown = view.toPlainText()
    assert f"{path}:6: error: source 1 has no 'year'" in shown
    assert shown.index("has no 'year'") < shown.index("Paragraph 3.")  # the page is still below


def test_a_changed_picture_is_shown_again(qtbot, preview):
    window, path = preview
    picture = path.parent.parent / "images" / "box.svg"
    with qtbot.waitSignal(window.live_reload.reloaded, timeout=5000):
        save(path, FRONT + "# Picture\n\n![A box](../images/box.svg){width=300}\n\nA blue box.\n")
    qtbot.waitUntil(lambda: has_colour(window, 0, 0xC0, 0), timeout=3000)
    assert not has_colour(window, 255, 0, 0)
    with qtbot.waitSignal(window.live_reload.reloaded, timeout=5000):
        save(picture, RED_SVG)
    qtbot.waitUntil(lambda: has_colour(window, 255, 0, 0), timeout=3000)


def test_a_changed_stylesheet_is_applied(qtbot, tmp_path, monkeypatch, preview):
    window, _ = preview
    styles = tmp_path / "styles"
    shutil.copytree(resource_path("styles"), styles)
    monkeypatch.setattr(stylesheets, "resource_path", lambda *parts: styles.joinpath(*parts[1:]))
    reload = LiveReload(window, style_dir=styles)
    assert not has_colour(window, 255, 0, 0)
    with qtbot.waitSignal(reload.reloaded, timeout=5000):
        css = (styles / "content.css").read_text(encoding="utf-8")
        save(styles / "content.css", css + "\nh1 { color: #FF0000; }\n")
    qtbot.waitUntil(lambda: has_colour(window, 255, 0, 0), timeout=3000)
    assert window.session.location.page_id == "long"
