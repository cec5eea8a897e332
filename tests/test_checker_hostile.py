"""`kiosk check` against a hostile tester: qrc: links, line numbers, Windows names, the page count."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, SMALL_SVG

from kiosk.checks.content_check import check_content
from kiosk.checks.file_names import windows_name_problem
from kiosk.checks.link_grades import _Addresses
from kiosk.checks.link_lines import LinkLines
from kiosk.checks.report import CheckReport
from kiosk.core.content import ContentLibrary
from kiosk.core.problems import Problem
from kiosk.core.rendering import PageRenderer, new_markdown

TODAY = date(2026, 6, 1)
FRONT = """\
---
title: Good page
summary: A page that passes.
reviewed: 2026-01-10
next_review: 2027-01-10
sources:
  - organisation: NHS
    title: Back pain
    year: 2024
---
"""  # ten lines: the body starts on line 11
GOOD = FRONT + "# Good page\n\nWalk a bit each day.\n"


def tree(tmp_path: Path, pages: dict[str, str]) -> Path:
    """Write the pages (relative path -> exact text) under tmp_path/content and return it."""
    root = tmp_path / "content"
    for relative, text in {"images/box.svg": SMALL_SVG, **pages}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def check(root: Path) -> CheckReport:
    return check_content(root, today=TODAY)


def problems_with(report: CheckReport, needle: str) -> list[tuple[int, str, str]]:
    """Return (line, severity, message) of each problem whose message contains `needle`."""
    return [(p.line, p.severity, p.message) for p in report.problems if needle in p.message]


def body(*lines: str) -> str:
    """Return a page: the front matter (lines 1-10), then `lines` from line 11 on."""
    return FRONT + "\n".join(lines) + "\n"


# -- 1. qrc: and other schemes the sanitizer used to drop without a word ----------------------

QRC_PAGE = body(
    "# Good page",                                   # 11
    "",                                              # 12
    "[a](qrc:/etc/passwd)",                          # 13
    "",                                              # 14
    '<a href="qrc:/kiosk/secret.txt">b</a>',         # 15
    "",                                              # 16
    "![c](qrc:/icons/logo.png)",                     # 17
    "",                                              # 18
    '<img src="qrc:/icons/other.png">',              # 19
    "",                                              # 20
    "[d][ref]",                                      # 21
    "",                                              # 22
    "[ref]: qrc:/by/reference",                      # 23
)


def test_qrc_links_and_pictures_are_errors_at_their_lines(tmp_path):
    report = check(tree(tmp_path, {"en/good.md": QRC_PAGE}))
    assert problems_with(report, "qrc:") == [
        (13, "error", "link 'qrc:/etc/passwd' will not open: 'qrc:' links are not allowed"),
        (15, "error", "link 'qrc:/kiosk/secret.txt' will not open: 'qrc:' links are not allowed"),
        (17, "error", "image 'qrc:/icons/logo.png' is not allowed: only pictures (.svg .png .jpg "
                      ".gif .webp) inside the content folder can be shown"),
        (19, "error", "image 'qrc:/icons/other.png' is not allowed: only pictures (.svg .png .jpg "
                      ".gif .webp) inside the content folder can be shown"),
        (23, "error", "link 'qrc:/by/reference' will not open: 'qrc:' links are not allowed"),
    ]


@pytest.mark.parametrize("address", [
    "res://shell32.dll/1", "resource://gre/x", "jar:file:///a.jar!/b", "view-source:page.md",
    "content://media/1", "assets:/x.md", "ms-appx:///x", "made-up-scheme:anything", "QRC:/upper",
])
def test_any_other_scheme_is_an_error_too(tmp_path, address):
    report = check(tree(tmp_path, {"en/good.md": body("# Good page", "", f"[x]({address})")}))
    scheme = address.split(":", 1)[0].lower()
    assert problems_with(report, address) == [
        (13, "error", f"link '{address}' will not open: '{scheme}:' links are not allowed")]


def test_the_kiosk_refuses_qrc_links_when_it_renders_the_page(tmp_path):
    library = ContentLibrary.load(tree(tmp_path, {"en/good.md": QRC_PAGE}))
    rendered = PageRenderer(library).render("en", "good")
    assert not re.search(r'(href|src)="[^"]*qrc', rendered.html, re.I)
    assert {use.href for use in rendered.links if use.target.kind == "blocked"} >= {
        "qrc:/etc/passwd", "qrc:/kiosk/secret.txt", "qrc:/by/reference"}


def test_the_page_view_opens_no_qrc_link_and_loads_no_qrc_picture(qtbot, tmp_path, caplog):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from kiosk.ui.page_view import PageView

    view = PageView(tmp_path)
    qtbot.addWidget(view)
    opened: list[tuple[str, str]] = []
    view.page_requested.connect(lambda page, fragment: opened.append((page, fragment)))
    caplog.set_level(logging.INFO, logger="kiosk.ui.page_view")
    view.show_html('<p>Text</p><a href="qrc:/etc/passwd">x</a>', "")
    view.anchorClicked.emit(QUrl("qrc:/etc/passwd"))  # as a tap on a link would
    view.anchorClicked.emit(QUrl("qrc:///kiosk/app.py"))
    assert opened == []
    assert caplog.text.count("link refused: qrc:") == 2
    image = view.loadResource(QTextDocument.ResourceType.ImageResource, QUrl("qrc:/icons/a.png"))
    assert image is not None and image.width() == 1  # the blank stand-in, not the resource
    assert "refused resource qrc:/icons/a.png" in caplog.text
    view.setSource(QUrl("qrc:/etc/passwd"))
    assert "refused to open qrc:/etc/passwd as a page" in caplog.text
    assert view.toPlainText().startswith("Text")


# -- 2. line numbers -------------------------------------------------------------------------

def test_a_link_is_found_at_its_link_not_where_its_address_is_mentioned_first(tmp_path):
    page = body("# Good page", "",
                "Never open /etc/passwd or `[x](/etc/passwd)` on a kiosk.",  # 13: prose and code
                "[passwd](/etc/passwd)")                                       # 14: the link
    report = check(tree(tmp_path, {"en/good.md": page}))
    assert [line for line, _, _ in problems_with(report, "'/etc/passwd'")] == [14]


def test_a_line_separator_in_the_front_matter_does_not_shift_the_body(tmp_path):
    """A pasted Unicode line separator counts as a line for Python, not for editors."""
    page = FRONT.replace("title: Good page", 'title: "Good\u2028page"') + (
        "# Good page\n\n> [!TIPP]\n> Rest.\n\n[f](file:///etc/passwd)\n")
    report = check(tree(tmp_path, {"en/good.md": page}))
    assert [line for line, _, _ in problems_with(report, "file:///etc/passwd")] == [16]
    assert [line for line, _, _ in problems_with(report, "unknown callout")] == [13]


def test_raw_html_link_is_found_at_its_href_not_at_the_same_text_earlier(tmp_path):
    lines = ["# Good page", "", "Do not type file:///etc/hosts into anything.", ""]  # 11-14
    lines += [f"Line {n}." for n in range(15, 24)]                                       # 15-23
    lines += ["<a href=file:///etc/hosts>hosts</a>"]                                     # 24
    report = check(tree(tmp_path, {"en/good.md": body(*lines)}))
    assert [line for line, _, _ in problems_with(report, "file:///etc/hosts")] == [24]


def test_an_empty_link_is_found_at_its_brackets(tmp_path):
    lines = ["# Long page", ""] + [f"Line {n} of a long page." for n in range(3, 172)] + [
        "Here is [a link]() with nothing in it."]  # line 172 of a page with no front matter
    report = check(tree(tmp_path, {"en/long.md": "\n".join(lines) + "\n"}))
    assert problems_with(report, "empty link") == [
        (172, "error", "link '' will not open: empty link")]


@pytest.mark.parametrize(("written", "read"), [
    ("..\\\\other.md", "..\\other.md"),  # a Markdown escape: \\ is one backslash
    ("..\\other.md", "..\\other.md"),
    ("C:\\\\Windows", "C:\\Windows"),
    ("C:\\Windows\\notepad.exe", "C:\\Windows\\notepad.exe"),
])
def test_a_link_with_backslashes_is_reported_at_its_line(tmp_path, written, read):
    page = body("# Good page", "", f"Open {read} for me.", "", f"[x]({written})")
    report = check(tree(tmp_path, {"en/good.md": page}))
    assert problems_with(report, f"'{read}'") == [
        (15, "error", f"link '{read}' will not open: link contains control characters or backslashes")]


def test_the_same_bad_link_twice_is_reported_twice_each_at_its_line(tmp_path):
    page = body("# Good page", "", "[one](gone.md)", "", "Text.", "", "[two](gone.md)")
    report = check(tree(tmp_path, {"en/good.md": page}))
    assert [line for line, _, _ in problems_with(report, "'gone.md'")] == [13, 17]


def test_a_bad_picture_is_found_at_the_picture(tmp_path):
    page = body("# Good page", "", "The file /etc/passwd.png is not a picture.", "",
                "![passwd](/etc/passwd.png)")
    report = check(tree(tmp_path, {"en/good.md": page}))
    assert [line for line, _, _ in problems_with(report, "image '/etc/passwd.png'")] == [15]


def test_the_same_raw_html_twice_is_reported_at_each_place(tmp_path):
    page = body("# Good page", "", '<div onclick="go()">', "One", "</div>", "", "Text.", "",
                '<div onclick="go()">', "Two", "</div>")
    report = check(tree(tmp_path, {"en/good.md": page}))
    assert [line for line, _, _ in problems_with(report, "'onclick'")] == [13, 19]


def test_a_source_is_found_in_the_sources_not_in_the_title(tmp_path):
    front = FRONT.replace("title: Good page", "title: NHS advice").replace(
        "    year: 2024\n", "    year: 2024\n  - organisation: NHS\n    title: Sciatica\n")
    report = check(tree(tmp_path, {"en/good.md": front + "# NHS advice\n\nWalk.\n"}))
    assert problems_with(report, "source 2") == [(10, "error", "source 2 has no 'year'")]


def test_the_locator_hands_out_each_written_address_once_in_order():
    text = ("See [a](x.md) and `[b](x.md)` and\n\n    [c](x.md)\n\n<a href='x.md'>d</a>\n"
            "[e][r]\n\n[r]: <x.md>\n![pic](x.md)\n")
    lines = LinkLines(text, 10)
    assert [lines.line("x.md") for _ in range(4)] == [10, 14, 17, 17]
    assert lines.line("x.md", "image") == 18
    assert lines.line("nowhere.md") == 0


def test_the_locator_finds_what_the_kiosks_markdown_reads_as_addresses(corpus):
    """Every link and picture the kiosk's Markdown makes of the CommonMark examples is found."""
    engine = new_markdown()
    missed: list[str] = []
    total = 0
    for example in json.loads((corpus / "commonmark-spec-examples.json").read_text())["examples"]:
        parser = _Addresses()  # the checker's own address lister
        parser.feed(engine.reset().convert(example["markdown"]))
        lines = LinkLines(example["markdown"])
        total += len(parser.found)
        missed += [f"{example['example']}: {value!r}" for kind, value in parser.found
                   if not lines.line_where(lambda written, v=value: written == v.strip(), kind)]
    assert total > 100
    assert len(missed) <= 3, missed  # (Python-Markdown quirks: a <br> inside an href ...)


def test_a_problem_is_always_one_line():
    problem = Problem(Path("en/two\nlines\t.md"), 3, "error", "bad front matter: broken\n  in x")
    assert str(problem) == "en/two\\nlines\\t.md:3: error: bad front matter: broken in x"


# -- 3. names Windows refuses ----------------------------------------------------------------

REFUSED = [
    ("what?.md", "'?'"), ("a*b.md", "'*'"), ("a:b.md", "':'"), ('say"hi".md', "'\"'"),
    ("a<b.md", "'<'"), ("a>b.md", "'>'"), ("a|b.md", "'|'"), ("a\\b.md", "'\\'"),
    ("tab\there.md", "a tab"), ("line\nbreak.md", "a line break"),
    ("bell\x07.md", "an invisible control character (U+0007)"),
    ("CON.md", "'CON'"), ("con.md", "'CON'"), ("nul.md", "'NUL'"), ("Aux.md", "'AUX'"),
    ("prn.md", "'PRN'"), ("com1.md", "'COM1'"), ("COM9.md", "'COM9'"), ("lpt1.md", "'LPT1'"),
    ("LPT9.tar.md", "'LPT9'"), ("page.md.", "a dot"), ("page.md ", "a space"),
    ("a" * 256 + ".md", "too long"),  # (Linux refuses it too: skipped here, see the next test)
]


def make(path: Path, data: str = GOOD) -> None:
    """Create a file (its folders too), or skip the test where this file system refuses it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
    except OSError as exc:
        name = Path(exc.filename).name if exc.filename else path.name
        shown = name if len(name) < 40 else f"{name[:20]}... ({len(name)} long)"
        pytest.skip(f"this file system refuses the name {shown!r} ({exc.strerror})")


@pytest.mark.parametrize(("name", "says"), REFUSED)
@pytest.mark.parametrize("where", ["page", "picture", "folder"])
def test_names_windows_refuses_are_errors(tmp_path, name, says, where):
    root = tree(tmp_path, {"en/good.md": GOOD})
    if where == "page":
        path = root / "en" / name
        make(path)
    elif where == "picture":
        path = root / "images" / name.replace(".md", ".svg")
        make(path, SMALL_SVG)
    else:
        path = root / "en" / name.replace(".md", "")
        make(path / "inside.md")
    report = check(root)
    found = [p for p in report.problems if p.path == path and "Windows cannot copy" in p.message]
    what = "folder" if where == "folder" else "file"
    assert len(found) == 1, [str(p) for p in report.problems]
    assert found[0].severity == "error" and found[0].line == 0
    assert found[0].message.startswith(f"{what} name ") and says in found[0].message
    assert found[0].message.endswith(f"Windows cannot copy such a {what}; rename it")


def test_names_too_long_for_the_disk_here_are_still_refused_by_rule():
    assert "too long" in windows_name_problem("a" * 256)
    assert "too long" in windows_name_problem("é" * 128 + ".md")  # 259 bytes
    assert windows_name_problem("a" * 252 + ".md") == ""  # 255 bytes: allowed
    for fine in ("back-pain.md", "consent.md", "console.md", "com10.md", "lpt.md", "nulls.md",
                 "über.md", "a.b.c.md", ".hidden"):
        assert windows_name_problem(fine) == "", fine


def test_a_name_with_a_line_break_is_still_one_output_line(tmp_path):
    root = tree(tmp_path, {"en/good.md": GOOD})
    make(root / "en" / "two\nlines.md")
    result = subprocess.run([sys.executable, "-m", "kiosk", "check", str(root), "--today",
                             "2026-06-01"], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    out = result.stdout.splitlines()
    assert f"{root}/en/two\\nlines.md: error: file name has a line break, which Windows does not " \
           "allow in a name: Windows cannot copy such a file; rename it" in out
    assert all(line.startswith((str(root), "kiosk check:")) for line in out), out


# -- 4. the checker and the self-test count the same pages -----------------------------------

def tricky_tree(tmp_path: Path) -> Path:
    """Return a tree with everything that could be counted one way or the other."""
    root = tree(tmp_path, {
        "en/alpha.md": GOOD,
        "en/alpha/one.md": GOOD,
        "en/folder/deeper/page.md": GOOD,  # two folders without a page: two listing pages
        "en/nofile/page.md": GOOD,  # one more
        "en/broken.md": "---\ntitle: [unclosed\n---\n# Broken\n\nText.\n",
        "en/.hidden.md": GOOD, "en/.hidden/page.md": GOOD,
        "en/notes.txt": "not a page", "en/UPPER.MD": GOOD,
        "es/alpha.md": GOOD, "es/empty.md": "",
        "fr/alpha.md": GOOD,  # a language with no interface catalog
        "images/page.md": GOOD, "EN/page.md": GOOD, "drafts/page.md": GOOD,  # not languages
    })
    (root / "en" / "big.md").write_text("# Big\n\n" + "word " * 60_000, encoding="utf-8")
    (root / "en" / "nul.md").write_bytes(b"# Nul\n\nText\x00.\n")
    (root / "en" / "latin.md").write_bytes(b"# Caf\xe9\n\nText.\n")
    (root / "en" / "outside.md").symlink_to(tmp_path / "elsewhere.md")
    (tmp_path / "elsewhere.md").write_text(GOOD, encoding="utf-8")
    return root


def test_the_checker_and_the_self_test_count_the_same_pages(tmp_path):
    root = tricky_tree(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    checked = subprocess.run([sys.executable, "-m", "kiosk", "check", str(root)], cwd=REPO,
                             capture_output=True, text=True, timeout=120, env=env)
    tested = subprocess.run([sys.executable, "-m", "kiosk", "--self-test", "--content", str(root)],
                            cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
    checker = re.search(r"^kiosk check: .*?: (\d+) page\(s\) in (\d+) language", checked.stdout, re.M)
    self_test = re.search(r"^self-test \w+: (\d+) pages in (\d+) language", tested.stdout, re.M)
    assert checker and self_test, checked.stdout + tested.stdout + tested.stderr
    # en: alpha, alpha/one, broken, latin, folder, folder/deeper, folder/deeper/page,
    # nofile, nofile/page; es: alpha; fr: alpha. (Not nul.md, nor the empty es/empty.md.)
    assert checker.groups() == self_test.groups() == ("11", "3")
    assert ContentLibrary.load(root).page_count() == 11
