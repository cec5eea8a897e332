"""Health: the status file and Prometheus text every heartbeat, `kiosk status`, and systemd's watchdog."""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
from kiosk_mode_support import kiosk_window

from kiosk.cli import main
from kiosk.core.health import read_health
from kiosk.core.sd_notify import Notifier
from kiosk.ui.watchdog import Heartbeat


def test_heartbeat_writes_status_and_prometheus_files(qtbot, tmp_path, capsys):
    window = kiosk_window(qtbot, tmp_path)
    state = tmp_path / "state"
    beat = Heartbeat(window, state=state, notifier=Notifier(""))
    beat.start()
    health = read_health(state)
    assert health.screen == "showing" and health.errors_last_hour == 0
    assert health.release == f"folder {window.session.library.root}"
    logging.getLogger("kiosk.test").error("a page failed to render")
    window.kiosk_mode.show_attract()
    beat.beat()
    health = read_health(state)
    assert health.screen == "start screen" and health.errors_last_hour == 1
    prom = (state / "metrics" / "kiosk.prom").read_text()
    assert 'kiosk_screen_state{state="start screen"} 1' in prom
    assert 'kiosk_screen_state{state="showing"} 0' in prom
    assert "kiosk_errors_last_hour 1" in prom and "# TYPE kiosk_uptime_seconds gauge" in prom
    assert [p.name for p in state.iterdir() if p.name.endswith(".tmp")] == []  # written whole
    beat.stop()
    assert main(["status", "--state", str(state)]) == 0
    out = capsys.readouterr().out
    assert "screen: start screen" in out and "errors in the last hour: 1" in out
    assert main(["status", "--state", str(state), "--prometheus"]) == 0
    assert capsys.readouterr().out == prom


def test_status_says_when_the_heartbeat_is_stale_or_missing(tmp_path, capsys):
    assert main(["status", "--state", str(tmp_path)]) == 1
    assert "no status in" in capsys.readouterr().err
    status = {"version": "0.1.0", "release": "release-2", "last_update": "", "last_update_result": "",
              "started": "2026-12-01T08:00:00+00:00", "uptime_s": 60, "errors_last_hour": 0,
              "screen": "asleep", "written": "2026-12-01T08:01:00+00:00", "pid": 1}
    (tmp_path / "status.json").write_text(json.dumps(status))
    assert main(["status", "--state", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "last successful update: never" in captured.out
    assert "stale: no heartbeat for" in captured.err


@pytest.fixture
def notify_socket(monkeypatch):
    """A NOTIFY_SOCKET as systemd makes one, with the arrival time of every datagram."""
    folder = tempfile.mkdtemp(prefix="kiosk-notify-")
    path = os.path.join(folder, "notify")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(path)
    server.settimeout(0.1)
    arrivals: list[tuple[float, str]] = []
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            try:
                data = server.recv(4096)
            except TimeoutError:
                continue
            arrivals.append((time.monotonic(), data.decode()))

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # WatchdogSec=0.2: a ping every 100 ms
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    yield arrivals
    stop.set()
    thread.join()
    server.close()
    os.unlink(path)
    os.rmdir(folder)


def test_watchdog_pings_stop_while_the_event_loop_is_frozen(qtbot, tmp_path, notify_socket):
    window = kiosk_window(qtbot, tmp_path)
    beat = Heartbeat(window, state=tmp_path / "state")
    beat.start()
    qtbot.wait(600)
    assert notify_socket[0][1] == "READY=1"
    assert sum(1 for _, message in notify_socket if message == "WATCHDOG=1") >= 3
    frozen_from = time.monotonic()
    time.sleep(1.0)  # the event loop is stuck (as in an endless layout or a deadlock)
    frozen_until = time.monotonic()
    qtbot.wait(50)  # (a ping that was already due may go out the moment the loop runs again)
    during = [at for at, message in notify_socket
              if message == "WATCHDOG=1" and frozen_from + 0.02 < at < frozen_until]
    assert during == []  # systemd hears nothing and restarts the kiosk after WatchdogSec=
    before = len(notify_socket)
    qtbot.wait(500)
    assert len(notify_socket) - before >= 3  # alive again: the pings come back
    beat.stop()


def test_no_watchdog_without_systemd_asking(qtbot, tmp_path, monkeypatch, notify_socket):
    monkeypatch.setenv("WATCHDOG_PID", "1")  # the watchdog is meant for another process
    window = kiosk_window(qtbot, tmp_path)
    beat = Heartbeat(window, state=Path(tmp_path / "state"))
    beat.start()
    qtbot.wait(400)
    assert [message for _, message in notify_socket] == ["READY=1"]
    beat.stop()
