"""The kiosk starts with what it can: missing content, a broken config, a missing font."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from kiosk.app import create_window
from kiosk.cli import main
from kiosk.core.config import load_config
from kiosk.core.staff_pin import verify_pin
from kiosk.ui import fonts


def test_missing_content_shows_please_ask_the_staff(qtbot, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    window = create_window(["--content", str(tmp_path / "nowhere"), "--size", "1366x768"])
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.home_screen
    assert window.home_screen.welcome.text().startswith("Please ask the staff")
    assert window.home_screen.tiles == []
    window.session.open("anything")  # a page that is not there: the calm page, not an error
    assert "Please ask the staff" in window.page_screen.view.toPlainText()


def test_broken_config_still_starts_with_the_defaults(qtbot, tmp_path, sample_content):
    config = tmp_path / "kiosk.toml"
    config.write_bytes(b"clinic_name = \"unterminated\nidle_timeout_s = \xff\n")
    window = create_window(["--content", str(sample_content), "--config", str(config)])
    qtbot.addWidget(window)
    window.show()
    assert window.session.config.idle_timeout_s == 120
    assert window.home_screen.tiles
    assert load_config(config).problems


def test_missing_font_falls_back_and_logs(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(fonts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    monkeypatch.setattr(fonts, "_loaded", set())
    caplog.set_level(logging.ERROR)
    assert fonts.load_fonts() is False
    assert "cannot load font" in caplog.text


def test_hash_pin_from_stdin_prints_a_line_the_config_accepts(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys, "stdin", _Lines("13579\n"))
    assert main(["hash-pin", "--pin-stdin"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith('staff_pin_hash = "scrypt$16384$8$1$')
    (tmp_path / "kiosk.toml").write_text(line + "\n", encoding="utf-8")
    loaded = load_config(tmp_path / "kiosk.toml")
    assert loaded.problems == ()
    assert verify_pin("13579", loaded.config.staff_pin_hash)
    assert "13579" not in line


@pytest.mark.parametrize(("answers", "code"), [(["2468", "2468"], 0), (["2468", "2469"], 2),
                                               (["12", "12"], 2)])
def test_hash_pin_asks_twice_without_echo(monkeypatch, capsys, answers, code):
    replies = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))
    assert main(["hash-pin"]) == code
    out, err = capsys.readouterr()
    assert ("staff_pin_hash" in out) is (code == 0)
    assert (code == 0) or "error" in err


def test_hash_pin_does_not_load_qt():
    script = ("import sys, io; sys.stdin = io.StringIO('2468\\n'); from kiosk.cli import main; "
              "code = main(['hash-pin', '--pin-stdin']); "
              "sys.exit(code or ('PySide6' in sys.modules and 9))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("staff_pin_hash = ")


class _Lines:
    def __init__(self, text: str):
        self._text = text

    def readline(self) -> str:
        return self._text



def _unblock(fifo) -> None:
    """Let a reader waiting on `fifo` go (a writer opens it and closes it: end of file)."""
    import contextlib
    import os

    with contextlib.suppress(OSError):  # (nobody is waiting)
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_a_settings_path_that_is_a_named_pipe_is_refused_at_once(tmp_path):
    import os
    import threading

    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    found = []
    reader = threading.Thread(target=lambda: found.append(load_config(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    hung = reader.is_alive()
    _unblock(fifo)  # (today's main waits for a writer forever)
    reader.join(timeout=5)
    assert not hung, "reading the settings waited on a named pipe"
    (problem,) = found[0].problems
    assert str(problem) == (f"{fifo}: error: config file is a named pipe, not a file; "
                            "using the built-in settings")
    assert found[0].config.idle_timeout_s == 120


@pytest.mark.parametrize("kind", ["folder", "huge"])
def test_a_settings_path_that_is_a_folder_or_huge_is_refused_in_one_line(tmp_path, kind):
    path = tmp_path / "kiosk.toml"
    if kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"# " + b"x" * 2_000_000 + b"\n")
    (problem,) = load_config(path).problems
    said = {"folder": "is a folder, not a file", "huge": "is far too large (2.0 MB"}[kind]
    assert str(problem).startswith(f"{path}: error: config file {said}")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_the_kiosk_starts_with_the_defaults_when_the_settings_are_a_pipe(tmp_path, sample_content):
    import os

    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(tmp_path / "log")}
    command = [sys.executable, "-m", "kiosk", "--screenshot", str(tmp_path / "shot.png"),
               "--config", str(fifo), "--content", str(sample_content)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env,
                              check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("the kiosk hung on a settings file that is a named pipe")
    finally:
        _unblock(fifo)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "kiosk.toml" in line]
    assert said == [f"kiosk: WARNING: {fifo}: error: config file is a named pipe, not a file; "
                    "using the built-in settings"]
