"""The glossary of one language (content/<lang>/glossary.md): plain words for medical ones (Qt-free).

The file is ordinary Markdown, so it previews anywhere: one `## Word` heading per term, then one
or two short sentences, and at most one picture. Pages link a word to it with an ordinary link,
`[sciatica](glossary.md#sciatica)`; the kiosk shows such a word marked, and a tap opens its
definition over the page. The file is not a page of its own (no tile, no button).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.content import GLOSSARY_ID
from kiosk.core.links import image_relative_path
from kiosk.core.problems import Problem

GLOSSARY_FILE = f"{GLOSSARY_ID}.md"
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_EXPLICIT_ID = re.compile(r"\s*\{\s*#([\w-]+)\s*\}\s*$")
_PICTURE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)(\{[^}]*\})?")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`]+")


def term_key(words: str) -> str:
    """Return the key of a term from its heading or a link's fragment ("Ciática" -> "ciatica").

    The same as Python-Markdown's heading ids: accents dropped, lower case, spaces as hyphens.
    """
    value = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


@dataclass(frozen=True)
class Term:
    """One glossary entry: its key, the word as headed, the plain definition, an optional picture.

    `picture` is a path inside the content folder ("images/disc.svg"); `line` is the heading's line.
    """

    key: str
    word: str
    definition: str
    picture: str = ""
    picture_alt: str = ""
    line: int = 0


@dataclass
class Glossary:
    """The terms of one language, by key, and what was wrong in the file."""

    path: Path
    terms: dict[str, Term] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def find(self, fragment: str) -> Term | None:
        """Return the term a link's fragment names (written as the key or as the word)."""
        return self.terms.get(fragment) or self.terms.get(term_key(fragment))


def load_glossary(language_root: Path) -> Glossary:
    """Read `<language_root>/glossary.md`; a missing file is an empty glossary. Never raises."""
    path = language_root / GLOSSARY_FILE
    glossary = Glossary(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return glossary
    except (OSError, UnicodeDecodeError) as exc:
        glossary.problems.append(Problem(path, 0, "error", f"cannot read the glossary ({exc})"))
        return glossary
    parse_glossary(source, glossary, language_root.name)
    return glossary


def parse_glossary(source: str, glossary: Glossary, lang: str) -> None:
    """Fill `glossary` from the Markdown `source`: each `##` heading and the text under it."""
    lines = source.replace("\r\n", "\n").split("\n")
    start = 0
    if lines and lines[0].strip() == "---":  # front matter (a title for other viewers): skipped
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        start = end + 1
    current: tuple[str, str, int] | None = None
    body: list[str] = []
    in_fence = False
    for number in range(start, len(lines) + 1):
        line = lines[number] if number < len(lines) else "## end"
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match is None:
            body.append(line)
            continue
        if current is not None:
            _add(glossary, lang, *current, body)
        body = []
        level, heading = len(match.group(1)), match.group(2)
        if level != 2 or number == len(lines):
            current = None
            continue
        explicit = _EXPLICIT_ID.search(heading)
        word = _plain(heading[:explicit.start()] if explicit else heading)
        key = explicit.group(1).lower() if explicit else term_key(word)
        current = (key, word, number + 1)


def _add(glossary: Glossary, lang: str, key: str, word: str, line: int, body: list[str]) -> None:
    path = glossary.path
    picture, alt = "", ""
    found = _PICTURE.search("\n".join(body))
    if found is not None:
        alt = _plain(found.group(1))
        relative = image_relative_path(found.group(2), lang)
        if relative is None:
            message = (f"glossary word '{word}': picture '{found.group(2)[:80]}' is not a picture "
                       "in the content folder")
            glossary.problems.append(Problem(path, line, "error", message))
        else:
            picture = relative
    definition = _plain(" ".join(_PICTURE.sub(" ", "\n".join(body)).split()))
    if not key:
        glossary.problems.append(Problem(path, line, "error", "glossary heading has no word"))
        return
    if key in glossary.terms:
        glossary.problems.append(Problem(path, line, "error", f"glossary word '{word}' is there twice "
                                         f"(also at line {glossary.terms[key].line})"))
        return
    if not definition:
        glossary.problems.append(Problem(path, line, "error", f"glossary word '{word}' has no "
                                         "definition: write one or two short sentences under it"))
        return
    glossary.terms[key] = Term(key, word, definition, picture, alt, line)


def _plain(markdown: str) -> str:
    """Return Markdown inline text as plain words (links as their text, no emphasis marks)."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())
