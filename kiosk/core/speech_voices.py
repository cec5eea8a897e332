"""Which voice reads each language: the settings' choice, else the best the system has (Qt-free)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The accents a patient here most likely expects, best first; then any other of the language.
PREFERRED_LOCALES = {
    "en": ("en_US", "en_CA", "en_GB", "en_AU", "en_IE"),
    "es": ("es_US", "es_MX", "es_419", "es_ES"),
}
# Voices known to read a language well, by the start of their names (espeak-ng under
# speech-dispatcher, Windows, macOS): within an accent they come first.
GOOD_VOICES = {
    "en": ("English (America)", "Microsoft Zira", "Microsoft Aria", "Samantha"),
    "es": ("Spanish (Latin America)", "Microsoft Sabina", "Paulina", "Microsoft Helena", "Mónica"),
}
# What to install when a language has no voice, per system (docs/deploy.md says more).
INSTALL_HINTS = {
    "linux": "install the Debian packages speech-dispatcher, speech-dispatcher-espeak-ng and libspeechd2",
    "win32": "add the language's voice in Settings > Time & language > Speech",
    "darwin": "add the language's voice in System Settings > Accessibility > Spoken Content",
}


@dataclass(frozen=True)
class VoiceOffer:
    """A voice the speech engine offers: its name and its locale (as "es_419")."""

    name: str
    locale: str

    @property
    def language(self) -> str:
        """Return the voice's language code ("es" for "es_419")."""
        return self.locale.replace("-", "_").split("_")[0].lower()


def language_of(locale: str) -> str:
    """Return the language part of a locale name ("es" for "es_419", "en" for "en-US")."""
    return locale.replace("-", "_").split("_")[0].lower()


def locales_for(lang: str, locales: Iterable[str]) -> list[str]:
    """Return the offered locales that speak `lang`, the preferred accents first."""
    wanted = language_of(lang)
    offered = [loc for loc in dict.fromkeys(locales) if language_of(loc) == wanted]
    order = PREFERRED_LOCALES.get(wanted, ())
    return sorted(offered, key=lambda loc: (order.index(loc) if loc in order else len(order),
                                            offered.index(loc)))


def choose_voice(lang: str, offers: Sequence[VoiceOffer], named: Sequence[str] = ()) -> VoiceOffer | None:
    """Return the voice to read `lang` with, or None when the system has none for it.

    The first of `named` (the settings' `read_aloud_voices`) that speaks `lang` wins; else the
    preferred accent's known good voice (GOOD_VOICES), else its first plain one (espeak-ng's
    variants, "Name+Variant", come last).
    """
    wanted = language_of(lang)
    speaking = [offer for offer in offers if offer.language == wanted]
    for name in named:
        for offer in speaking:
            if offer.name.casefold() == name.strip().casefold():
                return offer
    if not speaking:
        return None
    order = locales_for(lang, [offer.locale for offer in speaking])
    good = tuple(name.casefold() for name in GOOD_VOICES.get(wanted, ()))

    def rank(offer: VoiceOffer) -> tuple[int, bool, bool, int]:
        known = offer.name.casefold().startswith(good) and "+" not in offer.name
        return (order.index(offer.locale), not known, "+" in offer.name, speaking.index(offer))

    return min(speaking, key=rank)


def install_hint(platform: str) -> str:
    """Return what to install for read aloud on `platform` (sys.platform)."""
    for prefix, hint in INSTALL_HINTS.items():
        if platform.startswith(prefix):
            return hint
    return "install a text-to-speech voice for the language"
