"""The kiosk's heartbeat from its event loop: systemd's WATCHDOG=1 pings and the health files every 30 s."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk import __version__
from kiosk.core.health import STATUS_INTERVAL_S, ErrorCount, Health, iso, state_dir, write_health
from kiosk.core.sd_notify import Notifier, watchdog_interval_s
from kiosk.fleet.releases import read_last_update, release_of, site_of

if TYPE_CHECKING:
    from kiosk.ui.main_window import KioskWindow

log = logging.getLogger(__name__)


class Heartbeat(QObject):
    """Pings systemd's watchdog and writes the status from timers on the Qt event loop.

    Both run on the GUI thread on purpose: when the event loop freezes (a page that never
    finishes, a deadlock), the pings stop and systemd restarts the kiosk after WatchdogSec=.
    """

    def __init__(self, window: KioskWindow, state: Path | None = None,
                 notifier: Notifier | None = None):
        super().__init__(window)
        self.window = window
        self.state = state
        self.started = time.time()
        self.errors = ErrorCount()
        logging.getLogger().addHandler(self.errors)
        self.notifier = notifier or Notifier()
        self._failed_write = False
        self._status = QTimer(self)
        self._status.setInterval(STATUS_INTERVAL_S * 1000)
        self._status.timeout.connect(self.beat)
        self._ping = QTimer(self)
        self._ping.timeout.connect(self.ping)
        interval = watchdog_interval_s()
        if self.notifier.enabled and interval is not None:
            self._ping.setInterval(max(50, round(interval * 1000)))

    def start(self) -> None:
        """Tell systemd the kiosk is up, start pinging and write the first status now."""
        self.notifier.send("READY=1")
        if self._ping.interval() > 0 and self.notifier.enabled and watchdog_interval_s() is not None:
            self.ping()
            self._ping.start()
        self._status.start()
        self.beat()

    def stop(self) -> None:
        """Stop the timers and forget the error counter (the window is closing)."""
        self._ping.stop()
        self._status.stop()
        logging.getLogger().removeHandler(self.errors)
        self.notifier.send("STOPPING=1")
        self.notifier.close()

    def ping(self) -> None:
        """Tell systemd the event loop is alive."""
        self.notifier.send("WATCHDOG=1")

    def health(self) -> Health:
        """Return the figures now."""
        now = time.time()
        root = self.window.session.library.root
        site = site_of(root)
        update = read_last_update(site) if site is not None else {}
        return Health(
            version=__version__, release=release_of(root),
            last_update=str(update.get("last_success", "")),
            last_update_result=str(update.get("result", "")),
            started=iso(self.started), uptime_s=int(now - self.started),
            errors_last_hour=self.errors.count(now), screen=self.window.kiosk_mode.screen_state,
            written=iso(now), pid=os.getpid(),
        )

    def beat(self) -> None:
        """Write the status and Prometheus files; between patients, look for a new release."""
        try:
            write_health(self.health(), self.state or state_dir())
            self._failed_write = False
        except OSError as exc:
            if not self._failed_write:  # one line, not one every 30 s
                log.warning("cannot write the status file in %s (%s)", self.state or state_dir(), exc)
            self._failed_write = True
        mode = self.window.kiosk_mode
        if mode.screen_state != "showing":
            mode.releases.check()


def start_heartbeat(window: KioskWindow) -> Heartbeat:
    """Start the heartbeat of a running kiosk (after its first screen is up)."""
    beat = Heartbeat(window)
    beat.start()
    return beat
