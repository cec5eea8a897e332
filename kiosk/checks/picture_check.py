"""Checks the picture files pages show: readable, the kind their name says, no words, not too large.

Qt-free, like all of `kiosk check`: a picture's size is read from its header bytes (PNG, JPEG,
GIF, WebP) or, for an SVG, from the width, height and viewBox of its root element (parsed with
the standard library, refusing entities), never by decoding it. The limits are the kiosk's own
(kiosk/core/page_limits.py): what it cannot decode is reported as an error, what it draws smaller
as a warning, each at the line of the page that shows the picture.
"""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import BinaryIO

from kiosk.core.page_limits import MAX_DECODE_PIXELS, MAX_PICTURE_PIXELS, pixels_to_decode
from kiosk.core.problems import Problem

MAX_PICTURE_BYTES = 2_000_000  # a clear picture for a page is far smaller; big ones slow the kiosk
HEADER_BYTES = 65_536  # enough for every header read here (a JPEG's is found by seeking)
SHOWN_WIDTH = 1900  # the widest a page shows a picture, in pixels (drawn at twice its size)
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
_UNIT_PIXELS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4,
                "cm": 96 / 2.54, "in": 96.0}
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def check_picture(path: Path, used_by: str) -> list[Problem]:
    """Return the problems of one picture file; `used_by` names a page line that shows it.

    `used_by` is "PAGE:LINE" (or "PAGE"): problems of size are reported there, naming the
    picture; problems of the file itself are reported at the picture.
    """
    where = f" (shown by {used_by})"
    page, line = _page_line(used_by)
    problems: list[Problem] = []
    size = path.stat().st_size
    if size > MAX_PICTURE_BYTES:
        problems.append(Problem(page, line, "warning", f"picture '{path.name}' is large "
                                f"({size / 1e6:.1f} MB) and slows the kiosk; save a smaller "
                                "version"))
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(HEADER_BYTES)
        if suffix == ".svg":
            data = head + handle.read() if size <= MAX_PICTURE_BYTES else head
            return problems + _check_svg(path, data, where, page, line,
                                         complete=size <= MAX_PICTURE_BYTES)
        if suffix == ".webp":
            good = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
        else:
            good = head.startswith(_SIGNATURES.get(suffix, (b"",)))
        if not good:
            return [*problems, Problem(path, 0, "error", f"this is not a {suffix[1:].upper()} "
                                       f"picture: the file is damaged or has the wrong name{where}")]
        dimensions = _jpeg_size(handle) if suffix in (".jpg", ".jpeg") else _raster_size(suffix, head)
    if dimensions is None:
        return [*problems, Problem(path, 0, "error", "the picture's size cannot be read from the "
                                   f"file: it is damaged{where}")]
    return problems + _pixel_problems(path.name, dimensions, suffix in (".jpg", ".jpeg"), page, line)


def _page_line(used_by: str) -> tuple[Path, int]:
    """Split "PAGE:LINE" (as content_check writes it) into the page's path and its line."""
    page, _, line = used_by.rpartition(":")
    if page and line.isdigit():
        return Path(page), int(line)
    return Path(used_by), 0


def _pixel_problems(name: str, dimensions: tuple[int, int], jpeg: bool, page: Path,
                    line: int) -> list[Problem]:
    """Return what the kiosk does with a raster picture of these dimensions, when it is not plain."""
    width, height = dimensions
    pixels = width * height
    shown = f"{width} x {height} px ({pixels / 1e6:.1f} megapixels)"
    if pixels_to_decode(width, height, SHOWN_WIDTH, jpeg) > MAX_DECODE_PIXELS:
        return [Problem(page, line, "error", f"picture '{name}' is {shown}: more than the kiosk "
                        f"can decode ({MAX_DECODE_PIXELS // 1_000_000} megapixels), so it shows a "
                        f"plain box instead; save it at most {SHOWN_WIDTH} px wide")]
    if pixels > MAX_PICTURE_PIXELS:
        return [Problem(page, line, "warning", f"picture '{name}' is {shown}: the kiosk draws "
                        f"pictures with at most {MAX_PICTURE_PIXELS // 1_000_000} megapixels, so "
                        f"it is decoded and made smaller every time it is shown; save it at most "
                        f"{SHOWN_WIDTH} px wide")]
    return []


def _raster_size(suffix: str, head: bytes) -> tuple[int, int] | None:
    """Return (width, height) from the first bytes of a PNG, GIF or WebP, or None."""
    try:
        if suffix == ".png":
            if head[12:16] != b"IHDR":
                return None
            width, height = struct.unpack(">II", head[16:24])
            return width, height
        if suffix == ".gif":
            width, height = struct.unpack("<HH", head[6:10])
            return width, height
        if suffix == ".webp":
            return _webp_size(head)
    except struct.error:
        return None
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    """Return (width, height) of a WebP from its first chunk (VP8, VP8L or VP8X)."""
    kind = head[12:16]
    if kind == b"VP8X":  # extended: the canvas size, 24 bits each, minus one
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    if kind == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":  # lossy: 14 bits each
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and head[20:21] == b"\x2f":  # lossless: 14 bits each, minus one
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg_size(handle: BinaryIO) -> tuple[int, int] | None:
    """Return (width, height) of a JPEG from its frame header, seeking past the other segments."""
    handle.seek(2)
    for _ in range(10_000):  # (a file of nothing but markers must end)
        marker = handle.read(2)
        while len(marker) == 2 and marker[0] == 0xFF and marker[1] == 0xFF:  # fill bytes
            marker = marker[1:] + handle.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:  # no length follows
            continue
        length_bytes = handle.read(2)
        if len(length_bytes) < 2:
            return None
        length = struct.unpack(">H", length_bytes)[0]
        if kind in _JPEG_FRAMES:
            frame = handle.read(5)
            if len(frame) < 5:
                return None
            height, width = struct.unpack(">HH", frame[1:5])
            return width, height
        if kind == 0xD9 or length < 2:
            return None
        handle.seek(length - 2, 1)
    return None


def _check_svg(path: Path, data: bytes, where: str, page: Path, line: int,
               complete: bool) -> list[Problem]:
    if b"<!ENTITY" in data:  # entities only serve to blow up the parser; no drawing needs them
        return [Problem(path, 0, "error", f"SVG picture defines entities, which the kiosk refuses{where}")]
    try:
        root = _svg_root(data) if not complete else ET.fromstring(data)
    except ET.ParseError as exc:
        error_line = exc.position[0] if exc.position else 0
        return [Problem(path, error_line, "error", f"SVG picture cannot be read ({exc}){where}")]
    if root is None or root.tag.rsplit("}", 1)[-1] != "svg":
        return [Problem(path, 0, "error", f"this is not an SVG picture{where}")]
    problems: list[Problem] = []
    declared = svg_declared_size(root.attrib)
    if declared is not None and declared[0] * declared[1] > MAX_PICTURE_PIXELS:
        width, height = declared
        problems.append(Problem(page, line, "warning", f"SVG picture '{path.name}' declares a size "
                                f"of {width:.0f} x {height:.0f} px: the kiosk draws it at the size "
                                "the page shows it, but other programs may try to draw it at this "
                                "size; set its width and height to the size it is meant to be seen "
                                "at (for example 600 x 400)"))
    words = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("text", "textPath")]
    if words:
        problems.append(Problem(path, 0, "warning", "picture contains words (<text>): they cannot be "
                                f"translated or enlarged; put them in the page text instead{where}"))
    return problems


def _svg_root(data: bytes) -> ET.Element | None:
    """Return the root element of the start of an SVG (its attributes; no children)."""
    for _, element in ET.iterparse(io.BytesIO(data), events=("start",)):
        return element if isinstance(element, ET.Element) else None
    return None


def svg_declared_size(attributes: dict[str, str]) -> tuple[float, float] | None:
    """Return the size an SVG declares, in pixels, as Qt reads it: width and height, else viewBox.

    A width or height in % (or missing) takes the viewBox's; None when neither says a size.
    """
    box: tuple[float, float] | None = None
    numbers = re.split(r"[\s,]+", attributes.get("viewBox", "").strip())
    if len(numbers) == 4:
        try:
            box = float(numbers[2]), float(numbers[3])
        except ValueError:
            box = None
    sizes = [_svg_length(attributes.get(name, "")) for name in ("width", "height")]
    width = sizes[0] if sizes[0] is not None else (box[0] if box else None)
    height = sizes[1] if sizes[1] is not None else (box[1] if box else None)
    if width is None or height is None:
        return None
    return abs(width), abs(height)


def _svg_length(value: str) -> float | None:
    """Return an SVG length in pixels ("30000", "12cm", "2in"), or None (empty, %, em ...)."""
    match = _LENGTH.match(value)
    if not match:
        return None
    return float(match.group(1)) * _UNIT_PIXELS[match.group(2)]
