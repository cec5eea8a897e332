"""Markdown extension: GitHub-style `> [!NOTE]` alerts become boxed callouts Qt can draw."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CALLOUT_TYPES = ("note", "tip", "important", "warning", "caution")
_MARKER = re.compile(r"^\s*\[!([A-Za-z]+)\][ \t]*([^\n]*)\n?")


class CalloutProcessor(Treeprocessor):
    """Turns a blockquote that starts with `[!TYPE] optional title` into a one-cell table.

    Qt's rich text draws borders, padding and background only on tables and cells, so a
    boxed callout is a table: `<table class="callout callout-TYPE"><tr><td>...</td></tr>`.
    """

    def run(self, root: ET.Element) -> None:
        """Rewrite every callout blockquote in place."""
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "blockquote":
                    replacement = self._callout(child)
                    if replacement is not None:
                        parent.remove(child)
                        parent.insert(index, replacement)

    def _callout(self, quote: ET.Element) -> ET.Element | None:
        first = quote[0] if len(quote) else None
        if first is None or first.tag != "p" or not first.text:
            return None
        match = _MARKER.match(first.text)
        if not match or match.group(1).lower() not in CALLOUT_TYPES:
            return None
        kind = match.group(1).lower()
        title = match.group(2).strip()
        first.text = first.text[match.end() :]
        if not first.text.strip() and len(first) == 0:
            quote.remove(first)
        table = ET.Element(
            "table",
            {"class": f"callout callout-{kind}", "width": "100%", "cellspacing": "0",
             "cellpadding": "18"},
        )
        cell = ET.SubElement(ET.SubElement(table, "tr"), "td", {"class": f"callout-{kind}"})
        if title:
            heading = ET.SubElement(cell, "p", {"class": f"callout-title callout-title-{kind}"})
            ET.SubElement(heading, "strong").text = title
        for item in list(quote):
            cell.append(item)
        return table


class CalloutExtension(Extension):
    """Registers the callout processor before inline parsing, so the marker is still raw text."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processor to `md`."""
        md.treeprocessors.register(CalloutProcessor(md), "kiosk-callouts", 25)
