"""The body map regions, glossary and evidence levels in the core and in `kiosk check` (no window)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import write_tree

from kiosk.checks.content_check import check_content
from kiosk.core.body_regions import REGIONS, pages_for_region
from kiosk.core.content import ContentLibrary
from kiosk.core.evidence import LEVELS, page_evidence
from kiosk.core.glossary import load_glossary, term_key
from kiosk.core.rendering import PageRenderer

BUNDLED = Path(__file__).resolve().parent.parent / "content"

CONDITION = """
    ---
    title: Nausea
    order: 10
    evidence: {level}
    evidence_source:
      organisation: Cochrane
      title: "A review"
      year: 2015
    reviewed: 2026-01-01
    next_review: 2027-01-01
    sources:
      - organisation: Cochrane
        title: "A review"
        year: 2015
    ---
    # Nausea

    It may help with [nausea](../glossary.md#nausea) a little.
    """

PAGE = """
    ---
    title: {title}
    order: {order}
    regions: {regions}
    reviewed: 2026-01-01
    next_review: 2027-01-01
    sources:
      - organisation: NICE
        title: "Advice"
        year: 2020
    ---
    # {title}

    Some words about {title}.
    """

GLOSSARY = """
    ---
    title: Words explained
    ---
    # Words explained

    ## Nausea

    Feeling sick in your stomach.

    ## Sciatica

    Pain that runs down the back of the leg.
    """


def tree(tmp_path: Path, level: str = "small-or-uncertain", regions: str = "[lower-back, leg]",
         link: str = "nausea") -> Path:
    files = {
        "en/conditions.md": "---\ntitle: Conditions\n---\n# Conditions\n\n"
                            "| Condition | Answer |\n| --- | --- |\n"
                            "| [Nausea](conditions/nausea.md) | Some help |\n",
        "en/conditions/nausea.md": CONDITION.format(level=level).replace("#nausea", f"#{link}"),
        "en/late.md": PAGE.format(title="Late page", order=90, regions=regions),
        "en/early.md": PAGE.format(title="Early page", order=5, regions="[leg]"),
        "en/glossary.md": GLOSSARY,
    }
    return write_tree(tmp_path / "content", files)


def messages(root: Path) -> list[str]:
    return [f"{p.path.name}:{p.line}: {p.severity}: {p.message}" for p in check_content(root).problems]


def test_a_region_lists_its_pages_in_order_and_the_glossary_is_not_a_page(tmp_path):
    library = ContentLibrary.load(tree(tmp_path))
    language = library.language("en")
    assert [p.id for p in pages_for_region(language, "leg")] == ["early", "late"]
    assert [p.id for p in pages_for_region(language, "lower-back")] == ["late"]
    assert pages_for_region(language, "neck") == []
    assert "glossary" not in language.pages and "glossary" not in language.sections


def test_the_bundled_pages_cover_every_region_and_every_condition_has_a_level():
    library = ContentLibrary.load(BUNDLED)
    for code, language in library.languages.items():
        for region in REGIONS:
            assert pages_for_region(language, region), (code, region)
        conditions = [p for p in language.pages.values() if p.id.startswith("conditions/")]
        assert conditions and all(page_evidence(p) in LEVELS for p in conditions), code


def test_the_bundled_glossaries_have_twenty_plain_words_each():
    for code in ("en", "es"):
        glossary = load_glossary(BUNDLED / code)
        assert len(glossary.terms) >= 20 and not glossary.problems
        for term in glossary.terms.values():
            sentences = [s for s in term.definition.replace("?", ".").split(".") if s.strip()]
            assert 1 <= len(sentences) <= 2, term.word


def test_term_keys_are_the_heading_ids_a_markdown_viewer_makes():
    assert term_key("Ciática") == "ciatica"
    assert term_key("Irritable bowel syndrome") == "irritable-bowel-syndrome"
    assert term_key("Single-use") == "single-use"


def test_the_page_shows_the_badge_and_the_glossary_word(tmp_path):
    library = ContentLibrary.load(tree(tmp_path))
    renderer = PageRenderer(library)
    page = renderer.render("en", "conditions/nausea").html
    assert 'class="evidence"' in page and "badge:small-or-uncertain" in page
    assert "Small or uncertain benefit" in page and "Cochrane, A review (2015)" in page
    assert page.index("badge:") > page.index("</h1>")  # under the title, above the text
    assert ('<a class="glossary" style="text-underline-style: dotted" href="glossary:nausea">'
            'nausea</a>') in page  # (the dotted underline: Qt takes it only from the attribute)
    table = renderer.render("en", "conditions").html
    assert "Research in short" in table and "badge:small-or-uncertain" in table


def test_spanish_badges_speak_spanish(tmp_path):
    root = tree(tmp_path)
    write_tree(root, {"es/conditions/nausea.md": CONDITION.format(level="no-better-than-sham")})
    page = PageRenderer(ContentLibrary.load(root)).render("es", "conditions/nausea").html
    assert "No ayuda más que un tratamiento falso (simulado)" in page
    assert "Lo que muestra la investigación:" in page


def test_the_bundled_content_checks_without_errors():
    report = check_content(BUNDLED)
    assert report.errors == 0, [str(p) for p in report.problems if p.severity == "error"]


def test_check_finds_unknown_regions_and_regions_with_no_page(tmp_path):
    found = messages(tree(tmp_path, regions="[lower-back, knee]"))
    assert any("late.md:" in m and "error: unknown body map region 'knee'" in m for m in found)
    assert any("error" not in m and "no page lists the body map region 'neck'" in m for m in found)


def test_check_rejects_a_level_outside_the_scale_and_a_missing_one(tmp_path):
    found = messages(tree(tmp_path, level="promising"))
    assert any("nausea.md:4: error: 'evidence: promising' is not on the scale" in m for m in found)
    root = tree(tmp_path / "b")
    path = root / "en/conditions/nausea.md"
    path.write_text(path.read_text().replace("evidence: small-or-uncertain\n", ""))
    found = messages(root)
    assert any("nausea.md:1: error: condition page has no 'evidence:' setting" in m for m in found)


def test_check_reports_a_link_to_a_missing_word_and_unused_or_hard_words(tmp_path):
    root = tree(tmp_path, link="vomiting")
    hard = textwrap.dedent(GLOSSARY) + "\n## Electroacupuncture\n\nElectroacupuncture "
    write_tree(root, {"en/glossary.md": hard +
                      "administers neuromodulatory electrical stimulation through inserted "
                      "acupuncture needles, characteristically producing paraesthesia.\n"})
    found = messages(root)
    assert any("nausea.md:" in m and "error: link '../glossary.md#vomiting' will not open: the "
               "glossary (en/glossary.md) has no word '#vomiting'" in m for m in found)
    assert any("glossary.md:10: warning: glossary word 'Sciatica' is not linked" in m for m in found)
    assert any("warning: glossary word 'Electroacupuncture': reading grade" in m for m in found)
    page = PageRenderer(ContentLibrary.load(root)).render("en", "conditions/nausea").html
    assert "glossary:" not in page and "nausea" in page  # the word stays, as plain text
