"""Markdown as GitHub, VS Code, Typora and MkDocs write it, made into HTML Qt's rich text can show."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.highlight import HighlightExtension  # type: ignore[import-untyped]
from pymdownx.superfences import SuperFencesCodeExtension  # type: ignore[import-untyped]

INDENT = 4  # Python-Markdown's tab_length: what one level of a nested list is indented by

_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|(?P<number>\d{1,9})\.)(?P<gap> +|$)(?P<rest>.*)$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
# GitHub's ~~struck~~ text (one ~ is left alone: "~5 minutes").
STRIKE = r"(?<!~)(~~)(?![~\s])(.+?)(?<![~\s])~~(?!~)"
_QUOTE = re.compile(r"^(?: {0,3}>[ ]?)+")
# Blocks whose body is indented 4 spaces: admonitions, details, tabs, footnote definitions.
_CONTAINER = re.compile(r'^ *(?:(?:!!!|\?\?\?\+?|===\+?!?)[ ]+\S|\[\^[^\]\s]+\]:)')
# A line that starts a block of its own (it ends a list it is not indented into).
_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}(?:[ ]|$)|>|```|~~~|<|\|)")


@dataclass
class _Fence:
    """A fenced code block still open: its fence, where its lines start in the source and output."""

    marker: str  # the opening fence (``` or ~~~, or longer)
    source_column: int  # the opening fence's indentation, removed from each line (CommonMark)
    column: int  # where the block's lines start in the output
    owner_column: int  # where the item holding it starts its content in the source (0: none)


@dataclass
class _Open:
    """A list item (or an indented block such as an admonition) still open at this point."""

    source_column: int  # where its content starts in the source
    column: int  # where its content starts in the output (Python-Markdown's 4 per level)


class _ListIndents:
    """Re-indents the lines of one text (a page, or the inside of a block quote) as they come."""

    def __init__(self) -> None:
        self.open: list[_Open] = []
        self.fence: _Fence | None = None
        self.after_blank = True
        self.in_paragraph = False
        self.loose = False  # in a paragraph of an item that is not its first (it follows a blank)

    def line(self, text: str) -> list[str]:
        """Return the output lines for one input line."""
        closed: list[str] = []
        if self.fence is not None:
            indent = len(text) - len(text.lstrip(" "))
            if not text.strip() or indent >= self.fence.owner_column:
                return self._in_fence(text)
            closed = self.finish()  # the item holding the code ended (CommonMark closes it too)
        if not text.strip():
            self.after_blank, self.in_paragraph = True, False
            return [""]
        after_blank, self.after_blank = self.after_blank, False
        indent = len(text) - len(text.lstrip(" "))
        item = _ITEM.match(text)
        if item is not None and not _BREAK.match(text) and self._may_start_item(indent, item, after_blank):
            return closed + self._item(text, indent, item, after_blank)
        owner = self._owner(indent)
        if owner is None:  # not inside any open item
            if self.open and not after_blank and not _BLOCK_START.match(text) and self.in_paragraph:
                return [*closed, text]  # a lazy continuation line: Python-Markdown joins it itself
            self.open = []
            return closed + self._plain(text, None, text, after_blank)
        del self.open[self.open.index(owner) + 1 :]
        self.loose = self.loose or after_blank
        shifted = " " * (owner.column + indent - owner.source_column) + text[indent:]
        return closed + self._plain(text, owner, shifted, after_blank)

    def finish(self) -> list[str]:
        """Return the closing fence of a code block left open (CommonMark ends it with its text)."""
        fence, self.fence = self.fence, None
        return [" " * fence.column + fence.marker] if fence is not None else []

    def _plain(self, text: str, owner: _Open | None, shifted: str, after_blank: bool) -> list[str]:
        fence = _FENCE.match(text)
        base = owner.source_column if owner else 0
        if fence is not None and (len(fence.group("indent")) - base <= 3 and not (
                fence.group("fence")[0] == "`" and "`" in text[fence.end():])):
            # SuperFences wants the fence where the block's text starts: no extra spaces before it.
            column = owner.column if owner else 0
            self.fence = _Fence(fence.group("fence"), len(fence.group("indent")) - base, column, base)
            # In an item, Python-Markdown reads code only as a block of its own: blank lines around.
            before = [""] if owner is not None and not after_blank else []
            self.in_paragraph = False
            return [*before, " " * column + text[len(fence.group("indent")):]]
        if _CONTAINER.match(text):
            indent = len(shifted) - len(shifted.lstrip(" "))
            base = owner.source_column - owner.column if owner else 0
            self.open.append(_Open(indent + base + INDENT, indent + INDENT))
            self.in_paragraph = False
        else:
            self.in_paragraph = not _BLOCK_START.match(text)
        return [shifted]

    def _in_fence(self, text: str) -> list[str]:
        fence = self.fence
        assert fence is not None  # only called inside a fence
        indent = len(text) - len(text.lstrip(" "))
        inside = indent - fence.owner_column  # the line's indentation inside its item
        stripped = text.strip()
        if (inside <= 3 and stripped.startswith(fence.marker)
                and not stripped.strip(fence.marker[0])):  # the closing fence (it may be longer)
            self.fence = None
            self.after_blank = fence.owner_column > 0
            return [" " * fence.column + fence.marker, *([""] if self.after_blank else [])]
        if not stripped:
            return [""]
        return [" " * (fence.column + max(0, inside - fence.source_column)) + text[indent:]]

    def _owner(self, indent: int) -> _Open | None:
        """Return the deepest open item this indentation puts a line inside, None for none."""
        for entry in reversed(self.open):
            if indent >= entry.source_column:
                return entry
        return None

    def _may_start_item(self, indent: int, item: re.Match[str], after_blank: bool) -> bool:
        owner = self._owner(indent)
        base = owner.source_column if owner else 0
        if indent - base > 3:
            return False  # indented code, or a continuation line of the item
        if owner is None and not self.open and self.in_paragraph and not after_blank:
            # CommonMark: a list may interrupt a paragraph if it starts with "-" or "1." and has text.
            return bool(item.group("rest").strip()) and item.group("number") in (None, "1")
        return True

    def _item(self, text: str, indent: int, item: re.Match[str], after_blank: bool) -> list[str]:
        owner = self._owner(indent)
        interrupts = owner is None and not self.open and self.in_paragraph and not after_blank
        if owner is None:
            del self.open[:]
        else:
            del self.open[self.open.index(owner) + 1 :]
        out_indent = owner.column if owner else 0
        gap = len(item.group("gap"))
        width = len(item.group("marker"))
        content = indent + width + (gap if 0 < gap <= 4 else 1)
        self.open.append(_Open(content, out_indent + INDENT))
        # Python-Markdown starts a list only after a blank line, and reads an item right under an
        # item's second paragraph as more of that paragraph.
        lines = [""] if interrupts or (self.loose and self.in_paragraph and not after_blank) else []
        self.loose = False
        self.in_paragraph = bool(item.group("rest").strip())
        rest = item.group("rest")
        if gap > 4 and rest:  # an item that starts with indented code
            rest = " " * (gap - 1) + rest
        lines.append(" " * out_indent + item.group("marker") + " " + rest)
        return lines


class ListIndentPreprocessor(Preprocessor):
    """Nested lists indented as GitHub and CommonMark allow (2 spaces, or up to the item's text).

    Python-Markdown nests a list only when it is indented 4 spaces per level, so a list indented
    2 spaces (what most editors write) merges into its parent. This rewrites list items and the
    lines inside them to Python-Markdown's 4 spaces per level, following CommonMark's rule: a line
    belongs to an item when it is indented at least as far as the item's text. A list that
    follows a paragraph without a blank line gets one, as CommonMark would start a list there.
    Fenced code is given the fences SuperFences reads (CommonMark allows up to 3 spaces before a
    fence, a longer closing fence, and no closing fence at all: the code then runs to the end).
    Indented code outside lists is left exactly as written.
    """

    def run(self, lines: list[str]) -> list[str]:
        """Return the re-indented lines."""
        output: list[str] = []
        page = _ListIndents()
        quotes: dict[int, tuple[str, _ListIndents]] = {}  # quote depth: its last prefix, its lines

        def end_quotes(deeper_than: int) -> None:
            for depth in sorted((d for d in quotes if d > deeper_than), reverse=True):
                prefix, state = quotes.pop(depth)
                output.extend(prefix + line for line in state.finish())

        for line in lines:
            quote = _QUOTE.match(line)
            if quote is None or page.fence is not None:
                if any(not line.strip() or not state.in_paragraph for _, state in quotes.values()):
                    end_quotes(0)  # the quote ended (a lazy line would continue it)
                output.extend(page.line(line))
                continue
            prefix = quote.group(0)
            depth = prefix.count(">")
            end_quotes(depth)
            state = quotes[depth][1] if depth in quotes else _ListIndents()
            quotes[depth] = (prefix, state)
            output.extend(prefix + piece if piece else prefix.rstrip()
                          for piece in state.line(line[len(prefix):]))
        end_quotes(0)
        if page.fence is not None:
            while output and not output[-1].strip():
                output.pop()  # the blank lines at the end are not part of the code left open
        output.extend(page.finish())
        return output


class QtBlocksTreeprocessor(Treeprocessor):
    """Rewrites what other editors' extensions produce into what Qt's rich text can show.

    - tab sets (`=== "Title"`) become their tabs one after another, each under a heading with its
      title (one level below the heading before the set): Qt has no tabs and a patient cannot
      pick one;
    - `<del>` (raw HTML, which Qt ignores) becomes `<s>`;
    - footnotes become a numbered list of notes after a rule, with links back to the text;
    - a list of tasks only (`- [ ]`) is marked to be drawn without bullets, its boxes are enough.
    """

    def run(self, root: ET.Element) -> None:
        """Rewrite the tree in place."""
        parents = {child: parent for parent in root.iter() for child in parent}
        sets: list[tuple[ET.Element, int]] = []
        level = 1
        for element in root.iter():
            if element.tag in _HEADING_LEVELS:
                level = _HEADING_LEVELS[element.tag]
            elif element.tag == "div" and _has_class(element, "tabbed-set"):
                sets.append((element, min(6, level + 1 + _nesting(element, parents))))
            elif element.tag == "del":
                element.tag = "s"
            elif element.tag == "div" and element.get("class") == "footnote":
                _tidy_footnotes(element)
            elif element.tag == "ul" and _has_class(element, "task-list") and not all(
                    _has_class(item, "task-list-item") for item in element):
                element.attrib.pop("class")  # some items are not tasks: they keep their bullets
        for tab_set, heading_level in reversed(sets):  # inner sets first
            parent = parents.get(tab_set)
            if parent is not None:
                _unstack(tab_set, parent, heading_level)


_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}


def _has_class(element: ET.Element, name: str) -> bool:
    return name in element.get("class", "").split()


def _nesting(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> int:
    """Return how many tab sets `element` is inside."""
    count = 0
    parent = parents.get(element)
    while parent is not None:
        count += _has_class(parent, "tabbed-set")
        parent = parents.get(parent)
    return count


def _unstack(tab_set: ET.Element, parent: ET.Element, level: int) -> None:
    """Replace a tab set in `parent` by each tab's title (a heading) followed by its content."""
    labels = [child for child in tab_set if child.tag == "label"]
    contents = [child for child in tab_set if child.tag == "div" and _has_class(child, "tabbed-content")]
    replacement: list[ET.Element] = []
    for index, label in enumerate(labels):
        heading = ET.Element(f"h{level}")
        heading.text = label.text
        heading.extend(list(label))
        replacement.append(heading)
        if index < len(contents):
            replacement.extend(list(contents[index]))
    position = list(parent).index(tab_set)
    tail = tab_set.tail
    parent.remove(tab_set)
    for offset, element in enumerate(replacement):
        parent.insert(position + offset, element)
    if replacement:
        replacement[-1].tail = (replacement[-1].tail or "") + (tail or "")


def _tidy_footnotes(footnotes: ET.Element) -> None:
    """Mark the list of notes for the stylesheet; drop the English-only tooltips of back links."""
    for numbered in footnotes.iter("ol"):
        numbered.set("class", "footnotes")
    for link in footnotes.iter("a"):
        link.attrib.pop("title", None)


_CHECKBOX = re.compile(r'<input type="checkbox" disabled( checked)?/>')


class TaskBoxPostprocessor(Postprocessor):
    """Task list boxes (`- [ ]`, `- [x]`) become ☐ and ☑: Qt's rich text has no check boxes."""

    def run(self, text: str) -> str:
        """Return the HTML with each box as a character."""
        if "checkbox" not in text:
            return text
        return _CHECKBOX.sub(lambda m: '<span class="task-box">' + ("☑" if m.group(1) else "☐")
                             + "</span>", text)


class DialectsExtension(Extension):
    """Registers the list re-indenting, `~~strike~~`, the Qt rewrites and the task boxes.

    `~~strike~~` is a pattern of its own rather than pymdownx.tilde: that one compiles regular
    expressions for about 70 ms when the first page is shown, for one mark.
    """

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processors to `md` (the re-indenting before SuperFences looks for fences)."""
        md.preprocessors.register(ListIndentPreprocessor(md), "kiosk-list-indents", 26)
        md.inlinePatterns.register(SimpleTagInlineProcessor(STRIKE, "s"), "kiosk-strike", 65)
        md.treeprocessors.register(QtBlocksTreeprocessor(md), "kiosk-qt-blocks", 11)
        md.postprocessors.register(TaskBoxPostprocessor(md), "kiosk-task-boxes", 15)


def plain_code(source: str, language: str, class_name: str, options: object, md: Markdown,
               **kwargs: object) -> str:
    """Return fenced code as `<pre><code>` with no classes (Qt draws no colours for them).

    HTML with classes would also read as raw HTML written in the page to `kiosk check`, which
    looks at the pieces of HTML Python-Markdown sets aside, and warns about each class.
    """
    return f"<pre><code>{html.escape(source.rstrip(chr(10)), quote=False)}</code></pre>"


class KioskSuperFences(SuperFencesCodeExtension):  # type: ignore[misc]
    """pymdownx.superfences: every fence as plain code, its highlight settings added as an object.

    SuperFences registers "pymdownx.highlight" by name, and a name makes Python-Markdown scan the
    entry points of every installed package (about 40 ms when the first page is shown).
    """

    def __init__(self, **kwargs: Any) -> None:
        """Configure SuperFences; every fence, whatever its language, is shown by plain_code()."""
        kwargs.setdefault("custom_fences", [{"name": "*", "class": "", "format": plain_code}])
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register SuperFences on `md`, with named extensions built here from their class."""
        register = md.registerExtensions

        def by_object(extensions: Sequence[Extension | str],
                      configs: Mapping[str, dict[str, Any]]) -> Markdown:
            built = [HighlightExtension(**configs.get(name, {})) if name == "pymdownx.highlight" else name
                     for name in extensions]
            return register(built, configs)

        md.registerExtensions = by_object  # type: ignore[method-assign]  # for this call only
        try:
            super().extendMarkdown(md)
        finally:
            del md.registerExtensions  # the method of the class again
