"""The region files `kiosk check` reads: each readable, each with every name any of them has."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.problems import Problem
from kiosk.core.regions import Region, available_regions, load_region


def bundled_regions() -> list[Region]:
    """Return every bundled region, read from its file (resources/regions/*.toml)."""
    return [load_region(code) for code in available_regions()]


def check_regions(regions: list[Region], languages: list[str]) -> list[Problem]:
    """Return each region file's own problems, and the values it lacks for a page language.

    A name is needed in every region and every language as soon as one region has it (in any
    language): a page that uses it would otherwise show `{{ name }}` in that region.
    """
    problems: list[Problem] = []
    every: set[str] = set()
    for region in regions:
        problems.extend(region.problems)
        every |= region.names()
    for region in regions:
        path = region.path or Path(region.file_name)
        for name in sorted(every):
            lacking = [lang for lang in languages if region.value(name, lang) is None]
            if not lacking:
                continue
            having = sorted(other.code for other in regions if name in other.names())
            where = ("" if len(lacking) == len(languages) else
                     " for " + ", ".join(f"[{lang}]" for lang in lacking) + " pages")
            problems.append(Problem(path, 0, "error",
                                    f"region '{region.code}' has no value for '{name}'{where} "
                                    f"(region(s) {', '.join(having)} have one): add "
                                    f"{name} = \"...\" so pages using {{{{ {name} }}}} read right"))
    return problems
