"""Markdown written in GitHub, VS Code, Typora or MkDocs looks right on the kiosk; refused links are text."""

import json
import re
from pathlib import Path

import pytest
from conftest import write_tree
from markdown_structure import reference_structure, text_structure

from kiosk.checks.content_check import check_content
from kiosk.checks.markdown_support import check_page
from kiosk.core.content import ContentLibrary
from kiosk.core.rendering import PageRenderer
from kiosk.core.stylesheets import load_stylesheet
from kiosk.core.themes import THEMES

# Examples of the CommonMark spec (655) whose text structure (tests/markdown_structure.py) the
# kiosk renders as markdown-it-py does: 475 with Python-Markdown and the kiosk's first
# extensions, 524 with the extensions for other editors. A floor: it may rise, never fall.
COMMONMARK_SAME_STRUCTURE = 524


def page_html(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> str:
    root = write_tree(tmp_path / "content", {"en/p.md": body, **(files or {})})
    return PageRenderer(ContentLibrary.load(root)).render("en", "p").html


def body_of(html: str) -> str:
    """Return the page's own HTML, without the footer the kiosk adds (from its last rule on)."""
    return html[: html.rindex("<hr")]


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_commonmark_examples_keep_their_text_structure(corpus, tmp_path):
    from markdown_it import MarkdownIt

    examples = json.loads((corpus / "commonmark-spec-examples.json").read_text(encoding="utf-8"))
    library = ContentLibrary.load(write_tree(tmp_path, {"en/p.md": "# p\n"}))
    language = library.language("en")
    page = language.pages["p"]
    renderer = PageRenderer(library)
    reference = MarkdownIt("commonmark")
    same = 0
    for example in examples["examples"]:
        page.body = example["markdown"]
        kiosk = renderer.sanitize(renderer.markdown_to_html(example["markdown"]), language, page)
        same += text_structure(kiosk.html) == reference_structure(reference.render(example["markdown"]))
    assert same >= COMMONMARK_SAME_STRUCTURE, f"{same} of 655 (was {COMMONMARK_SAME_STRUCTURE})"


def test_the_text_structure_is_blocks_with_their_text():
    html = ("<h2>Title</h2><p>One <em>two</em>\n three</p><ul><li><p>a</p><ul><li>b</li></ul></li></ul>"
            "<blockquote><p>q</p></blockquote><pre><code>x  \n  y\n\n</code></pre><hr>")
    assert text_structure(html) == [("h2", "Title"), ("p", "One two three"), ("li1", "a"),
                                    ("li2", "b"), (">p", "q"), ("pre", "x\n  y"), ("hr", "")]


# -- what other editors write ------------------------------------------------------------------

def test_fenced_code_keeps_its_lines_in_a_pre(tmp_path):
    html = page_html(tmp_path, "# T\n\n```python\ndef f():\n    return 1\n```\n\n~~~\nplain\n~~~\n")
    assert "<pre><code>def f():\n    return 1</code></pre>" in html
    assert "<pre><code>plain</code></pre>" in html and "```" not in html and "~~~" not in html


def test_fenced_code_inside_a_list_item_and_a_fence_left_open(tmp_path):
    html = page_html(tmp_path, "- Step one\n\n  ```\n  call 555-0100\n  ```\n- Step two\n\n```\nto the end\n")
    assert "<pre><code>call 555-0100</code></pre>" in html
    assert html.count("<li>") == 2 and "<pre><code>to the end</code></pre>" in html


def test_indented_code_still_needs_four_spaces_and_stays_code(tmp_path):
    html = page_html(tmp_path, "Text.\n\n    code line\n      indented more\n\n  not code\n")
    assert text_structure(body_of(html)) == [("p", "Text."), ("pre", "code line\n  indented more"),
                                             ("p", "not code")]


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_nested_lists_nest_at_two_three_or_four_spaces(tmp_path, indent):
    pad = " " * indent
    html = page_html(tmp_path, f"- Bring\n{pad}- medicines\n{pad}{pad}- the list\n- Wear\n")
    assert text_structure(html)[:4] == [("li1", "Bring"), ("li2", "medicines"), ("li3", "the list"),
                                        ("li1", "Wear")]


def test_a_numbered_list_holds_a_bullet_list_indented_to_its_text(tmp_path):
    html = page_html(tmp_path, "1. Check in\n   - at the desk\n2. Wait\n")
    assert text_structure(html)[:3] == [("li1", "Check in"), ("li2", "at the desk"), ("li1", "Wait")]


def test_a_list_right_under_a_paragraph_is_a_list(tmp_path):
    html = page_html(tmp_path, "What to bring:\n- a list of your medicines\n- your glasses\n")
    assert "<p>What to bring:</p>\n<ul>\n<li>a list of your medicines</li>" in html


def test_strike_is_drawn_struck(tmp_path, qtbot):
    html = page_html(tmp_path, "Open ~~on Sundays~~ every day, in ~5 minutes.\n")
    assert "<s>on Sundays</s>" in html and "~5 minutes" in html and "<sub>" not in html
    view = shown(qtbot, tmp_path, html)
    assert [text for text, fmt in fragments(view) if fmt.fontStrikeOut()] == ["on Sundays"]


def test_task_boxes_are_characters_qt_shows(tmp_path):
    html = page_html(tmp_path, "- [ ] Fill in the form\n- [x] Check in\n")
    assert "<input" not in html
    assert '<ul class="task-list">' in html
    assert '<li><span class="task-box">☐</span> Fill in the form</li>' in html
    assert '<li><span class="task-box">☑</span> Check in</li>' in html


def test_a_list_with_some_tasks_keeps_its_bullets(tmp_path):
    html = page_html(tmp_path, "- Bring\n- [ ] Fill in the form\n")
    assert "<ul>" in html and "task-list" not in html and "☐" in html


def test_footnotes_become_notes_at_the_end_with_links_both_ways(tmp_path):
    root = write_tree(tmp_path / "content", {"en/p.md": "Open every day.[^1]\n\n[^1]: Since 2027.\n"})
    page = PageRenderer(ContentLibrary.load(root)).render("en", "p")
    assert '<sup id="fnref-1"><a href="#fn-1">1</a></sup>' in page.html
    assert '<ol class="footnotes">\n<li id="fn-1">\n<p>Since 2027.&nbsp;<a href="#fnref-1">↩</a>' in page.html
    assert {"fn-1", "fnref-1"} <= page.anchors and "[^1]" not in page.html
    assert "title=" not in page.html  # no English-only tooltip
    assert page.html.index("Since 2027.") < page.html.index('class="disclaimer"')


def test_a_footnote_link_scrolls_the_page_view_to_its_note(qtbot, tmp_path):
    html = page_html(tmp_path, "Open.[^1]\n\n" + "Filler.\n\n" * 80 + "[^1]: Since 2027.\n")
    view = shown(qtbot, tmp_path, html)
    view.show()
    qtbot.waitExposed(view)
    assert view.verticalScrollBar().value() == 0
    view.scroll_to("fn-1")
    assert view.verticalScrollBar().value() > 0


@pytest.mark.parametrize("kind", ["note", "tip", "important", "warning", "caution"])
def test_a_mkdocs_box_is_the_same_callout_as_a_github_alert(tmp_path, kind):
    mkdocs = page_html(tmp_path / "a", f"!!! {kind}\n    Bring a list of your medicines.\n")
    github = page_html(tmp_path / "b", f"> [!{kind.upper()}]\n> Bring a list of your medicines.\n")
    assert squeeze(body_of(mkdocs)) == squeeze(body_of(github))
    assert f'<table cellpadding="18" cellspacing="0" class="callout callout-{kind}" width="100%">' in mkdocs


def test_a_titled_mkdocs_box_and_other_mkdocs_types(tmp_path):
    titled = page_html(tmp_path / "a", '!!! warning "After a session"\n    Do not drive if dizzy.\n')
    alert = page_html(tmp_path / "b", "> [!WARNING] After a session\n> Do not drive if dizzy.\n")
    assert squeeze(body_of(titled)) == squeeze(body_of(alert))
    danger = page_html(tmp_path / "c", '!!! danger ""\n    Call 911.\n\n??? tip "More"\n    Walk.\n')
    assert "callout-caution" in danger and "callout-tip" in danger and "<strong>More</strong>" in danger
    assert "<details" not in danger and "!!!" not in danger and "???" not in danger


def test_tabs_are_stacked_under_their_titles(tmp_path):
    html = page_html(tmp_path, '# Visits\n\n=== "Adults"\n\n    Thirty minutes.\n\n'
                               '=== "Children"\n\n    Twenty minutes.\n')
    assert text_structure(body_of(html)) == [("h1", "Visits"), ("h2", "Adults"), ("p", "Thirty minutes."),
                                             ("h2", "Children"), ("p", "Twenty minutes.")]
    assert "===" not in html and "<input" not in html and "<label" not in html


def test_a_heading_needs_a_space_after_its_hashes_as_on_github(tmp_path):
    html = page_html(tmp_path, "#1 in the queue\n\n## Real heading\n")
    assert "<p>#1 in the queue</p>" in html and "Real heading</h2>" in html


@pytest.mark.parametrize("body", [
    "- a\n  ```\n  open fence in an item\n",
    "> ```\n> quoted open fence\n\nafter\n",
    "=== \"A\"\n",
    "!!! note\n",
    "??? \n",
    '=== "A"\n    === "B"\n        === "C"\n            deep\n',
    "[^1]\n\n[^1]:\n",
    "- [ ]\n- [x]\n",
    "~~\n~~~~\n",
    "  - \n    - \n      -\n" * 50,
    "1. a\n   1. b\n      1. c\n" * 30,
    "> - a\n>   - b\n>     ```\n>     x\n",
])
def test_odd_dialect_markdown_renders_without_an_error(tmp_path, body):
    root = write_tree(tmp_path / "content", {"en/p.md": body})
    page = PageRenderer(ContentLibrary.load(root)).render("en", "p")
    assert not [p for p in page.problems if "could not be converted" in p.message]


# -- links ------------------------------------------------------------------------------------

FOLDERS = {
    "en/user-guide/index.md": "# Guide\n",
    "en/visits.md": "# Visits\n",
    "en/visits/first.md": "# First\n",
    "en/empty/only.md": "# Only\n",
}


def test_a_folder_link_opens_its_page(tmp_path):
    html = page_html(tmp_path, "[guide](user-guide/) [visits](visits/#when) [empty](empty/) "
                               "[nothing](nothing/)\n", FOLDERS)
    assert '<a href="page:user-guide/index">guide</a>' in html
    assert '<a href="page:visits#when">visits</a>' in html
    assert '<a href="page:empty">empty</a>' in html  # the list of its pages the kiosk shows
    assert " nothing</p>" in html and "nothing/" not in html


def test_a_folder_link_with_no_page_is_reported_by_the_check(tmp_path):
    root = write_tree(tmp_path / "content", {"en/p.md": "# P\n\nSee [the guide](guide/).\n"})
    report = check_content(root)
    assert [(p.line, p.severity, p.message) for p in report.problems if "guide/" in p.message] == [
        (3, "error", "link 'guide/' goes to a page that does not exist ('guide/' is a folder with "
                     "no page 'guide.md' or 'guide/index.md' in this language)")]


REFUSED = ("[web](https://example.org) [file](file:///etc/passwd) [script](javascript:alert(1)) "
           "[gone](missing.md) [folder](user-guide/) [ok](#top)\n")


def test_a_refused_link_is_its_text_only(tmp_path, caplog):
    with caplog.at_level("WARNING", logger="kiosk.core.rendering"):
        html = page_html(tmp_path, f"# Top\n\n{REFUSED}")
    assert "<p>web file script gone folder <a href=\"#top\">ok</a></p>" in html
    assert len([r for r in caplog.records if "will not open" in r.getMessage()]) == 5


def shown(qtbot, tmp_path: Path, html: str):
    from kiosk.ui.page_view import PageView

    view = PageView(tmp_path)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show_html(html, load_stylesheet("content.css", 1.0, THEMES["default"]))
    return view


def fragments(view):
    """Yield (text, char format) of every run of text in the page view's document."""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            yield fragment.text(), fragment.charFormat()
            it += 1
        block = block.next()


def test_a_refused_link_is_not_a_link_in_the_page_view(qtbot, tmp_path):
    view = shown(qtbot, tmp_path, page_html(tmp_path, f"# Top\n\n{REFUSED}"))
    link_colour = THEMES["default"]["link"].lower()
    formats = {}
    for text, fmt in fragments(view):
        for word in text.split():
            formats.setdefault(word, fmt)
    for word in ("web", "file", "script", "gone", "folder"):
        fmt = formats[word]
        assert not fmt.isAnchor() and not fmt.anchorHref(), word
        assert not fmt.fontUnderline() and fmt.foreground().color().name() != link_colour, word
    ok = formats["ok"]
    assert ok.isAnchor() and ok.anchorHref() == "#top" and ok.fontUnderline()
    assert ok.foreground().color().name() == link_colour


# -- what the check says ------------------------------------------------------------------------

def test_the_check_names_what_the_kiosk_cannot_show_by_line(tmp_path):
    body = ("# Page\n\n```mermaid\ngraph TD; A-->B\n```\n\n=== \"One\"\n\n    x\n\n$$\nE = mc^2\n$$\n\n"
            "!!! banana\n    y\n\nSee[^9] and `[^2]`.\n\n#Nope\n\n--8<-- \"other.md\"\n\n"
            "![clip](../media/clip.mp4)\n\n```text\n$$ and === \"x\" in code are fine\n```\n")
    root = write_tree(tmp_path / "content", {"en/p.md": body})
    page = ContentLibrary.load(root).language("en").pages["p"]
    found = check_page(page)
    expected = [(3, "'mermaid' diagrams cannot be drawn"), (7, "tabs (===) cannot be switched"),
                (11, "math formulas cannot be drawn"), (15, "box type 'banana' is not one"),
                (18, "footnote '[^9]' has no text"), (20, "'#Nope' is not a heading"),
                (22, "snippets (--8<--) are not read"), (24, "video and sound cannot be played")]
    assert [p.line for p in found] == [line for line, _ in expected]
    for problem, (_, start) in zip(found, expected, strict=True):
        assert problem.severity == "warning" and problem.message.startswith(start), problem


def test_kiosk_check_reports_the_markdown_warnings(tmp_path):
    root = write_tree(tmp_path / "content", {"en/p.md": "# P\n\n```mermaid\ngraph TD; A-->B\n```\n"})
    messages = [(p.line, p.severity) for p in check_content(root).problems if "mermaid" in p.message]
    assert messages == [(3, "warning")]


def test_code_blocks_are_not_reported_as_html_written_in_the_page(tmp_path):
    body = ("# P\n\nFewer than 3 < 4 visits.\n\n```python\nx = 1\n```\n\n    indented\n\n"
            "- a\n\n  ~~~\n  b\n  ~~~\n")
    root = write_tree(tmp_path / "content", {"en/p.md": body})
    assert [p.message for p in check_content(root).problems if "HTML" in p.message] == []
    assert body_of(page_html(tmp_path / "again", body)).count("<pre><code>") == 3
