"""Logging for an unattended machine: a rotating file in the platform's log folder, and stderr."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.core.resources import user_folder

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5
MAX_HELD = 500  # records held during start-up; a flood beyond that is written at once


def log_dir() -> Path:
    """Return the folder for log files (KIOSK_LOG_DIR overrides the platform's log folder)."""
    return user_folder("log", "KIOSK_LOG_DIR")


class LogFile(logging.FileHandler):
    """The rotating log file (1 MB x 5), opened when the first record has to be written.

    While the kiosk starts (hold_back()), records below WARNING wait in memory and are written
    after its first screen (write_held()), at the first warning, or when logging closes; nothing
    is lost and the order is kept. The file rotates as logging.handlers.RotatingFileHandler
    does (kiosk.log, then kiosk.log.1 ... .5), on the FileHandler logging already has: that
    module would import sockets, pickle and queues for handlers the kiosk never uses (12 ms on
    every start). If the file cannot be written, one warning goes to stderr and the kiosk runs
    on without it.
    """

    def __init__(self, path: Path):
        super().__init__(path, encoding="utf-8", delay=True)
        self.path = path
        self._failed = False
        self._held: list[logging.LogRecord] | None = None

    def hold_back(self) -> None:
        """Keep records below WARNING in memory until write_held() (at most MAX_HELD of them)."""
        if self._held is None:
            self._held = []

    def write_held(self) -> None:
        """Write the records held so far and write each new one as it comes."""
        held, self._held = self._held, None
        for record in held or ():
            self._write(record)

    def emit(self, record: logging.LogRecord) -> None:
        """Write `record` to the file (opening it first if needed), or hold it for later."""
        if self._held is not None:
            if record.levelno < logging.WARNING and len(self._held) < MAX_HELD:
                self._held.append(record)
                return
            self.write_held()
        self._write(record)

    def _write(self, record: logging.LogRecord) -> None:
        if self._failed:
            return
        try:
            line = self.format(record) + self.terminator
            if self.stream is None:
                self.stream = self._open()
                self.stream.seek(0, 2)  # (append: at the end, whatever the platform)
            if self.stream.tell() and self.stream.tell() + len(line.encode("utf-8")) > MAX_BYTES:
                self._rotate()
            self.stream.write(line)
            self.stream.flush()
        except OSError as exc:
            self._failed = True
            if sys.stderr is not None:
                print(f"kiosk: warning: cannot write the log file {self.path} ({exc}); "
                      "logging to stderr only", file=sys.stderr)

    def _rotate(self) -> None:
        """kiosk.log becomes kiosk.log.1, .1 becomes .2 ... and the oldest goes."""
        if self.stream is not None:
            self.stream.close()
        for number in range(BACKUPS - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{number + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))
        self.stream = self._open()

    def close(self) -> None:
        """Write what is held, then close the file, if it was opened."""
        self.write_held()
        super().close()


def _log_files() -> list[LogFile]:
    return [h for h in logging.getLogger().handlers if isinstance(h, LogFile)]


def hold_until_shown() -> None:
    """Keep the log file shut while the kiosk builds its first screen (see LogFile)."""
    for handler in _log_files():
        handler.hold_back()


def release_held() -> None:
    """Write the records held while the kiosk started, and every later one as it comes."""
    for handler in _log_files():
        handler.write_held()


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
