"""One problem found in a content file or config file, reported as FILE:LINE: severity: message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A problem a person can fix, located by file and 1-based line (0 when unknown)."""

    path: Path
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.severity}: {self.message}"


def line_of(text: str, needle: str, first_line: int = 1) -> int:
    """Return the line number (counting from `first_line`) where `needle` first occurs, else 0."""
    index = text.find(needle)
    if index < 0:
        return 0
    return first_line + text.count("\n", 0, index)
