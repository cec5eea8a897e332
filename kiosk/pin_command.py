"""`kiosk hash-pin`: turn a staff PIN into the salted hash line for kiosk.toml (no Qt needed)."""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk import command_name
from kiosk.core.staff_pin import hash_pin, pin_problem

DESCRIPTION = ("Print the staff_pin_hash line for kiosk.toml. The PIN itself is never "
               "stored: only a salted scrypt hash of it.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `kiosk hash-pin` to `parser`."""
    parser.add_argument("--pin-stdin", action="store_true",
                        help="read the PIN from the first line of standard input (for scripts) "
                        "instead of asking twice without showing it")


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    try:
        first = getpass.getpass("New staff PIN (4 to 12 digits): ")
        second = getpass.getpass("The same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return None
    if first != second:
        print(f"{command_name()} hash-pin: error: the two PINs differ; nothing was printed",
              file=sys.stderr)
        return None
    return first.strip()


def run(options: argparse.Namespace) -> int:
    """Run `kiosk hash-pin`; returns the exit code (0 printed, 2 bad PIN or mismatch)."""
    pin = _read_pin(options.pin_stdin)
    if pin is None:
        return 2
    problem = pin_problem(pin)
    if problem:
        print(f"{command_name()} hash-pin: error: {problem}", file=sys.stderr)
        return 2
    print(f'staff_pin_hash = "{hash_pin(pin)}"')
    print("Paste this line into kiosk.toml (replacing any staff_pin_hash line) and restart "
          "the kiosk. Staff open the PIN pad with five quick taps on the clinic's name.",
          file=sys.stderr)
    return 0
