"""Checks the picture files pages show: readable, really the kind of picture their name says, no words."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.core.problems import Problem

MAX_PICTURE_BYTES = 2_000_000  # a clear picture for a page is far smaller; big ones slow the kiosk
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}


def check_picture(path: Path, used_by: str) -> list[Problem]:
    """Return the problems of one picture file; `used_by` names a page line that shows it."""
    where = f" (shown by {used_by})"
    size = path.stat().st_size
    if size > MAX_PICTURE_BYTES:
        return [Problem(path, 0, "warning", f"picture is large ({size / 1e6:.1f} MB) and slows the "
                        f"kiosk; save a smaller version{where}")]
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _check_svg(path, data, where)
    if suffix == ".webp":
        good = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    else:
        good = data.startswith(_SIGNATURES.get(suffix, (b"",)))
    if not good:
        return [Problem(path, 0, "error", f"this is not a {suffix[1:].upper()} picture: the file "
                        f"is damaged or has the wrong name{where}")]
    return []


def _check_svg(path: Path, data: bytes, where: str) -> list[Problem]:
    if b"<!ENTITY" in data:  # entities only serve to blow up the parser; no drawing needs them
        return [Problem(path, 0, "error", f"SVG picture defines entities, which the kiosk refuses{where}")]
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        return [Problem(path, line, "error", f"SVG picture cannot be read ({exc}){where}")]
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return [Problem(path, 0, "error", f"this is not an SVG picture{where}")]
    words = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("text", "textPath")]
    if words:
        return [Problem(path, 0, "warning", "picture contains words (<text>): they cannot be "
                        f"translated or enlarged; put them in the page text instead{where}")]
    return []
