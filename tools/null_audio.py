"""A private sound chain with no sound card: PulseAudio with a null sink, speech-dispatcher speaking into it.

Used by `make speech-check` (tools/speech_check.py) and the read-aloud bench. Everything runs in
a runtime folder of its own (XDG_RUNTIME_DIR), so nothing reaches the user's own sound server or
speech-dispatcher; the processes started here are stopped by their ids when the chain closes.
Needs the Debian packages pulseaudio, pulseaudio-utils (pactl, parec), speech-dispatcher,
speech-dispatcher-espeak-ng and sox (packaging/linux/ensure_build_deps.sh installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SINK = "kiosk_null"
NEEDED = {"pulseaudio": "pulseaudio", "pactl": "pulseaudio-utils", "parec": "pulseaudio-utils",
          "speech-dispatcher": "speech-dispatcher", "sox": "sox"}


class ChainError(RuntimeError):
    """The sound chain could not be set up (said in words, with what to install)."""


def missing_tools() -> list[str]:
    """Return the Debian packages to install for the chain (none when all are there)."""
    return sorted({package for tool, package in NEEDED.items() if shutil.which(tool) is None})


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_for(check: list[str], env: dict[str, str], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if subprocess.run(check, env=env, capture_output=True).returncode == 0:
            return True
        time.sleep(0.1)
    return False


@contextmanager
def speech_chain() -> Iterator[dict[str, str]]:
    """Start PulseAudio (null sink) and speech-dispatcher privately; yield the environment to use."""
    missing = missing_tools()
    if missing:
        raise ChainError(f"install the Debian packages {' '.join(missing)} "
                         "(bash packaging/linux/ensure_build_deps.sh)")
    runtime = Path(tempfile.mkdtemp(prefix="kiosk-audio-"))
    os.chmod(runtime, 0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "PULSE_SERVER": f"unix:{runtime}/pulse/native"}
    env.pop("DISPLAY", None)
    started: list[subprocess.Popen[bytes]] = []
    try:
        pulse = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--log-target=stderr",
             "--load=module-native-protocol-unix", f"--load=module-null-sink sink_name={SINK}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(pulse)
        if not _wait_for(["pactl", "info"], env, 15):
            raise ChainError("PulseAudio did not start (pulseaudio --daemonize=no ...)")
        subprocess.run(["pactl", "set-default-sink", SINK], env=env, check=True, capture_output=True)
        socket = runtime / "speech-dispatcher" / "speechd.sock"
        socket.parent.mkdir(parents=True, exist_ok=True)
        dispatcher = subprocess.Popen(
            ["speech-dispatcher", "-s", "-t", "0", "-c", "unix_socket", "-S", str(socket),
             "-P", str(runtime / "speech-dispatcher.pid"), "-L", str(runtime)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(dispatcher)
        deadline = time.monotonic() + 15
        while not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if not socket.exists():
            raise ChainError("speech-dispatcher did not start")
        yield env
    finally:
        for process in reversed(started):
            _stop(process)
        shutil.rmtree(runtime, ignore_errors=True)


@contextmanager
def recording(path: Path, env: dict[str, str]) -> Iterator[None]:
    """Record the null sink's monitor into the WAV file `path` while the block runs."""
    recorder = subprocess.Popen(["parec", "-d", f"{SINK}.monitor", "--file-format=wav", str(path)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.2)
        yield
    finally:
        time.sleep(0.3)
        _stop(recorder)


def sound_stats(path: Path) -> dict[str, float]:
    """Return a recording's length, RMS and the seconds of sound in it (silences cut), from sox."""
    result = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True)
    stats: dict[str, float] = {}
    for line in result.stderr.splitlines():
        name, _, value = line.partition(":")
        try:
            stats[name.strip()] = float(value.strip())
        except ValueError:
            continue
    voiced = path.with_suffix(".voiced.wav")
    # Every stretch quieter than 1% of full scale longer than 0.3 s is cut: what is left is voice.
    subprocess.run(["sox", str(path), str(voiced), "silence", "1", "0.05", "1%", "-1", "0.3", "1%"],
                   capture_output=True)
    trimmed = subprocess.run(["sox", str(voiced), "-n", "stat"], capture_output=True, text=True)
    spoken = 0.0
    for line in trimmed.stderr.splitlines():
        if line.startswith("Length (seconds):"):
            spoken = float(line.split(":")[1])
    return {"seconds": stats.get("Length (seconds)", 0.0), "rms": stats.get("RMS     amplitude", 0.0),
            "spoken_seconds": spoken}
