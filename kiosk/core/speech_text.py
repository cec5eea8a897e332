"""What read aloud says: a page's paragraphs cut into sentences, with their places in the text (Qt-free)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Short words that end in a full stop without ending the sentence (lower case, without the stop).
ABBREVIATIONS = {
    "en": {"dr", "mr", "mrs", "ms", "st", "e.g", "i.e", "etc", "vs", "approx", "no", "min", "max"},
    "es": {"dr", "dra", "sr", "sra", "srta", "ud", "uds", "p. ej", "ej", "etc", "pág", "núm", "aprox"},
}
# A sentence ends at . ! ? or … (with any closing quotes or brackets) before a space.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"(\w+(?:\.\s?\w+)*)$")
# Characters the page text holds that a voice must not see: pictures (U+FFFC), line and paragraph
# separators, other control characters. Each becomes a space, so places in the text stay the same.
_UNSPOKEN = re.compile(r"[\ufffc\u2028\u2029\x00-\x1f\x7f]")
_SPOKEN = re.compile(r"[^\W_]")  # a letter or digit: something to say
WORDS_PER_MINUTE = {"en": 150.0, "es": 160.0}  # a calm reading pace (words, not syllables)


@dataclass(frozen=True)
class Paragraph:
    """One block of the page as shown: where it starts in the text, its text, and if it is footer."""

    position: int
    text: str
    footer: bool = False  # review dates, sources, disclaimer: read only when tapped


@dataclass(frozen=True)
class Sentence:
    """One utterance: its place in the page's text (start, end) and the words sent to the voice."""

    start: int
    end: int
    text: str
    footer: bool = False

    def contains(self, position: int) -> bool:
        """Return True when `position` (a place in the page's text) falls in this sentence."""
        return self.start <= position < self.end


def speakable(text: str) -> str:
    """Return `text` with pictures and control characters as spaces (same length, same places)."""
    return _UNSPOKEN.sub(" ", text)


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Return the (start, end) of each sentence of `text`, without the spaces around them.

    A full stop after a known abbreviation ("Dr.", "p. ej.") or a single letter ("J.") does
    not end a sentence; neither does one between digits ("1.5").
    """
    known = ABBREVIATIONS.get(lang.split("-")[0], ABBREVIATIONS["en"])
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’»)]")) == 1:
            before = _WORD_BEFORE.search(text, 0, match.start())
            word = before.group(1).lower() if before else ""
            if word in known or (len(word) == 1 and word.isalpha()):
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        piece = text[begin:end]
        lead = len(piece) - len(piece.lstrip())
        tail = len(piece) - len(piece.rstrip())
        if _SPOKEN.search(piece):
            trimmed.append((begin + lead, end - tail))
    return trimmed


def sentences_of(paragraphs: Iterable[Paragraph], lang: str = "en") -> list[Sentence]:
    """Return every sentence of `paragraphs`, in order, at its place in the page's text."""
    found: list[Sentence] = []
    for paragraph in paragraphs:
        clean = speakable(paragraph.text)
        for begin, end in split_sentences(clean, lang):
            found.append(Sentence(paragraph.position + begin, paragraph.position + end,
                                  clean[begin:end], paragraph.footer))
    return found


def reading_plan(sentences: Sequence[Sentence], from_position: int | None = None) -> list[Sentence]:
    """Return the sentences to read: the page above its footer, or from a tapped place on.

    From the top (`from_position` None) the footer is left out. A tap in the page reads from
    the tapped sentence (or the next one) to the end of the page's own text; a tap in the
    footer (the patient scrolled there and chose it) reads from there to the end.
    """
    if from_position is None:
        return [s for s in sentences if not s.footer]
    for index, sentence in enumerate(sentences):
        if sentence.end > from_position:
            rest = sentences[index:]
            return list(rest) if sentence.footer else [s for s in rest if not s.footer]
    return []


def words_in(text: str) -> int:
    """Return how many words `text` has (for reading-time estimates)."""
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))


def reading_seconds(text: str, lang: str = "en") -> float:
    """Return about how long a calm voice takes to say `text` (speech-check's yardstick)."""
    pace = WORDS_PER_MINUTE.get(lang.split("-")[0], 150.0)
    return words_in(text) * 60.0 / pace
