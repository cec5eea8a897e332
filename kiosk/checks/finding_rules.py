"""`kiosk check` rules for finding pages without reading: body map regions, glossary words, evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.checks import reading_level
from kiosk.core.body_regions import (
    REGION_KEY,
    REGIONS,
    has_regions,
    pages_for_region,
    written_regions,
)
from kiosk.core.content import Language, Page, meta_line
from kiosk.core.evidence import EVIDENCE_KEY, LEVELS, SOURCE_KEY, is_condition_page, source_line
from kiosk.core.glossary import Glossary
from kiosk.core.problems import Severity
from kiosk.core.rendering import LinkUse

Add = Callable[[Path, int, Severity, str], None]


def check_page_settings(page: Page, add: Add) -> None:
    """Check one page's `regions`, `evidence` and `evidence_source` settings."""
    text, meta = page.source, page.meta
    if REGION_KEY in meta:
        value = meta[REGION_KEY]
        line = meta_line(text, REGION_KEY)
        if not isinstance(value, list | str):
            add(page.path, line, "error", f"'{REGION_KEY}' must be a list such as "
                "[lower-back, leg]")
        for name in written_regions(page):
            if name not in REGIONS:
                add(page.path, line, "error", f"unknown body map region '{name}'; the regions are: "
                    f"{', '.join(REGIONS)}")
    if not is_condition_page(page):
        return
    level = meta.get(EVIDENCE_KEY)
    scale = ", ".join(LEVELS)
    if level is None or level == "":
        add(page.path, 1, "error", f"condition page has no '{EVIDENCE_KEY}:' setting; add one of: "
            f"{scale} (docs/authoring.md says how to choose)")
    elif not isinstance(level, str) or level.strip().lower() not in LEVELS:
        add(page.path, meta_line(text, EVIDENCE_KEY), "error",
            f"'{EVIDENCE_KEY}: {str(level)[:60]}' is not on the scale; use one of: {scale}")
    if not source_line(page):
        add(page.path, meta_line(text, SOURCE_KEY) if SOURCE_KEY in meta else 1, "error",
            f"condition page has no '{SOURCE_KEY}:' naming the review its evidence level rests on "
            "(organisation, title, year)")


def check_regions(language: Language, add: Add) -> None:
    """Warn about each body map region no page of `language` lists (the map would show nothing).

    Content with no `regions:` at all has no body map (no tile): nothing to warn about.
    """
    if not has_regions(language):
        return
    for region in REGIONS:
        if not pages_for_region(language, region):
            add(language.root, 0, "warning", f"no page lists the body map region '{region}' "
                f"(add '{REGION_KEY}: [{region}]' to the front matter of the pages about it)")


def check_glossary(glossary: Glossary, links: Iterable[LinkUse], lang: str, grade_max: float,
                   add: Add) -> None:
    """Check the glossary file: its problems, definitions above the grade limit, unused words.

    A link to a word the glossary lacks is an error of the page (the renderer refuses it).
    """
    for problem in glossary.problems:
        add(problem.path, problem.line, problem.severity, problem.message)
    if not glossary.terms:
        return
    used = {use.target.fragment for use in links if use.target.kind == "glossary"}
    for term in glossary.terms.values():
        if term.key not in used:
            add(glossary.path, term.line, "warning", f"glossary word '{term.word}' is not linked from "
                f"any page (link its first use: [{term.word.lower()}](glossary.md#{term.key}))")
        if reading_level.MEASURED:
            level = reading_level.measure_text(term.definition, lang)
            if level.grade is not None and level.grade > grade_max:
                add(glossary.path, term.line, "warning", f"glossary word '{term.word}': reading "
                    f"grade {level.grade:.1f} is above the limit of {grade_max:g} "
                    f"({level.measure}): use shorter sentences and shorter words")
