"""The kiosk as `kiosk` runs it (in a child process): start screen first, and its exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import HERE

HARNESS = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from kiosk import app
    from kiosk.arguments import parse_args
    from kiosk.launch_options import resolve
    from kiosk.logs import setup_logging

    setup_logging()
    built = app.build_window

    def build(launch, library):
        window = built(launch, library)
        QTimer.singleShot(300, lambda: act(window))
        return window

    def boom():
        raise RuntimeError("a bug in a slot")

    def act(window):
        {action}

    app.build_window = build
    sys.exit(app.run(*resolve(parse_args(sys.argv[1:]))))
""")


def run_kiosk(tmp_path: Path, action: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIOSK_LOG_DIR": str(tmp_path / "logs"),
           "QT_QPA_PLATFORM": f"offscreen:configfile={HERE / 'screen-1920x1080.json'}"}
    script = HARNESS.format(action=action)
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_full_screen_starts_on_the_start_screen_and_staff_exit_returns_0(tmp_path, sample_content):
    action = ("print('attract', window.kiosk_mode.attract.isVisible(), window.isFullScreen(), "
              "flush=True); window.close(); print('after close', window.isVisible(), flush=True); "
              "window.kiosk_mode.exit_kiosk()")
    result = run_kiosk(tmp_path, action, "--content", str(sample_content))
    assert result.returncode == 0, result.stderr[-800:]
    assert "attract True True" in result.stdout
    assert "after close True" in result.stdout  # a plain close is refused in full screen
    assert "Traceback" not in result.stderr


def test_windowed_demo_starts_on_the_home_screen(tmp_path, sample_content):
    action = ("print('attract', window.kiosk_mode.attract.isVisible(), flush=True); "
              "window.close()")
    result = run_kiosk(tmp_path, action, "--windowed", "--content", str(sample_content))
    assert result.returncode == 0, result.stderr[-800:]
    assert "attract False" in result.stdout


def test_repeated_errors_exit_with_70_for_the_supervisor(tmp_path, sample_content):
    action = "timer = QTimer(window); timer.timeout.connect(boom); timer.start(5)"
    result = run_kiosk(tmp_path, action, "--content", str(sample_content))
    assert result.returncode == 70, result.stderr[-800:]
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("unexpected error; the kiosk goes back to the home screen") >= 4
    assert "exiting with code 70" in log
    assert "RuntimeError: a bug in a slot" in log  # the traceback is in the log file
    assert (tmp_path / "logs" / "faults.log").exists()


def test_screenshots_of_the_kiosk_mode_screens(tmp_path):
    from PySide6.QtGui import QColor, QImage

    from kiosk.core.themes import theme

    corners, middles = {}, {}
    for overlay in ("", "start", "still-there", "pin-pad", "staff-menu"):
        out = tmp_path / f"{overlay or 'home'}.png"
        args = ["--screenshot", str(out), "--size", "1366x768"]
        result = subprocess.run([sys.executable, "-m", "kiosk", *args,
                                 *(["--overlay", overlay] if overlay else [])],
                                capture_output=True, text=True, timeout=120, check=False,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == 0, result.stderr
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1366, 768)
        corners[overlay] = QColor(image.pixel(20, 20)).name()  # the header's corner
        middles[overlay] = QColor(image.pixel(683, 150)).name()  # above the start screen's text
    chrome = theme("default")["chrome_bg"].lower()
    assert middles["start"] == chrome != middles[""]  # the start screen covers the home screen
    # The idle question, PIN pad and staff menu dim everything around them, the header too.
    assert corners[""] != corners["still-there"] == corners["pin-pad"] == corners["staff-menu"]


def test_the_start_up_lines_reach_the_log_file_once_the_first_screen_is_up(tmp_path,
                                                                          sample_content):
    log_file = tmp_path / "logs" / "kiosk.log"
    script = HARNESS.replace("\nsetup_logging()\n", "\nsetup_logging()\nhold_until_shown()\n")
    script = script.replace("from kiosk.logs import setup_logging",
                            "from kiosk.logs import hold_until_shown, setup_logging").format(
        action=f"print('before', __import__('os').path.exists({str(log_file)!r}), flush=True); "
               "QTimer.singleShot(600, window.kiosk_mode.exit_kiosk)")
    env = {**os.environ, "KIOSK_LOG_DIR": str(tmp_path / "logs"),
           "QT_QPA_PLATFORM": f"offscreen:configfile={HERE / 'screen-1920x1080.json'}"}
    result = subprocess.run([sys.executable, "-c", script, "--content", str(sample_content)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-800:]
    assert "before False" in result.stdout  # 0.3 s after the window: the file not yet opened
    text = log_file.read_text(encoding="utf-8")
    assert "INFO kiosk.launch_options: settings: " in text and "pages: " in text
