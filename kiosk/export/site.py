"""Writes the kiosk's pages as a static website: one HTML file per page and language (Qt-free).

The pages come from the kiosk's own renderer and sanitizer, so the site shows what the kiosk
shows and nothing more: no script, no address outside the site, links between pages made
relative, pictures copied beside them. Layout of the folder written:

    index.html                 the languages
    <lang>/index.html          the sections (the home screen)
    <lang>/<page id>.html      a page, with its section's pages below it
    assets/site.css, assets/fonts/   one stylesheet from the kiosk's themes, the font
    images/...                 the pictures the pages show (as in the content folder)
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from kiosk.core.config import Config
from kiosk.core.content import ContentLibrary, Language, Page
from kiosk.core.links import IMAGE_SCHEME, PAGE_SCHEME
from kiosk.core.problems import Problem
from kiosk.core.resources import resource_path, safe_join
from kiosk.core.strings import language_name, text
from kiosk.core.stylesheets import load_stylesheet
from kiosk.core.themes import DEFAULT, HIGH_CONTRAST

PHONE_SCALE = 0.64  # content.css is sized for 1920x1080 (28 px body text): 18 px on a phone
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf",
              "AtkinsonHyperlegible-Italic.ttf", "AtkinsonHyperlegible-BoldItalic.ttf", "OFL.txt")
# Nothing from elsewhere, and no script, even if a page slipped something past the sanitizer.
CONTENT_POLICY = ("default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'; "
                  "base-uri 'none'; form-action 'none'")
_HREF = re.compile(r'href="([^"]*)"')
_SRC = re.compile(r'src="([^"]*)"')


@dataclass
class ExportReport:
    """What an export wrote: pages per language, pictures copied, and problems met."""

    pages: dict[str, int] = field(default_factory=dict)
    images: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        """Return the number of page files written (all languages)."""
        return sum(self.pages.values())


def page_file(lang: str, page_id: str) -> str:
    """Return where a page is in the site, e.g. "en/back-pain/muscle-strain.html"."""
    return f"{lang}/{page_id}.html"


def _relative(target: str, from_file: str) -> str:
    """Return the link from the site file `from_file` to the site file `target`, URL-quoted."""
    return quote(posixpath.relpath(target, posixpath.dirname(from_file) or "."), safe="/-_.~")


class SiteExporter:
    """Renders every page of a content library and writes the site into a folder."""

    def __init__(self, library: ContentLibrary, config: Config | None = None):
        from kiosk.core.rendering import PageRenderer  # Markdown: only when exporting

        self.library = library
        self.config = config or Config()
        self.renderer = PageRenderer(library)
        self._images: set[str] = set()

    def export(self, out: Path) -> ExportReport:
        """Write the site into `out` (made if missing; files of an earlier export are replaced)."""
        report = ExportReport()
        out.mkdir(parents=True, exist_ok=True)
        self._write_assets(out)
        languages = [code for code in self.library.codes if self.library.language(code)]
        for code in languages:
            language = self.library.language(code)
            assert language is not None
            self._write(out, f"{code}/index.html", self._home(language, languages))
            count = 0
            for page in language.shown_pages():
                rendered = self.renderer.render(code, page.id)
                report.problems.extend(rendered.problems)
                self._write(out, page_file(code, page.id), self._page(language, page, rendered.html,
                                                                       languages))
                count += 1
            report.pages[code] = count
        self._write(out, "index.html", self._languages(languages))
        report.images = self._copy_images(out, report)
        return report

    # -- the files -----------------------------------------------------------------------------

    def _write(self, out: Path, relative: str, body: str) -> None:
        path = out.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")

    def _write_assets(self, out: Path) -> None:
        fonts = out / "assets" / "fonts"
        fonts.mkdir(parents=True, exist_ok=True)
        for name in FONT_FILES:
            shutil.copyfile(resource_path("fonts", name), fonts / name)
        (out / "assets" / "site.css").write_text(site_stylesheet(), encoding="utf-8")

    def _copy_images(self, out: Path, report: ExportReport) -> int:
        copied = 0
        for relative in sorted(self._images):
            source = safe_join(self.library.root, relative)
            if source is None or not source.is_file():
                continue  # (the renderer already reported it at its page's line)
            target = out.joinpath(*relative.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied += 1
        return copied

    # -- what each file holds ------------------------------------------------------------------

    def _document(self, lang: str, where: str, title: str, body: str, nav: str = "") -> str:
        """Return a whole HTML file: head, the clinic's name, `nav`, then `body` in <main>."""
        css = _relative("assets/site.css", where)
        home = _relative(f"{lang}/index.html", where)
        clinic = html.escape(self.config.clinic_name)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>{html.escape(title)} - {clinic}</title>\n"
            f'<link rel="stylesheet" href="{css}">\n</head>\n<body>\n'
            f'<header class="site"><a href="{home}">{clinic}</a></header>\n{nav}'
            f"<main>\n{body}\n</main>\n</body>\n</html>\n"
        )

    def _nav(self, lang: str, where: str, page_id: str, languages: list[str],
             home: bool = True) -> str:
        """Return the links under the header: Home, and the same page in the other languages."""
        links = [f'<a href="{_relative(f"{lang}/index.html", where)}">'
                 f'{html.escape(text(lang, "home"))}</a>'] if home else []
        for code in languages:
            other = self.library.language(code)
            if code == lang or other is None:
                continue
            target = page_file(code, page_id) if page_id in other.pages else f"{code}/index.html"
            links.append(f'<a href="{_relative(target, where)}" lang="{html.escape(code)}" '
                         f'hreflang="{html.escape(code)}">{html.escape(language_name(code))}</a>')
        return '<nav class="site">' + "".join(links) + "</nav>\n"

    def _languages(self, languages: list[str]) -> str:
        lang = self.config.default_language if self.config.default_language in languages else (
            languages[0] if languages else "en")
        items = "".join(
            f'<li><a href="{code}/index.html" lang="{html.escape(code)}">'
            f"{html.escape(language_name(code))}</a></li>" for code in languages)
        body = f"<h1>{html.escape(self.config.clinic_name)}</h1>\n<ul class=\"pages\">{items}</ul>"
        return self._document(lang, "index.html", self.config.clinic_name, body)

    def _home(self, language: Language, languages: list[str]) -> str:
        code = language.code
        where = f"{code}/index.html"
        items = [language.pages[pid] for pid in language.sections]
        body = (f"<h1>{html.escape(text(code, 'welcome'))}</h1>\n"
                + self._page_list(items, where, current=""))
        return self._document(code, where, self.config.clinic_name, body,
                              self._nav(code, where, "", languages, home=False))

    def _page(self, language: Language, page: Page, rendered: str, languages: list[str]) -> str:
        code = language.code
        where = page_file(code, page.id)
        body = self._site_links(rendered, code, where)
        owner = page if page.children or page.parent is None else language.pages[page.parent]
        if owner.children:
            items = [owner, *language.children(owner.id)]
            body += (f'\n<section class="pages"><h2>{html.escape(text(code, "in_this_section"))}'
                     f"</h2>\n{self._page_list(items, where, current=page.id)}</section>")
        return self._document(code, where, page.title, body, self._nav(code, where, page.id, languages))

    def _page_list(self, pages: list[Page], where: str, current: str) -> str:
        items: list[str] = []
        for page in pages:
            mark = ' aria-current="page"' if page.id == current else ""
            summary = (f'<span class="summary">{html.escape(page.summary)}</span>'
                       if page.summary and not current else "")
            link = _relative(page_file(page.lang, page.id), where)
            items.append(f'<li><a href="{link}"{mark}>{html.escape(page.title)}{summary}</a></li>')
        return '<ul class="pages">' + "".join(items) + "</ul>"

    def _site_links(self, rendered: str, lang: str, where: str) -> str:
        """Turn the kiosk's page: and image: addresses into links inside the site."""

        def href(match: re.Match[str]) -> str:
            value = html.unescape(match.group(1))
            if value.startswith("#"):
                return match.group(0)
            if value.startswith(f"{PAGE_SCHEME}:"):
                target, _, fragment = value[len(PAGE_SCHEME) + 1:].partition("#")
                link = _relative(page_file(lang, unquote(target)), where)
                return f'href="{html.escape(link + ("#" + fragment if fragment else ""))}"'
            return 'href="#"'  # (the sanitizer lets nothing else through; never a way out)

        def src(match: re.Match[str]) -> str:
            value = html.unescape(match.group(1))
            if value.startswith(f"{IMAGE_SCHEME}:"):
                relative = unquote(value[len(IMAGE_SCHEME) + 1:])
                self._images.add(relative)
                return f'src="{html.escape(_relative(relative, where))}"'
            return 'src=""'

        return _SRC.sub(src, _HREF.sub(href, rendered))


def site_stylesheet() -> str:
    """Return the site's stylesheet: content.css for a phone in the kiosk's colours, then site.css.

    Someone who asked their phone for more contrast gets the kiosk's high-contrast colours.
    """
    normal = load_stylesheet("content.css", PHONE_SCALE, DEFAULT)
    high = load_stylesheet("content.css", PHONE_SCALE, HIGH_CONTRAST)
    chrome = load_stylesheet("site.css", 1.0, DEFAULT)
    chrome_high = load_stylesheet("site.css", 1.0, HIGH_CONTRAST)
    chrome_high = re.sub(r"@font-face\s*\{[^}]*\}", "", chrome_high)
    return (f"{normal}\n{chrome}\n@media (prefers-contrast: more) {{\n{high}\n{chrome_high}\n}}\n")
