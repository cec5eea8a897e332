"""Logging for an unattended machine: a rotating file in the platform's log folder, and stderr."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kiosk.core.resources import user_folder

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


def log_dir() -> Path:
    """Return the folder for log files (KIOSK_LOG_DIR overrides the platform's log folder)."""
    return user_folder("log", "KIOSK_LOG_DIR")


class LogFile(logging.Handler):
    """The rotating log file (1 MB x 5), opened when the first record arrives.

    A normal start logs nothing before its first screen, and opening the file means importing
    logging.handlers (with sockets, pickle and queues): about 5 ms a patient would wait for.
    If the file cannot be opened, one warning goes to stderr and the kiosk runs on without it.
    """

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        """Write `record` to the file, opening it first if needed."""
        if self._file is None and not self._failed:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
            except OSError as exc:
                self._failed = True
                if sys.stderr is not None:
                    print(f"kiosk: warning: cannot write the log file {self.path} ({exc}); "
                          "logging to stderr only", file=sys.stderr)
                return
            self._file.setFormatter(self.formatter)
        if self._file is not None:
            self._file.emit(record)

    def close(self) -> None:
        """Close the file, if it was opened."""
        if self._file is not None:
            self._file.close()
        super().close()


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
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        logging.getLogger(__name__).warning(
            "cannot write a log file (%s); logging to stderr only", exc)
        return None
    path = folder / "kiosk.log"
    file_handler = LogFile(path)
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(file_handler)
    return path
