"""The content checker behind `kiosk check`: every problem staff can fix in a content tree, by file and line.

It reuses the kiosk's own loader and renderer (so it finds exactly what the kiosk would meet) and
adds the rules of careful health pages: titles, review dates, sources, reading level. It never
raises: each file and each step is checked on its own, and a failure becomes a message.
"""

from __future__ import annotations

import logging
import os
import posixpath
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar, TypeVarTuple

from kiosk.checks import finding_rules, markdown_support, reading_level
from kiosk.checks.file_names import windows_name_message
from kiosk.checks.link_grades import (
    grade_blocked_link,
    grade_unseen,
    located_picture_problems,
    located_uses,
    unseen_addresses,
)
from kiosk.checks.link_lines import LinkLines
from kiosk.checks.page_rules import PageRules
from kiosk.checks.page_size_check import check_page_size
from kiosk.checks.picture_check import check_picture
from kiosk.checks.raw_html_check import RawHtmlCheck
from kiosk.checks.reading_level import measure_page
from kiosk.checks.region_check import bundled_regions, check_regions
from kiosk.checks.report import CheckReport, PageReading, sort_key
from kiosk.checks.text_hygiene import check_page as check_characters
from kiosk.core.config import Config
from kiosk.core.content import MAX_PAGE_BYTES, ContentLibrary, Language, Page, first_heading
from kiosk.core.links import image_relative_path
from kiosk.core.problems import Problem, Severity, body_first_line
from kiosk.core.regions import Region, load_region
from kiosk.core.rendering import LinkUse, PageRenderer, RenderedPage
from kiosk.core.resources import safe_join

log = logging.getLogger(__name__)

MIN_WORDS_FOR_GRADE = 30  # reading formulas mean little on a few words ("Picture." scores grade 8.4)

T = TypeVar("T")
Ts = TypeVarTuple("Ts")
Tools = tuple[PageRenderer, RawHtmlCheck, PageRules]


def check_content(root: Path, config: Config | None = None, today: date | None = None,
                  languages: set[str] | None = None) -> CheckReport:
    """Check the content tree at `root`; `today` and `languages` (codes to check) are optional."""
    checker = ContentChecker(root, config or Config(), today or date.today(), languages)
    return checker.run()


def check_page(library: ContentLibrary, lang: str, page_id: str, config: Config | None = None,
               today: date | None = None) -> list[Problem]:
    """Return every problem `kiosk check` finds in one page's file (what the live preview shows)."""
    checker = ContentChecker(library.root, config or Config(), today or date.today(), {lang})
    language = library.language(lang)
    page = language.pages.get(page_id) if language else None
    if language is None or page is None or page.placeholder:
        return []
    checker.guarded(page.path, "this file", checker.scan_file, page.path)
    checker.note_loader_problems([p for p in library.problems if p.path == page.path])
    renderer = PageRenderer(library)
    tools = (renderer, RawHtmlCheck(renderer), PageRules(checker.config, checker.today, checker.add))
    rendered: dict[str, RenderedPage] = {}
    checker.guarded(page.path, "the page", checker.check_page, language, page, rendered, tools)
    if page.id in rendered:
        checker.guarded(page.path, "the page's links", checker.check_fragments, language, page,
                        rendered, renderer)
    return sorted({p for p in checker.report.problems if p.path == page.path}, key=sort_key)


def _shows(relative: str, page_dir: str) -> Callable[[str], bool]:
    """Return a test of whether a picture address written in a page in `page_dir` is `relative`."""
    return lambda written: image_relative_path(written, page_dir) == relative


class ContentChecker:
    """Runs every rule over a content tree and collects the problems in a CheckReport."""

    def __init__(self, root: Path, config: Config, today: date, languages: set[str] | None,
                 region: Region | None = None) -> None:
        self.root = root
        self.config = config
        self.region = region if region is not None else load_region(config.region)
        self.today = today
        self.only = languages
        self.report = CheckReport(root)
        self.skipped: set[Path] = set()
        self.scanned: set[Path] = set()
        self.pictures_seen: set[Path] = set()
        self.warned_unmeasured = False
        self.unreadable_settings: set[Path] = set()  # front matter the loader could not read
        self.link_lines: dict[Path, LinkLines] = {}  # where each page's addresses are written
        self.links: dict[Path, list[LinkUse]] = {}  # each page's links, at the lines they are on

    def add(self, path: Path, line: int, severity: Severity, message: str) -> None:
        """Record one problem."""
        self.report.problems.append(Problem(path, line, severity, message))

    def guarded(self, path: Path, what: str, step: Callable[[*Ts], T], *args: *Ts) -> T | None:
        """Run one step; any failure becomes an error about `path` instead of a traceback."""
        try:
            return step(*args)
        except RecursionError:
            self.add(path, 0, "error", f"could not check {what}: it is nested too deeply")
        except Exception as exc:  # the checker must never crash on content, however broken
            log.debug("checking %s failed", path, exc_info=True)
            self.add(path, 0, "error", f"could not check {what} ({type(exc).__name__}: {exc})"[:300])
        return None

    def run(self, every_region: bool = True) -> CheckReport:
        """Check everything and return the report (problems sorted by file and line).

        The pages are checked with the configured region's facts filled in, then (`every_region`)
        with each other region's: what only another region gets wrong is reported as
        "region 'uk': ...". The region files themselves are checked too.
        """
        self.guarded(self.root, "the folder", self.scan_files)
        library = self.guarded(self.root, "the content", self.load_library)
        if library is not None:
            self.note_loader_problems(library.problems)
            self.guarded(self.root, "the pages", self.check_library, library)
        if every_region:
            self.guarded(self.root, "the regions", self.check_other_regions)
        self.report.problems = sorted(set(self.report.problems), key=sort_key)
        return self.report

    def load_library(self) -> ContentLibrary:
        """Read the content as the kiosk does, with this check's region filled in (no cache)."""
        return ContentLibrary.load(self.root, region=self.region)

    def check_other_regions(self) -> None:
        """Check the region files, then every page again with each other region's facts."""
        regions = bundled_regions()
        if self.region.code not in {region.code for region in regions}:
            regions.append(self.region)
        self.report.regions = sorted(region.code for region in regions)
        self.report.problems.extend(check_regions(regions, self.report.languages))
        seen = set(self.report.problems)
        for region in regions:
            if region.code == self.region.code:
                continue
            other = ContentChecker(self.root, self.config, self.today, self.only, region)
            for problem in other.run(every_region=False).problems:
                if problem in seen:
                    continue
                message = problem.message
                if f"region '{region.code}'" not in message:
                    message = f"region '{region.code}': {message}"
                self.report.problems.append(Problem(problem.path, problem.line, problem.severity,
                                                    message))

    def note_loader_problems(self, problems: list[Problem]) -> None:
        """Report what the loader found, and remember files whose front matter it could not read."""
        self.report.problems.extend(problems)
        self.unreadable_settings.update(p.path for p in problems if "front matter" in p.message)

    # -- the files on disk ---------------------------------------------------------------------

    def scan_files(self) -> None:
        """Look at every file under the root: unreadable folders, huge or binary pages, odd names."""
        def unreadable(error: OSError) -> None:
            where = Path(error.filename) if error.filename else self.root
            self.add(where, 0, "error", f"cannot read this folder ({error.strerror}); skipped")

        if not self.root.is_dir():
            return  # the loader reports a missing content folder
        for folder, dirs, files in os.walk(self.root, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs:
                self.guarded(Path(folder) / name, "the name", self.check_name, Path(folder) / name, True)
            for name in sorted(files):
                if not name.startswith("."):
                    self.guarded(Path(folder) / name, "the name", self.check_name, Path(folder) / name,
                                 False)
                    self.guarded(Path(folder) / name, "this file", self.scan_file, Path(folder) / name)

    def check_name(self, path: Path, is_folder: bool) -> None:
        """Report a file or folder name that Windows refuses (it would not copy to a Windows kiosk)."""
        message = windows_name_message(path.name, is_folder)
        if message:
            self.add(path, 0, "error", message)

    def scan_file(self, path: Path) -> None:
        """Check one file's name, size and bytes."""
        self.scanned.add(path)
        lower = path.name.lower()
        if lower.endswith((".md", ".markdown")) and not path.name.endswith(".md"):
            self.add(path, 0, "warning", "not read as a page here (page files end in lower-case "
                     f"'.md'), but other computers may read it: rename it to '{path.stem}.md'")
            return
        if not path.name.endswith(".md") or path.is_symlink() or not path.is_file():
            return
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:  # the content loader reports it and does not show it
            self.skipped.add(path)
            return
        with path.open("rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
        if b"\x00" in data:
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            self.skipped.add(path)
            self.add(path, line, "error", "file contains NUL bytes: it is not a text file "
                     "(save it as plain UTF-8 text); not checked further")

    # -- pages ---------------------------------------------------------------------------------

    def check_library(self, library: ContentLibrary) -> None:
        """Check every page of every language, then the rules that span pages and languages."""
        renderer = PageRenderer(library)
        tools = (renderer, RawHtmlCheck(renderer), PageRules(self.config, self.today, self.add))
        for code in sorted((self.only or set()) - set(library.languages)):
            self.add(self.root, 0, "error", f"no pages in language '{code}' (no folder "
                     f"'{code}/' with .md files)")
        for code in sorted(library.languages):
            if self.only is not None and code not in self.only:
                continue
            language = library.languages[code]
            self.report.languages.append(code)
            self.report.page_count += len(language.shown_pages())
            pages = [p for p in language.ordered() if not p.placeholder]  # (the ones with a file)
            rendered: dict[str, RenderedPage] = {}
            for page in pages:
                self.check_page(language, page, rendered, tools)
            for page in pages:
                if page.id in rendered:
                    self.guarded(page.path, "the page's links", self.check_fragments, language,
                                 page, rendered, renderer)
            self.guarded(language.root, "the page names", self.check_duplicate_ids, language)
            self.guarded(language.root, "the body map", finding_rules.check_regions, language, self.add)
            self.guarded(language.root / "glossary.md", "the glossary", self.check_glossary, language,
                         pages, renderer)
        self.guarded(self.root, "the languages", self.check_languages_match, library)

    def check_page(self, language: Language, page: Page, rendered: dict[str, RenderedPage],
                   tools: Tools) -> None:
        """Apply every one-page rule to `page`; its rendering is added to `rendered`."""
        renderer, raw_html, rules = tools
        if page.path in self.skipped:
            return
        if page.path not in self.unreadable_settings:  # else "missing title/dates" is just noise
            self.guarded(page.path, "the page's settings", rules.check_front_matter, page)
            self.guarded(page.path, "the page's settings", finding_rules.check_page_settings, page,
                         self.add)
        result = self.guarded(page.path, "the page", renderer.render, language.code, page.id)
        if result is None:
            return
        rendered[page.id] = result
        self.guarded(page.path, "the page's links", self.check_rendered, page, result)
        self.guarded(page.path, "the page's links", self.check_unseen, language, page, result,
                     renderer)
        problems = self.guarded(page.path, "the page's HTML", raw_html.check, language, page)
        self.report.problems.extend(problems or [])
        self.guarded(page.path, "the page's callouts", rules.check_callouts, page)
        self.report.problems += self.guarded(page.path, "Markdown", markdown_support.check_page, page) or []
        self.guarded(page.path, "the page's pictures", self.check_pictures, page, result)
        self.report.problems += self.guarded(page.path, "the page's size", check_page_size,
                                             renderer, language, page) or []
        self.guarded(page.path, "the reading level", self.check_reading, page, result)
        self.report.problems += self.guarded(page.path, "the characters", check_characters, page) or []

    def lines_of(self, page: Page) -> LinkLines:
        """Return where the link and picture addresses of `page` are written (found once a page)."""
        lines = self.link_lines.get(page.path)
        if lines is None:
            first = body_first_line(page.source, page.body, page.body_line)
            lines = self.link_lines[page.path] = LinkLines(page.body, first)
        return lines

    def check_rendered(self, page: Page, rendered: RenderedPage) -> None:
        """Take the renderer's problems, grading links that will not open by how wrong they are.

        Each link and picture problem is put at the line its address is written on (LinkLines).
        """
        lines = self.lines_of(page)
        self.links[page.path] = uses = located_uses(rendered.links, lines)
        self.report.problems.extend(located_picture_problems(rendered.problems_besides_links(), lines))
        for use in uses:
            if use.problem is not None:
                self.report.problems.append(grade_blocked_link(page.path, use))
        if not (page.meta.get("title") or first_heading(page.body)):
            self.add(page.path, 1, "error", "page has no title: add 'title:' to the front matter "
                     "or start the page with a '# Title' line")

    def check_unseen(self, language: Language, page: Page, rendered: RenderedPage,
                     renderer: PageRenderer) -> None:
        """Report links and pictures the sanitizer drops without a word (qrc:, C:/Windows ...)."""
        html = renderer.markdown_to_html(page.body)
        for kind, value in unseen_addresses(html, rendered.links):
            self.report.problems.append(grade_unseen(page, language.pages, kind, value,
                                                     self.lines_of(page)))

    def check_pictures(self, page: Page, rendered: RenderedPage) -> None:
        """Check each picture file the page shows, once per file."""
        page_dir = posixpath.dirname(posixpath.join(page.lang, page.id))
        for relative in rendered.images:
            path = safe_join(self.root, relative)
            if path is None or path in self.pictures_seen or not path.is_file():
                continue  # a missing or outside picture is reported by the renderer
            self.pictures_seen.add(path)
            line = self.lines_of(page).line_where(_shows(relative, page_dir), "image", consume=False)
            used_by = f"{page.path}:{line}" if line else str(page.path)
            problems = self.guarded(path, "this picture", check_picture, path, used_by)
            self.report.problems.extend(problems or [])

    def check_fragments(self, language: Language, page: Page, rendered: dict[str, RenderedPage],
                        renderer: PageRenderer) -> None:
        """Report links to a heading (#fragment) that the target page does not have."""
        for use in self.links.get(page.path, rendered[page.id].links):
            target = use.target
            if target.kind not in ("page", "anchor") or not target.fragment:
                continue
            target_id = page.id if target.kind == "anchor" else target.page_id
            target_page = language.pages.get(target_id)
            if target_page is not None and target_page.path not in self.scanned:
                self.guarded(target_page.path, "this file", self.scan_file, target_page.path)
            if target_id not in rendered and (target_page is None or target_page.path in self.skipped):
                continue  # a file too large or not text: reported on its own
            other = rendered.get(target_id) or renderer.render(language.code, target_id)
            if target.fragment not in other.anchors:
                known = ", ".join(f"#{a}" for a in sorted(other.anchors)[:8]) or "none"
                self.add(page.path, use.line, "error",
                         f"link '{use.href[:80]}': page '{target_id}' has no heading "
                         f"'#{target.fragment}' (its headings: {known})")

    def check_reading(self, page: Page, rendered: RenderedPage) -> None:
        """Measure the page and report a grade above the configured limit."""
        if not reading_level.MEASURED and not self.warned_unmeasured:
            self.warned_unmeasured = True
            self.add(self.root, 0, "warning", "reading grades not measured: this copy of the kiosk "
                     "has no textstat; run the check from a Python install (make check)")
        level = measure_page(rendered.html, page.lang)
        self.report.readings.append(
            PageReading(page.lang, page.id, page.path, level.words, level.grade, level.measure)
        )
        limit = self.config.reading_grade_max
        if level.grade is not None and level.grade > limit and level.words >= MIN_WORDS_FOR_GRADE:
            self.add(page.path, 1, "error", f"reading grade {level.grade:.1f} is above the limit "
                     f"of {limit:g} ({level.measure}): use shorter sentences and shorter words")

    def check_glossary(self, language: Language, pages: list[Page], renderer: PageRenderer) -> None:
        """Check the language's glossary against the words its pages link to it."""
        uses = [use for page in pages for use in self.links.get(page.path, [])]
        finding_rules.check_glossary(renderer.glossary(language.code), uses, language.code,
                                     self.config.reading_grade_max, self.add)

    def check_duplicate_ids(self, language: Language) -> None:
        """Report page files whose names differ only in upper/lower case (or accent encoding)."""
        groups: dict[str, list[Page]] = {}
        for page in language.pages.values():
            if not page.placeholder:
                groups.setdefault(unicodedata.normalize("NFC", page.id).casefold(), []).append(page)
        for group in groups.values():
            if len(group) > 1:
                names = " and ".join(f"'{p.id}.md'" for p in sorted(group, key=lambda p: p.id))
                for page in group:
                    self.add(page.path, 0, "error", f"{names} are the same page on Windows and "
                             "macOS (names differ only in upper/lower case or accents); rename one")

    def check_languages_match(self, library: ContentLibrary) -> None:
        """Warn when a language lacks pages that another language has (the same page ids)."""
        ids = {code: {p.id for p in lang.pages.values() if not p.placeholder}
               for code, lang in library.languages.items()}  # (only language-code folders)
        if len(ids) < 2:
            return
        every = set().union(*ids.values())
        for code in sorted(ids):
            if self.only is not None and code not in self.only:
                continue
            missing = sorted(every - ids[code])
            if missing:
                shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
                self.add(library.languages[code].root, 0, "warning",
                         f"{len(missing)} page(s) that another language has are missing here: {shown}")
