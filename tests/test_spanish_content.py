"""The bundled Spanish pages mirror the English ones: ids, links, pictures, dates, warnings."""

from __future__ import annotations

import posixpath
import re

import pytest

from kiosk.core.content import ContentLibrary
from kiosk.core.rendering import PageRenderer
from kiosk.core.resources import default_content_dir

LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)\)")
CALLOUT = re.compile(r"^> \[!([A-Z]+)\]", re.M)
PHONE = re.compile(r"\b(911|988|1-8\d\d-[A-Z0-9-]+)")
SAME_FIELDS = ("order", "icon", "reviewed", "next_review")


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    library = ContentLibrary.load(default_content_dir())
    if library.language("es") is None:
        pytest.skip("the bundled content has no Spanish pages yet")
    return library


def _pairs(library: ContentLibrary):
    english, spanish = library.language("en"), library.language("es")
    pages = [page for page in spanish.pages.values() if not page.placeholder]
    return [(english.pages.get(page.id), page) for page in pages]


def _targets(body: str) -> list[tuple[str, str]]:
    """Return (kind, target without #fragment) of every link and picture, in order.

    Glossary words are left out: each language explains its own words (kiosk check finds a
    word its glossary lacks).
    """
    out = []
    for bang, href in LINK.findall(body):
        if href.startswith("#") or href.split("#", 1)[0].endswith("glossary.md"):
            continue
        out.append((bang or "link", href.split("#", 1)[0]))
    return out


def _not_translated_yet(problem, library: ContentLibrary) -> bool:
    """A link to a page that exists in English but not yet in Spanish."""
    match = re.search(r"no page '([^']+)\.md' in this language", problem.message)
    if not match:
        return False
    folder = posixpath.dirname(problem.path.relative_to(library.root / "es").as_posix())
    target = posixpath.normpath(posixpath.join(folder, match.group(1)))
    return target in library.language("en").pages


def test_every_spanish_page_has_an_english_page_with_the_same_id(library):
    for english, spanish in _pairs(library):
        assert english is not None, f"es/{spanish.id}.md has no English page of the same name"


def test_spanish_pages_keep_the_dates_order_icon_and_sources(library):
    for english, spanish in _pairs(library):
        for key in SAME_FIELDS:
            assert spanish.meta.get(key) == english.meta.get(key), f"es/{spanish.id}: {key}"
        titles = [(s["title"], s["year"]) for s in english.meta.get("sources", [])]
        kept = [(s["title"], s["year"]) for s in spanish.meta.get("sources", [])]
        assert kept == titles, f"es/{spanish.id}: source titles and years must stay as in English"
        assert spanish.title != english.title, f"es/{spanish.id}: title is not translated"


def test_spanish_pages_link_to_the_same_pages_and_pictures(library):
    for english, spanish in _pairs(library):
        assert _targets(spanish.body) == _targets(english.body), f"es/{spanish.id}"


def test_spanish_pages_keep_every_warning_box_and_phone_number(library):
    for english, spanish in _pairs(library):
        assert CALLOUT.findall(spanish.body) == CALLOUT.findall(english.body), f"es/{spanish.id}"
        numbers = set(PHONE.findall(english.body))
        assert numbers <= set(PHONE.findall(spanish.body)), f"es/{spanish.id}"


def test_spanish_pages_render_without_problems_and_fragments_find_their_heading(library):
    renderer = PageRenderer(library)
    spanish = library.language("es")
    for page in spanish.pages.values():
        rendered = renderer.render("es", page.id)
        problems = [p for p in rendered.problems if not _not_translated_yet(p, library)]
        assert problems == [], f"es/{page.id}: {problems}"
        for _, href in LINK.findall(page.body):
            if "#" not in href:
                continue
            path, fragment = href.split("#", 1)
            if path.endswith("glossary.md"):
                continue  # a word explained over the page: its glossary, not a heading
            target = page.id
            if path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page.id), path))
                target = target.removesuffix(".md")
            anchors = renderer.render("es", target).anchors
            assert fragment in anchors, f"es/{page.id}: #{fragment} is not a heading of es/{target}"


def test_spanish_content_loads_without_problems(library):
    spanish_problems = [p for p in library.problems if "/es/" in str(p.path).replace("\\", "/")]
    assert spanish_problems == []


def test_every_english_page_has_a_spanish_page(library):
    english, spanish = library.language("en"), library.language("es")
    missing = sorted(set(english.pages) - set(spanish.pages))
    assert missing == [], f"pages with no Spanish version: {missing}"
