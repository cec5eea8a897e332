"""Finds the raw HTML an author typed into a page and reports, by line, what the sanitizer removes."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from kiosk.checks.link_lines import blank_code
from kiosk.core.content import Language, Page
from kiosk.core.problems import Problem, body_first_line
from kiosk.core.rendering import STRIPPED_WITH_CONTENT, PageRenderer, new_markdown

_URL_ATTRIBUTES = {"href", "src"}  # checked by the link and picture rules instead


class _Tags(HTMLParser):
    """Lists the tags and (tag, attribute) pairs of an HTML fragment; comments are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[tuple[str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, _value in attrs:
            if name not in _URL_ATTRIBUTES:
                self.attributes[(tag, name)] += 1

    handle_startendtag = handle_starttag


def _tags_of(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


class _Places:
    """Finds the line of each piece of raw HTML in a page body, outside code, once per piece.

    The same piece written twice (two `<div onclick=...>`) is found at its first place, then
    its second; HTML shown as code (`<b>` in backticks) is not HTML, so it is not looked at.
    """

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.text = blank_code(body)
        self.first_line = first_line
        self.next_from: dict[str, int] = {}

    def line(self, piece: str) -> int:
        """Return the line of the next place `piece` is written (0: not found)."""
        start = self.next_from.get(piece, 0)
        index = self.text.find(piece, start)
        if index < 0:  # written in a way the code blanking hid, or found every time already
            index = self.text.find(piece)
            index = self.body.find(piece) if index < 0 else index
        if index < 0:
            return 0
        self.next_from[piece] = index + 1
        return self.first_line + self.body.count("\n", 0, index)


class RawHtmlCheck:
    """Compares each piece of raw HTML in a page with what survives the kiosk's sanitizer."""

    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer
        self._markdown = new_markdown()

    def raw_fragments(self, body: str) -> list[str]:
        """Return the raw HTML pieces Python-Markdown set aside while converting `body`."""
        if "<" not in body:
            return []
        try:
            self._markdown.reset().convert(body)
            stash = self._markdown.htmlStash.rawHtmlBlocks
            return [piece for piece in stash if isinstance(piece, str) and "<" in piece]
        finally:
            self._markdown.reset()

    def check(self, language: Language, page: Page) -> list[Problem]:
        """Return one warning per tag or attribute the sanitizer removes, at its line."""
        problems: list[Problem] = []
        seen: set[tuple[int, str]] = set()
        where = _Places(page.body, body_first_line(page.source, page.body, page.body_line))
        for fragment in self.raw_fragments(page.body):
            cleaned = self.renderer.sanitize(fragment, language, page).html
            before, after = _tags_of(fragment), _tags_of(cleaned)
            first_line = next((ln.strip() for ln in fragment.splitlines() if ln.strip()), fragment)
            line = where.line(first_line)
            removed_tags = before.tags - after.tags
            messages: list[str] = []
            for tag in sorted(removed_tags):
                inside = " together with its contents" if tag in STRIPPED_WITH_CONTENT else ""
                messages.append(f"HTML <{tag}> is removed by the kiosk{inside}; write Markdown instead")
            for tag, attr in sorted(before.attributes - after.attributes):
                if tag not in removed_tags:
                    messages.append(f"HTML attribute '{attr}' on <{tag}> is removed by the kiosk")
            for message in messages:
                if (line, message) not in seen:
                    seen.add((line, message))
                    problems.append(Problem(page.path, line, "warning", message))
        return problems
