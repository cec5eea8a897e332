"""Opening hours: when the kiosk shows its pages and when it sleeps on a black screen (Qt-free)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # datetime.weekday() order
_SPAN = re.compile(r"^\s*([01]?\d|2[0-4]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$")

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class OpeningHours:
    """The spans of each weekday the kiosk is open, as minutes since midnight.

    No days at all (the default) means always open. A day not named is closed all day. A day may
    have several spans: `mon = "08:00-12:00, 13:00-18:00"`.
    """

    spans: tuple[tuple[tuple[int, int], ...], ...] = field(default_factory=tuple)

    @property
    def always_open(self) -> bool:
        """Return True when no opening hours are set (the kiosk never sleeps)."""
        return not self.spans

    def is_open(self, moment: datetime) -> bool:
        """Return True when the kiosk should show its pages at `moment` (local time)."""
        if self.always_open:
            return True
        minute = moment.hour * 60 + moment.minute
        return any(start <= minute < end for start, end in self.spans[moment.weekday()])

    def describe(self) -> str:
        """Return the hours in the settings file's own words ("mon 08:00-18:00, sat ...")."""
        if self.always_open:
            return "always open"
        parts = []
        for day, spans in zip(DAYS, self.spans, strict=True):
            if spans:
                parts.append(f"{day} " + ", ".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in spans))
        return "; ".join(parts) or "closed every day"

    def __str__(self) -> str:
        """Return the hours in words (the config's messages show the default this way)."""
        return self.describe()


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_opening_hours(value: Any) -> tuple[OpeningHours | None, str | None]:
    """Return the opening hours from the settings file's table, or (None, what is wrong)."""
    if not isinstance(value, Mapping):
        return None, ('must be a table of days such as { mon = "08:00-18:00", sat = "09:00-12:00" }')
    if not value:
        return OpeningHours(), None
    days: list[tuple[tuple[int, int], ...]] = [() for _ in DAYS]
    for key, text in value.items():
        day = str(key).strip().lower()[:3]
        if str(key).strip().lower() not in (day, _long_name(day)) or day not in DAYS:
            return None, f"has an unknown day '{key}' (use mon, tue, wed, thu, fri, sat, sun)"
        if not isinstance(text, str):
            return None, f"'{key}' must be text in quotes such as \"08:00-18:00\""
        spans = []
        for piece in text.split(","):
            match = _SPAN.match(piece)
            if not match:
                return None, f"'{key}' has '{piece.strip()}', not a time span such as \"08:00-18:00\""
            start = int(match.group(1)) * 60 + int(match.group(2))
            end = int(match.group(3)) * 60 + int(match.group(4))
            if start >= 24 * 60 or end > 24 * 60:
                return None, f"'{key}' has '{piece.strip()}': times run from 00:00 to 24:00"
            if end <= start:
                return None, f"'{key}' has '{piece.strip()}', which ends before it starts"
            spans.append((start, end))
        days[DAYS.index(day)] = tuple(sorted(spans))
    return OpeningHours(tuple(days)), None


def _long_name(day: str) -> str:
    names = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday",
             "fri": "friday", "sat": "saturday", "sun": "sunday"}
    return names.get(day, "")


def local_now() -> datetime:
    """Return the local wall-clock time (the clock the opening hours are read against)."""
    return datetime.now()
