"""Finds the Markdown other editors understand but the kiosk cannot show as meant, by line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kiosk.core.callouts import ADMONITION_KINDS
from kiosk.core.content import Page
from kiosk.core.problems import Problem

_FENCE = re.compile(r"^ *(?:> ?)*(?P<fence>`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(?P<info>[\w+-]*)")
_DIAGRAMS = {"mermaid", "plantuml", "puml", "dot", "graphviz", "flowchart", "sequence", "vega",
             "vega-lite", "math", "latex", "tex", "katex", "geojson", "topojson", "stl", "abc"}
_TAB = re.compile(r'^ *=== ?\+?!? *"')
_DETAILS = re.compile(r"^ *\?\?\?\+? +\S")
_ADMONITION = re.compile(r"^ *!!! +(?P<type>[\w-]+)")
_MATH_BLOCK = re.compile(r"^ *(?:> ?)*(?:\$\$|\\\[|\\\])")
_MATH_INLINE = re.compile(r"\\\(.+?\\\)")
_HEADING_WITHOUT_SPACE = re.compile(r"^ {0,3}#{1,6}[^#\s]")
_SNIPPET = re.compile(r"^ *(?:-+8<-+|;*-+8<-+)")
_AUTODOC = re.compile(r"^::: +[\w.]+")
_FOOTNOTE_USE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_TEXT = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+).+?\1")
_MEDIA = re.compile(r"!\[[^\]]*\]\([^)\s]+\.(?:mp4|webm|mov|m4v|ogv|mp3|wav|ogg|m4a)\b", re.IGNORECASE)


def _prose_lines(body: str) -> Iterator[tuple[int, str, str]]:
    """Yield (index, line, code language or '') for each line, telling fenced code from prose."""
    fence = ""
    language = ""
    for index, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if fence:
            if match and match.group("fence").startswith(fence) and not match.group("info"):
                fence = ""
            yield index, line, language or "code"
        elif match:
            fence, language = match.group("fence"), match.group("info").lower()
            yield index, line, f"fence:{language}"
        else:
            yield index, line, ""


def check_page(page: Page) -> list[Problem]:
    """Return one warning per line that uses Markdown the kiosk shows differently from the editor."""
    problems: list[Problem] = []

    def warn(index: int, message: str) -> None:
        problems.append(Problem(page.path, page.body_line + index, "warning", message))

    defined = set(_FOOTNOTE_TEXT.findall(page.body))
    math_open = False
    for index, line, code in _prose_lines(page.body):
        if code.startswith("fence:"):
            language = code[len("fence:"):]
            if language in _DIAGRAMS:
                warn(index, f"'{language}' diagrams cannot be drawn on the kiosk: it shows the "
                     "diagram's code as text; use a picture (SVG) instead")
            continue
        if code:
            continue
        line = _CODE_SPAN.sub("", line)  # `[^1]` in backticks is shown as written, on purpose
        if _TAB.match(line):
            warn(index, "tabs (===) cannot be switched on the kiosk: each tab is shown one after "
                 "another, under its title as a heading")
        elif _DETAILS.match(line):
            warn(index, "folded boxes (???) cannot be opened on the kiosk: the box is shown open")
        elif (box := _ADMONITION.match(line)) and box.group("type").lower() not in ADMONITION_KINDS:
            warn(index, f"box type '{box.group('type')}' is not one the kiosk knows: it is "
                 "shown as a note box (use note, tip, important, warning or caution)")
        if _MATH_BLOCK.match(line):
            if math_open:
                math_open = False
                continue  # the end of a formula, warned about at its start
            math_open = line.count("$$") == 1 or line.strip().startswith("\\[")
        if _MATH_BLOCK.match(line) or _MATH_INLINE.search(line):
            warn(index, "math formulas cannot be drawn on the kiosk: they are shown as written; "
                 "write them out in words or use a picture")
        if _HEADING_WITHOUT_SPACE.match(line):
            warn(index, f"'{line.strip()[:40]}' is not a heading (as on GitHub): put a space "
                 "after the # signs")
        if _SNIPPET.match(line):
            warn(index, "snippets (--8<--) are not read on the kiosk: the line is shown as written; "
                 "copy the text into the page")
        if _AUTODOC.match(line):
            warn(index, "'::: ' blocks (mkdocstrings and similar plugins) are shown as written")
        if _MEDIA.search(line):
            warn(index, "video and sound cannot be played on the kiosk; use a picture and words")
        for name in _FOOTNOTE_USE.findall(line):
            if name not in defined:
                warn(index, f"footnote '[^{name}]' has no text: add a line '[^{name}]: ...' "
                     "(it is shown as written)")
    return problems
