"""How good the research is for a condition: the fixed scale, and the badge the page shows (Qt-free)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from kiosk.core.content import Page
from kiosk.core.strings import text

EVIDENCE_KEY = "evidence"
SOURCE_KEY = "evidence_source"
CONDITIONS = "conditions"  # pages under conditions/ carry an evidence level
# From the best to the least known; each has its words (strings.py: evidence_<key with _>) and its
# icon (resources/evidence/<key>.svg): a tick, a half-filled circle, an equals sign and a
# question mark, so the level never rests on colour alone.
LEVELS = ("benefit-shown", "small-or-uncertain", "no-better-than-sham", "not-enough-research")
BADGE_SCHEME = "badge"  # <img src="badge:benefit-shown">: the page view draws the bundled icon
BADGE_ICON_PX = 56  # at 1920x1080
ROW_ICON_PX = 40


def is_condition_page(page: Page) -> bool:
    """Return True for a page under conditions/ (they must say how good the research is)."""
    return page.id.startswith(f"{CONDITIONS}/") and not page.placeholder


def page_evidence(page: Page) -> str:
    """Return the page's evidence level, '' when it has none or one outside the scale."""
    value = page.meta.get(EVIDENCE_KEY)
    if isinstance(value, str) and value.strip().lower() in LEVELS:
        return value.strip().lower()
    return ""


LEVEL_TEXTS = {level: "evidence_" + level.replace("-", "_") for level in LEVELS}  # strings.py keys


def level_words(lang: str, level: str) -> str:
    """Return the words of a level in `lang` ("Benefit shown")."""
    return text(lang, LEVEL_TEXTS[level])


def source_line(page: Page) -> str:
    """Return the review the level rests on as one line: organisation, title (year)."""
    value = page.meta.get(SOURCE_KEY)
    if isinstance(value, str):
        return " ".join(value.split())
    if not isinstance(value, dict):
        return ""
    org, title, year = (" ".join(str(value.get(k) or "").split())
                        for k in ("organisation", "title", "year"))
    line = ", ".join(part for part in (org, title) if part)
    return f"{line} ({year})" if year else line


def _icon(level: str, px: int) -> str:
    return f'<img src="{BADGE_SCHEME}:{level}" width="{px}" height="{px}" alt="" />'


def badge_html(page: Page, scale: float = 1.0) -> str:
    """Return the badge shown near the top of a condition page: icon, words and the review."""
    level = page_evidence(page)
    if not level:
        return ""
    lang = page.lang
    source = source_line(page)
    based = (f'<br/><span class="evidence-source">{html.escape(text(lang, "evidence_based_on"))} '
             f"{html.escape(source)}</span>") if source else ""
    return (f'<table class="evidence" cellspacing="0" cellpadding="0"><tr>'
            f'<td class="evidence-icon">{_icon(level, round(BADGE_ICON_PX * scale))}</td>'
            f'<td class="evidence-words"><span class="evidence-title">'
            f'{html.escape(text(lang, "evidence_title"))}</span> '
            f'<strong>{html.escape(level_words(lang, level))}</strong>{based}</td>'
            "</tr></table>")


def row_badge_html(page: Page, scale: float = 1.0) -> str:
    """Return the small badge for a row of the conditions table: icon and words."""
    level = page_evidence(page)
    if not level:
        return ""
    return (f'{_icon(level, round(ROW_ICON_PX * scale))} '
            f"<strong>{html.escape(level_words(page.lang, level))}</strong>")


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)  # (a callout or a badge has a class: not these)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CONDITION_LINK = re.compile(rf'href="page:({CONDITIONS}/[^"#]+)')


def add_row_badges(page_html: str, pages: Mapping[str, Page], lang: str, scale: float = 1.0) -> str:
    """Give each table that links condition pages a column with each linked page's badge.

    The conditions overview is an ordinary Markdown table whose rows link their condition page
    (`[Nausea](conditions/nausea.md)`); the kiosk adds the badge of that page to the row, so the
    table and the page can never say different things.
    """
    if f"page:{CONDITIONS}/" not in page_html:
        return page_html

    def table(match: re.Match[str]) -> str:
        inner = match.group(1)
        if not _CONDITION_LINK.search(inner):
            return match.group(0)

        def row(found: re.Match[str]) -> str:
            cells = found.group(1)
            if "<th" in cells:
                return f'<tr>{cells}<th>{html.escape(text(lang, "evidence_column"))}</th></tr>'
            linked = _CONDITION_LINK.search(cells)
            page = pages.get(linked.group(1)) if linked else None
            badge = row_badge_html(page, scale) if page is not None else ""
            return f'<tr>{cells}<td class="evidence-cell">{badge}</td></tr>'

        return f"<table>{_ROW.sub(row, inner)}</table>"

    return _TABLE.sub(table, page_html)


def add_page_badge(page_html: str, page: Page, scale: float = 1.0) -> str:
    """Put a condition page's badge under its first heading (at the top when it has none)."""
    badge = badge_html(page, scale) if is_condition_page(page) else ""
    if not badge:
        return page_html
    end = page_html.find("</h1>")
    if end < 0:
        return badge + page_html
    end += len("</h1>")
    return page_html[:end] + badge + page_html[end:]
