"""`make speech-check`: the kiosk reads an English and a Spanish page aloud through the real chain.

    python tools/speech_check.py [--bundled]

The real window (offscreen) taps Listen on a page; Qt's speechd engine hands each sentence to
speech-dispatcher, whose espeak-ng voice speaks into a private PulseAudio null sink
(tools/null_audio.py); parec records the sink's monitor and sox measures the recording. It fails
when a recording is silent, or far shorter than the text needs (less than half of a calm reading
pace), or when the reader did not reach the end of the page. By default it reads two short pages
written for this check (about 30 s in all, so CI runs it); --bundled reads two of the bundled
pages (safety, your-visit/questions-to-ask: about 2.5 minutes). Exit 0: both pages were heard.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from null_audio import ChainError, recording, sound_stats, speech_chain  # noqa: E402

SHORT_PAGES = {
    "en/listening.md": """
        # Listening to a page

        This kiosk can read each page out loud. Touch Listen at the top of the page.
        The sentence being read is marked in yellow, so you can follow along.
        """,
    "es/listening.md": """
        # Escuchar una página

        Este quiosco puede leer cada página en voz alta. Toque Escuchar arriba de la página.
        La frase que se lee se marca en amarillo, para que pueda seguirla.
        """,
}
BUNDLED = (("en", "safety"), ("es", "your-visit/questions-to-ask"))
SHORT = (("en", "listening"), ("es", "listening"))
SILENT_RMS = 0.005  # below this the recording is silence (one Spanish sentence measured 0.16)
SHORTEST_SHARE = 0.5  # of the time a calm voice needs (kiosk/core/speech_text.reading_seconds)


def child(content: str, lang: str, page: str) -> int:
    """In the chain's environment: show `page`, tap Listen, wait for the end; print JSON."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTextToSpeech import QTextToSpeech
    from PySide6.QtWidgets import QApplication

    from kiosk.app import create_window
    from kiosk.core.speech_text import reading_seconds
    from kiosk.ui.listen_bar import IDLE

    app = QApplication([])
    config = Path(tempfile.mkdtemp(prefix="kiosk-speech-")) / "kiosk.toml"
    config.write_text('read_aloud_engine = "speechd"\n', encoding="utf-8")
    window = create_window(["--windowed", "--content", content, "--config", str(config), "--lang", lang,
                            "--page", page, "--size", "1366x768"])
    window.show()
    app.processEvents()
    window.speech.probe(window.session.library.codes)
    result: dict[str, object] = {"lang": lang, "page": page, "engine": window.speech.describe()}
    if not window.speech.has_voice(lang):
        result["problem"] = f"no voice for {lang}: {window.speech.describe()}"
        print(json.dumps(result))
        return 1
    started = time.perf_counter()
    window.page_screen.listen_bar.listen_button.click()
    reader = window.read_aloud
    texts = [sentence.text for sentence in reader._plan]
    first_speaking: list[float] = []
    reader.tts.stateChanged.connect(
        lambda state: first_speaking.append(time.perf_counter() - started)
        if state == QTextToSpeech.State.Speaking and not first_speaking else None)
    expected = reading_seconds(" ".join(texts), lang)
    deadline = started + 4 * expected + 20
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if reader.state == IDLE or time.perf_counter() > deadline
                          else None)
    timer.start(100)
    loop.exec()
    result.update(sentences=len(texts), expected_s=round(expected, 1),
                  read_s=round(time.perf_counter() - started, 1), finished=reader.state == IDLE,
                  speaking_after_ms=round(first_speaking[0] * 1000) if first_speaking else None)
    print(json.dumps(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the check; print one line per page and a verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundled", action="store_true", help="read two bundled pages (slower)")
    parser.add_argument("--child", nargs=3, metavar=("CONTENT", "LANG", "PAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    from kiosk.core.speech_text import reading_seconds  # noqa: F401  (fails early without the code)

    with tempfile.TemporaryDirectory(prefix="kiosk-speech-check-") as scratch:
        folder = Path(scratch)
        if args.bundled:
            content, pages = ROOT / "content", BUNDLED
        else:
            content, pages = folder / "content", SHORT
            for relative, body in SHORT_PAGES.items():
                (content / relative).parent.mkdir(parents=True, exist_ok=True)
                (content / relative).write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
        problems: list[str] = []
        started = time.monotonic()
        try:
            with speech_chain() as env:
                for lang, page in pages:
                    wav = folder / f"{lang}.wav"
                    with recording(wav, env):
                        run = subprocess.run([sys.executable, __file__, "--child", str(content), lang, page],
                                             env=env, capture_output=True, text=True, timeout=600)
                    problems += check_one(run, wav, lang, page)
        except ChainError as exc:
            print(f"speech check: error: {exc}", file=sys.stderr)
            return 1
    verdict = "FAILED" if problems else "passed"
    for problem in problems:
        print(f"speech check: {problem}", file=sys.stderr)
    print(f"speech check {verdict}: {len(pages)} pages read aloud in {time.monotonic() - started:.0f} s")
    return 1 if problems else 0


def check_one(run: subprocess.CompletedProcess[str], wav: Path, lang: str, page: str) -> list[str]:
    """Return what is wrong with one page's reading (nothing when it was heard in full)."""
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return [f"{lang}/{page}: the kiosk did not report (exit {run.returncode}): "
                f"{(run.stderr.strip().splitlines() or ['no output'])[-1]}"]
    report = json.loads(lines[-1])
    if "problem" in report:
        return [f"{lang}/{page}: {report['problem']}"]
    sound = sound_stats(wav)
    expected = float(report["expected_s"])
    print(f"{lang}/{page}: {report['sentences']} sentences, read in {report['read_s']} s "
          f"(a calm voice needs about {expected:.0f} s), Speaking {report['speaking_after_ms']} ms "
          f"after the tap; recorded {sound['seconds']:.1f} s, voiced {sound['spoken_seconds']:.1f} s, "
          f"RMS {sound['rms']:.3f}; {report['engine']}")
    problems = []
    if not report["finished"]:
        problems.append(f"{lang}/{page}: the reading did not reach the end of the page")
    if sound["rms"] < SILENT_RMS:
        problems.append(f"{lang}/{page}: the recording is silent (RMS {sound['rms']:.4f})")
    elif sound["spoken_seconds"] < SHORTEST_SHARE * expected:
        problems.append(f"{lang}/{page}: only {sound['spoken_seconds']:.1f} s of voice for text that "
                        f"needs about {expected:.0f} s")
    return problems


if __name__ == "__main__":
    sys.exit(main())
