"""One problem found in a content file or config file, reported as FILE:LINE: severity: message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
_BREAKS = re.compile(r"[ \t]*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


@dataclass(frozen=True, order=True)
class Problem:
    """A problem a person can fix, located by file and 1-based line (0 when unknown)."""

    path: Path
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        r"""Return the problem as one line: FILE:LINE: severity: message.

        A file name with a line break or tab in it is shown with \n, \t ...; a line break in
        the message becomes a space: one problem is always one line.
        """
        path = _visible(str(self.path))
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.severity}: {_visible(_BREAKS.sub(' ', self.message))}"


def _visible(text: str) -> str:
    r"""Return `text` with tabs, line breaks and other control characters written as \t, \n, \x01."""
    return _INVISIBLE.sub(lambda m: _NAMED.get(m.group(), _escape(ord(m.group()))), text)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def line_of(text: str, needle: str, first_line: int = 1) -> int:
    """Return the line number (counting from `first_line`) where `needle` first occurs, else 0."""
    index = text.find(needle)
    if index < 0:
        return 0
    return first_line + text.count("\n", 0, index)


def body_first_line(source: str, body: str, fallback: int = 1) -> int:
    """Return the line of the file `source` on which its Markdown `body` starts.

    Counted from the text itself, with line breaks as editors count them (newlines), so a front
    matter holding a form feed or a Unicode line separator does not move every line of the body.
    """
    if body and source.endswith(body):
        return source.count("\n", 0, len(source) - len(body)) + 1
    return fallback
