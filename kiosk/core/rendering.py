"""Turns a page's Markdown into sanitized HTML for Qt's rich text, with its footer; caches it."""

from __future__ import annotations

import html
import logging
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import quote

import nh3

from kiosk.core.content import ContentLibrary, Language, Page
from kiosk.core.links import (
    GLOSSARY_SCHEME,
    IMAGE_SCHEME,
    PAGE_SCHEME,
    LinkTarget,
    image_relative_path,
    resolve_link,
)
from kiosk.core.page_limits import fit_page
from kiosk.core.problems import Problem, line_of
from kiosk.core.resources import safe_join
from kiosk.core.strings import format_date, text

if TYPE_CHECKING:
    import markdown

    from kiosk.core.glossary import Glossary

log = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "code", "pre",
    "kbd", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "img",
    "div", "span", "abbr",
}
_CELL_ATTRS = {"class", "colspan", "rowspan", "align", "style"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "table": {"class", "width", "cellspacing", "cellpadding", "border"},
    "td": _CELL_ATTRS,
    "th": _CELL_ATTRS,
    "p": {"class"},
    "div": {"class"},
    "span": {"class"},
    "ul": {"class"},
    "ol": {"start", "class"},
    "li": {"id"},  # footnotes, and the link back to where each is used
    "sup": {"id"},
    "abbr": {"title"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
# Schemes the sanitizer lets through to attribute_filter, which refuses them (and reports where
# they are) unless they resolve to a kiosk page or picture; anything else is dropped silently.
SEEN_SCHEMES = {
    "http", "https", "file", "javascript", "data", "mailto", "tel", "ftp", "vbscript", "sms", "ftps",
    "blob", "about", "ws", "wss", "ssh", "smb", "news", "irc", "skype", "sip", "intent",
    "chrome", "ms-settings", PAGE_SCHEME, IMAGE_SCHEME,  # written by hand, they are refused too
    GLOSSARY_SCHEME,
    "qrc", "res", "resource", "jar", "view-source", "content", "assets", "ms-appx", "search-ms", "shell",
}
# Tags the sanitizer removes together with everything inside them (a script's code, a style's
# rules, an embedded document ...); any other tag not in ALLOWED_TAGS goes but leaves its text.
STRIPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template",
                                   "noscript", "textarea", "select", "svg", "math", "title"})
_ID_ATTR = re.compile(r'\bid="([^"]*)"')
# A link the sanitizer took the address from (a refused link): shown as its text only.
_BARE_ANCHOR = re.compile(r'<a(?:\s+(?!href=)[a-z-]+="[^"]*")*\s*>(.*?)</a>', re.DOTALL)
_DIMENSION = re.compile(r"^\s*(\d{1,5})(?:px)?\s*$")


def markdown_extensions() -> list[markdown.Extension]:
    """Return new instances of the kiosk's Markdown extensions (one set per engine).

    Instances, not names: a name makes Python-Markdown scan the entry points of every
    installed package, about 40 ms of the kiosk's start-up. Imported here, not at the top:
    the home screen needs no Markdown, so start-up does not wait for it.
    """
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension
    from pymdownx.details import DetailsExtension  # type: ignore[import-untyped]
    from pymdownx.highlight import HighlightExtension  # type: ignore[import-untyped]
    from pymdownx.saneheaders import SaneHeadersExtension  # type: ignore[import-untyped]
    from pymdownx.tabbed import TabbedExtension  # type: ignore[import-untyped]
    from pymdownx.tasklist import TasklistExtension  # type: ignore[import-untyped]

    from kiosk.core.callouts import AdmonitionCalloutExtension, CalloutExtension
    from kiosk.core.dialects import DialectsExtension, KioskSuperFences

    # What each is for: docs/authoring.md "Markdown from other editors". Highlight only says how
    # indented code is written out: plain, without Pygments' colours (the kiosk's own are used).
    return [TableExtension(), SaneListExtension(), AttrListExtension(), TocExtension(),
            CalloutExtension(), HighlightExtension(use_pygments=False, css_class=""),
            KioskSuperFences(), TasklistExtension(),
            FootnoteExtension(SEPARATOR="-"), AdmonitionCalloutExtension(), DetailsExtension(),
            TabbedExtension(), SaneHeadersExtension(), DefListExtension(), DialectsExtension()]


def new_markdown() -> markdown.Markdown:
    """Return a Markdown engine with the kiosk's extensions, producing HTML."""
    import markdown

    return markdown.Markdown(extensions=markdown_extensions(), output_format="html")


@dataclass(frozen=True)
class LinkUse:
    """One link as written in a page, the verdict on it, and its line in the file (0: unknown).

    `problem` is the warning the kiosk logs for a link that will not open (a `blocked` verdict),
    None for a link that opens.
    """

    href: str
    target: LinkTarget
    line: int
    problem: Problem | None = None


@dataclass(frozen=True)
class Sanitized:
    """What `PageRenderer.sanitize` made of some HTML: the clean HTML and what it found on the way.

    `problems` are in the order met (the links' warnings among them); `links` are every link, each
    with its own warning when it will not open; `images` are the pictures shown, as paths inside
    the content folder.
    """

    html: str
    problems: tuple[Problem, ...] = ()
    links: tuple[LinkUse, ...] = ()
    images: tuple[str, ...] = ()


@dataclass
class RenderedPage:
    """A page ready for the page view: HTML, the heading ids it has, and render problems.

    `problems` holds every problem, in the order the kiosk logs them; those about links that will
    not open are also on their `LinkUse` (see `problems_besides_links`).
    """

    page_id: str
    html: str
    anchors: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    links: list[LinkUse] = field(default_factory=list)

    def problems_besides_links(self) -> list[Problem]:
        """Return the problems that are not a link's warning (Markdown, pictures)."""
        of_links = {use.problem for use in self.links if use.problem is not None}
        return [problem for problem in self.problems if problem not in of_links]


class PageRenderer:
    """Renders the pages of one content library; one Markdown engine, reused and reset."""

    def __init__(self, library: ContentLibrary, image_scale: float = 1.0) -> None:
        self._cache: dict[tuple[str, str], RenderedPage] = {}
        self._library = library
        self.image_scale = image_scale
        self._markdown: markdown.Markdown | None = None  # built on the first page (start-up)
        self._glossaries: dict[str, Glossary] = {}  # read the first time a page links a word

    @property
    def library(self) -> ContentLibrary:
        """Return the content the pages come from."""
        return self._library

    @library.setter
    def library(self, library: ContentLibrary) -> None:
        """Render from `library` from now on (content reloaded): forgets every rendered page."""
        self._library = library
        self._cache.clear()
        self._glossaries.clear()

    def is_cached(self, lang: str, page_id: str) -> bool:
        """Return True when the page is rendered and kept (its next tap renders nothing)."""
        return (lang, page_id) in self._cache

    def clear_cache(self) -> None:
        """Forget every rendered page (after the content or the scale changed)."""
        self._cache.clear()

    def render(self, lang: str, page_id: str) -> RenderedPage:
        """Return the rendered page (cached); a missing page gives a calm 'ask the staff' page."""
        key = (lang, page_id)
        cached = self._cache.get(key)
        if cached is None:
            language = self.library.language(lang)
            page = language.pages.get(page_id) if language else None
            if language is None or page is None:
                return self.missing_page(lang, page_id)
            cached = self._cache[key] = self._render(language, page)
            for problem in cached.problems:  # once per page and content load, not on every tap
                log.warning("%s", problem)
        return cached

    def glossary(self, lang: str) -> Glossary:
        """Return the glossary of `lang` (content/<lang>/glossary.md), read once."""
        found = self._glossaries.get(lang)
        if found is None:
            from kiosk.core.glossary import Glossary, load_glossary

            language = self.library.language(lang)
            found = load_glossary(language.root) if language else Glossary(self.library.root)
            self._glossaries[lang] = found
        return found

    def missing_page(self, lang: str, page_id: str) -> RenderedPage:
        """Return the page shown in place of one that does not exist."""
        body = (
            f"<h1>{html.escape(text(lang, 'page_missing_title'))}</h1>"
            f"<p>{html.escape(text(lang, 'page_missing_body'))}</p>"
        )
        return RenderedPage(page_id, body)

    def markdown_to_html(self, source: str) -> str:
        """Convert Markdown to HTML with the kiosk's extensions (not yet sanitized)."""
        if self._markdown is None:
            self._markdown = new_markdown()
        try:
            return self._markdown.reset().convert(source)
        finally:
            self._markdown.reset()

    def _render(self, language: Language, page: Page) -> RenderedPage:
        problems: list[Problem] = []
        try:
            body_html = self.markdown_to_html(page.body)
        except Exception as exc:  # Python-Markdown can fail on odd input; keep the page readable.
            log.debug("Markdown failed on %s", page.path, exc_info=True)  # (its problem is logged)
            problems.append(
                Problem(page.path, 0, "error", f"Markdown could not be converted ({exc}); "
                        "showing the text as written")
            )
            body_html = f"<pre>{html.escape(page.body)}</pre>"
        clean = self.sanitize(body_html + page_footer(page), language, page)
        shown = clean.html
        if page.meta.get("evidence") is not None or f"{PAGE_SCHEME}:conditions/" in shown:
            from kiosk.core.evidence import add_page_badge, add_row_badges

            shown = add_row_badges(add_page_badge(shown, page, self.image_scale), language.pages,
                                   language.code, self.image_scale)
        return RenderedPage(page.id, fit_page(shown, language.code),  # (kiosk/core/page_limits.py)
                            anchors=set(_ID_ATTR.findall(clean.html)),
                            problems=[*problems, *clean.problems], images=list(clean.images),
                            links=list(clean.links))

    def sanitize(self, raw_html: str, language: Language, page: Page) -> Sanitized:
        """Clean HTML with nh3, rewriting every link and image to what the kiosk allows.

        A link that will not open becomes its text alone (no `<a>`: it must not look like a link).

        Returns the clean HTML with the problems, links and pictures met in it; `page` (of
        `language`) is where the HTML comes from: links and pictures resolve from it, and problems
        name its file and line.
        """
        page_dir = posixpath.dirname(posixpath.join(language.code, page.id))
        problems: list[Problem] = []
        links: list[LinkUse] = []
        images: list[str] = []

        def attribute_filter(tag: str, attr: str, value: str) -> str | None:
            if (tag, attr) == ("a", "href"):
                use = _link_use(value, page, language)
                if use.target.kind == "glossary":
                    use = self._glossary_use(use, language, page)
                links.append(use)
                if use.problem is not None:
                    problems.append(use.problem)
                    return None
                return use.target.url()
            if (tag, attr) == ("img", "src"):
                relative, trouble = self._picture(value, page_dir)
                if trouble:
                    problems.append(Problem(page.path, line_of(page.body, value, page.body_line),
                                            "error", trouble))
                if relative is None:
                    return None
                images.append(relative)
                return f"{IMAGE_SCHEME}:{quote(relative, safe='/-_.~')}"
            if tag == "img" and attr in ("width", "height"):
                match = _DIMENSION.match(value)
                return str(round(int(match.group(1)) * self.image_scale)) if match else None
            return value

        clean_html = nh3.clean(
            raw_html,
            tags=ALLOWED_TAGS,
            clean_content_tags=STRIPPED_WITH_CONTENT,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=attribute_filter,
            url_schemes=SEEN_SCHEMES,
            link_rel=None,
            strip_comments=True,
            filter_style_properties={"text-align"},
        )
        if "<a" in clean_html:
            clean_html = _BARE_ANCHOR.sub(r"\1", clean_html)
            # A word explained in the glossary looks apart from a link (content.css): a dotted
            # underline, which Qt's rich text takes only from this style attribute (not from a
            # style sheet); browsers ignore it (site.css dots the word its own way).
            clean_html = clean_html.replace(
                f'<a href="{GLOSSARY_SCHEME}:',
                f'<a class="glossary" style="text-underline-style: dotted" href="{GLOSSARY_SCHEME}:')
        return Sanitized(clean_html, tuple(problems), tuple(links), tuple(images))

    def _glossary_use(self, use: LinkUse, language: Language, page: Page) -> LinkUse:
        """Return a glossary link's use: to the term's key, or refused when the glossary lacks it."""
        term = self.glossary(language.code).find(use.target.fragment)
        if term is not None:
            return LinkUse(use.href, LinkTarget("glossary", fragment=term.key), use.line)
        reason = (f"the glossary ({language.code}/glossary.md) has no word '#{use.target.fragment}'; "
                  "add it there or correct the link")
        problem = Problem(page.path, use.line, "error", f"link '{use.href[:80]}' will not open: {reason}")
        return LinkUse(use.href, LinkTarget("blocked", reason=reason), use.line, problem)

    def _picture(self, value: str, page_dir: str) -> tuple[str | None, str]:
        """Return an image `src`'s path inside the content folder (None: refused) and what is wrong."""
        relative = image_relative_path(value, page_dir)
        if relative is None:
            return None, (f"image '{value[:80]}' is not allowed: only pictures "
                          "(.svg .png .jpg .gif .webp) inside the content folder can be shown")
        resolved = safe_join(self.library.root, relative)
        if resolved is None or not resolved.is_file():
            return relative, f"image '{value[:80]}' is missing (looked for content/{relative})"
        return relative, ""


def _link_use(href: str, page: Page, language: Language) -> LinkUse:
    """Return the verdict on a link written in `page`, with the warning logged when it will not open."""
    target = resolve_link(href, page.id, language.pages)
    line = line_of(page.body, href, page.body_line)
    if target.kind != "blocked":
        return LinkUse(href, target, line)
    problem = Problem(page.path, line, "warning", f"link '{href[:80]}' will not open: {target.reason}")
    return LinkUse(href, target, line, problem)


def page_footer(page: Page) -> str:
    """Return the footer health sites show: review dates, sources, and the disclaimer."""
    lang = page.lang
    meta = page.meta
    parts: list[str] = ["<hr/>"]
    dates: list[str] = []
    for key, label in (("reviewed", "last_reviewed"), ("next_review", "next_review")):
        # Only a date or one short line: a YAML alias can make a value of millions of items.
        value = meta.get(key)
        if isinstance(value, date):
            dates.append(f"{text(lang, label)}: {format_date(lang, value)}")
        elif isinstance(value, str) and 0 < len(value) <= 40:
            dates.append(f"{text(lang, label)}: {value}")
    if dates:
        parts.append(f'<p class="review">{html.escape(" · ".join(dates))}</p>')
    parts.append(_review_line(meta, lang))
    sources = [s for s in (format_source(item) for item in _as_list(meta.get("sources"))) if s]
    if sources:
        parts.append(f'<p class="sources-title"><strong>{html.escape(text(lang, "sources"))}'
                     "</strong></p>")
        parts.append('<ul class="sources">' + "".join(f"<li>{s}</li>" for s in sources) + "</ul>")
    parts.append(f'<p class="disclaimer">{html.escape(text(lang, "disclaimer"))}</p>')
    return "".join(parts)


def _review_line(meta: dict[str, object], lang: str) -> str:
    """Return who checked the page (`reviewed_by`) and whether a clinician signed it off."""
    said: list[str] = []
    reviewer = _scalar(meta.get("reviewed_by"))[:120]
    if reviewer:
        said.append(f"{text(lang, 'reviewed_by')}: {reviewer}.")
    signer = _scalar(meta.get("signed_off_by"))[:120]
    said.append(f"{text(lang, 'signed_off_by')}: {signer}." if signer else text(lang, "not_signed_off"))
    return f'<p class="review">{html.escape(" ".join(said))}</p>'


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def format_source(item: object) -> str:
    """Format one `sources` entry (a mapping or a line of text) as escaped HTML."""
    if isinstance(item, dict):
        org = _scalar(item.get("organisation") or item.get("organization"))
        title = _scalar(item.get("title"))
        year = _scalar(item.get("year"))
        pieces: list[str] = []
        if org:
            pieces.append(html.escape(org) + ".")
        if title:
            pieces.append(f"<em>{html.escape(title)}</em>" + ("" if year else "."))
        if year:
            pieces.append(f"({html.escape(year)}).")
        return " ".join(pieces)
    if isinstance(item, str | int | float):
        return html.escape(str(item))
    return ""


def _scalar(value: object) -> str:
    """Return a front matter value as one line of text; lists and mappings give ''."""
    if isinstance(value, str | int | float | date) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return ""
