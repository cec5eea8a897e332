"""What the kiosk will not show of a page in full: tables, lists, words and nesting over its limits.

The kiosk fits every page to the limits of kiosk/core/page_limits.py (a patient page never needs
more, and beyond them Qt's layout freezes the screen). The page then says, in plain words, that a
table or list is cut; this check names each with its file and line, so staff can split it.
"""

from __future__ import annotations

import html
import re

from kiosk.core.content import Language, Page
from kiosk.core.page_limits import (
    MAX_LIST_ITEMS,
    MAX_NESTING,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_WORD_CHARS,
    WORD_BREAK_EVERY,
    Cut,
    fit,
)
from kiosk.core.problems import Problem, Severity, line_of
from kiosk.core.rendering import PageRenderer

_TABLE_ROW = re.compile(r"^[ \t>]*\|")


def check_page_size(renderer: PageRenderer, language: Language, page: Page) -> list[Problem]:
    """Return a problem for each thing of `page` the kiosk cuts or changes to show it."""
    try:
        raw = renderer.markdown_to_html(page.body)
    except Exception:  # the kiosk shows the text as written (the renderer reports why)
        raw = f"<pre>{html.escape(page.body)}</pre>"
    fitted = fit(renderer.sanitize(raw, language, page).html, language.code)
    return [Problem(page.path, _line(page, cut), *_said(cut)) for cut in fitted.cuts]


def _said(cut: Cut) -> tuple[Severity, str]:
    """Return the severity and the words for one cut."""
    numbers = cut.numbers
    if cut.kind == "table":
        columns, rows, shown_columns, shown_rows = numbers
        return "error", (f"table of {columns} columns and {rows} rows is too big for the kiosk's "
                         f"screen: it shows only the first {shown_columns} columns and {shown_rows} "
                         f"rows (its limit is {MAX_TABLE_COLUMNS} x {MAX_TABLE_ROWS}), with a note "
                         "that asks for a printed copy; split it into smaller tables")
    if cut.kind == "list":
        items, shown = numbers
        return "error", (f"list of {items} items is too long for the kiosk's screen: it shows only "
                         f"the first {shown} (its limit is {MAX_LIST_ITEMS}), with a note that asks "
                         "for a printed copy; split it into shorter lists")
    if cut.kind == "word":
        letters, count = numbers
        many = f" ({count} such words)" if count > 1 else ""
        return "warning", (f"a word of {letters} letters without a space{many}: the kiosk breaks "
                           f"words longer than {MAX_WORD_CHARS} letters every {WORD_BREAK_EVERY} "
                           "to fit the screen; add spaces")
    if cut.kind == "nesting":
        return "warning", (f"quotes, lists or tables nested {numbers[0]} deep: the kiosk shows at "
                           f"most {MAX_NESTING} levels (the text deeper in is shown at the "
                           f"{MAX_NESTING}th); nest them less deeply")
    return "warning", (f"a table cell spans {numbers[0]} columns or rows: the kiosk holds it to "
                       f"{MAX_TABLE_COLUMNS} columns and {MAX_TABLE_ROWS} rows")


def _line(page: Page, cut: Cut) -> int:
    """Return the line of the page where the cut thing is written (its first text), else 0."""
    snippet = cut.snippet.strip()
    if not snippet:
        return 0
    if cut.kind == "table":  # a Markdown table row holding the first cell's text
        for number, text in enumerate(page.body.splitlines(), start=page.body_line):
            if snippet in text and (_TABLE_ROW.match(text) or "<t" in text):
                return number
    for needle in (snippet, snippet[:20], snippet.split(" ")[0]):
        line = line_of(page.body, needle, page.body_line) if needle else 0
        if line:
            return line
    return 0
