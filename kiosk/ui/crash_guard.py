"""Crash resilience: log any unexpected error, go back home, exit non-zero if errors keep coming."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.failure_budget import EXIT_CODE_FAILING, FailureBudget

log = logging.getLogger(__name__)
_fault_file = None  # kept open for the life of the process: faulthandler writes to it on a crash


def enable_faulthandler(folder: Path) -> Path | None:
    """Write Python tracebacks of hard crashes (segfaults, aborts) to `folder`/faults.log."""
    global _fault_file
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "faults.log"
        _fault_file = path.open("a", encoding="utf-8")
    except OSError as exc:
        log.warning("cannot open the crash log in %s (%s); crashes go to stderr", folder, exc)
        if sys.stderr is not None:
            faulthandler.enable()
        return None
    faulthandler.enable(file=_fault_file, all_threads=True)
    return path


class CrashGuard:
    """The excepthook of a kiosk: never a traceback on screen, always a line in the log."""

    def __init__(self, recover: Callable[[], None], budget: FailureBudget | None = None,
                 exit_app: Callable[[int], None] | None = None):
        self.recover = recover
        self.budget = budget or FailureBudget()
        self.exit_app = exit_app or QApplication.exit
        self.exit_code: int | None = None
        self._previous: Callable[..., object] | None = None  # the hooks before install()
        self._previous_thread: Callable[..., object] | None = None

    def install(self) -> None:
        """Become sys.excepthook (Qt slots report through it) and threading.excepthook."""
        self._previous, sys.excepthook = sys.excepthook, self.handle
        self._previous_thread, threading.excepthook = threading.excepthook, self._handle_thread

    def uninstall(self) -> None:
        """Put the previous hooks back."""
        if self._previous is not None and self._previous_thread is not None:
            sys.excepthook = self._previous
            threading.excepthook = self._previous_thread
            self._previous = self._previous_thread = None

    def handle(self, exc_type, exc, tb) -> None:
        """Log the error; go home, or exit for a restart when errors keep coming."""
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: stop cleanly
            self._exit(130)
            return
        log.critical("unexpected error; the kiosk goes back to the home screen",
                     exc_info=(exc_type, exc, tb))
        if self.budget.record():
            log.critical("%d unexpected errors within %d s: exiting with code %d so the "
                         "supervisor restarts the kiosk", self.budget.recent,
                         self.budget.window_s, EXIT_CODE_FAILING)
            self._exit(EXIT_CODE_FAILING)
            return
        QTimer.singleShot(0, self._recover)

    def _handle_thread(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        log.critical("unexpected error in thread %s", getattr(args.thread, "name", "?"),
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        if self.budget.record():
            self._exit(EXIT_CODE_FAILING)

    def _exit(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
            self.exit_app(code)

    def _recover(self) -> None:
        try:
            self.recover()
        except Exception:  # the way home failed too: count it, and let the budget decide
            log.exception("could not go back to the home screen")
            if self.budget.record():
                self._exit(EXIT_CODE_FAILING)
