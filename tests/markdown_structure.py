"""The "text structure" of rendered HTML, to compare the kiosk's pages with a CommonMark reference.

The text structure of some HTML is the sequence of its blocks, in order, each as (kind, text):

- kind is `p`, `h1` to `h6`, `pre`, `li1`, `li2`, ... (a list item and how deeply its list is
  nested), `cell` (a table's th or td) or `hr`, prefixed with one `>` per blockquote around it;
  a paragraph directly inside a list item counts as that item (so tight and loose lists compare
  equal), and text directly inside a blockquote counts as a `p`;
- text is what a reader sees in that block, not counting its nested blocks: entities decoded,
  inline markup (em, strong, code, a, del ...) dropped, whitespace runs made one space and
  trimmed; in `pre`, line breaks are kept, trailing spaces and trailing blank lines dropped;
- a block with no text is left out (except `hr`); pictures count as no text.

Two renderings "have the same text structure" when these sequences are equal. Before comparing,
the reference HTML goes through the same nh3 tag list as the kiosk's (raw HTML the kiosk removes
on purpose is not counted as a difference).
"""

from __future__ import annotations

from html.parser import HTMLParser

import nh3

from kiosk.core.rendering import ALLOWED_TAGS, STRIPPED_WITH_CONTENT

Block = tuple[str, str]
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_CONTAINERS = {"p", "pre", "li", "th", "td", *_HEADINGS}


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[tuple[str, str]] = []  # (tag, kind)
        self.buffer: list[str] = []
        self.lists = 0
        self.quotes = 0

    def _kind(self) -> str:
        return self.stack[-1][1] if self.stack else ">" * self.quotes + "p"

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        kind = self._kind()
        if kind.endswith("pre"):
            lines = [line.rstrip() for line in text.split("\n")]
            text = "\n".join(lines).strip("\n")
        else:
            text = " ".join(text.split())
        if text:
            self.blocks.append((kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        quote = ">" * self.quotes
        if tag in ("ul", "ol"):
            self.lists += 1
        elif tag == "blockquote":
            self._flush()
            self.quotes += 1
            self.stack.append((tag, ">" * self.quotes + "p"))
        elif tag == "hr":
            self._flush()
            self.blocks.append((quote + "hr", ""))
        elif tag == "br":
            self.buffer.append("\n" if self._kind().endswith("pre") else " ")
        elif tag in _CONTAINERS:
            self._flush()
            if tag == "li":
                kind = f"{quote}li{self.lists}"
            elif tag == "p" and self.stack and self.stack[-1][0] == "li":
                kind = self.stack[-1][1]
            elif tag in ("th", "td"):
                kind = quote + "cell"
            else:
                kind = quote + tag
            self.stack.append((tag, kind))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.lists = max(0, self.lists - 1)
        elif tag == "blockquote" or tag in _CONTAINERS:
            self._flush()
            for index in range(len(self.stack) - 1, -1, -1):  # close it and anything left open
                if self.stack[index][0] == tag:
                    del self.stack[index:]
                    break
            if tag == "blockquote":
                self.quotes = max(0, self.quotes - 1)

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)


def text_structure(html: str) -> list[Block]:
    """Return the text structure of `html` (see the module's docstring)."""
    parser = _Structure()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


def reference_structure(reference_html: str) -> list[Block]:
    """Return the text structure of a reference rendering, after the kiosk's tag list."""
    cleaned = nh3.clean(reference_html, tags=ALLOWED_TAGS, clean_content_tags=STRIPPED_WITH_CONTENT,
                        attributes={}, link_rel=None)
    return text_structure(cleaned)
