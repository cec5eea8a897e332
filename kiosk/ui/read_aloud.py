"""The reader: speaks the page on screen a sentence at a time, lighting each one as it is read.

Loaded on the first Listen tap (KioskWindow.read_aloud). One utterance per sentence, handed to
the engine with `enqueue()` when the one before has finished: every engine reports when an
utterance ends (its state goes back to Ready), so the lit sentence is always the one heard.
speech-dispatcher announces every queued utterance at once (`aboutToSynthesize` fires for all
of them when they are queued), so a page queued whole could not be followed. Where the engine
reports words (`sayingWord`, the WordByWordProgress capability) the word is lit as well.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCursor, QTextFormat
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QTextEdit

from kiosk.core.look import Look
from kiosk.core.speech_text import Paragraph, Sentence, reading_plan, sentences_of, speakable
from kiosk.ui.listen_bar import IDLE, PAUSED, SPEAKING
from kiosk.ui.page_view import PageView
from kiosk.ui.speech_engine import SpeechEngine

log = logging.getLogger(__name__)
SLOWER_RATE = -0.35  # QTextToSpeech rate (-1 .. 1) of the Slower switch; normal is 0
TAP_SLOP = 12  # px a finger may move between press and release and still be a tap
_RULE = QTextFormat.Property.BlockTrailingHorizontalRulerWidth


def page_paragraphs(view: PageView) -> list[Paragraph]:
    """Return the blocks of the page shown, in reading order; those from the last rule on are footer.

    The footer (review dates, sources, disclaimer) always starts with a rule (rendering.py).
    """
    blocks = []
    block = view.document().begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    rules = [i for i, b in enumerate(blocks) if b.blockFormat().hasProperty(_RULE)]
    footer_from = rules[-1] if rules else len(blocks)
    return [Paragraph(b.position(), b.text(), i >= footer_from) for i, b in enumerate(blocks)]


class ReadAloud(QObject):
    """Reads the page view's text, or any text (`speak_text`), in a language's voice.

    `state_changed(str)`: idle, speaking or paused (listen_bar.py's names). `reading_changed(bool)`:
    True while a voice is speaking (the idle question waits then).
    """

    state_changed = Signal(str)
    reading_changed = Signal(bool)

    def __init__(self, engine: SpeechEngine, view: PageView, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.view = view
        self.state = IDLE
        self.slower = False
        self.look = Look()
        self._plan: list[Sentence] = []  # what is being read
        self._index = -1  # the sentence in the engine now
        self._word: tuple[int, int] | None = None  # the lit word (start, end) in the page's text
        self._lit_page = False  # the plan's places are in the page view's text
        self._lang = ""
        self._press: QPoint | None = None
        self._heard = False  # the engine has started the sentence handed to it
        tts = engine.tts
        assert tts is not None, "the reader needs a loaded engine (SpeechEngine.probe)"
        self.tts = tts
        self._pausable = bool(tts.engineCapabilities() & QTextToSpeech.Capability.PauseResume)
        tts.stateChanged.connect(self._engine_state)
        tts.sayingWord.connect(self._saying_word)
        tts.errorOccurred.connect(self._engine_error)
        view.viewport().installEventFilter(self)
        view.destroyed.connect(self._view_gone)  # (the window closed: say no more)

    # -- what the patient asks -----------------------------------------------------------------

    def listen(self, lang: str) -> None:
        """The Listen button: read the page from the top; while reading, pause; paused, resume."""
        if self.state == SPEAKING:
            self.pause()
        elif self.state == PAUSED:
            self.resume()
        else:
            self.read_page(lang)

    def read_page(self, lang: str, from_position: int | None = None) -> bool:
        """Read the page on screen from the top (title first), or from a place in its text."""
        sentences = sentences_of(page_paragraphs(self.view), lang)
        return self._start(reading_plan(sentences, from_position), lang, on_page=True)

    def speak_text(self, text: str, lang: str) -> bool:
        """Read `text` (a glossary entry, a pop-up) in `lang`'s voice, with nothing lit.

        Returns False when `lang` has no voice. Stops whatever was being read.
        """
        clean = speakable(text).strip()
        sentence = Sentence(0, len(clean), clean)
        return self._start([sentence] if clean else [], lang, on_page=False)

    def pause(self) -> None:
        """Pause where the voice is (an engine that cannot pause stops, and resumes the sentence)."""
        if self.state != SPEAKING:
            return
        self._set_state(PAUSED)
        if self._pausable:
            self.tts.pause()
        else:
            self.tts.stop()

    def resume(self) -> None:
        """Go on reading after a pause."""
        if self.state != PAUSED:
            return
        self._set_state(SPEAKING)
        if self._pausable and self.tts.state() == QTextToSpeech.State.Paused:
            self.tts.resume()
        else:
            self._say(self._index)

    def stop(self) -> None:
        """Stop reading and unlight the page (Back, Home, another page, a language, the reset)."""
        if self.state == IDLE and not self._plan:
            return
        self._plan, self._index, self._word = [], -1, None
        self._set_state(IDLE)
        self.tts.stop()
        self._light()

    def set_slower(self, slower: bool) -> None:
        """Use the slower voice (from the next sentence on) or the normal one."""
        self.slower = slower
        self.tts.setRate(SLOWER_RATE if slower else 0.0)

    def reset(self) -> None:
        """The next patient: nothing read, normal speed."""
        self.stop()
        self.set_slower(False)

    def apply_look(self, look: Look) -> None:
        """Light the sentence again in the new colours (a restyle draws the page again in place)."""
        self.look = look
        self._light()

    def _view_gone(self) -> None:
        self._plan, self._index, self._lit_page = [], -1, False
        self.state = IDLE
        if shiboken6.isValid(self.tts):
            self.tts.stop()

    # -- the engine ----------------------------------------------------------------------------

    def _start(self, plan: list[Sentence], lang: str, on_page: bool) -> bool:
        self.stop()
        if not plan or not self.engine.use(lang):
            return False
        self.tts.setRate(SLOWER_RATE if self.slower else 0.0)
        self._plan, self._lang, self._lit_page = plan, lang, on_page
        self._set_state(SPEAKING)
        self._say(0)
        return True

    def _say(self, index: int) -> None:
        """Hand sentence `index` to the engine and light it."""
        self._index, self._word, self._heard = index, None, False
        self._light(scroll=True)
        self.tts.enqueue(self._plan[index].text)

    def _engine_state(self, state: QTextToSpeech.State) -> None:
        """An utterance ended (Ready): the next sentence, or the end of the page.

        A Ready before the sentence was heard is the engine finishing what was stopped.
        """
        if state == QTextToSpeech.State.Speaking:
            self._heard = True
        if state != QTextToSpeech.State.Ready or self.state != SPEAKING or not self._plan:
            return
        if not self._heard:
            return
        if self._index + 1 < len(self._plan):
            self._say(self._index + 1)
        else:
            self.stop()

    def _saying_word(self, word: str, utterance: int, start: int, length: int) -> None:
        if self.state == IDLE or not (0 <= self._index < len(self._plan)):
            return
        sentence = self._plan[self._index]
        begin = sentence.start + max(0, start)
        self._word = (begin, min(sentence.end, begin + max(0, length)))
        self._light()

    def _engine_error(self, reason: QTextToSpeech.ErrorReason, message: str) -> None:
        log.warning("read aloud: the speech engine failed (%s: %s)", reason.name, message)
        self.stop()

    def _set_state(self, state: str) -> None:
        if state == self.state:
            return
        was_reading = self.state == SPEAKING
        self.state = state
        self.state_changed.emit(state)
        if was_reading != (state == SPEAKING):
            self.reading_changed.emit(state == SPEAKING)

    # -- the page ------------------------------------------------------------------------------

    def _light(self, scroll: bool = False) -> None:
        """Mark the sentence being read (and its word) in the page; keep it in view."""
        view = self.view
        if not self._lit_page or not (0 <= self._index < len(self._plan)):
            view.setExtraSelections([])
            return
        colours = self.look.colours
        sentence = self._plan[self._index]
        marks = [self._mark(sentence.start, sentence.end, colours["focus_bg"], colours["text"])]
        if self._word is not None:
            marks.append(self._mark(*self._word, colours["button_current_bg"],
                                    colours["button_current_text"]))
        view.setExtraSelections(marks)
        if scroll:
            self._keep_in_view(sentence)

    def _mark(self, start: int, end: int, background: str, foreground: str) -> QTextEdit.ExtraSelection:
        last = self.view.document().characterCount() - 1
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        mark.format.setBackground(QColor(background))
        mark.format.setForeground(QColor(foreground))
        return mark

    def _keep_in_view(self, sentence: Sentence) -> None:
        """Scroll so the sentence is on screen: when it is not, its top a quarter down the view."""
        view = self.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(min(sentence.start, view.document().characterCount() - 1))
        top = view.cursorRect(cursor).top()
        cursor.setPosition(min(sentence.end, view.document().characterCount() - 1))
        bottom = view.cursorRect(cursor).bottom()
        height = view.viewport().height()
        if top >= 0 and bottom <= height:
            return
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + top - height // 4)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A tap on the page while reading: read from the tapped paragraph. Never eats the event."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._press = event.position().toPoint()
        elif (kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
              and self._press is not None):
            pos = event.position().toPoint()
            moved = (pos - self._press).manhattanLength()
            self._press = None
            if self.state != IDLE and self._lit_page and moved <= TAP_SLOP and not self.view.anchorAt(pos):
                self._read_from(pos)
        return False

    def _read_from(self, pos: QPoint) -> None:
        position = self.view.cursorForPosition(pos).block().position()
        self.read_page(self._lang, from_position=position)
