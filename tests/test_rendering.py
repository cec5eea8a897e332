"""Markdown to safe HTML: sanitizing, callouts, tables, images, footer, and no crash on any input."""

import json
import time
from pathlib import Path

import pytest
from conftest import write_tree

from kiosk.core.content import ContentLibrary
from kiosk.core.rendering import PageRenderer


def render(root: Path, page_id: str, lang: str = "en"):
    return PageRenderer(ContentLibrary.load(root)).render(lang, page_id)


def one_page(tmp_path: Path, body: str, meta: str = "") -> Path:
    text = (f"---\n{meta}---\n" if meta else "") + body
    return write_tree(tmp_path, {"en/p.md": text, "images/box.svg": "<svg/>"})


def test_internal_links_become_kiosk_urls_and_bad_links_become_plain_text(sample_content):
    page = render(sample_content, "alpha")
    assert 'href="page:alpha/one"' in page.html
    assert 'href="page:beta#details"' in page.html
    assert 'href="#the-bottom"' in page.html
    for bad in ("file:", "/etc/passwd", "javascript", "example.org", "outside.md", "/etc/hostname"):
        assert bad not in page.html
    assert "Bad links: passwords, web," in page.html  # the words stay, as plain text
    assert page.html.count("<a") == page.html.count("<a href=") == 3  # the three that open
    refused = [p for p in page.problems if "will not open" in p.message]
    # Each refused link is reported at the line where the author wrote it.
    assert sorted(p.line for p in refused) == [22, 22, 23, 23, 23]


def test_script_and_event_handlers_are_removed(tmp_path):
    page = render(
        one_page(
            tmp_path,
            (
                '<script>alert(1)</script>\n\n<p onclick="x()" style="color:red">Hi</p>\n\n'
                '<iframe src="http://x"></iframe><img src="file:///etc/passwd.png" onerror="x">\n'
                '<a href="file:///etc/passwd">f</a> <object data=x></object>\n'
            ),
        ),
        "p",
    )
    lowered = page.html.lower()
    for bad in (
        "<script",
        "alert",
        "onclick",
        "onerror",
        "iframe",
        "file:",
        "<object",
        "color:red",
    ):
        assert bad not in lowered
    assert "Hi" in page.html


def test_callouts_become_boxed_tables_with_a_title(sample_content):
    html = render(sample_content, "alpha").html
    assert 'class="callout callout-caution"' in html
    assert "<strong>Get help now</strong>" in html
    assert "Call 911" in html
    assert "[!CAUTION]" not in html


def test_unknown_callout_type_stays_a_quote(tmp_path):
    html = render(one_page(tmp_path, "> [!BANANA] x\n> text\n"), "p").html
    assert "<blockquote>" in html and "callout" not in html


def test_tables_headings_and_lists_survive(sample_content):
    html = render(sample_content, "alpha").html
    assert "<table>" in html and "<th>Thing</th>" in html and "<td>First</td>" in html
    assert '<h2 id="the-bottom">' in html
    assert "the-bottom" in render(sample_content, "alpha").anchors


def test_images_inside_the_content_root_load_and_missing_ones_are_reported(tmp_path):
    root = one_page(
        tmp_path,
        "![ok](../images/box.svg){width=300}\n\n![gone](../images/nope.png)\n"
        "\n![out](../../secret.png)\n",
    )
    page = render(root, "p")
    assert 'src="image:images/box.svg"' in page.html and 'width="300"' in page.html
    assert 'src="image:images/nope.png"' in page.html
    messages = [p.message for p in page.problems]
    assert any("missing" in m and "nope.png" in m for m in messages)
    assert any("not allowed" in m and "secret.png" in m for m in messages)
    assert "secret" not in page.html


def test_footer_shows_review_dates_sources_and_disclaimer(tmp_path):
    meta = (
        "reviewed: 2026-11-24\nnext_review: 2027-11-24\nsources:\n"
        "  - organisation: NICE\n    title: Low back pain <b>NG59</b>\n    year: 2016\n"
        "  - A plain line\n"
    )
    html = render(one_page(tmp_path, "# T\n", meta), "p").html
    assert "Last reviewed: 24 November 2026" in html
    assert "Next review due: 24 November 2027" in html
    assert "NICE. <em>Low back pain &lt;b&gt;NG59&lt;/b&gt;</em> (2016)." in html
    assert "A plain line" in html
    assert "not medical advice" in html


def test_missing_page_renders_a_calm_message(sample_content):
    page = PageRenderer(ContentLibrary.load(sample_content)).render("en", "no/such/page")
    assert "Please ask the staff" in page.html


def test_rendering_is_cached_until_cleared(sample_content):
    renderer = PageRenderer(ContentLibrary.load(sample_content))
    first = renderer.render("en", "alpha")
    assert renderer.render("en", "alpha") is first
    renderer.clear_cache()
    assert renderer.render("en", "alpha") is not first


def test_every_commonmark_example_renders_without_error(corpus, tmp_path):
    data = json.loads((corpus / "commonmark-spec-examples.json").read_text(encoding="utf-8"))
    examples = data["examples"]
    assert len(examples) == 655
    library = ContentLibrary.load(write_tree(tmp_path, {"en/p.md": "# p\n"}))
    renderer = PageRenderer(library)
    page = library.language("en").pages["p"]
    for example in examples:
        page.body = example["markdown"]
        renderer.clear_cache()
        started = time.monotonic()
        rendered = renderer.render("en", "p")
        assert time.monotonic() - started < 5, f"example {example['example']} hangs"
        assert "<script" not in rendered.html.lower()
        assert not any(
            p.severity == "error" and "Markdown could not" in p.message for p in rendered.problems
        ), example["example"]


def test_the_whole_commonmark_spec_renders_as_one_page(corpus, tmp_path):
    text = (corpus / "commonmark-spec.md").read_text(encoding="utf-8")
    root = write_tree(tmp_path, {"en/spec.md": text})
    page = render(root, "spec")
    assert "What is Markdown?" in page.html
    # The spec's examples are fenced code: its <script> example is shown as code, as written.
    assert "<script" not in page.html.lower()
    assert '<pre><code>&lt;script type="text/javascript"&gt;\n// JavaScript example' in page.html


@pytest.mark.parametrize(
    "body",
    [
        "[" * 5000,
        "*" * 20000,
        "> " * 2000 + "x",
        "<" * 10000,
        "\x00\x01\x02",
        "`" * 9999,
        "- " * 3000 + "x",
        "|a|\n|-|\n" + "|x|\n" * 2000,
        "[x](" + "(" * 3000 + ")",
    ],
)
def test_pathological_markdown_does_not_crash(tmp_path, body):
    page = render(one_page(tmp_path, body), "p")
    assert isinstance(page.html, str)


def test_picture_addresses_are_percent_encoded_for_qt(tmp_path):
    root = one_page(tmp_path, "![a](../images/my%20pic%23one.png)\n\n![b](x.md%3F.png)\n")
    html = render(root, "p").html
    assert 'src="image:images/my%20pic%23one.png"' in html  # Qt decodes it back to the file name
    assert 'src="image:en/x.md%3F.png"' in html  # never read as en/x.md


def test_hand_written_kiosk_scheme_links_are_reported_not_dropped_silently(tmp_path):
    page = render(one_page(tmp_path, "[a](page:p) [b](PAGE:p) [c](image:images/box.svg) "
                                     "[d](skype:someone)\n"), "p")
    assert len([p for p in page.problems if "will not open" in p.message]) == 4
    assert "href" not in page.html


def test_a_yaml_alias_bomb_in_a_review_date_renders_quickly(tmp_path):
    bomb = ('a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
            'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
            'reviewed: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nnext_review: 2027-01-01\n')
    started = time.monotonic()
    html = render(one_page(tmp_path, "# T\n", bomb), "p").html
    assert time.monotonic() - started < 5
    assert "Next review due: 1 January 2027" in html and "Last reviewed" not in html


def test_callouts_separated_only_by_a_blank_line_stay_separate_boxes(tmp_path):
    body = "> [!TIP] Try this\n> Keep moving.\n\n> [!CAUTION] Get help now\n> Call 911.\n"
    html = render(one_page(tmp_path, body), "p").html
    assert html.count('class="callout ') == 2
    tip, caution = html.split('class="callout callout-caution"')
    assert "Keep moving." in tip and "Call 911." in caution and "[!CAUTION]" not in html


def test_sanitize_returns_what_it_found_and_keeps_nothing_between_calls(tmp_path):
    library = ContentLibrary.load(one_page(tmp_path, "# P\n"))
    language = library.language("en")
    page = language.pages["p"]
    renderer = PageRenderer(library)
    raw = ('<p><a href="https://x.org">web</a> <a href="p.md#top">top</a></p>'
           '<img src="../images/box.svg"><img src="../images/gone.png">')
    first = renderer.sanitize(raw, language, page)
    assert 'href="#top"' in first.html and "x.org" not in first.html
    assert [use.href for use in first.links] == ["https://x.org", "p.md#top"]
    assert first.images == ("images/box.svg", "images/gone.png")
    assert [p.message for p in first.problems] == [
        "link 'https://x.org' will not open: 'https:' links cannot open on the kiosk (it works offline)",
        "image '../images/gone.png' is missing (looked for content/images/gone.png)",
    ]
    assert renderer.sanitize(raw, language, page) == first  # nothing piles up between calls
    assert renderer.sanitize("<p>plain</p>", language, page).problems == ()


def test_a_link_that_will_not_open_carries_the_warning_the_kiosk_logs(tmp_path, caplog):
    root = one_page(tmp_path, "# P\n\n![gone](../images/gone.svg) [f](file:///etc/passwd) [p](p.md)\n")
    with caplog.at_level("WARNING", logger="kiosk.core.rendering"):
        page = render(root, "p")
    blocked, opens = page.links
    assert opens.problem is None and opens.target.url() == "page:p"
    assert blocked.problem is not None and blocked.problem in page.problems
    assert page.problems_besides_links() == [page.problems[0]]  # the missing picture
    assert "image '../images/gone.svg' is missing" in page.problems[0].message
    # The kiosk logs every problem once, in the order they appear on the page.
    assert [r.getMessage() for r in caplog.records] == [str(p) for p in page.problems]
