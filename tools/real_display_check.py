"""Tries the kiosk's lockdown and staff exit on a real X display, with real key presses and clicks.

Needs an X server and xdotool. Without a screen, Xvfb gives one (Debian: xvfb xdotool):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/real_display_check.py

It starts the full-screen kiosk as `kiosk` does, presses the exit keys, taps the start screen,
taps the clinic's name five times, types a PIN on the pad, chooses Exit kiosk, and checks each
step and the exit code (0). Without a window manager Alt+F4 reaches the app as a key; with one,
it is a close request, which the tests cover.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from kiosk import app
from kiosk.arguments import parse_args
from kiosk.core.staff_pin import hash_pin
from kiosk.launch_options import resolve
from kiosk.logs import setup_logging

PIN = "2468"
results: list[tuple[str, bool]] = []


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True)


def click(widget) -> None:
    centre = widget.mapToGlobal(widget.rect().center())
    xdotool("mousemove", str(centre.x()), str(centre.y()), "click", "1")


def check(name: str, ok: bool) -> None:
    results.append((name, ok))
    print(f"{'PASS' if ok else 'FAIL'} {name}", flush=True)


def script(window) -> list:
    mode = window.kiosk_mode

    def exit_keys():
        check("full screen, on the start screen", window.isFullScreen() and mode.attract.isVisible())
        for keys in ("ctrl+q", "ctrl+w", "Escape", "F11", "alt+F4", "super"):
            xdotool("key", keys)

    def tap_start():
        check("exit keys did nothing (still full screen, still the start screen)",
              window.isVisible() and window.isFullScreen() and mode.attract.isVisible())
        xdotool("mousemove", "300", "300", "click", "1")

    def five_taps():
        check("a tap on the start screen shows the home screen",
              not mode.attract.isVisible() and window.session.location.is_home)
        click_point = window.clinic_label.mapToGlobal(window.clinic_label.rect().center())
        xdotool("mousemove", str(click_point.x()), str(click_point.y()),
                "click", "--repeat", "5", "--delay", "150", "1")

    def type_pin():
        check("five quick taps on the clinic's name open the PIN pad", mode.pin_pad.isVisible())
        for digit in PIN:
            click(mode.pin_pad.digit_buttons[digit])
        click(mode.pin_pad.enter_button)

    def exit_kiosk():
        check("the right PIN opens the staff menu", mode.staff_menu.isVisible())
        click(mode.staff_menu.buttons["staff_exit"])

    def too_late():
        check("Exit kiosk closed the kiosk", False)
        app.QApplication.exit(9)

    return [(2000, exit_keys), (3500, tap_start), (4500, five_taps), (6000, type_pin),
            (7500, exit_kiosk), (12000, too_late)]


def main() -> int:
    if not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
        print("needs an X display and xdotool (see the docstring)", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="kiosk-display-check-"))
    os.environ["KIOSK_LOG_DIR"] = str(folder / "logs")
    os.environ["KIOSK_CACHE_DIR"] = str(folder / "cache")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    config = folder / "kiosk.toml"
    config.write_text(f'staff_pin_hash = "{hash_pin(PIN)}"\n', encoding="utf-8")
    setup_logging()
    build = app.build_window

    def build_and_script(options):
        window = build(options)
        for delay, step in script(window):
            QTimer.singleShot(delay, step)
        return window

    app.build_window = build_and_script
    code = app.run(*resolve(parse_args(["--config", str(config)])))
    check("exit code 0 after Exit kiosk", code == 0)
    log = (folder / "logs" / "kiosk.log").read_text(encoding="utf-8")
    check("the log names each refused exit key",
          all(f"{k} ignored" in log for k in ("Ctrl+Q", "Ctrl+W", "Esc", "F11", "Alt+F4")))
    failed = [name for name, ok in results if not ok]
    print(f"real display check: {len(results) - len(failed)} of {len(results)} passed; "
          f"log: {folder / 'logs' / 'kiosk.log'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
