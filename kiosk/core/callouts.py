"""Markdown extension: GitHub-style `> [!NOTE]` alerts become boxed callouts Qt can draw."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
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
        table = ET.Element(
            "table",
            {"class": f"callout callout-{kind}", "width": "100%", "cellspacing": "0",
             "cellpadding": "18"},
        )
        cell = ET.SubElement(ET.SubElement(table, "tr"), "td", {"class": f"callout-{kind}"})
        if title:
            heading = ET.SubElement(cell, "p", {"class": f"callout-title callout-title-{kind}"})
            ET.SubElement(heading, "strong").text = title
        cell.extend(children)
        return table


class CalloutExtension(Extension):
    """Registers the callout processor before inline parsing, so the marker is still raw text."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processor to `md`."""
        md.treeprocessors.register(CalloutProcessor(md), "kiosk-callouts", 25)
