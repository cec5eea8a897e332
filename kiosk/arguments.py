"""The `kiosk` command line's grammar: its options and subcommands (argparse; imports nothing heavy)."""

from __future__ import annotations

import argparse
import importlib
import re
from pathlib import Path
from types import ModuleType

from kiosk import APP_NAME, __version__, command_name
from kiosk.core.display_settings import TEXT_SIZE_NAMES

USAGE = """\
kiosk [--windowed] [--watch] [--content DIR] [--config FILE]
       kiosk --screenshot FILE.png [--page ID] [--lang CODE] [--size WxH]
             [--text-size normal|large|largest] [--high-contrast]
             [--overlay start|still-there|pin-pad|staff-menu|usage|take-home]
       kiosk --self-test
       kiosk check [DIR] [--config FILE] [--grades]   (see kiosk check --help)
       kiosk hash-pin [--pin-stdin]                   (see kiosk hash-pin --help)
       kiosk export-site DIR [--content DIR] [--config FILE]
       kiosk stats [--days N] [--csv FILE]
       kiosk status | keys init | publish | update   (fleet: docs/fleet.md)"""

OVERLAYS = ("start", "still-there", "pin-pad", "staff-menu", "usage", "take-home")  # KioskMode.preview()

# Subcommands: name -> (module, one-line help). A module is imported only when its command runs
# (or shows its --help), so starting the kiosk never loads the checker.
SUBCOMMANDS = {
    "check": ("kiosk.checks.command",
              "check the patient pages (links, pictures, dates, sources, reading level)"),
    "hash-pin": ("kiosk.pin_command", "print the staff_pin_hash line for a new staff PIN"),
    "export-site": ("kiosk.export.command",
                    "write the pages as a static website for phones (Take this page home)"),
    "stats": ("kiosk.stats_command", "print or save the private usage figures (per page and day)"),
    # The fleet (docs/fleet.md): only these three import python-tuf and securesystemslib.
    "keys": ("kiosk.fleet.keys", "make or rotate the signing keys of a content repository"),
    "publish": ("kiosk.fleet.publish", "check, pack and sign content into a TUF repository"),
    "update": ("kiosk.fleet.update", "install the newest signed content release (or roll back)"),
    "status": ("kiosk.status_command", "print the running kiosk's health (or its Prometheus text)"),
}


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", value)
    if not match:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size like 1920x1080")
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 10000 and 240 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"'{value}' is outside 320x240 .. 10000x10000")
    return width, height


def build_parser(subcommand: str = "", commands: bool = True) -> argparse.ArgumentParser:
    """Return the parser of `kiosk`; `subcommand` ("check" ...) also gets its own options.

    Without `commands`, the subcommands are left out (the kiosk starting: a parser each cost
    about 5 ms at every start, for a command line that names none of them).
    """
    program = command_name()  # as installed: `acupuncture-kiosk` in the frozen app
    parser = argparse.ArgumentParser(
        prog=program, usage=USAGE.replace("kiosk ", f"{program} "),
        description=f"{APP_NAME}: patient-information pages on a clinic touchscreen.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--windowed", action="store_true",
                        help="run in a window (laptop demo) instead of full screen")
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="content folder holding en/, es/ ... (default: the site folder's "
                        "pages, else the bundled ones)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file (TOML); default: $KIOSK_CONFIG, else the site "
                        "folder's kiosk.toml, else the bundled one")
    parser.add_argument("--watch", action="store_true",
                        help="preview for authors: show page edits as soon as a file is saved")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="render a screen offscreen into FILE.png and exit")
    parser.add_argument("--page", default="", metavar="ID",
                        help="the page to show first, e.g. back-pain/muscle-strain (or :body-map)")
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
                        "screen, the idle question, the staff PIN pad, the staff menu, its Usage "
                        "screen, or the page's Take this page home code")
    parser.add_argument("--self-test", action="store_true",
                        help="open every page of every language offscreen, report, and exit")
    parser.add_argument("--verbose", action="store_true", help="log more to stderr")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for name, (module_name, summary) in SUBCOMMANDS.items():
        command = subparsers.add_parser(name, prog=f"{command_name()} {name}", help=summary,
                                      description=summary)
        if name == subcommand:  # its options come with its module: imported only now
            module = _command_module(module_name)
            command.description = getattr(module, "DESCRIPTION", summary)
            if "\n" in command.description:  # laid out by hand
                command.formatter_class = argparse.RawDescriptionHelpFormatter
            module.add_arguments(command)
            command.set_defaults(run_command=module.run)
    return parser


def _command_module(name: str) -> ModuleType:
    """Import a subcommand's module (it has add_arguments(parser) and run(options))."""
    return importlib.import_module(name)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the kiosk's options (argv without the program name)."""
    argv = list(argv or [])
    subcommand = next((word for word in argv if not word.startswith("-")), "")
    # The subcommands are there for a command line that may name one: a word first (a typo gets
    # "invalid choice", with the list), a command's name anywhere, or a request for help.
    commands = (bool(argv) and not argv[0].startswith("-")) or any(
        word in SUBCOMMANDS or word in ("-h", "--help") for word in argv)
    return build_parser(subcommand if subcommand in SUBCOMMANDS else "", commands).parse_args(argv)
