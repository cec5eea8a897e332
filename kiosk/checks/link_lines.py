"""Where a page's links, pictures and code are written in its Markdown: lines for the checker's messages."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Literal

from kiosk.core.problems import line_of

if TYPE_CHECKING:
    from markdown.inlinepatterns import LinkInlineProcessor

AddressKind = Literal["link", "image", "either"]
# Characters a backslash escapes in Markdown (Python-Markdown's, with the tables extension's '|').
MARKDOWN_ESCAPABLE = "\\`*_{}[]()>#+-.!|"
_TICKS = re.compile(r"(?<!\\)`+")
_FENCE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})")
_EMPTY_LINE = re.compile(r"\n[ \t]*\n")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]")
_INLINE = re.compile(r"\]\(")
# As Python-Markdown reads a reference definition, also inside a quote ('> [label]: address').
_REFERENCE = re.compile(r"^(?:[ ]{0,3}>[ ]?)*[ ]{0,3}\[[^\[\]]*\]:[ ]*(?:\n[ ]*)?(\S+)", re.M)
_TAG = re.compile(r"<(a|img)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""(?:^|\s)(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>")
_AUTOMAIL = re.compile(r"<([^<> !]+@[^@<> ]+)>")
_ESCAPE = re.compile("\\\\([" + re.escape(MARKDOWN_ESCAPABLE) + "])")
_HELD = 0xE000  # an escaped character is held as U+E000 + its code while a link is read
_LOOK_BACK = 1000  # how far back the '[' of a '](' is looked for (a link text is short)
_LOOK_AHEAD = 1000  # how far a link's address and title are read (an address is short)
_MOST = 3000  # links read by their syntax in one page; more (hostile text) are found as text


def blank_code(text: str, spans: bool = True) -> str:
    """Return `text` with code blocks (fenced or indented), code spans and HTML comments blanked.

    Lines are kept. What is written there shows as text and is not read as a link or as HTML,
    so a sample link in code is not taken for the real one further down. Without `spans`, only
    code blocks are blanked: a link definition ('[label]: address') is read before spans.
    """
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "

    lines = text.splitlines(keepends=True)
    fenced = _fenced_lines(lines)
    position, in_code, in_list, after_blank = 0, False, False, True
    for number, line in enumerate(lines):
        stripped = line.strip()
        indented = line.startswith(("    ", "\t"))
        if number in fenced:
            blank(position, position + len(line))
            after_blank = in_code = False
        elif not stripped:
            after_blank = True
        elif indented and (in_code or (after_blank and not in_list)):
            in_code = True
            blank(position, position + len(line))
        else:
            in_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif after_blank and not indented:
                in_list = False
            after_blank = False
        position += len(line)
    text = "".join(chars)
    if not spans:
        return text
    runs = list(_TICKS.finditer(text))
    by_length: dict[int, list[int]] = {}  # run length -> indexes of the runs that long
    for number, run in enumerate(runs):
        by_length.setdefault(len(run.group()), []).append(number)
    empty_lines = [m.start() for m in _EMPTY_LINE.finditer(text)]
    index = 0
    while index < len(runs):
        opening = runs[index]
        same = by_length[len(opening.group())]
        later = bisect_right(same, index)
        closing = same[later] if later < len(same) else None
        if closing is None or bisect_right(empty_lines, opening.end() - 1) != \
                bisect_right(empty_lines, runs[closing].start() - 1):  # a span stays in its paragraph
            index += 1
            continue
        blank(opening.start(), runs[closing].end())
        index = closing + 1
    for match in _COMMENT.finditer("".join(chars)):
        blank(match.start(), match.end())
    return "".join(chars)


def _fenced_lines(lines: list[str]) -> set[int]:
    """Return the numbers of the lines of closed ``` and ~~~ code fences, the fences included."""
    fenced: set[int] = set()
    opening: tuple[int, str] | None = None
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if opening is None:
            if match and not (match.group(1)[0] == "`" and "`" in line[match.end():]):
                opening = (number, match.group(1))
        elif match and match.group(1)[0] == opening[1][0] and \
                len(match.group(1)) >= len(opening[1]) and not line[match.end():].strip():
            fenced.update(range(opening[0], number + 1))
            opening = None
    return fenced


def markdown_unescape(written: str) -> str:
    """Return a link address as Markdown reads it: backslash escapes and HTML entities undone."""
    return html.unescape(_ESCAPE.sub(r"\1", written))


@dataclass(frozen=True)
class WrittenAddress:
    """A link or picture address as written in a page: its value once read, line and kind."""

    value: str
    line: int
    kind: AddressKind


class LinkLines:
    """Finds the line each link or picture address of a page body is written on.

    Problems name a link by its address as the renderer read it (escapes and entities undone).
    The first place that text occurs can be prose, a code sample, or another kind of link, so
    this looks for the address only where Markdown or HTML writes one: `[text](address)`,
    `![alt](address)`, `[label]: address`, `<https://...>`, `href=`/`src=`, outside code. Each
    written address is handed out once, in order: the second link to the same address gets the
    second line.
    """

    def __init__(self, body: str, first_line: int = 1) -> None:
        self._body = body
        self._text = blank_code(body)
        self._first_line = first_line
        self._breaks = [i for i, ch in enumerate(body) if ch == "\n"]
        self.addresses = sorted(self._find(), key=lambda found: found[0])
        self._by_value: dict[str, list[int]] = {}
        for index, (_, address) in enumerate(self.addresses):
            self._by_value.setdefault(address.value, []).append(index)
        self._used: set[int] = set()

    def _line(self, index: int) -> int:
        return self._first_line + bisect_right(self._breaks, index - 1)

    def _find(self) -> list[tuple[int, WrittenAddress]]:
        found: list[tuple[int, WrittenAddress]] = []
        text = self._text

        def add(index: int, value: str, kind: AddressKind) -> None:
            found.append((index, WrittenAddress(value.strip(), self._line(index), kind)))

        for match in islice(_INLINE.finditer(text), _MOST):
            start, value = _inline_address(text, match.end() - 1)
            add(start, value, _inline_kind(text, match.start()))
        for match in islice(_REFERENCE.finditer(blank_code(self._body, spans=False)), _MOST):
            add(match.start(1), html.unescape(match.group(1).lstrip("<").rstrip(">")), "either")
        for match in islice(_AUTOLINK.finditer(text), _MOST):
            add(match.start(1), markdown_unescape(match.group(1)), "link")
        for match in islice(_AUTOMAIL.finditer(text), _MOST):
            address = html.unescape(match.group(1)).removeprefix("mailto:")
            add(match.start(1), "mailto:" + address, "link")
        for tag in islice(_TAG.finditer(text), _MOST):
            kind: AddressKind = "image" if tag.group(1).lower() == "img" else "link"
            for attribute in _ATTRIBUTE.finditer(tag.group(2)):
                if (attribute.group(1).lower() == "src") == (kind == "image"):
                    group = next(g for g in (2, 3, 4) if attribute.group(g) is not None)
                    add(tag.start(2) + attribute.start(group), html.unescape(attribute.group(group)),
                        kind)
        return found

    def line(self, value: str, kind: Literal["link", "image"] = "link", consume: bool = True) -> int:
        """Return the line of the next place `value` is written as a link (or picture) address.

        Without `consume`, the first place, and nothing is handed out. Falls back to the first
        place the text occurs at all (outside code first), then 0: unknown.
        """
        found = self._choose(self._by_value.get(value.strip(), []), kind, consume)
        if found or not value.strip():
            return found
        return line_of(self._text, value, self._first_line) or \
            line_of(self._body, value, self._first_line)

    def line_where(self, matches: Callable[[str], bool], kind: Literal["link", "image"] = "link",
                   consume: bool = True) -> int:
        """Return the line of the next written address of `kind` whose value `matches`, else 0."""
        places = [i for i, (_, address) in enumerate(self.addresses) if matches(address.value)]
        return self._choose(places, kind, consume)

    def _choose(self, places: list[int], kind: Literal["link", "image"], consume: bool) -> int:
        """Return the line of the first of `places` not handed out, preferring those of `kind`."""
        for kinds in ((kind, "either"), ("link", "image", "either")):
            fitting = [i for i in places if self.addresses[i][1].kind in kinds]
            if fitting:
                fresh = [i for i in fitting if i not in self._used]
                chosen = (fresh or fitting[-1:])[0] if consume else fitting[0]
                if consume:
                    self._used.add(chosen)
                return self.addresses[chosen][1].line
        return 0


def _inline_address(text: str, paren: int) -> tuple[int, str]:
    """Return where the address of the '(' at `paren` starts, and its value once read.

    Read by Python-Markdown's own link reader, so that quotes, brackets and spaces count as the
    kiosk's Markdown counts them; escaped characters are held aside while it reads.
    """
    start = paren + 1
    while start < len(text) and text[start] in " \t\n":
        start += 1
    end = text.find("\n\n", paren, paren + _LOOK_AHEAD)  # a link stays in its paragraph
    held = _ESCAPE.sub(lambda m: chr(_HELD + ord(m.group(1))),
                       text[paren:end if end >= 0 else paren + _LOOK_AHEAD])
    try:
        href, _title, _index, handled = _link_reader().getLink(held, 0)
    except Exception:  # an odd corner of the reader: this address is not found by its syntax
        return start, ""
    if not handled:
        return start, ""
    href = "".join(chr(ord(ch) - _HELD) if _HELD <= ord(ch) < _HELD + 128 else ch for ch in href)
    return start, html.unescape(href)


@cache
def _link_reader() -> LinkInlineProcessor:
    from markdown import Markdown
    from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

    class Reader(LinkInlineProcessor):
        def unescape(self, text: str) -> str:  # nothing is stashed: the text is as written
            return text

    return Reader(LINK_RE, Markdown())


def _inline_kind(text: str, bracket: int) -> AddressKind:
    """Return 'image' when the ']' at `bracket` closes a '![', 'link' when it closes a '['."""
    depth, index = 0, bracket - 1
    stop = max(0, bracket - _LOOK_BACK)
    while index >= stop:
        char = text[index]
        escaped = index > 0 and text[index - 1] == "\\"
        if char == "]" and not escaped:
            depth += 1
        elif char == "[" and not escaped:
            if depth == 0:
                return "image" if index > 0 and text[index - 1] == "!" else "link"
            depth -= 1
        index -= 1
    return "either"
