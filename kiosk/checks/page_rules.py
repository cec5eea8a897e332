"""The rules for one page's settings (front matter) and callouts that `kiosk check` applies."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from kiosk.core.config import Config
from kiosk.core.content import Page, meta_line
from kiosk.core.problems import Severity, body_first_line
from kiosk.core.resources import resource_path
from kiosk.core.themes import CALLOUT_TYPES

KNOWN_KEYS = ("title", "summary", "icon", "order", "reviewed", "next_review", "reviewed_by",
              "signed_off_by", "sources",
              "regions", "evidence", "evidence_source")  # (the last three: checks/finding_rules.py)
SOURCE_KEYS = ("organisation", "title", "year")
_CALLOUT_MARKER = re.compile(r"^ {0,3}(?:> ?)+\s*\[!([^\]\s]*)\]", re.M)
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def bundled_icons() -> list[str]:
    """Return the names of the icons a page may use (resources/icons/*.svg)."""
    try:
        return sorted(p.stem for p in resource_path("icons").glob("*.svg"))
    except OSError:
        return []


def as_date(value: object) -> date | None:
    """Return a front matter value as a date, or None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


class PageRules:
    """Checks one page at a time; reports through `add(path, line, severity, message)`."""

    def __init__(self, config: Config, today: date,
                 add: Callable[[Path, int, Severity, str], None]) -> None:
        self.config = config
        self.today = today
        self.add = add
        self.icons = bundled_icons()

    def check_front_matter(self, page: Page) -> None:
        """Check the settings block: known keys, icon, review dates and sources."""
        text = page.source
        meta = page.meta
        for key in meta:
            if key not in KNOWN_KEYS:
                close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.add(page.path, meta_line(text, key), "warning",
                         f"unknown setting '{key}' is ignored{hint}")
        icon = meta.get("icon")
        if isinstance(icon, str) and icon.strip() and self.icons and icon.strip() not in self.icons:
            self.add(page.path, meta_line(text, "icon"), "warning",
                     f"no icon named '{icon.strip()}'; choose one of: {', '.join(self.icons)}")
        reviewed = self._date(page, text, "reviewed", "the date the page was last checked")
        due = self._date(page, text, "next_review", "the date the page must be checked again")
        if reviewed and reviewed > self.today:
            self.add(page.path, meta_line(text, "reviewed"), "warning",
                     f"'reviewed' date {reviewed.isoformat()} is in the future")
        if reviewed and due and due <= reviewed:
            self.add(page.path, meta_line(text, "next_review"), "error",
                     "'next_review' must come after 'reviewed'")
        elif due and due < self.today:
            self.add(page.path, meta_line(text, "next_review"), "warning",
                     f"review was due on {due.isoformat()}: check the page is still right, then "
                     "update 'reviewed' and 'next_review'")
        self._check_roles(page, text)
        self._check_sources(page, text)

    def _check_roles(self, page: Page, text: str) -> None:
        """Warn without `reviewed_by:` (who checked the page); each role is one short line."""
        for key in ("reviewed_by", "signed_off_by"):
            value = page.meta.get(key)
            if value is None or value == "":
                if key == "reviewed_by":
                    self.add(page.path, meta_line(text, key) if key in page.meta else 1, "warning",
                             "missing 'reviewed_by:' (who checked this page, as a role, e.g. "
                             "\"Health writer (not a clinician)\"); the footer says who it was")
            elif not _plain_value(value) or len(str(value)) > 120:
                self.add(page.path, meta_line(text, key), "error",
                         f"'{key}' must be a role on one line (at most 120 characters), "
                         "e.g. \"Clinic lead acupuncturist\"")

    def _date(self, page: Page, text: str, key: str, meaning: str) -> date | None:
        value = page.meta.get(key)
        line = meta_line(text, key)
        if value is None or value == "":
            self.add(page.path, line if key in page.meta else 1, "error",
                     f"missing '{key}:' ({meaning}, written YYYY-MM-DD)")
            return None
        found = as_date(value)
        if found is None:
            hint = " without quotes" if isinstance(value, str) else ""
            self.add(page.path, line, "error",
                     f"'{key}' is not a date: write it as YYYY-MM-DD{hint}, e.g. 2026-01-31")
        return found

    def _check_sources(self, page: Page, text: str) -> None:
        sources = page.meta.get("sources")
        line = meta_line(text, "sources")
        if not sources:
            self.add(page.path, line if "sources" in page.meta else 1, "error",
                     "missing 'sources:' (where the facts come from: organisation, title, year)")
            return
        if not isinstance(sources, list):
            self.add(page.path, line, "error", "'sources' must be a list of entries, each starting "
                     "with '- organisation:'")
            return
        # Each entry is found from the 'sources:' line on, after the entry before it, and only in
        # the front matter: "NHS" in the title, or a second "NHS" source, is not the place.
        front = text[:len(text) - len(page.body)] if page.body and text.endswith(page.body) else text
        position = _offset_of_line(front, line)
        for number, entry in enumerate(sources, start=1):
            if not isinstance(entry, dict):
                self.add(page.path, line, "error", f"source {number} must have 'organisation:', "
                         "'title:' and 'year:' lines")
                continue
            first = next((v for v in entry.values() if isinstance(v, str | int)), None)
            index = front.find(str(first), position) if first is not None else -1
            where = front.count("\n", 0, index) + 1 if index >= 0 else line
            position = index + 1 if index >= 0 else position
            if "organization" in entry and "organisation" not in entry:
                entry = {**entry, "organisation": entry["organization"]}
            missing = [key for key in SOURCE_KEYS if not _plain_value(entry.get(key))]
            if missing:
                self.add(page.path, where, "error",
                         f"source {number} has no {' or '.join(repr(k) for k in missing)}")
            year = entry.get("year")
            if _plain_value(year) and not _is_year(year, self.today):
                self.add(page.path, where, "error",
                         f"source {number}: year '{year}' is not a year such as 2024")

    def check_callouts(self, page: Page) -> None:
        """Report `> [!TYPE]` markers the kiosk does not know (they would show as plain text)."""
        in_fence = False
        first_line = body_first_line(page.source, page.body, page.body_line)
        for offset, line in enumerate(page.body.split("\n")):
            if _FENCE.match(line):
                in_fence = not in_fence
                continue
            match = None if in_fence else _CALLOUT_MARKER.match(line)
            if match and match.group(1).lower() not in CALLOUT_TYPES:
                kinds = ", ".join(k.upper() for k in CALLOUT_TYPES)
                self.add(page.path, first_line + offset, "warning",
                         f"unknown callout [!{match.group(1)}]: it shows as plain text; use one of "
                         f"{kinds}")


def _offset_of_line(text: str, line: int) -> int:
    """Return where 1-based line `line` of `text` starts (the end of `text` past its last line)."""
    position = 0
    for _ in range(line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position


def _plain_value(value: object) -> bool:
    return isinstance(value, str | int | float | date) and not isinstance(value, bool) and \
        bool(str(value).strip())


def _is_year(value: object, today: date) -> bool:
    text = str(value).strip()
    return text.isdigit() and len(text) == 4 and 1800 <= int(text) <= today.year + 1
