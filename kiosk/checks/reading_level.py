"""Reading level of a rendered page: its plain text (footer left out) and a US school grade per language.

English: the Flesch-Kincaid grade. Spanish: the Fernández-Huerta reading ease, turned into an
approximate US grade with the band table published with that formula (see `ease_to_grade`).
Both come from textstat 0.7.8, which works offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

try:
    from textstat.textstat import textstatistics
except ImportError:  # the packaged kiosk leaves textstat out; grades need a Python install
    textstatistics = None

MEASURED = textstatistics is not None

FOOTER_RULE = re.compile(r"<hr\b[^>]*>")  # the footer starts at the page's last rule
_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "caption", "blockquote",
    "div", "ul", "ol", "dl", "table", "hr", "br",
}
_CELLS = {"td", "th"}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# The languages graded, each with the name textstat (and pyphen, which counts its syllables) knows it by.
TEXTSTAT_LANGUAGES = {"en": "en_US", "es": "es"}
MEASURES = {"en": "Flesch-Kincaid grade", "es": "Fernández-Huerta ease as a US grade"}

# Fernández-Huerta's published bands (reading ease -> school level), as points (ease, US grade):
# 90-100 very easy (4th grade), 80-90 easy (5th), 70-80 fairly easy (6th), 60-70 standard
# (7th-8th), 50-60 fairly hard (high school), 30-50 hard (college entry), 0-30 very hard.
# The grade is read off linearly between the points, so the default limit of grade 8 means
# a reading ease of at least 60 ("standard").
EASE_TO_GRADE = ((100.0, 3.0), (90.0, 4.0), (80.0, 5.0), (70.0, 6.0), (60.0, 8.0), (50.0, 12.0),
                 (30.0, 16.0), (0.0, 18.0))


@dataclass(frozen=True)
class ReadingLevel:
    """How long a page is and how hard it is to read."""

    words: int
    grade: float | None  # None when the language has no measure
    measure: str = ""


_BADGE_SOURCE = re.compile(r'<br/><span class="evidence-source">.*?</span>', re.S)


class _PlainText(HTMLParser):
    """Collects the text of an HTML page as sentences, one per block, list item or table row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sentences: list[str] = []
        self._buffer: list[str] = []
        self._cells: list[str] = []

    def _flush(self) -> str:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        return text

    def _end_sentence(self) -> None:
        text = self._flush()
        if text:
            self.sentences.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag in _CELLS:
            self._end_sentence()
        elif tag == "tr":
            self._end_sentence()
            self._cells = []
        elif tag == "img":
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._end_sentence()
        elif tag in _CELLS:
            cell = self._flush()
            if cell:
                self._cells.append(cell)
        elif tag == "tr":
            self._end_sentence()
            if self._cells:  # a row of short cells reads as one sentence
                self.sentences.append(", ".join(self._cells))
            self._cells = []

    def handle_data(self, data: str) -> None:
        self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._end_sentence()


def body_html(page_html: str) -> str:
    """Return the page's HTML without the footer (review dates, sources, disclaimer).

    The review an evidence badge names is a citation too, as in the footer: it is not measured.
    """
    rules = list(FOOTER_RULE.finditer(page_html))
    body = page_html[: rules[-1].start()] if rules else page_html
    return _BADGE_SOURCE.sub("", body) if "evidence-source" in body else body


def plain_text(page_html: str) -> str:
    """Return the text a patient reads on a rendered page, each block ending as a sentence."""
    parser = _PlainText()
    parser.feed(body_html(page_html))
    parser.close()
    return " ".join(s if _SENTENCE_END.search(s) else s.rstrip(":;,") + "." for s in parser.sentences)


def ease_to_grade(ease: float) -> float:
    """Turn a Fernández-Huerta reading ease into an approximate US school grade."""
    points = EASE_TO_GRADE
    if ease >= points[0][0]:
        (e1, g1), (e2, g2) = points[0], points[1]
    elif ease <= points[-1][0]:
        (e1, g1), (e2, g2) = points[-2], points[-1]
    else:
        index = next(i for i in range(len(points) - 1) if points[i + 1][0] <= ease)
        (e1, g1), (e2, g2) = points[index], points[index + 1]
    return max(0.0, g1 + (ease - e1) * (g2 - g1) / (e2 - e1))


_STATS: dict[str, textstatistics] = {}


def _stats(lang: str) -> textstatistics:
    stats = _STATS.get(lang)
    if stats is None:
        stats = _STATS[lang] = textstatistics()
        stats.set_lang(TEXTSTAT_LANGUAGES[lang])
    return stats


def measure_text(text: str, lang: str) -> ReadingLevel:
    """Measure plain text in `lang` (grade None for a language without a measure)."""
    base = lang.split("-")[0].lower()
    if base not in TEXTSTAT_LANGUAGES or not MEASURED:
        return ReadingLevel(len(text.split()), None)
    stats = _stats(base)
    words = stats.lexicon_count(text)
    if not words:
        return ReadingLevel(0, 0.0, MEASURES[base])
    if base == "es":
        grade = ease_to_grade(float(stats.fernandez_huerta(text)))
    else:
        grade = float(stats.flesch_kincaid_grade(text))
    return ReadingLevel(words, round(grade, 1), MEASURES[base])


def measure_page(page_html: str, lang: str) -> ReadingLevel:
    """Measure the reading level of a rendered page (its body, not its footer)."""
    return measure_text(plain_text(page_html), lang)
