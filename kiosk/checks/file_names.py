"""File and folder names that Windows refuses: `kiosk check` reports them before staff copy the content.

A Linux or macOS disk takes almost any name; Windows refuses some characters, names that end in a
dot or a space, names of old devices (CON, NUL, COM1 ...) and names longer than 255 characters.
Such a file is left behind, or stops the copy, when the content goes to a Windows kiosk.
"""

from __future__ import annotations

_NAMED = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}
_REFUSED_CHARACTERS = '<>:"/\\|?*'
# The names Windows keeps for devices, also with an extension ("con.md", "nul.tar.gz").
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]}
)
MAX_NAME = 255  # characters (UTF-16 units) on Windows, bytes (UTF-8) on macOS and Linux


def _character(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    if ord(ch) < 32 or ord(ch) == 127:
        return f"an invisible control character (U+{ord(ch):04X})"
    return f"'{ch}'"


def windows_name_problem(name: str) -> str:
    """Return why Windows refuses the file or folder name `name` (one clause), or '' if it takes it."""
    reasons: list[str] = []
    refused = sorted({ch for ch in name if ch in _REFUSED_CHARACTERS or ord(ch) < 32 or ord(ch) == 127},
                     key=name.index)
    if refused:
        names = [_character(ch) for ch in refused]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        reasons.append(f"has {listed}, which Windows does not allow in a name")
    if name.endswith((".", " ")):
        reasons.append(f"ends with {'a dot' if name.endswith('.') else 'a space'}")
    device = name.split(".", 1)[0].rstrip(" ").upper()
    if device in RESERVED_NAMES:
        reasons.append(f"is '{device}', a name Windows keeps for a device")
    utf8 = len(name.encode("utf-8", "surrogateescape"))
    if utf8 > MAX_NAME or len(name.encode("utf-16-le", "surrogatepass")) > 2 * MAX_NAME:
        reasons.append(f"is too long ({len(name)} characters, {utf8} bytes; at most {MAX_NAME} "
                       "bytes, fewer with accents or other alphabets)")
    return "; ".join(reasons)


def windows_name_message(name: str, is_folder: bool) -> str:
    """Return the problem message for a name Windows refuses, or '' when Windows takes it."""
    why = windows_name_problem(name)
    if not why:
        return ""
    what = "folder" if is_folder else "file"
    return f"{what} name {why}: Windows cannot copy such a {what}; rename it"
