"""The `kiosk check [DIR]` command for clinic staff: prints each content problem, then a summary (Qt-free)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from kiosk.checks.content_check import check_content
from kiosk.checks.report import CheckReport
from kiosk.core.config import load_config
from kiosk.core.site_folders import content_dir

DESCRIPTION = """\
Check the patient pages before the kiosk shows them. Prints one line per problem as
FILE:LINE: error|warning: message, then a summary. Exits with 1 when there is an error
(fix those), 0 otherwise (warnings are worth a look)."""


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-01-31") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `kiosk check` to `parser` (its own, or the `check` sub-command's).

    They set `content` (DIR), `config`, `lang`, `today`, `grades` and `verbose`, which `run` reads.
    """
    parser.add_argument("content", nargs="?", type=Path, metavar="DIR",
                        help="content folder holding en/, es/ ... (default: the site folder's "
                        "pages, else the bundled ones)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file (TOML) with reading_grade_max; default: $KIOSK_CONFIG, "
                        "else the site folder's, else the bundled one")
    parser.add_argument("--lang", action="append", metavar="CODE",
                        help="check only this language (may be given more than once)")
    parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                        help="check review dates as if today were this date (to see what falls due)")
    parser.add_argument("--grades", action="store_true",
                        help="also list every page with its word count and reading grade")
    parser.add_argument("--verbose", action="store_true", help="log details to stderr")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of `kiosk check` on its own."""
    parser = argparse.ArgumentParser(prog="kiosk check", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    return parser


def _out(line: str) -> None:
    stream = sys.stdout
    if stream is None:  # a windowed build has no console; the exit code still tells
        return
    try:
        stream.write(line + "\n")
    except UnicodeEncodeError:
        stream.write(line.encode("ascii", "replace").decode("ascii") + "\n")


def format_grades(report: CheckReport) -> list[str]:
    """Return one line per page: language, page id, words, reading grade."""
    lines: list[str] = []
    for reading in report.readings:
        grade = "-" if reading.grade is None else f"{reading.grade:.1f}"
        lines.append(f"{reading.lang}  {reading.page_id:<42} {reading.words:>5} words  grade {grade}")
    return lines


def _check_and_print(options: argparse.Namespace) -> int:
    """Check the content the options name, print the report, and return the exit code."""
    loaded = load_config(options.config)
    config_problems = list(loaded.problems) if options.config is not None else []
    root = content_dir(options.content).path  # the site's pages, else the bundled ones
    languages = set(options.lang) if options.lang else None
    report = check_content(root, loaded.config, options.today, languages)
    report.problems[:0] = config_problems
    for problem in report.problems:
        _out(str(problem))
    if options.grades:
        for line in format_grades(report):
            _out(line)
    _out(report.summary)
    return 1 if report.errors else 0


def run(options: argparse.Namespace) -> int:
    """Run `kiosk check` with options parsed by a parser `add_arguments` set up; return the exit code.

    Logging goes to stderr with --verbose and is off otherwise; a reader that stops early (`| head`)
    ends the check quietly; any failure left is one line of output, never a traceback.
    """
    if options.verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    else:
        logging.disable(logging.CRITICAL)  # problems are printed as lines, never as tracebacks
    try:
        return _check_and_print(options)
    except BrokenPipeError:  # `kiosk check | head`: the reader has gone; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # last resort: a message and a failing exit code, not a traceback
        _out(f"kiosk check: error: the check stopped unexpectedly ({type(exc).__name__}: {exc})")
        return 1
    finally:
        logging.disable(logging.NOTSET)


def main(argv: list[str]) -> int:
    """Entry point of `kiosk check ...` (argv without 'check'); returns the exit code."""
    return run(build_parser().parse_args(argv))
