"""The `kiosk` entry point: options checked before Qt starts, then a subcommand, the kiosk or a screenshot."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk import startup_gc
from kiosk.arguments import parse_args

if TYPE_CHECKING:
    from kiosk.core.content import ContentLibrary
    from kiosk.launch_options import LaunchOptions


def main(argv: list[str] | None = None) -> int:
    """Entry point of `kiosk` and `python -m kiosk`; returns the process exit code."""
    options = parse_args(sys.argv[1:] if argv is None else argv)
    run_command: Callable[[argparse.Namespace], int] | None = getattr(options, "run_command", None)
    if run_command is not None:  # check, hash-pin: no Qt, no display, no log file
        return run_command(options)
    startup_gc.pause()  # resumed by the app once its first screen is up
    if options.screenshot or options.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.logs import hold_until_shown, setup_logging

    setup_logging(options.verbose)
    hold_until_shown()  # the log file opens after the first screen (app.start releases it)
    launch = _resolve(options)
    if launch is None:
        return 2
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
    return app.start(*launch)


def _resolve(options: argparse.Namespace) -> tuple[LaunchOptions, ContentLibrary] | None:
    """Return the launch options and content, or None after saying in one line what is wrong."""
    from kiosk.launch_options import LaunchError, resolve

    try:
        return resolve(options)
    except LaunchError as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return None
