"""The kiosk's health for staff and monitors: status file and Prometheus text, written whole (Qt-free)."""

from __future__ import annotations

import json
import logging
import os
import time
from collections import deque
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.core.resources import user_folder

STATUS_FILE = "status.json"
METRICS_FILE = "kiosk.prom"  # node_exporter's textfile collector reads *.prom files
SCREEN_STATES = ("showing", "start screen", "asleep")
STATUS_INTERVAL_S = 30


def state_dir() -> Path:
    """Return the kiosk's state folder (KIOSK_STATE_DIR overrides the platform's)."""
    return user_folder("state", "KIOSK_STATE_DIR")


def metrics_dir(state: Path | None = None) -> Path:
    """Return the folder holding only kiosk.prom (point node_exporter's textfile collector here)."""
    return (state or state_dir()) / "metrics"


@dataclass(frozen=True)
class Health:
    """One heartbeat: what a monitor or a member of staff needs to know about a kiosk."""

    version: str
    release: str  # the content release on screen ("bundled" or a folder name)
    last_update: str  # ISO time of the last successful `kiosk update`, "" when never
    last_update_result: str  # the last update's one line ("" when never run)
    started: str  # ISO time the kiosk started
    uptime_s: int
    errors_last_hour: int
    screen: str  # one of SCREEN_STATES
    written: str  # ISO time of this heartbeat
    pid: int

    def lines(self) -> list[str]:
        """Return the status for staff, one figure a line."""
        return [
            f"kiosk {self.version}, process {self.pid}",
            f"content release: {self.release}",
            f"last successful update: {self.last_update or 'never'}",
            f"last update: {self.last_update_result or 'none run yet'}",
            f"up since {self.started} ({_duration(self.uptime_s)})",
            f"errors in the last hour: {self.errors_last_hour}",
            f"screen: {self.screen}",
            f"status written: {self.written}",
        ]


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours} h {rest // 60:02d} min" if hours else f"{rest // 60} min {rest % 60} s"


def iso(moment: float) -> str:
    """Return a Unix time as an ISO 8601 UTC time to the second."""
    return datetime.fromtimestamp(moment, UTC).replace(microsecond=0).isoformat()


def unix(text: str) -> float:
    """Return an ISO time as Unix time (0 for "")."""
    return datetime.fromisoformat(text).timestamp() if text else 0.0


def prometheus_text(health: Health) -> str:
    """Return the figures in Prometheus' text exposition format."""
    def label(value: str) -> str:
        return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    out: list[str] = []

    def metric(name: str, help_text: str, samples: list[tuple[str, float]]) -> None:
        out.append(f"# HELP {name} {help_text}")
        out.append(f"# TYPE {name} gauge")
        for labels, value in samples:
            out.append(f"{name}{labels} {value:g}" if value != int(value) else f"{name}{labels} {int(value)}")

    metric("kiosk_heartbeat_timestamp_seconds", "When the kiosk last wrote its status (Unix time).",
           [("", unix(health.written))])
    metric("kiosk_info", "The kiosk's version and content release (always 1).",
           [(f'{{version="{label(health.version)}",release="{label(health.release)}"}}', 1)])
    metric("kiosk_uptime_seconds", "Seconds since the kiosk started.", [("", health.uptime_s)])
    metric("kiosk_last_update_timestamp_seconds",
           "When kiosk update last installed or confirmed content (Unix time; 0: never).",
           [("", unix(health.last_update))])
    metric("kiosk_errors_last_hour", "Errors the kiosk logged in the last hour.",
           [("", health.errors_last_hour)])
    metric("kiosk_screen_state", "What the screen shows (1 for the current state).",
           [(f'{{state="{state}"}}', 1 if state == health.screen else 0) for state in SCREEN_STATES])
    return "\n".join(out) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def write_health(health: Health, state: Path | None = None) -> Path:
    """Write the status file and the Prometheus file; return the status file's path."""
    state = state or state_dir()
    status = state / STATUS_FILE
    write_atomically(status, json.dumps(asdict(health), indent=2) + "\n")
    write_atomically(metrics_dir(state) / METRICS_FILE, prometheus_text(health))
    return status


def read_health(state: Path | None = None) -> Health:
    """Return the last heartbeat (OSError when there is none, ValueError when it is damaged)."""
    data: dict[str, Any] = json.loads(((state or state_dir()) / STATUS_FILE).read_text("utf-8"))
    try:
        return Health(**data)
    except TypeError as exc:
        raise ValueError(f"not a kiosk status file ({exc})") from None


class ErrorCount(logging.Handler):
    """Counts the errors logged in the last hour (installed on the root logger by the kiosk)."""

    def __init__(self, window_s: float = 3600.0):
        super().__init__(logging.ERROR)
        self.window_s = window_s
        self._times: deque[float] = deque(maxlen=100_000)

    def emit(self, record: logging.LogRecord) -> None:
        """Remember when an error was logged."""
        self._times.append(record.created)

    def count(self, now: float | None = None) -> int:
        """Return how many errors were logged in the last `window_s` seconds."""
        cutoff = (now if now is not None else time.time()) - self.window_s
        while self._times and self._times[0] < cutoff:
            self._times.popleft()
        return len(self._times)
