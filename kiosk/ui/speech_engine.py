"""The system's speech engine and the voice for each language, found once, after start-up."""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.core.speech_voices import VoiceOffer, choose_voice, install_hint, language_of, locales_for

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)
# The engines Qt has per system, best first ("mock" only when the settings name it: tests).
ENGINE_ORDER = ("speechd", "flite", "winrt", "sapi", "darwin", "android")
PROBE_DELAY_MS = 2500  # after start-up: the first screen, the page screen and the first pages first


class SpeechEngine(QObject):
    """Qt's text to speech (PySide6.QtTextToSpeech), made on first use, with a voice per language.

    `probe()` loads the engine and chooses the voices (speech-dispatcher lists its thousands of
    espeak-ng voices then: about 2 s on a slow machine, so the kiosk does it once, while idle,
    not at start-up and not on a tap). `ready` is emitted after it, voices found or not.
    """

    ready = Signal()

    def __init__(self, engine: str = "", named_voices: tuple[str, ...] = (), parent: QObject | None = None):
        super().__init__(parent)
        self.wanted = engine  # the settings' read_aloud_engine ("" = the system's)
        self.named_voices = named_voices
        self.tts: QTextToSpeech | None = None
        self.name = ""  # the engine in use ("" when none)
        self.voices: dict[str, tuple[VoiceOffer, QVoice]] = {}  # language -> its voice
        self.missing: list[str] = []  # languages without a voice
        self.problem = ""  # why there is no engine (for the log and the self-test)
        self.probed = False
        self.probe_ms = 0.0

    def has_voice(self, lang: str) -> bool:
        """Return True when the engine is loaded and has a voice for `lang`."""
        return language_of(lang) in self.voices

    def probe(self, languages: list[str]) -> None:
        """Load the engine and choose a voice for each of `languages` (once; cheap afterwards)."""
        if self.probed:
            return
        self.probed = True
        started = time.perf_counter()
        try:
            self._load(languages)
        finally:
            self.probe_ms = (time.perf_counter() - started) * 1000
            log.info("read aloud: %s", self.describe())
            self.ready.emit()

    def _load(self, languages: list[str]) -> None:
        if self.wanted == "none":
            self.problem = "turned off in the settings (read_aloud_engine = \"none\")"
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:  # a build without the module
            self.problem = f"no text-to-speech module ({exc})"
            log.warning("read aloud is off: %s; install PySide6-Addons", self.problem)
            return
        engines = QTextToSpeech.availableEngines()
        name = self.wanted or next((e for e in ENGINE_ORDER if e in engines), "")
        if not name or name not in engines:
            self.problem = (f"no speech engine '{name}'" if name else "no speech engine") + \
                f" (found: {', '.join(engines) or 'none'})"
            log.warning("read aloud is off: %s; %s", self.problem, install_hint(sys.platform))
            return
        if name == "speechd":  # a stuck daemon would hold the kiosk for ever (speech_dispatcher.py)
            from kiosk.core import speech_dispatcher

            stuck = speech_dispatcher.problem()
            if stuck:
                self.problem = stuck
                log.warning("read aloud is off: %s; end it (a stuck one ignores a plain kill: "
                            "pkill -KILL speech-dispatcher) and restart the kiosk", stuck)
                return
        tts = QTextToSpeech(name, self)
        if tts.state() == QTextToSpeech.State.Error:
            self.problem = f"speech engine '{name}' did not start ({tts.errorString() or 'no reason given'})"
            log.warning("read aloud is off: %s; %s", self.problem, install_hint(sys.platform))
            tts.deleteLater()
            return
        self.tts, self.name = tts, name
        locale_names = [locale.name() for locale in tts.availableLocales()]
        for lang in dict.fromkeys(language_of(code) for code in languages):
            self._choose(lang, locale_names)
        if self.missing:
            log.warning("read aloud: no voice for %s in speech engine '%s' (the Listen button is "
                        "hidden there); %s", ", ".join(self.missing), name, install_hint(sys.platform))

    def _choose(self, lang: str, locale_names: list[str]) -> None:
        from PySide6.QtCore import QLocale

        assert self.tts is not None
        offers: list[VoiceOffer] = []
        by_offer: dict[VoiceOffer, QVoice] = {}
        for locale_name in locales_for(lang, locale_names):
            self.tts.setLocale(QLocale(locale_name))
            for voice in self.tts.availableVoices():
                offer = VoiceOffer(voice.name(), locale_name)
                offers.append(offer)
                by_offer.setdefault(offer, voice)
        chosen = choose_voice(lang, offers, self.named_voices)
        if chosen is None:
            self.missing.append(lang)
        else:
            self.voices[lang] = (chosen, by_offer[chosen])

    def use(self, lang: str) -> bool:
        """Make the engine speak `lang` with its voice; False when there is none."""
        entry = self.voices.get(language_of(lang))
        if self.tts is None or entry is None:
            return False
        from PySide6.QtCore import QLocale

        offer, voice = entry
        if self.tts.locale().name() != offer.locale:
            self.tts.setLocale(QLocale(offer.locale))
        if self.tts.voice().name() != voice.name():
            self.tts.setVoice(voice)
        return True

    def describe(self) -> str:
        """Return the engine and the voice of each language in one line (log, self-test)."""
        if not self.probed:
            return "not loaded yet"
        if self.tts is None:
            return f"off: {self.problem}"
        parts = [f"{lang}: {offer.name} ({offer.locale})" for lang, (offer, _) in self.voices.items()]
        parts += [f"{lang}: no voice" for lang in self.missing]
        return f"engine {self.name}; " + "; ".join(parts)
