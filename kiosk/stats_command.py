"""`kiosk stats [--days N] [--csv FILE]`: the private usage figures, printed or saved (no Qt)."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from kiosk.core.usage import COUNTS, PageFigures, UsageStore, default_path, shown_count

DESCRIPTION = """\
Print the kiosk's private usage figures: for each page, over the last N days, how often it
was opened, read aloud, taken home (QR code shown), found helpful or not, and for how long it
was read (under 30 s, 30 s to 2 min, longer). Counts from 1 to 4 are shown as "<5". Nothing about
any person is kept (docs/privacy.md). --csv FILE writes the same per page and language."""

HEADINGS = {"views": "opened", "listens": "listened", "qr_shows": "taken home",
            "helpful_yes": "helpful", "helpful_no": "not helpful", "read_short": "<30s",
            "read_medium": "30s-2min", "read_long": ">2min"}


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= 3660:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of days from 1 to 3660")
    return days


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `kiosk stats` (they set `days`, `csv` and `file`)."""
    parser.add_argument("--days", type=_days, default=30, metavar="N",
                        help="the last N days, today included (default: 30)")
    parser.add_argument("--csv", type=Path, metavar="FILE",
                        help="write the figures per page and language to FILE (CSV) instead")
    parser.add_argument("--file", type=Path, metavar="DB",
                        help=f"the figures' file (default: {default_path()})")


def _shown(figures: PageFigures, name: str) -> str:
    return shown_count(figures.count(name), "<5")


def format_table(figures: list[PageFigures], days: int) -> list[str]:
    """Return the lines `kiosk stats` prints: a heading row, then one row per page."""
    if not figures:
        return [f"no usage figures in the last {days} days"]
    width = max(len("page"), *(len(f.page) for f in figures))
    lines = [f"{'page':<{width}}  " + "  ".join(f"{HEADINGS[n]:>11}" for n in COUNTS)]
    for row in figures:
        lines.append(f"{row.page:<{width}}  " + "  ".join(f"{_shown(row, n):>11}" for n in COUNTS))
    lines.append(f"{len(figures)} pages, last {days} days; counts from 1 to 4 are shown as <5")
    return lines


def run(options: argparse.Namespace) -> int:
    """Run `kiosk stats`; 0 printed or written, 2 the file cannot be read or written."""
    import sqlite3

    store = UsageStore(options.file)
    try:
        if options.csv is not None:
            rows = store.totals(options.days, by_language=True)
            with options.csv.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["page", "language", *COUNTS])
                for row in rows:
                    writer.writerow([row.page, row.lang, *(_shown(row, n) for n in COUNTS)])
            _say(f"wrote {len(rows)} rows (page and language, last {options.days} days) "
                 f"to {options.csv}")
            return 0
        for line in format_table(store.totals(options.days), options.days):
            _say(line)
        return 0
    except (OSError, sqlite3.Error) as exc:
        _say(f"kiosk stats: error: {getattr(exc, 'filename', None) or store.path}: {exc}", error=True)
        return 2
    finally:
        store.close()


def _say(line: str, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    if stream is not None:  # a windowed build has no console; the exit code still tells
        print(line, file=stream)
