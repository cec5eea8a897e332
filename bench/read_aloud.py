"""Read aloud: from a tap on Listen to the engine speaking (state Speaking), with the real engine.

The real window (offscreen) on real pages in each language, the system's engine (speechd on
Linux) speaking into a private PulseAudio null sink (tools/null_audio.py). The engine is loaded
first, as the running kiosk does while idle after start-up (that load is reported too: it is
speech-dispatcher listing its voices). Each round taps Listen on a page, waits for Speaking,
then taps Stop and waits for the engine to be Ready again.
Run alone: python -m bench.read_aloud [ROUNDS]  (prints JSON; sets up the sound chain itself)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench.startup import REPO, child_env
from bench.stats import summary_ms

sys.path.insert(0, str(REPO / "tools"))

PAGES = ("back-pain", "back-pain/muscle-strain", "acupuncture", "safety")


def measure_read_aloud(rounds: int = 20) -> dict:
    """Set up the sound chain, run the rounds in a fresh interpreter, return its figures."""
    from null_audio import ChainError, speech_chain

    try:
        with speech_chain() as chain_env:
            env = {**child_env(str(REPO / ".pytest_cache" / "bench-files")),
                   **{k: chain_env[k] for k in ("XDG_RUNTIME_DIR", "PULSE_SERVER")}}
            done = subprocess.run([sys.executable, "-m", "bench.read_aloud", "--child", str(rounds)],
                                  cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    except ChainError as exc:
        return {"skipped": str(exc)}
    if done.returncode != 0:
        return {"skipped": f"bench.read_aloud failed ({done.returncode}): {done.stderr[-400:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(rounds: int) -> dict:
    """Tap Listen `rounds` times per language; return the tap-to-Speaking times."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtTextToSpeech import QTextToSpeech
    from PySide6.QtWidgets import QApplication

    from bench.tap_to_page import use_offscreen_screen

    use_offscreen_screen()
    app = QApplication([])
    from kiosk.app import create_window

    window = create_window(["--windowed", "--size", "1920x1080"])
    window.show()
    app.processEvents()
    probe_started = time.perf_counter()
    window.speech.probe(window.session.library.codes)
    probe_ms = (time.perf_counter() - probe_started) * 1000

    def wait_for(state, seconds: float = 10.0) -> bool:
        deadline = time.perf_counter() + seconds
        tts = window.speech.tts
        while tts.state() != state and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        return tts.state() == state

    results: dict = {"engine": window.speech.describe(), "probe_ms": round(probe_ms)}
    if window.speech.tts is None:
        results["skipped"] = window.speech.describe()
        return results
    from PySide6.QtCore import Qt

    samples: dict[str, list[tuple[float, float]]] = {}
    for lang in window.session.library.codes:
        window.session.set_language(lang)
        if not window.speech.has_voice(lang):
            continue
        for index in range(rounds):
            page = PAGES[index % len(PAGES)]
            window.session.open(page)
            app.processEvents()
            bar = window.page_screen.listen_bar
            wall, cpu = time.perf_counter(), time.process_time()
            QTest.mouseClick(bar.listen_button, Qt.MouseButton.LeftButton)
            heard = wait_for(QTextToSpeech.State.Speaking)
            if heard:
                samples.setdefault(lang, []).append(((time.perf_counter() - wall) * 1000,
                                                     (time.process_time() - cpu) * 1000))
            QTest.mouseClick(bar.stop_button, Qt.MouseButton.LeftButton)
            wait_for(QTextToSpeech.State.Ready)
            loop = QEventLoop()
            QTimer.singleShot(150, loop.quit)  # as a patient would: not tap after tap
            loop.exec()
    every = [sample for values in samples.values() for sample in values]
    results["listen_to_speaking"] = summary_ms(every) if every else None
    results["by_language"] = {lang: summary_ms(values) for lang, values in samples.items()}
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(int(sys.argv[2]) if len(sys.argv) > 2 else 20)))
    else:
        print(json.dumps(measure_read_aloud(int(sys.argv[1]) if len(sys.argv) > 1 else 20)))
