"""Pages that would deface the screen or show nothing: from `kiosk check` to the tiles and self-test."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import pytest
from conftest import SMALL_SVG, write_tree

from kiosk.checks.content_check import check_content
from kiosk.checks.report import CheckReport
from kiosk.checks.text_hygiene import (
    FONT_FILES,
    MAX_PER_KIND,
    cmap_code_points,
    kiosk_font_coverage,
)
from kiosk.core.resources import resource_path

FRONT = """\
---
title: {title}
reviewed_by: Health writer
reviewed: 2026-01-10
next_review: 2027-01-10
sources:
  - organisation: NHS
    title: Back pain
    year: 2024
---
"""
BODY = "# Good page\n\nRest for a day or two. Then walk a little each day.\n"


def page(body: str = BODY, title: str = "Good page") -> str:
    """Return a page that passes every other rule, with `body` and `title`."""
    return FRONT.format(title=title) + body


def warnings(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    """Return `kiosk check`'s lines for the tree, without the root folder's path."""
    report = check(tmp_path, files)
    root = f"{tmp_path / 'content'}/"
    return [str(p).removeprefix(root) for p in report.problems]


def check(tmp_path: Path, files: dict[str, str | bytes]) -> CheckReport:
    root = write_tree(tmp_path / "content", {"images/box.svg": SMALL_SVG, **files})
    return check_content(root, today=date(2026, 6, 1))


# -- kiosk check: direction controls and invisible characters ----------------------------------

def test_every_direction_control_is_a_warning_at_its_line_front_matter_and_body(tmp_path):
    body = BODY + "\nYour back \u2067hurts\u2069 today.\n\nSee \u202ethis\u202c. And\u200f this\u200e.\n"
    out = warnings(tmp_path, {"en/p.md": page(body, title='"\u202eniap kcaB"')})
    assert out == [
        "en/p.md:2: warning: invisible direction control U+202E RIGHT-TO-LEFT OVERRIDE: it shows "
        "the text after it reversed; delete it",
        "en/p.md:15: warning: invisible direction control U+2067 RIGHT-TO-LEFT ISOLATE: it shows "
        "the text after it as right-to-left: punctuation and numbers move; delete it",
        "en/p.md:15: warning: invisible direction control U+2069 POP DIRECTIONAL ISOLATE: it ends "
        "a direction isolate; delete it",
        "en/p.md:17: warning: invisible direction control U+200E LEFT-TO-RIGHT MARK: it can move "
        "the punctuation and numbers around it; delete it",
        "en/p.md:17: warning: invisible direction control U+200F RIGHT-TO-LEFT MARK: it can move "
        "the punctuation and numbers around it; delete it",
        "en/p.md:17: warning: invisible direction control U+202C POP DIRECTIONAL FORMATTING: it "
        "ends a direction override or embedding; delete it",
        "en/p.md:17: warning: invisible direction control U+202E RIGHT-TO-LEFT OVERRIDE: it shows "
        "the text after it reversed; delete it",
    ]


@pytest.mark.parametrize("code", [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
                                  0x2069, 0x200E, 0x200F, 0x061C])
def test_each_direction_control_is_named(tmp_path, code):
    [line] = warnings(tmp_path, {"en/p.md": page(BODY + f"\nA{chr(code)}B.\n")})
    assert line.startswith(f"en/p.md:15: warning: invisible direction control U+{code:04X} ")
    assert chr(code) not in line  # the message itself shows nothing reversed


def test_invisible_characters_are_warnings_and_joiners_are_left_alone(tmp_path):
    body = (BODY + "\nA zero\u200bwidth space.\n\nHidden \U000e0068\U000e0069 tags.\n\n"
            "A bell\x07 here.\n\nFamily \U0001F468\u200d\U0001F469 and soft\u00adhyphen.\n\n"
            "Tab\there.\n")
    out = warnings(tmp_path, {"en/p.md": page(body)})
    assert out[:3] == [
        "en/p.md:15: warning: invisible character U+200B ZERO WIDTH SPACE: it cannot be seen but "
        "changes the text; delete it",
        "en/p.md:17: warning: invisible tag characters (U+E0000-U+E007F): they hide text no one "
        "sees; delete them",
        "en/p.md:19: warning: control character U+0007: it shows as a box or as nothing; delete it",
    ]
    assert [line for line in out[3:] if "invisible" in line or "control" in line] == []
    assert all("U+200D" not in line and "U+00AD" not in line and "U+0009" not in line for line in out)


# -- kiosk check: characters the font cannot draw ---------------------------------------------

def test_characters_the_font_lacks_are_warnings_with_words_to_use_instead(tmp_path):
    body = BODY + "\n\u26a0\ufe0f Call us \U0001F4DE now \u2192 today \U0001F44D\U0001F3FD.\n"
    out = warnings(tmp_path, {"en/p.md": page(body, title="Smile \U0001F600")})
    assert out == [
        "en/p.md:2: warning: '\U0001F600' (U+1F600 GRINNING FACE) is not in the kiosk's font "
        "(Atkinson Hyperlegible): it may show as an empty box; leave it out: the words say it",
        "en/p.md:15: warning: '\u2192' (U+2192 RIGHTWARDS ARROW) is not in the kiosk's font "
        "(Atkinson Hyperlegible): it may show as an empty box; write 'then' instead",
        "en/p.md:15: warning: '\u26a0' (U+26A0 WARNING SIGN) is not in the kiosk's font (Atkinson "
        "Hyperlegible): it may show as an empty box; write 'Warning' instead, or put the text in a "
        "'> [!WARNING]' box",
        "en/p.md:15: warning: '\U0001F44D' (U+1F44D THUMBS UP SIGN) is not in the kiosk's font "
        "(Atkinson Hyperlegible): it may show as an empty box; write 'good' instead",
        "en/p.md:15: warning: '\U0001F4DE' (U+1F4DE TELEPHONE RECEIVER) is not in the kiosk's font "
        "(Atkinson Hyperlegible): it may show as an empty box; write 'phone' instead",
    ]  # (the variation selector and the skin tone belong to their emoji: not named again)


def test_a_spanish_page_is_told_spanish_words(tmp_path):
    out = warnings(tmp_path, {"es/p.md": page("# Página\n\n\u2705 Llame al médico \U0001F4DE.\n")})
    assert [line.rsplit("; ", 1)[1] for line in out] == ["write 'sí' instead",
                                                          "write 'teléfono' instead"]


def test_english_and_spanish_text_and_its_punctuation_are_all_in_the_font(tmp_path):
    body = ("# ¿Qué es? Año, niño, Pérez-Núñez, güero\n\n¡Hola! «Sí» — “quotes” ‘too’ – 10 °C, "
            "½ · • … € © ® ™ ± × ÷ ≤ ≥ Ç œ ß\u00a0nbsp.\n")
    assert warnings(tmp_path, {"es/p.md": page(body)}) == []


def test_a_character_only_in_a_comment_is_not_reported(tmp_path):
    body = BODY + "\n<!-- \U0001F600 a note\nfor staff \u2705 -->\n"
    assert warnings(tmp_path, {"en/p.md": page(body)}) == []


def test_a_page_full_of_characters_the_font_lacks_gets_a_bounded_report(tmp_path):
    body = BODY + "\n" + "".join(f"Line {chr(0x4E00 + n)}.\n\n" for n in range(300))
    out = [line for line in warnings(tmp_path, {"en/p.md": page(body)}) if ": warning: " in line]
    assert len(out) == MAX_PER_KIND + 1
    assert out[-1] == ("en/p.md:55: warning: and 280 more characters the kiosk's font (Atkinson "
                       "Hyperlegible) cannot draw (line 55, 57, 59, 61, 63 ...)")


def test_the_bundled_pages_have_none_of_these_characters():
    from kiosk.checks.text_hygiene import check_page
    from kiosk.core.content import ContentLibrary
    from kiosk.core.resources import default_content_dir

    library = ContentLibrary.load(default_content_dir())
    pages = [p for lang in library.languages.values() for p in lang.pages.values() if not p.placeholder]
    assert len(pages) >= 70  # every bundled page in both languages (more as pages are added)
    assert [str(problem) for p in pages for problem in check_page(p)] == []


# -- the font's character map, read without fontTools ------------------------------------------

def test_the_character_map_read_from_the_font_files_is_what_qt_draws(qtbot):
    from PySide6.QtGui import QRawFont

    for face in FONT_FILES:
        path = resource_path("fonts", f"AtkinsonHyperlegible-{face}.ttf")
        ours = cmap_code_points(path.read_bytes())
        raw = QRawFont(str(path), 20)
        assert raw.isValid()
        qt = {code for code in range(0x110000) if not 0xD800 <= code < 0xE000
              and raw.supportsCharacter(code)}
        assert ours == qt - {0x09}, face  # (Qt draws a tab as space: the checker leaves tabs alone)
    assert 0x00F1 in kiosk_font_coverage() and 0x1F600 not in kiosk_font_coverage()


def font_with_format_12(groups: list[tuple[int, int, int]]) -> bytes:
    """Return the bytes of a minimal font: a table directory and a cmap with one format 12 table."""
    table = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    table += b"".join(struct.pack(">III", *group) for group in groups)
    cmap = struct.pack(">HHHHI", 0, 1, 3, 10, 12) + table
    directory = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
    directory += struct.pack(">4sIII", b"cmap", 0, 12 + 16, len(cmap))
    return directory + cmap


def test_format_12_character_maps_are_read_too():
    font = font_with_format_12([(0x41, 0x43, 1), (0x1F600, 0x1F601, 10), (0x20, 0x20, 0)])
    assert cmap_code_points(font) == {0x41, 0x42, 0x43, 0x1F600, 0x1F601}  # (glyph 0: none)


# -- NUL bytes and empty pages on the screen ---------------------------------------------------

HOSTILE_TREE = {
    "en/good.md": "---\ntitle: Good section\norder: 1\n---\n# Good\n\nSee [empty](empty.md) "
                  "and [binary](binary.md).\n",
    "en/good/child.md": "# Child\n\nText.\n",
    "en/good/blank.md": "---\ntitle: Blank child\n---\n\n",
    "en/binary.md": b"---\ntitle: Binary\norder: 2\n---\nText\x00\x00 \xff\xfe rows of garbage\n",
    "en/empty.md": "---\ntitle: Empty section\norder: 3\n---\n",
    "en/reversed.md": '---\ntitle: "\u202eniap kcaB"\nsummary: "Why \u202eit hurts"\norder: 4\n---\n'
                      "# Back pain\n\nText.\n",
}


@pytest.fixture
def hostile_window(qtbot, tmp_path):
    from kiosk.app import create_window

    root = write_tree(tmp_path / "content", HOSTILE_TREE)
    window = create_window(["--content", str(root), "--windowed", "--size", "1366x768"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_nul_and_empty_pages_get_no_tile_no_button_and_no_link(qtbot, hostile_window):
    window = hostile_window
    tiles = window.home_screen.tiles
    assert [t.page_id for t in tiles] == ["good", "reversed"]
    reversed_tile = tiles[1]
    assert reversed_tile.text_label() == "niap kcaB"  # as written, never shown reversed
    assert reversed_tile.summary_label.text() == "Why it hurts"
    window.session.open("good")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.page_screen)
    assert [b.text_label() for b in window.page_screen.panel.buttons] == ["Good section", "Child"]
    html = window.session.render("good").html
    assert 'href="page:empty' not in html and 'href="page:binary' not in html
    assert "See empty and binary." in window.page_screen.view.toPlainText()


def test_the_self_test_counts_neither_and_names_each_file(qtbot, hostile_window):
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.self_test import run_self_test

    report = run_self_test(hostile_window, QApplication.instance())
    assert report.pages == 3  # good, good/child, reversed
    root = hostile_window.session.library.root / "en"
    assert sorted(f.split(": error: ")[0] for f in report.failures if ": error: " in f) == [
        f"{root / 'binary.md'}:5", str(root / "empty.md"), str(root / "good" / "blank.md")]


def test_the_self_test_fails_on_a_page_that_shows_nothing_of_its_own(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from kiosk.app import create_window
    from kiosk.core import content
    from kiosk.ui.self_test import run_self_test

    # As if the loader let empty pages through again: the page footer (review dates, sources,
    # disclaimer) always has words, so the self-test must look above it.
    monkeypatch.setattr(content, "has_content", lambda body: True, raising=False)
    root = write_tree(tmp_path / "content", {
        "en/a.md": page("# Words\n\nSome words.\n\n---\n\nMore words under a rule.\n"),
        "en/b.md": page("![](../images/box.svg)\n"),  # a picture alone is something to see
        "en/empty.md": page(""),
        "en/folder/child.md": page("# Child\n\nText.\n"),  # "folder" is a list the kiosk makes
        "images/box.svg": SMALL_SVG,
    })
    window = create_window(["--content", str(root), "--windowed", "--size", "1366x768"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    report = run_self_test(window, QApplication.instance())
    assert [f for f in report.failures if "empty" in f] == [
        "en/empty: page is empty (no word and no picture above its footer)"]
