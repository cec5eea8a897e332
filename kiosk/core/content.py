"""The content model: a tree of pages per language, from content/<lang>/*.md and sub-folders."""

from __future__ import annotations

import logging
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.config import LANGUAGE_CODE
from kiosk.core.frontmatter import Meta, split_front_matter
from kiosk.core.problems import Problem
from kiosk.core.regions import Region, fill, load_region, unfilled_message

if TYPE_CHECKING:
    from kiosk.core.front_matter_cache import FrontMatterCache

log = logging.getLogger(__name__)
DEFAULT_ORDER = 1000.0
GLOSSARY_ID = "glossary"  # content/<lang>/glossary.md: the glossary, not a page (kiosk/core/glossary.py)
# A patient page is a few KB. Far larger is a mistake, and hostile Markdown that size can keep the
# sanitizer busy for seconds on a tap, so such a file is not shown (and `kiosk check` says why).
MAX_PAGE_BYTES = 256_000
# (Each pattern here stays linear in the text's length: a hostile page is up to MAX_PAGE_BYTES.)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S[^\n]*)$", re.M)
_SETEXT_HEADING = re.compile(r"^ {0,3}(\S[^\n]*)\n {0,3}(=+|-+)[ \t]*$", re.M)
_MARKUP = re.compile(r"[*_`]|\[([^\[\]]*)\]\([^()]*\)")
# Worded as `kiosk check` words it (checks/content_check.py), so the check prints it once.
NUL_MESSAGE = ("file contains NUL bytes: it is not a text file (save it as plain UTF-8 text); "
               "not checked further")
EMPTY_MESSAGE = ("page is empty (no words, no picture: only front matter, comments, scripts or "
                 "blank lines): the kiosk does not show it (no tile, no button; links to it are plain "
                 "text); write the page or delete the file")
EMPTY_WITH_PAGES_MESSAGE = ("page is empty (no words, no picture: only front matter, comments, "
                            "scripts or blank lines): the kiosk shows only the list of its sub-pages; write "
                            "the page")
# Explicit direction controls (embeddings, overrides, isolates): they can show a title reversed.
_BIDI_EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Direction marks: needed only beside right-to-left letters; in other text they move punctuation.
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c]")
# Other characters that draw nothing in a line of text: controls, zero-width spaces, word joiners,
# invisible operators, deprecated format controls, a stray BOM, annotations, tag characters.
# (Zero-width joiners and non-joiners stay: emoji and some scripts need them.)
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff"
                     "\ufff9-\ufffb\U000e0000-\U000e007f]")
# What a page's Markdown holds that a patient does not see (for has_content).
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# HTML the sanitizer removes with everything in it (as rendering.STRIPPED_WITH_CONTENT; a test
# keeps the two in step: rendering imports this module, so it cannot be imported here).
HIDDEN_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template",
                                 "noscript", "textarea", "select", "svg", "math", "title"})
_HIDDEN_ELEMENT = re.compile(
    rf"<({'|'.join(sorted(HIDDEN_WITH_CONTENT))})\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_PICTURE = re.compile(r"!\[[^\[\]\n]*\][(\[]|<img\b", re.I)
_NOT_READ = [
    re.compile(r"^ {0,3}(?:`{3,}|~{3,})[^\n]*$", re.M),  # code fences and their language
    re.compile(r"^ {0,3}#{1,6}(?=[ \t]|$)", re.M),  # heading marks (a heading's words count)
    re.compile(r"^ {0,3}\[[^\[\]\n]+\]:[^\n]*$", re.M),  # link reference definitions
    re.compile(r"\]\([^()\n]*\)"),  # link addresses
    re.compile(r"\[![A-Za-z]+\]"),  # callout markers
    re.compile(r"\{[^{}\n]*\}"),  # attribute lists ({width=600})
    re.compile(r"<[^<>\n]*>"),  # HTML tags (the text between them stays)
    re.compile(r"&#?\w+;"),  # character references
]
_WORD = re.compile(r"[^\W_]")
# A line that starts with a word (after spaces): in a body without '<' nothing can hide it, since
# every other pattern above stays on one line and must start before the word (has_content).
_WORD_FIRST_LINE = re.compile(r"^[ \t]*[^\W_]", re.M)
_FIRST_RTL = "\u0590"  # right-to-left letters (R, AL) all come at or after this code point


@dataclass
class Page:
    """One Markdown page: its id (path in the language folder without .md), metadata and body."""

    id: str
    lang: str
    path: Path
    title: str
    summary: str = ""
    icon: str = ""
    order: float = DEFAULT_ORDER
    meta: Meta = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    source: str = ""  # the whole file as loaded (front matter included), for line numbers
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    placeholder: bool = False


@dataclass
class Language:
    """All pages of one language folder, with the sections in home-screen order."""

    code: str
    root: Path
    pages: dict[str, Page] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)

    def children(self, page_id: str) -> list[Page]:
        """Return the sub-pages of a page, in order."""
        page = self.pages.get(page_id)
        return [self.pages[c] for c in page.children] if page else []

    def ordered(self) -> list[Page]:
        """Return every page, sections first in order, each followed by its sub-pages."""
        result: list[Page] = []
        waiting = list(reversed(self.sections))  # a stack, not recursion: folders can nest deep
        while waiting:
            page = self.pages[waiting.pop()]
            result.append(page)
            waiting.extend(reversed(page.children))
        return result

    def shown_pages(self) -> list[Page]:
        """Return the pages a patient can open, in order: what "N pages" counts everywhere.

        Each page file that loaded (also one shown with a problem: not UTF-8, broken front
        matter) and the page listing a folder that has no page file of its own. Not counted:
        files the kiosk does not show (far too large, NUL bytes, empty, hidden, outside the
        folder).
        `kiosk check`, the self-test and the staff reload all count these.
        """
        return self.ordered()


class ContentLibrary:
    """Every language of a content root, and the problems met while loading it.

    A library loaded with `first` holds that language's pages at once and reads each other
    language folder the first time it is asked for (`language(code)`, `languages`): a kiosk
    start shows one language, and every further language would add its reading to the start.
    """

    def __init__(self, root: Path, languages: dict[str, Language], problems: list[Problem],
                 pending: dict[str, Path] | None = None, cache: FrontMatterCache | None = None,
                 region: Region | None = None):
        self.root = root
        self.region = region if region is not None else load_region()
        self._languages = languages
        self._pending = pending or {}  # language code -> folder, not read yet
        self._cache = cache
        self.problems = problems

    @classmethod
    def load(cls, root: Path, cache: FrontMatterCache | None = None,
             first: str | None = None, region: Region | None = None) -> ContentLibrary:
        """Load the language folders under `root` (only `first`, if given); never raises.

        Each page's `{{ variables }}` (body, title, summary) are filled from `region` (default:
        the bundled default region, us); one it has no value for is an error at its line.
        With a front matter `cache`, front matter parsed at an earlier load is not parsed again
        (the kiosk does this); `kiosk check` loads without one: it always parses every page.
        """
        problems: list[Problem] = []
        languages: dict[str, Language] = {}
        pending: dict[str, Path] = {}
        region = region if region is not None else load_region()
        try:
            folders = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError as exc:
            problems.append(Problem(root, 0, "error",
                                    f"cannot read content folder ({exc.strerror})"))
            folders = []
        folders = [f for f in folders if not f.name.startswith(".") and LANGUAGE_CODE.match(f.name)]
        if first not in {folder.name for folder in folders}:
            first = None  # no such folder: read them all, as without `first`
        for folder in folders:
            if first is not None and folder.name != first:
                pending[folder.name] = folder
                continue
            language = _load_language(folder, problems, cache, region)
            if language.pages:
                languages[folder.name] = language
        if not languages and not pending and not problems:
            problems.append(
                Problem(root, 0, "error", "no language folders with pages (expected e.g. en/*.md)")
            )
        if cache is not None:
            cache.save(complete=not pending)  # (the rest once every language is read)
        return cls(root, languages, problems, pending, cache, region)

    @property
    def codes(self) -> list[str]:
        """Return the language codes, without reading the folders not read yet."""
        return sorted({*self._languages, *self._pending})

    @property
    def languages(self) -> dict[str, Language]:
        """Return every language with pages (reading any folder not read yet)."""
        for code in list(self._pending):
            self._read_pending(code)
        return self._languages

    def language(self, code: str) -> Language | None:
        """Return one language, or None if the content has no pages in such a folder."""
        if code in self._pending:
            self._read_pending(code)
        return self._languages.get(code)

    def page_count(self) -> int:
        """Return how many pages all languages hold together."""
        return sum(len(lang.shown_pages()) for lang in self.languages.values())

    def _read_pending(self, code: str) -> None:
        folder = self._pending.pop(code)
        known = len(self.problems)
        language = _load_language(folder, self.problems, self._cache, self.region)
        if language.pages:
            self._languages[code] = language
        for problem in self.problems[known:]:  # the kiosk logged the first language's at start
            log.warning("%s", problem)
        if self._cache is not None:
            self._cache.save(complete=not self._pending)


def load_for_kiosk(root: Path, first: str | None = None,
                   region: Region | None = None) -> ContentLibrary:
    """Load content as the running kiosk does: front matter from the cache, problems logged.

    (Problems of a language read later are logged when it is read: see _read_pending.)
    """
    from kiosk.core.front_matter_cache import FrontMatterCache

    library = ContentLibrary.load(root, FrontMatterCache.read(), first=first, region=region)
    for problem in library.problems:
        log.warning("%s", problem)
    return library


def _load_language(folder: Path, problems: list[Problem], cache: FrontMatterCache | None,
                   region: Region) -> Language:
    language = Language(folder.name, folder)
    blank: dict[str, Page] = {}  # empty page files: not shown
    real_root = folder.resolve()
    try:
        paths = sorted(folder.rglob("*.md"))
    except (OSError, RecursionError) as exc:  # e.g. a folder removed while staff reload
        problems.append(Problem(folder, 0, "error", f"cannot read the folder ({exc}); skipped"))
        paths = []
    for path in paths:
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        kind = _file_kind(path, real_root)
        if kind == "outside":
            problems.append(Problem(path, 0, "error", "links outside the content folder; skipped"))
            continue
        if kind != "file":
            problems.append(Problem(path, 0, "error", "is not a plain file; skipped"))
            continue
        page_id = relative.with_suffix("").as_posix()
        if page_id == GLOSSARY_ID:  # the glossary: words explained over a page, not a page itself
            continue
        page = _load_page(path, page_id, folder.name, problems, cache, region)
        if page is None:
            continue
        if has_content(page.body):
            language.pages[page_id] = page
        else:
            blank[page_id] = page
    _link_tree(language, problems, blank)
    return language


def _file_kind(path: Path, real_root: Path) -> str:
    """Return "file", "outside" (a link out of the content folder) or "other" (a pipe, a folder).

    rglob never enters a linked folder, so only a linked file can lead outside: only a link is
    followed to see where it goes (resolving every path cost more than reading the pages).
    """
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            real = path.resolve()
            if real_root not in real.parents:
                return "outside"
            mode = real.stat().st_mode
    except (OSError, RuntimeError):
        return "outside"
    return "file" if stat.S_ISREG(mode) else "other"


def _load_page(path: Path, page_id: str, lang: str, problems: list[Problem],
               cache: FrontMatterCache | None, region: Region) -> Page | None:
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            problems.append(Problem(path, 0, "error", f"file is far too large for a page "
                                    f"({size / 1e6:.1f} MB; a page is a few KB); not shown"))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(path, 0, "error", f"cannot read file ({exc.strerror}); skipped"))
        return None
    nul = raw.find(b"\x00")
    if nul >= 0:  # not text (a picture, a word processor file, UTF-16): rows of � on a tile
        problems.append(Problem(path, raw.count(b"\n", 0, nul) + 1, "error", NUL_MESSAGE))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(path, line, "error",
                    "not UTF-8 text (save the file as UTF-8); unreadable characters shown as �")
        )
        text = raw.decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    front = split_front_matter(text, path, cache)
    problems.extend(front.problems)
    meta = front.meta
    # The region's facts go in after the front matter is read (a value with ': ' must not break
    # the YAML); the file as loaded is filled too, so the body stays its end (line numbers).
    filled, unfilled = fill(text, region, lang)
    problems.extend(Problem(path, v.line, "error", unfilled_message(v, region)) for v in unfilled)
    body = fill(front.body, region, lang)[0]
    page = Page(page_id, lang, path, "", meta=meta, body=body, body_line=front.body_line,
                source=filled)
    page.title = _filled(_text_field(meta, "title", text, path, problems), region, lang) \
        or first_heading(body)
    if not page.title:
        page.title = _title_from_name(path.stem) or page_id
    page.summary = _filled(_text_field(meta, "summary", text, path, problems), region, lang)
    page.icon = _text_field(meta, "icon", text, path, problems)
    order = meta.get("order", DEFAULT_ORDER)
    if isinstance(order, bool) or not isinstance(order, int | float):
        problems.append(Problem(path, meta_line(text, "order"), "error",
                                "'order' must be a number"))
        order = DEFAULT_ORDER
    page.order = float(order)
    return page


def _text_field(meta: Meta, key: str, text: str, path: Path, problems: list[Problem]) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return clean_line(str(value))
    problems.append(Problem(path, meta_line(text, key), "error", f"'{key}' must be a line of text"))
    return ""


def _filled(line: str, region: Region, lang: str) -> str:
    """Return a title or summary with its variables filled (their problems come from the file)."""
    return clean_line(fill(line, region, lang)[0]) if "{{" in line else line


def _title_from_name(name: str) -> str:
    """Return a title made from a file or folder name: "lifting-and-twisting" -> "Lifting and twisting"."""
    return clean_line(name.replace("-", " ").replace("_", " ")).capitalize()


def clean_line(text: str) -> str:
    """Return one line of shown text (a title, a summary) without invisible controls, spaces evened.

    Direction overrides, embeddings and isolates always go; direction marks go unless the line
    has right-to-left letters (where they may be meant).
    """
    text = _HIDDEN.sub("", _BIDI_EXPLICIT.sub("", " ".join(text.split())))
    unmarked = _BIDI_MARKS.sub("", text)
    if not unmarked or max(unmarked) < _FIRST_RTL or not _has_right_to_left(unmarked):
        text = unmarked  # (the marks themselves are right-to-left: look at the rest)
    return " ".join(text.split())


def _has_right_to_left(text: str) -> bool:
    import unicodedata  # (only for a line with letters past U+0590: hardly ever)

    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def has_content(body: str) -> bool:
    """Return True when a page's Markdown body shows a patient something: a word or a picture."""
    if "<" not in body and _WORD_FIRST_LINE.search(body):
        return True  # (most pages: a paragraph, and no comment or HTML that could hide it)
    body = _HIDDEN_ELEMENT.sub(" ", _COMMENT.sub(" ", body))
    if _PICTURE.search(body):
        return True
    for pattern in _NOT_READ:
        body = pattern.sub(" ", body)
    return _WORD.search(body) is not None


def meta_line(text: str, key: str) -> int:
    """Return the line of `key:` in a file's front matter, or 1 when it cannot be found."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def first_heading(body: str) -> str:
    """Return the text of the first heading of a Markdown body, without markup, or ''."""
    candidates = [m for m in (_ATX_HEADING.search(body), _SETEXT_HEADING.search(body)) if m]
    if not candidates:
        return ""
    match = min(candidates, key=lambda m: m.start())
    heading = match.group(1)
    if match.re is _ATX_HEADING:  # without its closing #s
        heading = heading.rstrip(" \t#") or heading[:1]
    return clean_line(_MARKUP.sub(lambda m: m.group(1) or "", heading))


def _link_tree(language: Language, problems: list[Problem],
               blank: dict[str, Page] | None = None) -> None:
    pages = language.pages
    blank = blank or {}
    for page_id in sorted(pages):
        if "/" not in page_id:
            continue
        parent_id = page_id.rsplit("/", 1)[0]
        if parent_id not in pages:
            folder = language.root / parent_id
            if parent_id not in blank:  # (an empty page file is reported below)
                problems.append(
                    Problem(folder, 0, "warning",
                            f"folder has no page '{folder.name}.md' next to it; its pages are "
                            "listed under a page titled after the folder")
                )
            _add_placeholder(language, parent_id, blank)
    for page_id, page in sorted(blank.items()):
        listing = page_id in pages  # it has sub-pages: their list is shown, with its title
        problems.append(Problem(page.path, 0, "error",
                                EMPTY_WITH_PAGES_MESSAGE if listing else EMPTY_MESSAGE))
    for page_id, page in pages.items():
        if "/" in page_id:
            page.parent = page_id.rsplit("/", 1)[0]
            pages[page.parent].children.append(page_id)
    for page in pages.values():
        page.children.sort(key=lambda c: (pages[c].order, pages[c].title.casefold(), c))
    language.sections = sorted(
        (p for p in pages if "/" not in p),
        key=lambda p: (pages[p].order, pages[p].title.casefold(), p),
    )


def _add_placeholder(language: Language, page_id: str, blank: dict[str, Page] | None = None) -> None:
    """Add a titled, empty page for `page_id` and for each of its missing parent folders.

    A folder whose page file is empty (in `blank`) keeps that file's title, summary, icon
    and order.
    """
    parts = page_id.split("/")
    for depth in range(1, len(parts) + 1):
        folder_id = "/".join(parts[:depth])
        if folder_id in language.pages:
            continue
        name = parts[depth - 1]
        title = _title_from_name(name) or name
        page = Page(folder_id, language.code, language.root / f"{folder_id}.md", title,
                    placeholder=True)
        known = (blank or {}).get(folder_id)
        if known is not None:
            page.title, page.summary, page.icon, page.order = (known.title, known.summary,
                                                               known.icon, known.order)
        language.pages[folder_id] = page
