"""The `kiosk` command line: parses arguments, starts the kiosk, a screenshot or the self-test."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from kiosk import APP_NAME, __version__, startup_gc
from kiosk.core.display_settings import TEXT_SIZE_NAMES

USAGE = """\
kiosk [--windowed] [--watch] [--content DIR] [--config FILE]
       kiosk --screenshot FILE.png [--page ID] [--lang CODE] [--size WxH]
             [--text-size normal|large|largest] [--high-contrast]
             [--overlay start|still-there|pin-pad|staff-menu]
       kiosk --self-test
       kiosk hash-pin [--pin-stdin]
       kiosk check [DIR] [--config FILE] [--grades]   (check the pages; see kiosk check --help)"""


OVERLAYS = ("start", "still-there", "pin-pad", "staff-menu")  # KioskMode.preview()


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", value)
    if not match:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size like 1920x1080")
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 10000 and 240 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"'{value}' is outside 320x240 .. 10000x10000")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for the kiosk's own options (shared by main() and create_window())."""
    parser = argparse.ArgumentParser(
        prog="kiosk", usage=USAGE,
        description=f"{APP_NAME}: patient-information pages on a clinic touchscreen.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--windowed", action="store_true",
                        help="run in a window (laptop demo) instead of full screen")
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="content folder holding en/, es/ ... (default: the bundled pages)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file (TOML); default: the bundled kiosk.toml")
    parser.add_argument("--watch", action="store_true",
                        help="preview for authors: show page edits as soon as a file is saved")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="render a screen offscreen into FILE.png and exit")
    parser.add_argument("--page", default="", metavar="ID",
                        help="with --screenshot: the page to show, e.g. back-pain/muscle-strain")
    parser.add_argument("--lang", default="", metavar="CODE",
                        help="language to show (default: the configured one)")
    parser.add_argument("--size", type=_size, metavar="WxH",
                        help="window size, e.g. 1920x1080 (default: the screen, or 1920x1080 "
                        "for --screenshot)")
    parser.add_argument("--text-size", choices=TEXT_SIZE_NAMES, default="normal",
                        help="start with this text size (the Text size button; for screenshots "
                        "and demos: the next patient gets normal text again)")
    parser.add_argument("--high-contrast", action="store_true",
                        help="start in the high-contrast colours (the High contrast button)")
    parser.add_argument("--overlay", choices=OVERLAYS, default="",
                        help="with --screenshot: show a kiosk-mode screen over the page: the start "
                        "screen, the idle question, the staff PIN pad or the staff menu")
    parser.add_argument("--self-test", action="store_true",
                        help="open every page of every language offscreen, report, and exit")
    parser.add_argument("--verbose", action="store_true", help="log more to stderr")
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the kiosk's options (argv without the program name)."""
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of `kiosk` and `python -m kiosk`; returns the process exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["hash-pin"]:  # a subcommand with its own options; never imports Qt
        from kiosk.pin_command import main as hash_pin_main

        return hash_pin_main(argv[1:])
    if argv[:1] == ["check"]:  # the content checker: no Qt, no display, no log file
        from kiosk.check_command import main as check_main

        return check_main(argv[1:])
    options = parse_args(argv)
    startup_gc.pause()  # resumed by the app once its first screen is up
    if options.screenshot or options.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.logs import setup_logging

    setup_logging(options.verbose)
    from kiosk import system_check

    problem = system_check.display_problem()
    if problem:
        print(f"kiosk: error: {problem}", file=sys.stderr)
        return 3
    try:
        from kiosk import app
    except ImportError as exc:  # Qt, or a system library Qt needs, is missing
        problem = system_check.import_problem(exc)
        if problem is None:
            raise
        print(f"kiosk: error: {problem}", file=sys.stderr)
        return 3

    if options.self_test:
        return app.self_test(options)
    if options.screenshot:
        return app.screenshot(options)
    return app.run(options)
