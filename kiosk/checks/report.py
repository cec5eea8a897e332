"""What one run of `kiosk check` found: the problems, each page's reading grade, and the summary line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.problems import Problem


@dataclass(frozen=True)
class PageReading:
    """The measured length and reading grade of one page."""

    lang: str
    page_id: str
    path: Path
    words: int
    grade: float | None
    measure: str


@dataclass
class CheckReport:
    """Everything `kiosk check` found in one content tree."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    readings: list[PageReading] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    page_count: int = 0

    @property
    def errors(self) -> int:
        """Return how many problems are errors."""
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        """Return how many problems are warnings."""
        return sum(p.severity == "warning" for p in self.problems)

    @property
    def summary(self) -> str:
        """Return the one-line summary printed after the problems."""
        langs = ", ".join(self.languages) or "none"
        verdict = "problems to fix" if self.errors else "OK"
        regions = f", each in {len(self.regions)} region(s) ({', '.join(self.regions)})" \
            if len(self.regions) > 1 else ""
        return (f"kiosk check: {verdict}: {self.page_count} page(s) in {len(self.languages)} "
                f"language(s) ({langs}){regions}: {self.errors} error(s), {self.warnings} warning(s)")


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """Return the order problems are printed in: by file, line, severity, then message."""
    return (str(problem.path), problem.line, problem.severity, problem.message)
