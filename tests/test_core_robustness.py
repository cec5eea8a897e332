"""Core fixes found while writing the content checker: bad dates, huge front matter, alias bombs."""

from __future__ import annotations

from pathlib import Path

from conftest import write_tree

from kiosk.core.content import ContentLibrary
from kiosk.core.frontmatter import split_front_matter
from kiosk.core.rendering import PageRenderer, format_source


def test_impossible_date_in_front_matter_is_a_problem_not_a_crash():
    front = split_front_matter("---\nreviewed: 2026-13-45\n---\n# Hi\n", Path("x.md"))
    assert front.meta == {}
    assert [p.severity for p in front.problems] == ["error"]
    assert "YYYY-MM-DD" in front.problems[0].message


def test_front_matter_far_too_long_is_refused():
    block = "".join(f"k{i}: value {i}\n" for i in range(10_000))
    front = split_front_matter(f"---\n{block}---\nbody\n", Path("x.md"))
    assert front.meta == {}
    assert "too long" in front.problems[0].message


def test_source_fields_that_are_lists_are_not_expanded():
    bomb = ["x"] * 10
    for _ in range(6):
        bomb = [bomb] * 10  # shared references, as YAML aliases make them
    assert format_source({"organisation": "NHS", "title": bomb, "year": 2024}) == "NHS. (2024)."


def test_blocked_links_are_recorded_with_their_verdict_and_line(tmp_path: Path):
    root = write_tree(tmp_path, {"en/a.md": "# A\n\n[gone](gone.md) and [web](https://example.org)\n"})
    library = ContentLibrary.load(root)
    rendered = PageRenderer(library).render("en", "a")
    messages = [p.message for p in rendered.problems]
    assert "no page 'gone.md'" in messages[0] and "https" in messages[1]
    assert {p.severity for p in rendered.problems} == {"warning"}
    assert rendered.links[0].target.page_id == "gone"  # the page the link meant
    assert [use.href for use in rendered.links] == ["gone.md", "https://example.org"]
    assert all(use.line == 3 for use in rendered.links)


def test_a_folder_named_like_a_page_is_reported_as_not_a_file(tmp_path: Path):
    root = write_tree(tmp_path, {"en/a.md": "# A\n", "en/odd.md/inner.txt": "x"})
    library = ContentLibrary.load(root)
    assert any("not a plain file" in p.message for p in library.problems)
    assert "a" in library.languages["en"].pages


def test_links_and_images_with_any_scheme_are_reported_and_never_survive(tmp_path: Path):
    body = (
        "# A\n\n[w](http://example.org) [f](file:///etc/passwd) [j](javascript:alert(1))\n\n"
        "[d](data:text/html,hi) [odd](gopher://x) ![p](http://example.org/p.png)\n"
    )
    library = ContentLibrary.load(write_tree(tmp_path, {"en/a.md": body}))
    rendered = PageRenderer(library).render("en", "a")
    for scheme in ("http", "file", "javascript", "data", "gopher"):
        assert f"{scheme}:" not in rendered.html
    reported = " ".join(p.message for p in rendered.problems)
    for href in ("http://example.org", "file:///etc/passwd", "javascript:alert(1)", "data:text"):
        assert href in reported
    assert "image 'http://example.org/p.png' is not allowed" in reported
