"""How `kiosk check` grades a link that will not open on the kiosk, and finds the line it is written on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.checks.link_lines import LinkLines
from kiosk.core.content import Page
from kiosk.core.links import resolve_link
from kiosk.core.problems import Problem
from kiosk.core.rendering import SEEN_SCHEMES, LinkUse

WEB_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})  # links people mean well


def grade_blocked_link(path: Path, use: LinkUse) -> Problem:
    """Return the problem `kiosk check` reports for a blocked link `use` in the page file at `path`.

    A link to a page that does not exist and one that can never work (file:, javascript:, outside
    the content folder ...) are errors; a web, mail, phone or text address is a warning, with the
    advice to write it as plain text.
    """
    href, reason = use.href[:80], use.target.reason
    if use.target.page_id:
        return Problem(path, use.line, "error",
                       f"link '{href}' goes to a page that does not exist ({reason})")
    if scheme_of(use.href) in WEB_SCHEMES:
        return Problem(path, use.line, "warning", f"link '{href}' will not open: {reason}; "
                       "write the address as plain text instead")
    return Problem(path, use.line, "error", f"link '{href}' will not open: {reason}")


def scheme_of(href: str) -> str:
    """Return the lower-case scheme of a link ('https' ...), '' when it has none or is not a URL."""
    try:
        return urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return ""


def located_uses(uses: Iterable[LinkUse], lines: LinkLines) -> list[LinkUse]:
    """Return the link uses with each line where its address is written (see LinkLines).

    The renderer's line is the first place the address's text occurs in the page, which can be
    prose, a code sample or another link; it is kept only when the address cannot be found.
    """
    return [replace(use, line=lines.line(use.href) or (use.line if use.href.strip() else 0))
            for use in uses]


def located_picture_problems(problems: Iterable[Problem], lines: LinkLines) -> list[Problem]:
    """Return the problems, each naming a picture address ('x.png') at the line it is written."""
    located: list[Problem] = []
    for problem in problems:
        line = lines.line_where(_quoted_in(problem.message), "image") if "'" in problem.message else 0
        located.append(replace(problem, line=line) if line else problem)
    return located


def _quoted_in(message: str) -> Callable[[str], bool]:
    """Return a test of whether `message` names an address in quotes, as problems name it."""
    return lambda address: f"'{address[:80]}'" in message


class _Addresses(HTMLParser):
    """Lists the link (a href) and picture (img src) addresses of an HTML text, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (tag, name) in (("a", "href"), ("img", "src")):
                self.found.append(("link" if tag == "a" else "image", value))

    handle_startendtag = handle_starttag


def unseen_addresses(markdown_html: str, uses: Iterable[LinkUse]) -> list[tuple[str, str]]:
    """Return the ("link"|"image", address) pairs the sanitizer drops without a word.

    `markdown_html` is the page's HTML before sanitizing, `uses` the links the sanitizer saw.
    It passes on only the schemes in SEEN_SCHEMES (the kiosk refuses those and says where);
    an address with any other scheme (qrc:, C:/Windows ...) loses its link or picture unseen.
    """
    parser = _Addresses()
    parser.feed(markdown_html)
    parser.close()
    seen = Counter(use.href for use in uses)
    unseen: list[tuple[str, str]] = []
    for kind, value in parser.found:
        scheme = scheme_of(value)
        if not scheme or scheme in SEEN_SCHEMES:
            continue
        if kind == "link" and seen[value] > 0:
            seen[value] -= 1
            continue
        unseen.append((kind, value))
    return unseen


def grade_unseen(page: Page, page_ids: Iterable[str], kind: str, value: str,
                 lines: LinkLines) -> Problem:
    """Return the problem `kiosk check` reports for an address the sanitizer dropped unseen."""
    line = lines.line(value, "image" if kind == "image" else "link")
    if kind == "image":
        return Problem(page.path, line, "error", f"image '{value[:80]}' is not allowed: only "
                       "pictures (.svg .png .jpg .gif .webp) inside the content folder can be shown")
    target = resolve_link(value, page.id, set(page_ids))
    return grade_blocked_link(page.path, LinkUse(value, target, line))
