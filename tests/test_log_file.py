"""The log file staff read after weeks unattended: written, kept small, and never in the way."""

from __future__ import annotations

import logging

import pytest

from kiosk.logs import BACKUPS, MAX_BYTES, setup_logging


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_records_reach_the_log_file_and_old_logs_rotate_away(tmp_path, monkeypatch,
                                                              restore_logging):
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path))
    path = setup_logging()
    log = logging.getLogger("kiosk.test")
    log.info("first record")
    assert "INFO kiosk.test: first record" in path.read_text(encoding="utf-8")
    line = "x" * 1000
    for _ in range(MAX_BYTES * (BACKUPS + 2) // 1000):  # more than all the files together hold
        log.info(line)
    files = sorted(tmp_path.glob("kiosk.log*"))
    assert len(files) == BACKUPS + 1  # kiosk.log and its 5 backups, no more
    assert all(f.stat().st_size <= MAX_BYTES + 2000 for f in files)


def test_a_start_that_logs_nothing_leaves_no_file_open(tmp_path, monkeypatch, restore_logging):
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path))
    setup_logging()
    assert not (tmp_path / "kiosk.log").exists()  # opened on the first record, not before


def test_an_unwritable_log_file_is_said_once_and_the_kiosk_goes_on(tmp_path, monkeypatch,
                                                                    capsys, restore_logging):
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path))
    (tmp_path / "kiosk.log").mkdir()  # a folder where the file should be: it cannot be opened
    setup_logging()
    log = logging.getLogger("kiosk.test")
    log.warning("one")
    log.warning("two")
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 1
    assert "kiosk: WARNING: one" in err and "kiosk: WARNING: two" in err  # stderr still has them


def test_start_up_lines_wait_for_the_first_screen_and_a_warning_brings_them_in_order(
        tmp_path, monkeypatch, restore_logging):
    from kiosk.logs import hold_until_shown, release_held

    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path))
    path = setup_logging()
    hold_until_shown()
    log = logging.getLogger("kiosk.test")
    log.info("settings: bundled")
    assert not path.exists()  # nothing opened while the first screen is built
    log.warning("a problem")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["settings: bundled", "a problem"]
    log.info("after")
    assert path.read_text(encoding="utf-8").endswith("after\n")
    hold_until_shown()
    log.info("held again")
    release_held()
    assert path.read_text(encoding="utf-8").endswith("held again\n")


def test_held_lines_are_written_when_logging_closes(tmp_path, monkeypatch, restore_logging):
    from kiosk.logs import hold_until_shown

    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path))
    path = setup_logging()
    hold_until_shown()
    logging.getLogger("kiosk.test").info("said before a crash at start")
    logging.shutdown()
    assert "said before a crash at start" in path.read_text(encoding="utf-8")
