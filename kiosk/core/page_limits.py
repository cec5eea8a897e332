"""What a patient page never needs, cut from its sanitized HTML so Qt's layout stays quick (Qt-free).

Qt's rich text lays a page out again on every Text size and High contrast tap, and some shapes
cost it far more than their size: a table costs about 0.2 ms a cell (a 60 x 500 table froze the
screen for 16 s, and was cut off at the right edge), a list grows slower with the square of its
items (20,000 took 11 s), a word it cannot break is measured again for every line it fills (a
200 KB line without spaces took 4 s), a colspan of 100,000 makes as many columns, and each level
of quoting or nesting moves the text to the right until one letter fits on a line. A patient page
needs none of this, so `fit_page` keeps the HTML as it is unless it goes beyond these limits:

- a table shows at most MAX_TABLE_COLUMNS columns and MAX_TABLE_ROWS rows (and a page at most
  MAX_PAGE_CELLS cells): the rest is cut and a note in plain words asks for a printed copy;
  colspan and rowspan are held to the same limits;
- a list shows at most MAX_LIST_ITEMS items, with the same kind of note;
- a word longer than MAX_WORD_CHARS gets a zero-width space every WORD_BREAK_EVERY characters,
  in text only (never in a tag, an address or an entity), so Qt can wrap it like others;
- containers (quotes, lists, tables, definition lists) nest at most MAX_NESTING deep; deeper
  ones are flattened: their text stays, at the deepest level shown;
- a picture is never drawn wider than its column (`max-width: 100%`; the page view also decodes
  it at that size).

`fit(html, lang)` also returns what it cut, for `kiosk check` (kiosk/checks/page_size_check.py),
which reports each with its file and line. The HTML is nh3's output: balanced tags, attribute
values in double quotes, `<` and `>` in text written as entities.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from kiosk.core.strings import text

MAX_TABLE_COLUMNS = 6  # at the largest text on a 1366 px screen, 6 columns hold ~8 letters a line
MAX_TABLE_ROWS = 60  # header rows included
MAX_PAGE_CELLS = 1_200  # every table of the page together: ~0.3 s of layout on a restyle
MAX_LIST_ITEMS = 200  # items of one list (Qt's cost grows with the square of the count)
MAX_NESTING = 4  # quotes, lists, tables inside each other; beyond it the text is squeezed
MAX_WORD_CHARS = 40  # longer than any word of patient prose ("electroacupuncture" is 18)
WORD_BREAK_EVERY = 20  # where a longer "word" may wrap (lines then hold 3 pieces of 68 letters)
MAX_NOTES = 10  # notes about cut tables and lists on one page (each says the same)
ZERO_WIDTH_SPACE = "\u200b"

# Pictures (drawn by kiosk/ui/page_view.py, checked by kiosk/checks/picture_check.py): drawn at
# the size they are shown, with twice its pixels, and never with more pixels than two full
# 1920x1080 screens (16 MB). PNG, GIF and WebP are decoded whole before they are made smaller (Qt
# cannot decode them smaller): one with more pixels than MAX_DECODE_PIXELS (96 MB while decoded,
# 0.3 s) is not decoded at all, and a plain box stands in for it. A JPEG is decoded at 1/2 to 1/8
# of its size, an SVG drawn at any size.
MAX_PICTURE_PIXELS = 4_000_000
MAX_DECODE_PIXELS = 24_000_000
PICTURE_PIXEL_RATIO = 2.0
MAX_JPEG_SHRINK = 8  # libjpeg decodes at 1/1, 1/2, 1/4 or 1/8 of the size


def pixels_to_decode(width: int, height: int, target_width: int, scaled_decoding: bool) -> int:
    """Return how many pixels decoding a picture of `width` x `height` for `target_width` holds.

    `scaled_decoding`: the decoder can decode it smaller (JPEG: by 2, 4 or 8).
    """
    shrink = 1
    while (scaled_decoding and shrink < MAX_JPEG_SHRINK
           and width // (shrink * 2) >= max(1, target_width)):
        shrink *= 2
    return -(-width // shrink) * -(-height // shrink)


_TOKEN = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|<""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_WRAP_PLACES = " \t\n\r\f\u200b"  # where Qt may wrap a line (not a no-break space)
_UNBREAKABLE = re.compile(f"[^{_WRAP_PLACES}]+")
_SPAN = re.compile(r'\b(colspan|rowspan)="\s*(\d+)[^"]*"')
_VOID = frozenset({"br", "hr", "img", "wbr", "col", "area", "source", "input", "meta", "link"})
_CONTAINERS = frozenset({"blockquote", "ul", "ol", "table", "dl"})
# Tags after which a word cannot go on (a new line or cell starts): the count of letters restarts.
_BREAKING = frozenset({"p", "div", "li", "td", "th", "tr", "table", "thead", "tbody", "tfoot",
                       "caption", "br", "hr", "img", "pre", "blockquote", "ul", "ol", "dl",
                       "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"})
# In a flattened (too deep) container, what its parts become: nothing, or a plain block.
_FLATTENED = {"li": "div", "td": "div", "th": "div", "dt": "div", "dd": "div", "caption": "div",
              "tr": "", "thead": "", "tbody": "", "tfoot": ""}


@dataclass(frozen=True)
class Cut:
    """One thing `fit` changed: its kind, its numbers, and text from it to find its line by.

    kind and numbers: "table" (columns, rows, columns shown, rows shown), "list" (items, items
    shown), "word" (letters of the longest, how many words), "nesting" (deepest level met),
    "span" (the largest colspan or rowspan met). Words, nesting and spans: one Cut a page.
    """

    kind: str
    numbers: tuple[int, ...]
    snippet: str = ""


@dataclass(frozen=True)
class FittedPage:
    """The HTML as the kiosk shows it, and what was cut to get there (empty: unchanged)."""

    html: str
    cuts: tuple[Cut, ...] = ()


def fit_page(html: str, lang: str) -> str:
    """Return `html` (sanitized) within the limits; the notes are in `lang`."""
    return fit(html, lang).html


@dataclass
class _Table:
    dropped: bool  # flattened: too deeply nested
    rows: int = 0  # rows seen
    rows_kept: int = 0
    columns: int = 0  # the widest row seen, in columns
    row_columns: int = 0  # columns of the row being read
    kept_columns: int = 0  # columns of the last row kept (to guess the next row's cells)
    cut: bool = False
    snippet: str = ""


@dataclass
class _List:
    tag: str
    dropped: bool
    items: int = 0
    cut: bool = False
    snippet: str = ""


@dataclass
class _Fitter:
    lang: str
    out: list[str] = field(default_factory=list)
    cuts: list[Cut] = field(default_factory=list)
    containers: list[tuple[str, bool]] = field(default_factory=list)  # (tag, flattened)
    tables: list[_Table] = field(default_factory=list)
    lists: list[_List] = field(default_factory=list)
    depth: int = 0  # containers open and shown
    skipping: int = 0  # > 0: inside a cut row, cell or item (its open elements)
    cells: int = 0  # table cells kept on the page
    run: int = 0  # letters since the last place a line may break
    notes: int = 0
    deepest: int = 0  # the deepest nesting met, once deeper than MAX_NESTING
    nesting_snippet: str | None = None  # text from where it first went too deep ("": waiting)
    long_words: int = 0
    longest_word: int = 0
    word_snippet: str = ""
    widest_span: int = 0
    span_snippet: str | None = None
    changed: bool = False
    waiting: list[_Table | _List] = field(default_factory=list)  # waiting for their first text

    def tokens(self, html: str) -> None:
        for match in _TOKEN.finditer(html):
            name = match.group(2)
            if name is None:
                self.text(match.group(0))
            elif match.group(1):
                self.close(name.lower(), match.group(0))
            else:
                self.open(name.lower(), match.group(0), match.group(3))

    # -- elements ------------------------------------------------------------------------------

    def open(self, tag: str, written: str, attrs: str) -> None:
        void = tag in _VOID or attrs.rstrip().endswith("/")
        if self.skipping:
            if not void:
                self.skipping += 1
            return
        if tag in _BREAKING:
            self.run = 0
        if tag in _CONTAINERS:
            self.open_container(tag, written)
            return
        table = self.tables[-1] if self.tables else None
        if tag == "tr" and table is not None:
            self.open_row(table, written)
            return
        if tag in ("td", "th") and table is not None:
            self.open_cell(table, written, attrs)
            return
        if tag == "li" and self.lists:
            listed = self.lists[-1]
            listed.items += 1
            if listed.items == 1:
                self.waiting.append(listed)
            if listed.items > MAX_LIST_ITEMS:
                listed.cut = True
                self.skip()
                return
            if listed.dropped:
                written = "<div>"
        elif tag in _FLATTENED and self.flattened(tag):
            written = f"<{_FLATTENED[tag]}>" if _FLATTENED[tag] else ""
        elif tag == "img":
            written = self.fit_picture(written)
        self.out.append(written)

    def close(self, tag: str, written: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if tag in _BREAKING:
            self.run = 0
        if tag in _CONTAINERS and self.containers and self.containers[-1][0] == tag:
            self.close_container(tag, written)
            return
        if tag == "li" and self.lists and self.lists[-1].dropped:
            written = "</div>"
        elif tag in _FLATTENED and self.flattened(tag):
            written = f"</{_FLATTENED[tag]}>" if _FLATTENED[tag] else ""
        self.out.append(written)

    def flattened(self, tag: str) -> bool:
        """Return True when `tag` belongs to the innermost container, and that one is flattened."""
        if not self.containers:
            return False
        owner, dropped = self.containers[-1]
        in_table = tag in ("tr", "td", "th", "thead", "tbody", "tfoot", "caption")
        return dropped and ((owner == "table") == in_table) and (owner != "dl" or tag in ("dt", "dd"))

    def skip(self) -> None:
        """Leave out the element just opened, and everything inside it."""
        self.skipping = 1
        self.changed = True

    def open_container(self, tag: str, written: str) -> None:
        dropped = self.depth >= MAX_NESTING
        self.containers.append((tag, dropped))
        if tag == "table":
            self.tables.append(_Table(dropped))
        elif tag in ("ul", "ol"):
            self.lists.append(_List(tag, dropped))
        if dropped:
            self.changed = True
            self.deepest = max(self.deepest, len(self.containers))
            if self.nesting_snippet is None:
                self.nesting_snippet = ""  # (the next text names it)
            return
        self.depth += 1
        self.out.append(written)

    def close_container(self, tag: str, written: str) -> None:
        _, dropped = self.containers.pop()
        note = ""
        if tag == "table":
            table = self.tables.pop()
            if table.cut:
                self.cuts.append(Cut("table", (table.columns, table.rows,
                                               min(table.columns, MAX_TABLE_COLUMNS), table.rows_kept),
                                     table.snippet))
                note = "table_too_big"
        elif tag in ("ul", "ol"):
            listed = self.lists.pop()
            if listed.cut:
                self.cuts.append(Cut("list", (listed.items, MAX_LIST_ITEMS), listed.snippet))
                note = "list_too_long"
        if not dropped:
            self.depth -= 1
            self.out.append(written)
        if note and self.notes < MAX_NOTES:
            self.notes += 1
            self.out.append(f"<p><strong>{html_lib.escape(text(self.lang, note))}</strong></p>")

    def open_row(self, table: _Table, written: str) -> None:
        table.rows += 1
        table.row_columns = 0
        expected = max(1, min(table.kept_columns, MAX_TABLE_COLUMNS))
        if table.rows_kept >= MAX_TABLE_ROWS or (
                table.rows_kept > 0 and self.cells + expected > MAX_PAGE_CELLS):
            table.cut = True
            self.skip()
            return
        table.rows_kept += 1
        table.kept_columns = 0
        self.out.append("" if table.dropped else written)

    def open_cell(self, table: _Table, written: str, attrs: str) -> None:
        spans = {name: int(value) for name, value in _SPAN.findall(attrs)}
        start = table.row_columns
        colspan = max(1, spans.get("colspan", 1))
        table.row_columns += colspan
        table.columns = max(table.columns, table.row_columns)
        if start >= MAX_TABLE_COLUMNS:
            table.cut = True
            self.skip()
            return
        self.cells += 1
        table.kept_columns = min(table.row_columns, MAX_TABLE_COLUMNS)
        limits = {"colspan": MAX_TABLE_COLUMNS - start, "rowspan": MAX_TABLE_ROWS}
        if any(value > limits[name] for name, value in spans.items()):
            written = _SPAN.sub(lambda m: f'{m.group(1)}="{min(int(m.group(2)), limits[m.group(1)])}"',
                                written)
            self.widest_span = max(self.widest_span, *spans.values())
            if self.span_snippet is None:
                self.span_snippet = ""
            self.changed = True
        if not table.snippet and table not in self.waiting:
            self.waiting.append(table)
        self.out.append("<div>" if table.dropped else written)

    def fit_picture(self, written: str) -> str:
        if "style=" in written:
            return written
        self.changed = True
        return written[:4] + ' style="max-width: 100%"' + written[4:]

    # -- text ----------------------------------------------------------------------------------

    def text(self, chunk: str) -> None:
        if self.skipping:
            return
        if (self.waiting or self.nesting_snippet == "" or self.span_snippet == "") and chunk.strip():
            snippet = html_lib.unescape(chunk).strip()[:40]
            for owner in self.waiting:
                owner.snippet = owner.snippet or snippet
            self.waiting.clear()
            if self.nesting_snippet == "":
                self.nesting_snippet = snippet
            if self.span_snippet == "":
                self.span_snippet = snippet
        if self.run + len(chunk) <= MAX_WORD_CHARS:  # (the quick way: no word can be too long)
            self.run = _run_after(chunk, self.run)
            self.out.append(chunk)
            return
        pieces: list[str] = []
        written = 0  # chunk[:written] is in pieces
        run = self.run
        previous_end = 0
        for match in _UNBREAKABLE.finditer(chunk):
            start, end = match.span()
            if start > previous_end:
                run = 0  # a space (a place to wrap) came before this word
            previous_end = end
            word = match.group(0)
            letters = _letters(word)
            if run + letters > MAX_WORD_CHARS:
                pieces.append(chunk[written:start])
                pieces.append(self.break_word(word, run))
                written = end
            run += letters
        self.run = run if previous_end == len(chunk) else 0
        if not pieces:
            self.out.append(chunk)
            return
        pieces.append(chunk[written:])
        self.out.append("".join(pieces))

    def break_word(self, word: str, run: int) -> str:
        """Return `word` with a zero-width space every WORD_BREAK_EVERY letters of its run.

        `run` letters without a place to wrap came before it (in an earlier piece of text).
        """
        self.long_words += 1
        if not self.word_snippet:
            self.word_snippet = html_lib.unescape(word)[:40]
        self.changed = True
        pieces: list[str] = []
        for unit in _units(word):
            if run and run % WORD_BREAK_EVERY == 0:
                pieces.append(ZERO_WIDTH_SPACE)
            pieces.append(unit)
            run += 1
        self.longest_word = max(self.longest_word, run)
        return "".join(pieces)

    def page_cuts(self) -> tuple[Cut, ...]:
        """Return every cut, the page-wide ones (words, nesting, spans) last."""
        cuts = list(self.cuts)
        if self.long_words:
            cuts.append(Cut("word", (self.longest_word, self.long_words), self.word_snippet))
        if self.nesting_snippet is not None:
            cuts.append(Cut("nesting", (self.deepest,), self.nesting_snippet))
        if self.span_snippet is not None:
            cuts.append(Cut("span", (self.widest_span,), self.span_snippet))
        return tuple(cuts)


def _units(word: str) -> list[str]:
    """Split text into letters, an entity (&amp; &#8203; ...) counting as one."""
    units: list[str] = []
    index = 0
    for match in _ENTITY.finditer(word):
        units.extend(word[index:match.start()])
        units.append(match.group(0))
        index = match.end()
    units.extend(word[index:])
    return units


def _letters(word: str) -> int:
    """Return how many letters `word` shows (an entity is one)."""
    return len(_units(word)) if "&" in word else len(word)


def _run_after(chunk: str, run: int) -> int:
    """Return the letters without a place to wrap at the end of `chunk`, `run` coming before it."""
    last = max(chunk.rfind(c) for c in _WRAP_PLACES)
    return run + _letters(chunk) if last < 0 else _letters(chunk[last + 1:])


def fit(html: str, lang: str) -> FittedPage:
    """Return `html` within the limits (unchanged when it already is), with what was cut."""
    fitter = _Fitter(lang)
    fitter.tokens(html)
    if not fitter.changed:
        return FittedPage(html)
    return FittedPage("".join(fitter.out), fitter.page_cuts())
