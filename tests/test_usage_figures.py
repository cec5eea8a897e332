"""Private usage figures: counts per day, page and language in SQLite; damaged files; kiosk stats."""

from __future__ import annotations

import csv
import logging
import sqlite3
from collections import Counter
from datetime import date, timedelta

import pytest

from kiosk.cli import main
from kiosk.core.config import load_config
from kiosk.core.usage import COUNTS, UsageLog, UsageStore, default_path, reading_bucket, shown_count

TODAY = date(2026, 12, 2)


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _log(tmp_path, today=TODAY, retention=400) -> tuple[UsageLog, Clock]:
    clock = Clock()
    store = UsageStore(tmp_path / "usage.sqlite3", retention_days=retention, today=lambda: today)
    return UsageLog(store, clock=clock, today=lambda: today), clock


def test_views_answers_codes_and_listens_add_up_across_batches(tmp_path):
    log, clock = _log(tmp_path)
    log.page_shown("back-pain", "en")
    clock.now += 45  # 45 s reading: the middle bucket
    log.page_shown("back-pain/muscle-strain", "en")
    log.record_helpful("back-pain/muscle-strain", "en", True)
    log.record_qr_show("back-pain/muscle-strain", "en")
    log.record_listen("back-pain/muscle-strain", "en")
    clock.now += 10
    log.page_left()
    assert not (tmp_path / "usage.sqlite3").exists()  # nothing written until a flush
    assert log.flush()
    log.page_shown("back-pain/muscle-strain", "es")
    clock.now += 500
    log.page_left()
    log.record_helpful("back-pain/muscle-strain", "es", False)
    assert log.flush()
    totals = {f.page: f for f in log.store.totals(30)}
    strain = totals["back-pain/muscle-strain"]
    assert (strain.views, strain.helpful_yes, strain.helpful_no, strain.qr_shows, strain.listens) == (
        2, 1, 1, 1, 1)
    assert (strain.read_short, strain.read_medium, strain.read_long) == (1, 0, 1)
    assert totals["back-pain"].read_medium == 1
    by_language = {(f.page, f.lang): f.views for f in log.store.totals(30, by_language=True)}
    assert by_language[("back-pain/muscle-strain", "es")] == 1


def test_the_file_holds_only_days_pages_languages_and_counts(tmp_path):
    log, _ = _log(tmp_path)
    log.page_shown("safety", "en")
    log.flush()
    connection = sqlite3.connect(tmp_path / "usage.sqlite3")
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    columns = [row[1] for row in connection.execute("PRAGMA table_info(usage)")]
    rows = list(connection.execute("SELECT day, page, lang FROM usage"))
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    assert tables == ["usage"]
    assert columns == ["day", "page", "lang", *COUNTS]  # no time of day, no session, no text
    assert rows == [("2026-12-02", "safety", "en")]
    assert mode == "wal"


def test_days_past_the_retention_are_deleted(tmp_path):
    old, _ = _log(tmp_path, today=TODAY - timedelta(days=20))
    old.record_view("safety", "en")
    old.flush()
    old.store.close()
    new, _ = _log(tmp_path, retention=10)
    new.record_view("get-help-now", "en")
    new.flush()
    pages = [f.page for f in new.store.totals(400)]
    assert pages == ["get-help-now"]


def test_a_damaged_file_is_set_aside_with_one_log_line_and_a_new_one_started(tmp_path, caplog):
    log, _ = _log(tmp_path)
    log.record_view("safety", "en")
    log.flush()
    log.store.close()
    path = tmp_path / "usage.sqlite3"
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"usage.sqlite3{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database, a power cut wrote over it" * 200)
    log.record_view("get-help-now", "en")
    with caplog.at_level(logging.WARNING, logger="kiosk.core.usage"):
        assert log.flush()
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.core.usage"]
    assert len(lines) == 1 and "damaged" in lines[0] and "set aside" in lines[0]
    aside = list(tmp_path.glob("usage.sqlite3.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert [f.page for f in log.store.totals(30)] == ["get-help-now"]  # the new file, with the batch


def test_a_file_that_cannot_be_written_keeps_the_counts_for_the_next_try(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = UsageStore(blocker / "usage.sqlite3", today=lambda: TODAY)
    log = UsageLog(store, today=lambda: TODAY)
    log.record_view("safety", "en")
    with caplog.at_level(logging.WARNING):
        assert not log.flush()
        assert not log.flush()
    assert len([r for r in caplog.records if "could not be written" in r.getMessage()]) == 1
    assert log.pending[("2026-12-02", "safety", "en")] == Counter(views=1)


def test_reading_time_buckets_and_small_counts():
    assert [reading_bucket(s) for s in (0, 29.9, 30, 120, 121)] == [
        "read_short", "read_short", "read_medium", "read_medium", "read_long"]
    assert [shown_count(n) for n in (0, 1, 4, 5, 12)] == ["0", "fewer than 5", "fewer than 5", "5",
                                                          "12"]


def test_the_figures_live_in_the_data_folder(private_data_dir):
    assert default_path() == private_data_dir / "usage.sqlite3"


def _filled_store(path) -> None:
    log = UsageLog(UsageStore(path))
    for _ in range(7):
        log.record_view("back-pain", "en")
    for _ in range(2):
        log.record_view("back-pain", "es")
    log.record_view("safety", "en")
    for _ in range(6):
        log.record_helpful("back-pain", "en", True)
    assert log.flush()
    log.store.close()


def test_kiosk_stats_prints_pages_with_small_counts_hidden(tmp_path, capsys):
    path = tmp_path / "usage.sqlite3"
    _filled_store(path)
    assert main(["stats", "--file", str(path), "--days", "7"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["page", "opened", "listened"]
    back = next(line.split() for line in out if line.startswith("back-pain"))
    safety = next(line.split() for line in out if line.startswith("safety"))
    assert back[1] == "9" and back[4] == "6"  # opened 9 times (en + es), helpful 6
    assert safety[1] == "<5"
    assert "1" not in safety  # no count under 5 is ever printed
    assert out[-1].startswith("2 pages, last 7 days")


def test_kiosk_stats_csv_has_a_row_per_page_and_language(tmp_path, capsys):
    path = tmp_path / "usage.sqlite3"
    _filled_store(path)
    out = tmp_path / "usage.csv"
    assert main(["stats", "--file", str(path), "--csv", str(out)]) == 0
    assert "wrote 3 rows" in capsys.readouterr().out
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert {(r["page"], r["language"], r["views"]) for r in rows} == {
        ("back-pain", "en", "7"), ("back-pain", "es", "<5"), ("safety", "en", "<5")}


def test_kiosk_stats_without_figures_and_with_bad_days(tmp_path, capsys):
    assert main(["stats", "--file", str(tmp_path / "none.sqlite3")]) == 0
    assert "no usage figures" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["stats", "--days", "0"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(("value", "says"), [
    ("clinic.example/{page}", "https://"),
    ("https://clinic.example/kiosk/index.html", "{page}"),
    ("https://clinic.example/{lang}/{page}.html?x={name}", "only contain {lang} and {page}"),
    ("https://clinic example/{page}", "https://"),
])
def test_a_bad_take_home_url_is_reported_at_its_line(tmp_path, value, says):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'clinic_name = "A"\n\ntake_home_url = "{value}"\n', encoding="utf-8")
    loaded = load_config(path)
    assert loaded.config.take_home_url == ""
    [problem] = loaded.problems
    assert problem.line == 3 and problem.severity == "error" and says in problem.message
    assert str(problem).startswith(f"{path}:3: error: 'take_home_url'")


def test_a_good_take_home_url_and_retention_are_kept(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('take_home_url = "https://clinic.example/kiosk/{lang}/{page}.html"\n'
                    "usage_retention_days = 90\n", encoding="utf-8")
    loaded = load_config(path)
    assert loaded.problems == ()
    assert loaded.config.take_home_url.endswith("{lang}/{page}.html")
    assert loaded.config.usage_retention_days == 90
