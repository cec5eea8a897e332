"""Markdown extensions: GitHub `> [!NOTE]` alerts and MkDocs `!!! note` boxes become callouts Qt can draw."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.treeprocessors import Treeprocessor

from kiosk.core.themes import CALLOUT_TYPES

_MARKER = re.compile(r"^\s*\[!([A-Za-z]+)\][ \t]*([^\n]*)\n?")


class CalloutProcessor(Treeprocessor):
    """Turns a blockquote that starts with `[!TYPE] optional title` into a one-cell table.

    Qt's rich text draws borders, padding and background only on tables and cells, so a
    boxed callout is a table: `<table class="callout callout-TYPE"><tr><td>...</td></tr>`.
    """

    def run(self, root: ET.Element) -> None:
        """Rewrite every callout blockquote in place."""
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "blockquote":
                    replacements = self._split(child)
                    if replacements is not None:
                        index = list(parent).index(child)
                        parent.remove(child)
                        for offset, element in enumerate(replacements):
                            parent.insert(index + offset, element)

    @staticmethod
    def _marker(element: ET.Element) -> re.Match[str] | None:
        if element.tag != "p" or not element.text:
            return None
        match = _MARKER.match(element.text)
        return match if match and match.group(1).lower() in CALLOUT_TYPES else None

    def _split(self, quote: ET.Element) -> list[ET.Element] | None:
        """Return the callouts (and plain quote) a blockquote holds, or None if it has no marker.

        Python-Markdown joins quotes separated only by a blank line, so one blockquote can hold
        several callouts: each paragraph that starts with a marker starts a new box.
        """
        groups: list[tuple[re.Match[str] | None, list[ET.Element]]] = []
        for child in list(quote):
            match = self._marker(child)
            if match is not None or not groups:
                groups.append((match, []))
            groups[-1][1].append(child)
        if not any(match for match, _ in groups):
            return None
        elements = []
        for match, children in groups:
            if match is None:
                plain = ET.Element("blockquote")
                plain.extend(children)
                elements.append(plain)
            else:
                elements.append(self._table(match, children))
        return elements

    @staticmethod
    def _table(match: re.Match[str], children: list[ET.Element]) -> ET.Element:
        kind = match.group(1).lower()
        title = match.group(2).strip()
        first = children[0]
        assert first.text is not None  # _marker matched `match` in this text
        first.text = first.text[match.end() :]
        if not first.text.strip() and len(first) == 0:
            children = children[1:]
        strong = ET.Element("strong")
        strong.text = title
        return callout_table(kind, strong if title else None, children)


def callout_table(kind: str, title: ET.Element | None, children: list[ET.Element]) -> ET.Element:
    """Return the one-cell table of a `kind` callout: its title (a `<strong>`), then `children`."""
    table = ET.Element(
        "table",
        {"class": f"callout callout-{kind}", "width": "100%", "cellspacing": "0",
         "cellpadding": "18"},
    )
    cell = ET.SubElement(ET.SubElement(table, "tr"), "td", {"class": f"callout-{kind}"})
    if title is not None:
        heading = ET.SubElement(cell, "p", {"class": f"callout-title callout-title-{kind}"})
        heading.append(title)
    cell.extend(children)
    return table


class CalloutExtension(Extension):
    """Registers the callout processor before inline parsing, so the marker is still raw text."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processor to `md`."""
        md.treeprocessors.register(CalloutProcessor(md), "kiosk-callouts", 25)


# MkDocs (Python-Markdown, Material for MkDocs, reStructuredText) box types, as the kiosk's five.
ADMONITION_KINDS = {
    **dict.fromkeys(("note", "info", "abstract", "summary", "tldr", "todo", "seealso", "example",
                     "quote", "cite", "question", "help", "faq"), "note"),
    **dict.fromkeys(("tip", "hint", "success", "check", "done"), "tip"),
    **dict.fromkeys(("important",), "important"),
    **dict.fromkeys(("warning", "attention", "warn"), "warning"),
    **dict.fromkeys(("caution", "danger", "error", "failure", "fail", "missing", "bug"), "caution"),
}


def admonition_kind(classes: str) -> str:
    """Return the kiosk callout an MkDocs box type (its first class) is drawn as; 'note' if unknown."""
    words = classes.lower().split()
    return ADMONITION_KINDS.get(words[0], "note") if words else "note"


class UntitledAdmonitionProcessor(AdmonitionProcessor):
    """MkDocs' `!!! warning` box, titled only when a title is written (`!!! warning "Title"`).

    Python-Markdown titles an untitled box with its type ("Warning"); the kiosk's `> [!WARNING]`
    has no title, and both must look the same.
    """

    def get_class_and_title(self, match: re.Match[str]) -> tuple[str, str | None]:
        """Return the box's classes and its title, None when none is written."""
        klass, title = super().get_class_and_title(match)
        return klass, title if match.group(2) else None


class AdmonitionCalloutProcessor(Treeprocessor):
    """Turns MkDocs boxes (`!!! note`, and `??? note` folded boxes, shown open) into callout tables."""

    def run(self, root: ET.Element) -> None:
        """Rewrite every admonition `div` and `details` in place."""
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                table = self._callout(child)
                if table is not None:
                    table.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, table)

    @staticmethod
    def _callout(element: ET.Element) -> ET.Element | None:
        classes = element.get("class", "")
        children = list(element)
        first = children[0] if children else None
        if element.tag == "div" and classes.split()[:1] == ["admonition"]:
            kind = admonition_kind(classes.split(None, 1)[1] if " " in classes else "")
            title_element = first if first is not None and first.get("class") == "admonition-title" else None
        elif element.tag == "details":
            kind = admonition_kind(classes)
            title_element = first if first is not None and first.tag == "summary" else None
        else:
            return None
        title = None
        if title_element is not None:
            children = children[1:]
            title = ET.Element("strong")
            title.text = title_element.text
            title.extend(list(title_element))
            if not (title.text or "").strip() and len(title) == 0:
                title = None
        return callout_table(kind, title, children)


class AdmonitionCalloutExtension(Extension):
    """MkDocs `!!! type "Title"` boxes, drawn exactly like the kiosk's `> [!TYPE] Title` callouts."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the box parser and the rewrite (after inline parsing, before the HTML is tidied)."""
        md.parser.blockprocessors.register(UntitledAdmonitionProcessor(md.parser), "admonition", 105)
        md.treeprocessors.register(AdmonitionCalloutProcessor(md), "kiosk-admonitions", 12)
