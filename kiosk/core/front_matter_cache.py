"""Parsed front matter kept between starts, by its exact text, so that a start need not import YAML.

Importing PyYAML costs about 13 ms and parsing the front matter of the 70 bundled pages about
8 ms more, at every start, although the pages almost never change. This memo maps the exact text
between a page's '---' lines to what it parsed to. It cannot be stale: the same text always
parses to the same settings, and edited text is simply not found (it is parsed, then kept).
Only clean parses are kept, of values JSON holds exactly (dates tagged); anything else, and every
block with a problem, is parsed at each load as before, so its messages keep their file and line.
The file is JSON (harmless to read even if damaged), marked with a format number and the kiosk's
version; if it is missing, damaged or from another version, the cache starts empty.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.core.resources import user_folder

if TYPE_CHECKING:
    from kiosk.core.frontmatter import Meta

log = logging.getLogger(__name__)
FORMAT = 1
FILE_NAME = "front-matter.json"
_said_cannot_save = False  # a read-only disk is worth one line in the log, not one per reload


def cache_dir() -> Path:
    """Return the folder for cache files (KIOSK_CACHE_DIR overrides the platform's cache folder)."""
    return user_folder("cache", "KIOSK_CACHE_DIR")


class FrontMatterCache:
    """Front matter text -> parsed settings, read from one JSON file; saves what a load used."""

    def __init__(self, path: Path, saved: dict[str, object]):
        self.path = path
        self.saved = saved  # as in the file: text -> settings encoded for JSON
        self.used: dict[str, object] = {}  # the entries the current load asked for or added

    @classmethod
    def read(cls, path: Path | None = None) -> FrontMatterCache:
        """Read the cache file (default: in the user's cache folder); empty if it is unusable."""
        path = path or cache_dir() / FILE_NAME
        saved: dict[str, object] = {}
        try:
            data = json.loads(path.read_bytes())
            if data["format"] != FORMAT or data["kiosk"] != __version__:
                raise ValueError("made by another version")
            if not isinstance(data["pages"], dict):
                raise ValueError("no pages")
            saved = data["pages"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, LookupError, TypeError, RecursionError) as exc:
            log.debug("front matter cache %s not used: %s", path, exc)
        return cls(path, saved)

    def get(self, block: str) -> Meta | None:
        """Return the settings `block` parsed to (a fresh copy), or None if it is not kept."""
        encoded = self.used.get(block, self.saved.get(block))
        if encoded is None:
            return None
        try:
            meta = _decode(encoded)
        except (ValueError, TypeError, RecursionError):  # a damaged entry: parsed again
            return None
        if not isinstance(meta, dict):
            return None
        self.used[block] = encoded
        return meta

    def put(self, block: str, meta: Meta) -> None:
        """Keep the settings a clean parse of `block` gave, if JSON can hold them exactly."""
        with contextlib.suppress(TypeError, RecursionError):  # not kept: parsed at each load
            self.used[block] = _encode(meta, set())

    def save(self, complete: bool = True) -> None:
        """Write the entries this load used, if they differ from the file's.

        `complete`: every page has been read, so entries no page used are dropped. Otherwise
        (languages still to read) the file's other entries are kept: they may be theirs.
        """
        global _said_cannot_save
        entries = self.used if complete else {**self.saved, **self.used}
        if self.used and entries != self.saved:  # (nothing used: no load since the last save)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                data = {"format": FORMAT, "kiosk": __version__, "pages": entries}
                temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="ascii")
                os.replace(temporary, self.path)  # readers see the old file or the new, never half
                self.saved = entries
            except OSError as exc:
                log.log(logging.DEBUG if _said_cannot_save else logging.INFO,
                        "cannot save the front matter cache (%s); pages are parsed at each start", exc)
                _said_cannot_save = True
                with contextlib.suppress(OSError):
                    temporary.unlink(missing_ok=True)
        if complete:
            self.used = {}


def _encode(value: object, seen: set[int]) -> object:
    """Return `value` as JSON data; TypeError for anything that would not come back the same."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if type(value) is date:  # (type(value), not kind: mypy narrows `value` only this way)
        return {"date": value.isoformat()}
    if type(value) is datetime and (value.tzinfo is None or type(value.tzinfo) is timezone):
        return {"datetime": value.isoformat()}
    if type(value) is list or type(value) is dict:
        # A YAML alias puts one list in two places, or inside itself; copied, it would come back
        # as two lists, or never end, and nested aliases would multiply (the "billion laughs").
        if id(value) in seen:
            raise TypeError("a shared value")
        seen.add(id(value))
        if type(value) is list:
            return [_encode(item, seen) for item in value]
        if type(value) is dict and all(type(key) is str for key in value):
            return {"map": {key: _encode(item, seen) for key, item in value.items()}}
    raise TypeError(f"cannot keep a {kind.__name__}")


def _decode(data: object) -> object:
    """Return the value `data` encodes; ValueError if it is not something _encode makes."""
    if isinstance(data, list):
        return [_decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if len(data) == 1:
        ((tag, inner),) = data.items()
        if tag == "map" and isinstance(inner, dict):
            return {key: _decode(item) for key, item in inner.items()}
        if tag == "date" and isinstance(inner, str):
            return date.fromisoformat(inner)
        if tag == "datetime" and isinstance(inner, str):
            return datetime.fromisoformat(inner)
    raise ValueError("not a kept value")
