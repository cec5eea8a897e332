"""Characters that deface a page: invisible direction and format controls, and characters the font lacks.

Qt-free and lean: the bundled font's character map is read here from the TrueType files with the
struct module (cmap subtables of format 4 and 12), so what is checked is the font the kiosk ships.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kiosk.core.content import Page
from kiosk.core.problems import Problem
from kiosk.core.resources import resource_path

FONT_NAME = "Atkinson Hyperlegible"
FONT_FILES = ("Regular", "Bold", "Italic", "BoldItalic")  # resources/fonts/AtkinsonHyperlegible-*.ttf
MAX_PER_KIND = 20  # warnings of one kind per page; then one line counting the rest

# Direction controls: embeddings, overrides, isolates, and the three direction marks.
BIDI_CONTROLS = {
    0x202A: "it shows the text after it as left-to-right, whatever it is",
    0x202B: "it shows the text after it as right-to-left: punctuation and numbers move",
    0x202C: "it ends a direction override or embedding",
    0x202D: "it forces the text after it left-to-right",
    0x202E: "it shows the text after it reversed",
    0x2066: "it shows the text after it as left-to-right, whatever it is",
    0x2067: "it shows the text after it as right-to-left: punctuation and numbers move",
    0x2068: "it shows the text after it in a direction of its own",
    0x2069: "it ends a direction isolate",
    0x200E: "it can move the punctuation and numbers around it",
    0x200F: "it can move the punctuation and numbers around it",
    0x061C: "it can move the punctuation and numbers around it",
}
# Invisible characters that are fine: tabs, zero-width (non-)joiners (they build emoji and some
# scripts' letters), a soft hyphen (it shows only where a word breaks). Variation selectors and
# skin tones belong to the character before them (reported there if the font lacks it).
LEFT_ALONE = {0x09, 0x200C, 0x200D, 0x00AD, 0x034F, *range(0xFE00, 0xFE10),
              *range(0xE0100, 0xE01F0), *range(0x1F3FB, 0x1F400)}
TAGS = range(0xE0000, 0xE0080)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def _write(english: str, spanish: str, box: str = "") -> tuple[str, str]:
    """Return the advice to write a word instead (English, Spanish), or to use a callout box."""
    if box:
        return (f"write '{english}' instead, or put the text in a '> [!{box}]' box",
                f"write '{spanish}' instead, or put the text in a '> [!{box}]' box")
    return f"write '{english}' instead", f"write '{spanish}' instead"


# What to write instead of the emoji and symbols pages are tempted to use: (English, Spanish).
ADVICE: dict[str, tuple[str, str]] = {
    **dict.fromkeys("✅✔✓☑🗸", _write("yes", "sí")),
    **dict.fromkeys("❌❎✖✗✘", _write("no", "no")),
    "⚠": _write("Warning", "Atención", "WARNING"),
    **dict.fromkeys("❗❕‼", _write("Important", "Importante", "IMPORTANT")),
    "ℹ": _write("Note", "Nota", "NOTE"),
    "💡": _write("Tip", "Consejo", "TIP"),
    **dict.fromkeys("🛑⛔✋", _write("Stop", "Pare")),
    **dict.fromkeys("🚨🚑", _write("call 911", "llame al 911", "CAUTION")),
    **dict.fromkeys("📞☎📱", _write("phone", "teléfono")),
    "🏥": _write("hospital", "hospital"),
    **dict.fromkeys("💊💉", _write("medicine", "medicina")),
    "🩺": _write("doctor", "médico"),
    **dict.fromkeys("❤♥💙💚", _write("heart", "corazón")),
    **dict.fromkeys("⭐★☆", _write("important", "importante")),
    **dict.fromkeys("👍👌", _write("good", "bien")),
    "👎": _write("not good", "mal"),
    **dict.fromkeys("➡→⇒▶►👉", _write("then", "luego")),
    **dict.fromkeys("⬅←", _write("back", "atrás")),
    **dict.fromkeys("⬆↑", _write("up", "arriba")),
    **dict.fromkeys("⬇↓", _write("down", "abajo")),
    **dict.fromkeys("⏰⏱🕐", _write("time", "hora")),
    **dict.fromkeys("📅🗓", _write("date", "fecha")),
    **dict.fromkeys("❓❔", _write("question", "pregunta")),
    **dict.fromkeys("😀😃😄😊🙂😉😟🙁😢", ("leave it out: the words say it",) * 2),
    **dict.fromkeys("▪▫◦‣●○■□", ("start the line with '- ' to make a list",) * 2),
    "⅓": _write("one third", "un tercio"),
    "⅔": _write("two thirds", "dos tercios"),
    **dict.fromkeys("\u2010\u2011\u2012\u2015", _write("-", "-")),
    **dict.fromkeys("′‵", _write("'", "'")),
    **dict.fromkeys("″‶", _write('"', '"')),
    "\ufffd": ("the text here was damaged, or saved in an encoding other than UTF-8: type it again",) * 2,
}


def check_page(page: Page) -> list[Problem]:
    """Return a warning for each invisible control and each character the font lacks, by line."""
    coverage = kiosk_font_coverage()
    spanish = page.lang == "es"
    invisible: list[Problem] = []
    undrawn: list[Problem] = []
    shown = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), page.source)
    for number, (line, shown_line) in enumerate(
            zip(page.source.split("\n"), shown.split("\n"), strict=True), start=1):
        tagged = False
        visible = set(shown_line)  # (not in a comment)
        for ch in dict.fromkeys(line):
            code = ord(ch)
            message = _invisible_message(code)
            if code in TAGS:
                if not tagged:
                    tagged = True
                    invisible.append(Problem(page.path, number, "warning", "invisible tag "
                                             "characters (U+E0000-U+E007F): they hide text no one "
                                             "sees; delete them"))
            elif message:
                invisible.append(Problem(page.path, number, "warning", message))
            elif code not in coverage and code not in LEFT_ALONE and ch in visible:
                undrawn.append(Problem(page.path, number, "warning", _undrawn_message(ch, spanish)))
    return (_capped(invisible, "invisible characters") +
            _capped(undrawn, f"characters the kiosk's font ({FONT_NAME}) cannot draw"))


def _invisible_message(code: int) -> str:
    """Return the warning for an invisible control character, or '' when `code` is not one."""
    name = _name(code)
    if code in BIDI_CONTROLS:
        return f"invisible direction control {name}: {BIDI_CONTROLS[code]}; delete it"
    if code in LEFT_ALONE:
        return ""
    category = unicodedata.category(chr(code))
    if category == "Cc":
        return f"control character {name}: it shows as a box or as nothing; delete it"
    if category in ("Zl", "Zp"):
        return (f"invisible {name}: editors and the kiosk break the line differently; use a "
                "normal line break")
    if category == "Cf":
        return f"invisible character {name}: it cannot be seen but changes the text; delete it"
    return ""


def _undrawn_message(ch: str, spanish: bool) -> str:
    """Return the warning for a character the font cannot draw, with what to write instead."""
    category = unicodedata.category(ch)
    shown = f"{_name(ord(ch))}" if category[0] in "MZC" else f"'{ch}' ({_name(ord(ch))})"
    known = ADVICE.get(ch)
    if known:
        advice = known[1] if spanish else known[0]
    elif category == "Zs":
        advice = "use a normal space"
    elif category == "Co":
        advice = "it comes from a symbol font: write what it means in words"
    elif category[0] == "N":
        advice = "write the number in digits (0-9) or in words"
    elif category[0] in "LM":
        advice = "use the letters of the page's language (English and Spanish letters are all there)"
    elif category in ("Pi", "Pf"):
        advice = "use plain quotes (' or \") or the curly ones (‘ ’ “ ”)"
    else:
        advice = "write what it means in words"
    return (f"{shown} is not in the kiosk's font ({FONT_NAME}): it may show as an empty box; "
            f"{advice}")


def _name(code: int) -> str:
    """Return how a character is named in a message: U+202E RIGHT-TO-LEFT OVERRIDE."""
    name = unicodedata.name(chr(code), "")
    return f"U+{code:04X} {name}" if name else f"U+{code:04X}"


def _capped(problems: list[Problem], what: str) -> list[Problem]:
    """Return the first MAX_PER_KIND problems, and one more line counting the rest."""
    if len(problems) <= MAX_PER_KIND:
        return problems
    rest = problems[MAX_PER_KIND:]
    lines = sorted({p.line for p in rest})
    where = ", ".join(str(line) for line in lines[:5]) + (" ..." if len(lines) > 5 else "")
    more = Problem(rest[0].path, rest[0].line, "warning",
                   f"and {len(rest)} more {what} (line {where})")
    return [*problems[:MAX_PER_KIND], more]


@cache
def kiosk_font_coverage() -> frozenset[int]:
    """Return the characters every bundled face of the kiosk's font can draw."""
    paths = [resource_path("fonts", f"AtkinsonHyperlegible-{face}.ttf") for face in FONT_FILES]
    return font_coverage(paths)


def font_coverage(paths: Iterable[Path]) -> frozenset[int]:
    """Return the code points that all the given TrueType/OpenType fonts map to a glyph."""
    faces = [cmap_code_points(path.read_bytes()) for path in paths]
    return frozenset(set.intersection(*faces)) if faces else frozenset()


def cmap_code_points(font: bytes) -> set[int]:
    """Return the code points a font's Unicode cmap subtables (format 4 or 12) map to a glyph."""
    tables = _table_offsets(font)
    if b"cmap" not in tables:
        raise ValueError("font has no cmap table")
    cmap = tables[b"cmap"]
    _version, count = struct.unpack_from(">HH", font, cmap)
    codes: set[int] = set()
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * index)
        if (platform, encoding) not in ((0, 3), (0, 4), (0, 6), (3, 1), (3, 10)):
            continue  # (0, 3/4/6: Unicode; 3, 1/10: Windows Unicode BMP / full)
        start = cmap + offset
        kind = struct.unpack_from(">H", font, start)[0]
        if kind == 4:
            codes |= _format_4(font, start)
        elif kind == 12:
            codes |= _format_12(font, start)
    return codes


def _table_offsets(font: bytes) -> dict[bytes, int]:
    count = struct.unpack_from(">H", font, 4)[0]
    offsets: dict[bytes, int] = {}
    for index in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", font, 12 + 16 * index)
        offsets[tag] = offset
    return offsets


def _format_4(font: bytes, start: int) -> set[int]:
    """Return the mapped code points of a format 4 subtable (segments of the BMP)."""
    segments = struct.unpack_from(">H", font, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", font, start + 14)
    starts = struct.unpack_from(f">{segments}H", font, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}H", font, start + 16 + 4 * segments)
    range_at = start + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", font, range_at)
    codes: set[int] = set()
    for seg in range(segments):
        for code in range(starts[seg], ends[seg] + 1):
            if code == 0xFFFF:
                continue
            if range_offsets[seg] == 0:
                glyph = (code + deltas[seg]) & 0xFFFF
            else:
                at = range_at + 2 * seg + range_offsets[seg] + 2 * (code - starts[seg])
                glyph = struct.unpack_from(">H", font, at)[0]
                glyph = (glyph + deltas[seg]) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(code)
    return codes


def _format_12(font: bytes, start: int) -> set[int]:
    """Return the mapped code points of a format 12 subtable (groups over all planes)."""
    groups = struct.unpack_from(">I", font, start + 12)[0]
    codes: set[int] = set()
    for group in range(groups):
        first, last, glyph = struct.unpack_from(">III", font, start + 16 + 12 * group)
        codes.update(range(first + (glyph == 0), last + 1))  # glyph 0 is .notdef: no glyph
    return codes
