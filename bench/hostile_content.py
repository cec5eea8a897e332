"""The hostile content set, written at run time into a folder (nothing big is committed).

Each case is what a careless or hostile author could put in the content folder: a picture that
declares a giant size, a table or a line no screen can hold, nesting hundreds deep, thousands of
pages. `write_case(name, folder)` writes one case as a whole content tree (en/ only) and returns
the id of the page to open ("" for the home screen).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

PAGE_HEAD = "---\ntitle: {title}\nsummary: {summary}\n---\n# {title}\n\n"
SECTION = PAGE_HEAD.format(title="Start here", summary="A plain page beside the hostile one.") + \
    "Most back pain gets better on its own within a few weeks.\n"


def giant_svg() -> bytes:
    """Return 128 bytes of SVG that declare a 30000 x 30000 px drawing."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="30000" height="30000">'
           b'<rect width="30000" height="30000" fill="#1F4E79"/></svg>')
    return svg.ljust(128, b" ")


def giant_png(width: int = 20000, height: int = 20000) -> bytes:
    """Return a valid RGB PNG of `width` x `height` px, one colour: about 1.2 MB for 20000 px.

    The rows are compressed one at a time, so the 1.2 GB of pixels never exist in memory.
    """
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    first = b"\x01\x1f\x4e\x79" + bytes(3 * (width - 1))  # "Sub" filter: each pixel as the last
    same = b"\x02" + bytes(3 * width)  # "Up" filter: each row as the one above
    packer = zlib.compressobj(9)
    parts = [packer.compress(first)]
    block = same * 50
    parts += [packer.compress(block) for _ in range((height - 1) // 50)]
    parts.append(packer.compress(same * ((height - 1) % 50)))
    parts.append(packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts))
            + chunk(b"IEND", b""))


def wide_table(columns: int = 60, rows: int = 500) -> str:
    """Return a Markdown table of `columns` x `rows` short cells."""
    lines = ["| " + " | ".join(f"Head {c}" for c in range(columns)) + " |",
             "|" + "---|" * columns]
    lines += ["| " + " | ".join(str(c) for c in range(columns)) + " |" for _ in range(rows)]
    return "\n".join(lines) + "\n"


def long_line(chars: int = 200_000) -> str:
    """Return one paragraph of `chars` letters without a space."""
    return ("abcdefghij" * (chars // 10 + 1))[:chars] + "\n"


def deep_quotes(levels: int) -> str:
    """Return a paragraph inside `levels` nested block quotes."""
    return ">" * levels + " Deep inside.\n"


def deep_list(levels: int) -> str:
    """Return a list item inside `levels` nested lists (one line: `- - - ... text`)."""
    return "- " * levels + "Deep inside.\n"


def _page(title: str, body: str) -> str:
    return PAGE_HEAD.format(title=title, summary="A hostile page.") + body


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def _picture_case(name: str, data: bytes) -> Callable[[Path], str]:
    def write(folder: Path) -> str:
        _write(folder, {f"images/{name}": data, "en/start.md": SECTION,
                        "en/picture.md": _page("A giant picture",
                                               f"Above the picture.\n\n![A picture](../images/{name})"
                                               "{width=600}\n\nBelow the picture.\n")})
        return "picture"
    return write


def _body_case(body: Callable[[], str]) -> Callable[[Path], str]:
    def write(folder: Path) -> str:
        _write(folder, {"en/start.md": SECTION,
                        "en/hostile.md": _page("A hostile page", "Before it.\n\n" + body()
                                               + "\nAfter it.\n")})
        return "hostile"
    return write


def many_pages(folder: Path, count: int = 10_000, sections: int = 0) -> str:
    """Write `count` small pages: top-level sections, or under `sections` sections.

    With `sections` = 1, one section holds every other page (a panel of thousands of buttons).
    Returns the id of the first section.
    """
    files: dict[str, str | bytes] = {}
    body = "Most back pain gets better on its own within a few weeks, so keep moving gently.\n"
    if sections == 0:
        for index in range(count):
            files[f"en/page-{index:05d}.md"] = _page(f"Page {index}", body)
        _write(folder, files)
        return "page-00000"
    per_section = (count - sections) // sections
    for s in range(sections):
        files[f"en/section-{s:03d}.md"] = _page(f"Section {s}", body)
        for index in range(per_section):
            files[f"en/section-{s:03d}/page-{index:05d}.md"] = _page(f"Page {s}.{index}", body)
    _write(folder, files)
    return "section-000"


CASES: dict[str, Callable[[Path], str]] = {
    "giant-svg": _picture_case("giant.svg", giant_svg()),
    "giant-png": _picture_case("giant.png", b""),  # written by write_case (made on demand)
    "wide-table": _body_case(lambda: wide_table(60, 500)),
    "long-line": _body_case(lambda: long_line(200_000)),
    "deep-quotes": _body_case(lambda: deep_quotes(60)),
    "deep-lists": _body_case(lambda: deep_list(2_000)),
    "many-sections": lambda folder: many_pages(folder, 10_000, 0),
    "big-section": lambda folder: many_pages(folder, 10_000, 1),
}


def write_case(name: str, folder: Path) -> str:
    """Write case `name` as a content tree in `folder`; return the page to open ('' = home)."""
    if name == "giant-png":
        return _picture_case("giant.png", giant_png())(folder)
    return CASES[name](folder)
