"""Read aloud in the real window, with Qt's mock speech engine (it reports words, needs no sound)."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap

import pytest
from conftest import REPO, write_tree
from kiosk_mode_support import write_config
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.app import create_window
from kiosk.ui.listen_bar import IDLE, PAUSED, SPEAKING, ListenBar
from kiosk.ui.read_aloud import SLOWER_RATE

PAGES = {
    "en/care.md": """
        ---
        title: Caring for your back
        reviewed: 2026-11-24
        sources:
          - organisation: Example Health Service
            title: Back care
            year: 2025
        ---
        # Caring for your back

        Keep moving gently. Walk a little every day.

        Heat can ease stiff muscles.

        ## When to rest

        Rest only for a short time. Lying in bed for days makes it worse.
        """,
    "en/care/more.md": """
        # More about care

        A second page.
        """,
    "es/care.md": """
        ---
        title: Cuidar la espalda
        ---
        # Cuidar la espalda

        Siga moviéndose con suavidad.
        """,
}
TAP = Qt.MouseButton.LeftButton


def reading_window(qtbot, tmp_path, engine: str = "mock", page: str = "care", **settings):
    """Return the kiosk showing `page`, its speech engine loaded (as it is once the kiosk idled)."""
    content = write_tree(tmp_path / "content", PAGES)
    config = write_config(tmp_path, read_aloud_engine=engine, **settings)
    window = create_window(["--windowed", "--content", str(content), "--config", str(config),
                            "--size", "1366x768", "--page", page])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.speech.probe(window.session.library.codes)
    return window


def lit(window) -> list[str]:
    """Return the texts lit in the page: the sentence, then the word (when one is lit)."""
    return [mark.cursor.selectedText() for mark in window.page_screen.view.extraSelections()]


def tap_listen(qtbot, window) -> ListenBar:
    bar = window.page_screen.listen_bar
    qtbot.mouseClick(bar.listen_button, TAP)
    return bar


def test_listen_reads_the_title_first_and_lights_the_sentence_then_the_word(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    bar = window.page_screen.listen_bar
    assert bar.isVisible()
    assert bar.listen_button.height() >= 48 and bar.listen_button.accessibleName() == "Listen"
    tap_listen(qtbot, window)
    reader = window.read_aloud
    assert reader.state == SPEAKING and bar.listen_button.text() == "Pause"
    assert bar.stop_button.isVisible()
    assert lit(window)[0] == "Caring for your back"
    qtbot.waitUntil(lambda: len(lit(window)) == 2, timeout=3000)  # the mock engine reports words
    assert lit(window)[1] in ("Caring", "for", "your", "back")
    qtbot.waitUntil(lambda: lit(window)[:1] == ["Keep moving gently."], timeout=5000)
    qtbot.waitUntil(lambda: lit(window)[:1] == ["Walk a little every day."], timeout=5000)


def test_pause_and_resume(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    bar = tap_listen(qtbot, window)
    reader = window.read_aloud
    qtbot.mouseClick(bar.listen_button, TAP)
    assert reader.state == PAUSED and bar.listen_button.text() == "Resume"
    qtbot.waitUntil(lambda: reader.tts.state() == QTextToSpeech.State.Paused, timeout=2000)
    sentence = lit(window)[0]
    QTest.qWait(400)
    assert lit(window)[0] == sentence  # nothing moves while paused
    qtbot.mouseClick(bar.listen_button, TAP)
    assert reader.state == SPEAKING and bar.listen_button.text() == "Pause"
    qtbot.waitUntil(lambda: reader.tts.state() == QTextToSpeech.State.Speaking, timeout=2000)
    qtbot.mouseClick(bar.stop_button, TAP)
    assert reader.state == IDLE and lit(window) == [] and not bar.stop_button.isVisible()
    assert bar.listen_button.text() == "Listen"


@pytest.mark.parametrize("leave", ["back", "home", "other page", "language"])
def test_leaving_the_page_stops_the_reading(qtbot, tmp_path, leave):
    window = reading_window(qtbot, tmp_path, page="care")
    window.session.open("care/more")
    tap_listen(qtbot, window)
    reader = window.read_aloud
    assert reader.state == SPEAKING
    session = window.session
    {"back": session.back, "home": session.home, "other page": lambda: session.open("care"),
     "language": lambda: session.set_language("es")}[leave]()
    assert reader.state == IDLE
    qtbot.waitUntil(lambda: reader.tts.state() == QTextToSpeech.State.Ready, timeout=2000)
    assert lit(window) == []
    assert window.page_screen.listen_bar.listen_button.text() in ("Listen", "Escuchar")


def test_text_size_and_contrast_do_not_stop_it(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    tap_listen(qtbot, window)
    reader = window.read_aloud
    window.session.next_text_size()
    window.session.set_high_contrast(True)
    assert reader.state == SPEAKING
    assert lit(window)[0] == "Caring for your back"  # lit again on the page drawn again
    assert reader.tts.state() == QTextToSpeech.State.Speaking


def test_the_idle_reset_stops_it_and_brings_back_normal_speed(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    bar = window.page_screen.listen_bar
    qtbot.mouseClick(bar.slower_button, TAP)
    tap_listen(qtbot, window)
    reader = window.read_aloud
    assert bar.slower and reader.tts.rate() == pytest.approx(SLOWER_RATE)
    window.kiosk_mode.reset()
    assert reader.state == IDLE and lit(window) == []
    assert not bar.slower and reader.tts.rate() == 0.0


def test_the_idle_question_waits_while_the_page_is_read(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    window.kiosk_mode.set_timeouts(80, 5000)
    tap_listen(qtbot, window)
    reader = window.read_aloud
    QTest.qWait(600)  # several idle periods without a touch, while the voice reads
    assert reader.state == SPEAKING
    overlay = window.kiosk_mode._overlay
    assert overlay is None or not overlay.isVisible()
    reader.stop()
    qtbot.waitUntil(lambda: window.kiosk_mode._overlay is not None
                    and window.kiosk_mode._overlay.isVisible(), timeout=3000)


def test_a_tap_on_a_paragraph_while_reading_reads_from_there(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    tap_listen(qtbot, window)
    view = window.page_screen.view
    block = view.document().findBlock(view.toPlainText().index("Rest only"))
    cursor = view.textCursor()
    cursor.setPosition(block.position() + 3)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), TAP, pos=point)
    assert lit(window)[0] == "Rest only for a short time."


def test_sources_and_disclaimer_are_read_only_when_tapped(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    tap_listen(qtbot, window)
    reader = window.read_aloud
    texts = [sentence.text for sentence in reader._plan]
    assert texts[0] == "Caring for your back" and texts[-1] == "Lying in bed for days makes it worse."
    assert not any("Example Health Service" in t or "medical advice" in t for t in texts)
    view = window.page_screen.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    cursor = view.textCursor()
    cursor.setPosition(view.toPlainText().index("general health information"))
    qtbot.mouseClick(view.viewport(), TAP, pos=view.cursorRect(cursor).center())
    assert "general health information" in lit(window)[0]


def test_a_tap_while_not_reading_reads_nothing(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    view = window.page_screen.view
    qtbot.mouseClick(view.viewport(), TAP, pos=QPoint(200, 200))
    assert window._read_aloud is None and lit(window) == []


def test_no_voice_for_the_language_no_button_and_one_line_saying_what_to_install(qtbot, tmp_path,
                                                                                  caplog):
    caplog.set_level(logging.INFO)
    window = reading_window(qtbot, tmp_path, page="care")  # the mock engine speaks no Spanish
    bar = window.page_screen.listen_bar
    assert bar.isVisible()
    window.session.set_language("es")
    assert not bar.isVisible()
    lines = [r.getMessage() for r in caplog.records if "no voice for es" in r.getMessage()]
    assert len(lines) == 1 and "install" in lines[0]
    window.session.set_language("en")
    assert bar.isVisible()


def test_no_engine_no_button(qtbot, tmp_path, caplog):
    window = reading_window(qtbot, tmp_path, engine="none")
    assert not window.page_screen.listen_bar.isVisible()
    assert "off: turned off in the settings" in window.speech.describe()
    window.listen()  # (a keyboard shortcut or a stray call: nothing happens)
    assert window._read_aloud is None


def test_a_named_voice_is_used(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path, read_aloud_voices=["Mary"])
    assert "en: Mary (en_US)" in window.speech.describe()
    tap_listen(qtbot, window)
    assert window.read_aloud.tts.voice().name() == "Mary"


def test_the_buttons_speak_spanish_in_spanish(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    bar = window.page_screen.listen_bar
    window.session.set_language("es")
    assert bar.listen_button.text() == "Escuchar" and bar.slower_button.text() == "Más despacio"
    assert bar.listen_button.accessibleName() == "Escuchar"


def test_speak_text_reads_any_text_in_a_language(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    assert window.speak_text("A glossary word. Its meaning.", "en")
    reader = window.read_aloud
    assert reader.state == SPEAKING and lit(window) == []  # nothing in the page is lit
    qtbot.waitUntil(lambda: reader.state == IDLE, timeout=5000)
    assert not window.speak_text("Hola.", "es")  # no Spanish voice in the mock engine
    assert not window.speak_text("   ", "en")


def test_start_up_loads_no_speech(tmp_path):
    """The kiosk's window comes up without QtTextToSpeech or the reader (loaded on first use).

    The first screen comes up without even the engine's module (made with the page screen).
    """
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO / 'tests')!r})
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from kiosk.app import create_window
        window = create_window(["--windowed", "--size", "1366x768"])
        window.show()
        app.processEvents()
        early = [m for m in ("kiosk.ui.speech_engine", "kiosk.core.speech_voices") if m in sys.modules]
        window.session.open("back-pain")
        app.processEvents()
        loaded = [m for m in ("PySide6.QtTextToSpeech", "kiosk.ui.read_aloud") if m in sys.modules]
        loaded += early
        print(loaded)
        sys.exit(1 if loaded else 0)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_page_scrolls_to_keep_the_sentence_read_in_view(qtbot, tmp_path):
    long_page = "# A long page\n\n" + "\n\n".join(f"Paragraph {n} says a little." for n in range(60))
    pages = {**PAGES, "en/long.md": long_page}
    content = write_tree(tmp_path / "content", pages)
    config = write_config(tmp_path, read_aloud_engine="mock")
    window = create_window(["--windowed", "--content", str(content), "--config", str(config),
                            "--size", "1366x768", "--page", "long"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.speech.probe(window.session.library.codes)
    view = window.page_screen.view
    window.listen()
    assert view.verticalScrollBar().value() == 0  # the title is in view: no scrolling
    text = view.toPlainText()
    window.read_aloud.read_page("en", from_position=text.index("Paragraph 50"))
    assert lit(window)[0] == "Paragraph 50 says a little."
    cursor = view.textCursor()
    cursor.setPosition(text.index("Paragraph 50"))
    rect = view.cursorRect(cursor)
    assert view.verticalScrollBar().value() > 0
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height()


def test_the_buttons_line_up_with_the_text_column(qtbot, tmp_path):
    window = reading_window(qtbot, tmp_path)
    view, bar = window.page_screen.view, window.page_screen.listen_bar
    left = bar.listen_button.mapTo(window, QPoint(0, 0)).x()
    assert left == view.viewport().mapTo(window, QPoint(view.text_left(), 0)).x()
