"""Splits a page into YAML front matter and Markdown body, reporting bad front matter by line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from kiosk.core.problems import Problem

if TYPE_CHECKING:
    from kiosk.core.front_matter_cache import FrontMatterCache

_FENCE = "---"
_CLOSERS = ("---", "...")
MAX_FRONT_MATTER_CHARS = 64_000  # a page's settings fit in a few lines; more is a mistake
MAX_BRACKET_DEPTH = 100  # PyYAML slows down badly on deeply nested [ { before it gives up
# A page's settings: YAML keys (made str) to whatever values the author wrote, so Any.
Meta: TypeAlias = dict[str, Any]


@dataclass
class FrontMatter:
    """The metadata of a page, its body, and where the body starts in the file (1-based)."""

    meta: Meta
    body: str
    body_line: int
    problems: list[Problem] = field(default_factory=list)


def split_front_matter(text: str, path: Path, cache: FrontMatterCache | None = None) -> FrontMatter:
    """Split `text`; a page without front matter, or with broken front matter, still loads."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != _FENCE:
        return FrontMatter({}, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in _CLOSERS:
            block = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            meta, problems = _parse_or_recall(block, path, cache)
            return FrontMatter(meta, body, index + 2, problems)
    problem = Problem(
        path, 1, "error",
        "front matter starts with '---' but has no closing '---' line; showing the file as text",
    )
    return FrontMatter({}, text, 1, [problem])


def _parse_or_recall(block: str, path: Path, cache: FrontMatterCache | None) -> tuple[Meta, list[Problem]]:
    """Take `block` from `cache` if it was parsed before, else parse it (and keep a clean parse).

    A block with problems is never kept, so they are reported, with their line, at every load.
    """
    meta = cache.get(block) if cache is not None else None
    if meta is not None:
        return meta, []
    meta, problems = _parse_yaml(block, path)
    if cache is not None and not problems:
        cache.put(block, meta)
    return meta, problems


def _parse_yaml(block: str, path: Path) -> tuple[Meta, list[Problem]]:
    if len(block) > MAX_FRONT_MATTER_CHARS:
        return {}, [Problem(path, 1, "error", "bad front matter: far too long (the settings "
                            "between the '---' lines should be a few short lines)")]
    if _bracket_depth(block) > MAX_BRACKET_DEPTH:
        return {}, [Problem(path, 1, "error", "bad front matter: nested too deeply")]
    import yaml  # here, not at the top: with the front matter cache, most starts never need it

    data: object = _load_fast(block)
    try:
        if data is _NOT_LOADED:
            data = yaml.safe_load(block)
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken value starts (an unclosed quote or bracket);
        # the problem mark is often just the end of the block.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 2 if mark is not None else 1
        what = "; ".join(p for p in (exc.context, exc.problem) if p) or "cannot be read"
        what = what.replace("<stream end>", "the end of the front matter")
        return {}, [Problem(path, line, "error", f"bad front matter: {what}")]
    except yaml.YAMLError as exc:
        return {}, [Problem(path, 1, "error", f"bad front matter: {exc}")]
    except RecursionError:
        return {}, [Problem(path, 1, "error", "bad front matter: nested too deeply")]
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a date such as 2026-13-45
        return {}, [Problem(path, 1, "error", f"bad front matter: {exc} (dates are YYYY-MM-DD)")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [
            Problem(path, 2, "error", "bad front matter: expected 'key: value' lines")
        ]
    meta = {str(key): value for key, value in data.items()}
    return meta, []


_NOT_LOADED = object()


def _load_fast(block: str) -> object:
    """Parse YAML with libyaml (same types as yaml.safe_load); _NOT_LOADED if it cannot."""
    # libyaml's loader reads front matter about ten times faster than the pure-Python one;
    # without it, or on an error, the pure-Python one is used, since its messages point at the
    # broken value.
    import yaml

    fast_loader = getattr(yaml, "CSafeLoader", None)
    if fast_loader is None:
        return _NOT_LOADED
    try:
        return yaml.load(block, Loader=fast_loader)
    except Exception:  # any error: the pure-Python loader says what is wrong, and where
        return _NOT_LOADED


def _bracket_depth(block: str) -> int:
    """Return how deeply [ and { nest in `block` (quotes ignored: a cheap upper bound)."""
    depth = deepest = 0
    for char in block:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest
