"""A stuck speech-dispatcher turns read aloud off in one log line instead of freezing the kiosk."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from kiosk.core import speech_dispatcher


class FakeDaemon:
    """A Unix socket that accepts clients and answers them (like speech-dispatcher) or not at all."""

    def __init__(self, folder: Path, answer: bytes | None):
        self.path = folder / "speech-dispatcher" / "speechd.sock"
        self.path.parent.mkdir(parents=True)
        self.answer = answer
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(self.path))
        self.server.listen(4)
        self.server.settimeout(0.05)
        self.stopping = threading.Event()
        self.clients: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self.server.accept()
            except TimeoutError:
                continue
            self.clients.append(client)  # kept open: a stuck daemon never closes either
            if self.answer is not None:
                client.recv(256)
                client.sendall(self.answer)

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.server.close()
        for client in self.clients:
            client.close()


@pytest.fixture
def short_dir():
    """A folder with a short path (a Unix socket's path is limited to about 100 characters)."""
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        yield Path(folder)


def test_the_socket_is_found_where_libspeechd_looks():
    env = {"XDG_RUNTIME_DIR": "/run/user/1000"}
    assert speech_dispatcher.socket_path(env) == Path("/run/user/1000/speech-dispatcher/speechd.sock")
    env = {"SPEECHD_ADDRESS": "unix_socket:/tmp/s.sock", "XDG_RUNTIME_DIR": "/run/user/1"}
    assert speech_dispatcher.socket_path(env) == Path("/tmp/s.sock")
    assert speech_dispatcher.socket_path({"SPEECHD_ADDRESS": "inet_socket:127.0.0.1:6560"}) is None
    assert speech_dispatcher.socket_path({"HOME": "/home/x"}).name == "speechd.sock"


def test_a_working_daemon_and_none_at_all_are_fine(short_dir):
    assert speech_dispatcher.problem(short_dir / "none" / "speechd.sock") == ""  # started on demand
    daemon = FakeDaemon(short_dir, b"208 OK CLIENT NAME SET\r\n")
    try:
        assert speech_dispatcher.problem(daemon.path) == ""
    finally:
        daemon.close()
    assert speech_dispatcher.problem(daemon.path) == ""  # a socket left behind: nothing listens


def test_a_daemon_that_never_answers_is_named_within_the_time_limit(short_dir):
    daemon = FakeDaemon(short_dir, None)
    try:
        found = speech_dispatcher.problem(daemon.path, within_s=0.3)
    finally:
        daemon.close()
    assert found == f"speech-dispatcher ({daemon.path}) did not answer within 0.3 s"


PROBE = """
import sys, time
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
if "speechd" not in QTextToSpeech.availableEngines():
    print("no speechd engine"); sys.exit(0)
app = QCoreApplication([])
from kiosk.ui.speech_engine import SpeechEngine
engine = SpeechEngine("speechd")
started = time.perf_counter()
engine.probe(["en", "es"])
print(f"probed in {time.perf_counter() - started:.1f} s; voice {engine.has_voice('en')}; {engine.problem}")
"""


def test_the_kiosk_goes_on_without_speech_when_the_daemon_is_stuck(short_dir):
    daemon = FakeDaemon(short_dir, None)
    env = {k: v for k, v in os.environ.items() if k != "SPEECHD_ADDRESS"}
    env.update(XDG_RUNTIME_DIR=str(short_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    try:
        # Without the check, Qt's engine would wait for the daemon for ever: the time limit
        # here turns that into a failure instead of a hung test run.
        result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                                text=True, timeout=30)
    finally:
        daemon.close()
    if "no speechd engine" in result.stdout:
        pytest.skip("this Qt has no speechd engine")
    assert result.returncode == 0, result.stderr[-800:]
    assert "voice False" in result.stdout and "did not answer within 1 s" in result.stdout
    assert float(result.stdout.split("probed in ")[1].split(" s")[0]) < 5
    assert "read aloud is off: speech-dispatcher" in result.stderr  # the one log line
