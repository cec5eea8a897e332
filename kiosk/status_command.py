"""`kiosk status`: the kiosk's last heartbeat for staff (or its Prometheus text), and whether it is fresh."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kiosk import command_name
from kiosk.core.health import (
    METRICS_FILE,
    STATUS_FILE,
    STATUS_INTERVAL_S,
    metrics_dir,
    prometheus_text,
    read_health,
    state_dir,
    unix,
)

DESCRIPTION = f"""\
Print the running kiosk's status: version, content release, last successful update, uptime,
errors in the last hour and what the screen shows. The kiosk writes it every {STATUS_INTERVAL_S} s
into {STATUS_FILE} in its state folder (and {METRICS_FILE} for Prometheus beside it, in metrics/).
Exits 1 when there is no status or it is older than three heartbeats (the kiosk is not running
or is frozen)."""
STALE_AFTER_S = 3 * STATUS_INTERVAL_S


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `kiosk status`."""
    parser.add_argument("--state", type=Path, metavar="DIR",
                        help="the kiosk's state folder (default: the platform's, or $KIOSK_STATE_DIR)")
    parser.add_argument("--prometheus", action="store_true",
                        help="print the figures in Prometheus' text format instead")


def run(options: argparse.Namespace) -> int:
    """Print the status; 0 when it is fresh, 1 when missing or stale."""
    state = options.state or state_dir()
    try:
        health = read_health(state)
    except OSError:
        print(f"{command_name()} status: no status in {state} (the kiosk has not run here, or writes "
              "elsewhere: see --state)", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"{command_name()} status: {state / STATUS_FILE} cannot be read: {exc}", file=sys.stderr)
        return 1
    if options.prometheus:
        sys.stdout.write(prometheus_text(health))
    else:
        for line in health.lines():
            print(line)
        print(f"Prometheus file: {metrics_dir(state) / METRICS_FILE}")
    age = time.time() - unix(health.written)
    if age > STALE_AFTER_S:
        print(f"{command_name()} status: stale: no heartbeat for {int(age)} s (the kiosk is not running, "
              "or its event loop is frozen)", file=sys.stderr)
        return 1
    return 0
