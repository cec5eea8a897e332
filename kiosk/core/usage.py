"""Private usage figures: counts per day, page and language, kept in SQLite on the kiosk (Qt-free).

What is stored is exactly one row per day, page and language with whole-number counts (views,
listens, QR shows, helpful yes/no, and how many views lasted under 30 s, 30 s to 2 min, longer):
no time finer than the day, no order of pages, no person, no free text (docs/privacy.md).
Counts wait in memory (a dictionary increment on a tap) and are written in one WAL transaction
by `flush()`: at the reset for the next patient and every few minutes. A crash loses at most
that batch; a damaged file is set aside with one log line and a new one started.

sqlite3 is imported on the first write or read, never at start-up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.resources import user_folder

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger(__name__)

FILE_NAME = "usage.sqlite3"
SCHEMA_VERSION = 1
# Columns of the table, in order; each a count for one day, page and language.
COUNTS = ("views", "listens", "qr_shows", "helpful_yes", "helpful_no",
          "read_short", "read_medium", "read_long")
SHORT_READ_S, LONG_READ_S = 30, 120  # the reading-time buckets: < 30 s, 30 s - 2 min, > 2 min
FEWER_THAN = 5  # counts under this are shown as "fewer than 5"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS usage ("
    " day TEXT NOT NULL, page TEXT NOT NULL, lang TEXT NOT NULL, "
    + ", ".join(f"{name} INTEGER NOT NULL DEFAULT 0" for name in COUNTS)
    + ", PRIMARY KEY (day, page, lang)) WITHOUT ROWID"
)
_UPSERT = (
    f"INSERT INTO usage (day, page, lang, {', '.join(COUNTS)}) "
    f"VALUES (?, ?, ?, {', '.join('?' for _ in COUNTS)}) "
    "ON CONFLICT (day, page, lang) DO UPDATE SET "
    + ", ".join(f"{name} = {name} + excluded.{name}" for name in COUNTS)
)


def data_dir() -> Path:
    """Return the kiosk's data folder (KIOSK_DATA_DIR overrides the platform's data folder)."""
    return user_folder("data", "KIOSK_DATA_DIR")


def default_path() -> Path:
    """Return where the usage figures are kept, e.g. ~/.local/share/acupuncture-kiosk/usage.sqlite3."""
    return data_dir() / FILE_NAME


def reading_bucket(seconds: float) -> str:
    """Return the reading-time column a page view of `seconds` counts in."""
    if seconds < SHORT_READ_S:
        return "read_short"
    return "read_medium" if seconds <= LONG_READ_S else "read_long"


def shown_count(count: int, fewer: str = "fewer than 5") -> str:
    """Return a count as staff see it: 0, `fewer` from 1 to 4 (never 1, 2 ...), else the number."""
    return fewer if 0 < count < FEWER_THAN else str(count)


@dataclass(frozen=True)
class PageFigures:
    """A page's totals over some days (all languages together, or one language)."""

    page: str
    lang: str  # "" when the languages are added together
    views: int = 0
    listens: int = 0
    qr_shows: int = 0
    helpful_yes: int = 0
    helpful_no: int = 0
    read_short: int = 0
    read_medium: int = 0
    read_long: int = 0

    def count(self, name: str) -> int:
        """Return the count named `name` (one of COUNTS)."""
        return int(getattr(self, name))


class UsageStore:
    """The SQLite file: batches written in WAL transactions, totals read back, old days pruned."""

    def __init__(self, path: Path | None = None, retention_days: int = 400,
                 today: Callable[[], date] = date.today):
        self.path = path if path is not None else default_path()
        self.retention_days = retention_days
        self.today = today
        self._connection: sqlite3.Connection | None = None
        self._pruned_on: date | None = None

    # -- the file ------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            import sqlite3

            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                connection.execute(_SCHEMA)
                if version == 0:
                    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                connection.execute("SELECT count(*) FROM usage").fetchone()
            except sqlite3.DatabaseError:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def close(self) -> None:
        """Close the file (a later write or read opens it again)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _set_aside(self, error: Exception) -> None:
        """Move a damaged file (and its WAL) out of the way; the next write starts a new one."""
        self.close()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            try:
                if part.exists():
                    os.replace(part, Path(f"{aside}{suffix}"))
            except OSError:
                with contextlib.suppress(OSError):
                    part.unlink()
        log.warning("usage figures: %s was damaged (%s); set aside as %s, starting a new file",
                    self.path, error, aside.name)

    def _with_file(self, work: Callable[[sqlite3.Connection], object]) -> object:
        """Run `work` on the file; a damaged file is set aside once and `work` runs on a new one."""
        import sqlite3

        for attempt in (1, 2):
            try:
                return work(self._connect())
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                    raise
                if attempt == 2:
                    raise
                self._set_aside(exc)
        return None

    # -- writing -------------------------------------------------------------------------------

    def write(self, batch: dict[tuple[str, str, str], Counter[str]]) -> None:
        """Add `batch` ((day, page, lang) -> counts) in one transaction; prune days past retention."""
        rows = [(day, page, lang, *(counts.get(name, 0) for name in COUNTS))
                for (day, page, lang), counts in sorted(batch.items()) if any(counts.values())]
        today = self.today()
        prune = self._pruned_on != today

        def work(connection: sqlite3.Connection) -> None:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.executemany(_UPSERT, rows)
                if prune:
                    oldest = (today - timedelta(days=self.retention_days)).isoformat()
                    connection.execute("DELETE FROM usage WHERE day < ?", (oldest,))
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

        if rows or prune:
            self._with_file(work)
            self._pruned_on = today

    # -- reading -------------------------------------------------------------------------------

    def totals(self, days: int = 30, by_language: bool = False) -> list[PageFigures]:
        """Return each page's totals over the last `days` days (today included), most viewed first."""
        since = (self.today() - timedelta(days=days - 1)).isoformat()
        keys = "page, lang" if by_language else "page"
        sums = ", ".join(f"sum({name})" for name in COUNTS)
        query = (f"SELECT {keys}, {sums} FROM usage WHERE day >= ? GROUP BY {keys} "
                 f"ORDER BY sum(views) DESC, {keys}")

        def work(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
            return list(connection.execute(query, (since,)))

        if not self.path.exists():
            return []
        rows = self._with_file(work)
        assert isinstance(rows, list)
        figures: list[PageFigures] = []
        for row in rows:
            page, lang, values = (row[0], row[1], row[2:]) if by_language else (row[0], "", row[1:])
            figures.append(PageFigures(page, lang, *(int(v or 0) for v in values)))
        return figures

    def size(self) -> int:
        """Return the bytes the figures take on disk (the file and its WAL)."""
        return sum(Path(f"{self.path}{suffix}").stat().st_size
                   for suffix in ("", "-wal") if Path(f"{self.path}{suffix}").exists())


class UsageLog:
    """Counts kept in memory until `flush()`; the clock of the page being read.

    `record_view`, `record_listen` (the Listen button), `record_qr_show`, `record_helpful` are
    a dictionary increment each: safe on the tap path. Reading time: `page_shown` starts a
    page's clock, `page_left` stops it and counts the view in its bucket.
    """

    def __init__(self, store: UsageStore | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 today: Callable[[], date] = date.today):
        self.store = store if store is not None else UsageStore()
        self.clock = clock
        self.today = today
        self.pending: dict[tuple[str, str, str], Counter[str]] = {}
        self._reading: tuple[str, str, float] | None = None  # page, lang, since
        self.failed = False  # the last flush could not write (said once in the log)

    def _add(self, page: str, lang: str, name: str) -> None:
        key = (self.today().isoformat(), page, lang)
        counts = self.pending.get(key)
        if counts is None:
            counts = self.pending[key] = Counter()
        counts[name] += 1

    def record_view(self, page: str, lang: str) -> None:
        """Count a page shown to a patient."""
        self._add(page, lang, "views")

    def record_listen(self, page: str, lang: str) -> None:
        """Count a page read aloud (the Listen button)."""
        self._add(page, lang, "listens")

    def record_qr_show(self, page: str, lang: str) -> None:
        """Count a "Take this page home" code shown."""
        self._add(page, lang, "qr_shows")

    def record_helpful(self, page: str, lang: str, helpful: bool) -> None:
        """Count a Yes or No answer to "Was this page helpful?"."""
        self._add(page, lang, "helpful_yes" if helpful else "helpful_no")

    @property
    def reading_page(self) -> tuple[str, str] | None:
        """Return the (page, language) whose reading clock runs, or None."""
        return None if self._reading is None else self._reading[:2]

    def page_shown(self, page: str, lang: str) -> None:
        """A page is on screen: count the view and start its reading clock (ending the last one)."""
        self.page_left()
        self.record_view(page, lang)
        self._reading = (page, lang, self.clock())

    def page_left(self, idle_s: float = 0.0) -> None:
        """The page on screen went away; `idle_s` of its time nobody touched the screen."""
        if self._reading is None:
            return
        page, lang, since = self._reading
        self._reading = None
        self._add(page, lang, reading_bucket(max(0.0, self.clock() - since - idle_s)))

    def flush(self) -> bool:
        """Write the counts waiting in one transaction; returns False (logged once) if it cannot."""
        if not self.pending:
            return True
        batch, self.pending = self.pending, {}
        try:
            self.store.write(batch)
        except Exception as exc:  # a full or read-only disk: the figures are not worth a crash
            if not self.failed:
                log.warning("usage figures could not be written to %s: %s", self.store.path, exc)
            self.failed = True
            for key, counts in batch.items():  # kept for the next try (bounded by pages x days)
                self.pending.setdefault(key, Counter()).update(counts)
            return False
        self.failed = False
        return True
