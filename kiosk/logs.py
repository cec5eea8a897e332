"""Logging for an unattended machine: a rotating file in the platform's log folder, and stderr."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs

from kiosk import APP_ID

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    """Return the folder for log files (KIOSK_LOG_DIR overrides the platform's log folder)."""
    override = os.environ.get("KIOSK_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def setup_logging(verbose: bool = False) -> Path | None:
    """Log to a rotating file (1 MB x 5) and warnings to stderr; returns the log file path."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.INFO if verbose else logging.WARNING)
        console.setFormatter(logging.Formatter("kiosk: %(levelname)s: %(message)s"))
        root.addHandler(console)
    path = None
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "kiosk.log"
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(file_handler)
    except OSError as exc:
        logging.getLogger(__name__).warning(
            "cannot write a log file (%s); logging to stderr only", exc)
        path = None
    return path
