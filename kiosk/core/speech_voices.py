"""Which voice reads each language: the settings' choice, else the best the system has (Qt-free)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The accents a patient here most likely expects, best first; then any other of the language.
PREFERRED_LOCALES = {
    "en": ("en_US", "en_CA", "en_GB", "en_AU", "en_IE"),
    "es": ("es_US", "es_MX", "es_419", "es_ES"),
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
    preferred accent's plain voice (espeak-ng's variants, "Name+Variant", come after it).
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
    return min(speaking, key=lambda offer: (order.index(offer.locale), "+" in offer.name,
                                            speaking.index(offer)))


def install_hint(platform: str) -> str:
    """Return what to install for read aloud on `platform` (sys.platform)."""
    for prefix, hint in INSTALL_HINTS.items():
        if platform.startswith(prefix):
            return hint
    return "install a text-to-speech voice for the language"
