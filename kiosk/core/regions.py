"""A country's facts (emergency number, helplines ...) from resources/regions/; `{{ name }}` filled."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from kiosk.core.problems import Problem
from kiosk.core.resources import resource_path

DEFAULT_REGION = "us"
REGION_CODE = re.compile(r"^[a-z]{2,3}$")
# `{{ emergency_number }}`: two braces, optional spaces, a lower-case name. `\{{` is written as is.
# (Whether a backslash comes before is asked of each match, in _variables: a look-behind at the
# start of the pattern made every search test each character, 18 times slower over a page.)
VARIABLE = re.compile(r"\{\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\}\}")
_ESCAPED = re.compile(r"\\(\{\{)")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
MAX_VALUE_CHARS = 300  # a number or a short phrase; more is a mistake


@dataclass(frozen=True)
class Region:
    """One region's facts: values for every language, and values for one language only.

    `shared` holds the file's top-level keys; `by_language["es"]` the keys of its `[es]` table,
    which win over the shared ones on Spanish pages.
    """

    code: str
    path: Path | None
    shared: dict[str, str] = field(default_factory=dict)
    by_language: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def value(self, name: str, lang: str) -> str | None:
        """Return the value of `name` on a page in `lang`, or None when the region has none."""
        own = self.by_language.get(lang)
        if own is not None and name in own:
            return own[name]
        return self.shared.get(name)

    def names(self) -> set[str]:
        """Return every variable name this region gives a value for, in any language."""
        names = set(self.shared)
        for values in self.by_language.values():
            names.update(values)
        return names

    @property
    def file_name(self) -> str:
        """Return the region file's name for messages (e.g. 'us.toml')."""
        return self.path.name if self.path is not None else f"{self.code}.toml"


def regions_dir() -> Path:
    """Return the folder of the bundled region files."""
    return resource_path("regions")


def available_regions() -> list[str]:
    """Return the codes of the bundled region files, sorted (e.g. ['uk', 'us'])."""
    try:
        return sorted(p.stem for p in regions_dir().glob("*.toml") if REGION_CODE.match(p.stem))
    except OSError:
        return []


@cache
def load_region(code: str = DEFAULT_REGION) -> Region:
    """Return the region `code` from its bundled file (read once); problems are on the Region."""
    return read_region_file(regions_dir() / f"{code}.toml", code)


def read_region_file(path: Path, code: str) -> Region:
    """Read one region file; every problem (file and line) is kept on the Region, never raised."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Region(code, path, problems=(Problem(path, 0, "error", "region file not found"),))
    except (OSError, UnicodeDecodeError) as exc:
        return Region(code, path, problems=(Problem(path, 0, "error",
                                                    f"cannot read region file ({exc})"),))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 0
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return Region(code, path, problems=(Problem(path, line, "error",
                                                    f"region file is not valid TOML: {message}"),))
    problems: list[Problem] = []
    shared = _values(data, text, path, problems, "")
    by_language: dict[str, dict[str, str]] = {}
    for key, table in data.items():
        if isinstance(table, dict):
            if not _LANGUAGE.match(key):
                problems.append(Problem(path, _line_of(text, f"[{key}]"), "error",
                                        f"[{key}] is not a language code such as [es]; ignored"))
                continue
            by_language[key] = _values(table, text, path, problems, key)
    return Region(code, path, shared, by_language, tuple(problems))


def _values(data: dict[str, object], text: str, path: Path, problems: list[Problem],
            table: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            continue  # a language table (read by the caller)
        where = f"[{table}] {key}" if table else key
        problem = _value_problem(key, value, where)
        if problem:  # (the line is looked for only when there is a problem to report)
            problems.append(Problem(path, _line_of(text, key, table), "error", problem))
        else:
            values[key] = " ".join(str(value).split())
    return values


def _value_problem(key: str, value: object, where: str) -> str:
    """Return what is wrong with `key = value` (in words, ending in "ignored"), or ""."""
    if not VARIABLE.fullmatch(f"{{{{ {key} }}}}"):
        return (f"'{where}': a name is letters, digits and _ only (it is written {{{{ name }}}} "
                "in pages); ignored")
    if not isinstance(value, str):
        return f"'{where}' must be text in quotes; ignored"
    if not value.strip() or "\n" in value or "\r" in value:
        return f"'{where}' must be one line of text, not empty; ignored"
    if len(value) > MAX_VALUE_CHARS:
        return f"'{where}' is {len(value)} characters long (at most {MAX_VALUE_CHARS}); ignored"
    if next(_variables(value), None):
        return f"'{where}' holds a {{{{ variable }}}}: values are plain text; ignored"
    return ""


def _line_of(text: str, key: str, table: str = "") -> int:
    """Return the line of `key = ...` (inside `[table]` when given), or of a `[table]` header."""
    start = 0
    if table:
        header = re.search(rf"^[ \t]*\[[ \t]*{re.escape(table)}\s*\]", text, re.M)
        start = header.end() if header else 0
    if key.startswith("["):
        pattern = re.compile(rf"^[ \t]*\[[ \t]*{re.escape(key[1:-1])}\s*\]", re.M)
    else:
        pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.M)
    match = pattern.search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else 0


class UnfilledVariable(NamedTuple):
    """A `{{ name }}` in a text that the region has no value for, and its 1-based line.

    (A named tuple: a frozen dataclass costs five times as much to make at start-up.)
    """

    name: str
    line: int


def _variables(text: str) -> Iterator[re.Match[str]]:
    r"""Yield the `{{ name }}` in `text` that are variables (not written `\{{`)."""
    for match in VARIABLE.finditer(text):
        if not _escaped(text, match):
            yield match


def _escaped(text: str, match: re.Match[str]) -> bool:
    return match.start() > 0 and text[match.start() - 1] == "\\"


def fill(text: str, region: Region, lang: str, first_line: int = 1) -> tuple[str, list[UnfilledVariable]]:
    r"""Return `text` with each `{{ name }}` replaced by the region's value, and those it had none for.

    An unknown variable stays as written (so staff see it); `\{{` becomes `{{` (written as is).
    Values never hold line breaks, so every line keeps its number.
    """
    if "{{" not in text:
        return text, []
    unfilled: list[UnfilledVariable] = []

    def replace(match: re.Match[str]) -> str:
        if _escaped(text, match):
            return match.group(0)
        value = region.value(match.group(1), lang)
        if value is None:
            line = first_line + text.count("\n", 0, match.start())
            unfilled.append(UnfilledVariable(match.group(1), line))
            return match.group(0)
        return value

    return _ESCAPED.sub(r"\1", VARIABLE.sub(replace, text)), unfilled


def unfilled_message(variable: UnfilledVariable, region: Region) -> str:
    """Return the words for a variable the region has no value for (with a close name, if any)."""
    import difflib  # only when something is wrong

    close = difflib.get_close_matches(variable.name, sorted(region.names()), n=1)
    hint = f"; did you mean {{{{ {close[0]} }}}}?" if close else ""
    return (f"unknown variable {{{{ {variable.name} }}}}: region '{region.code}' "
            f"({region.file_name}) has no value for it, so it shows as written{hint}")
