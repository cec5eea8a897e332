"""systemd's notify protocol (READY=1, WATCHDOG=1): one datagram to $NOTIFY_SOCKET (Qt-free)."""

from __future__ import annotations

import contextlib
import os
import socket


def watchdog_interval_s() -> float | None:
    """Return how often systemd wants WATCHDOG=1 (half its WatchdogSec=), or None when it does not."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 2e6


class Notifier:
    """Sends notifications to systemd; does nothing when not started by systemd (no NOTIFY_SOCKET)."""

    def __init__(self, address: str | None = None):
        address = address if address is not None else os.environ.get("NOTIFY_SOCKET", "")
        if address.startswith("@"):  # an abstract socket (Linux)
            address = "\0" + address[1:]
        self.address = address
        self._socket: socket.socket | None = None

    @property
    def enabled(self) -> bool:
        """Return True when there is a socket to notify."""
        return bool(self.address) and hasattr(socket, "AF_UNIX")

    def send(self, message: str) -> bool:
        """Send `message` ("READY=1", "WATCHDOG=1" ...); False when it could not be sent."""
        if not self.enabled:
            return False
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._socket.setblocking(False)
            self._socket.sendto(message.encode("utf-8"), self.address)
        except OSError:
            self.close()
            return False
        return True

    def close(self) -> None:
        """Close the socket (a later send opens it again)."""
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
            self._socket = None
