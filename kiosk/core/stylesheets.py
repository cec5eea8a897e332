"""Loads the content and widget stylesheets and scales their pixel sizes to the screen (Qt-free)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from kiosk.core.resources import resource_path

log = logging.getLogger(__name__)

BASE_WIDTH, BASE_HEIGHT = 1920, 1080
_PIXELS = re.compile(r"(?P<font>font-size:\s*)?(?<![\w#.-])(?P<value>\d+(?:\.\d+)?)px\b")


def screen_scale(width: int, height: int) -> float:
    """Return how much to scale sizes designed for 1920x1080 on a `width` x `height` window.

    Never below 0.8, so text on a 1366x768 laptop stays large (24 px body text becomes ~22 px).
    """
    if width <= 0 or height <= 0:
        return 1.0
    return max(0.8, min(width / BASE_WIDTH, height / BASE_HEIGHT, 2.0))


def scale_pixels(css: str, factor: float, text_factor: float = 1.0) -> str:
    """Multiply every `NNpx` in `css` by `factor` (a 1px line stays at least 1px).

    Font sizes (`font-size: NNpx`) are multiplied by `text_factor` as well: the patient's
    text size setting.
    """

    def scaled(match: re.Match[str]) -> str:
        value = float(match.group("value"))
        size = value * factor * (text_factor if match.group("font") else 1.0)
        return f"{match.group('font') or ''}{max(1, round(size)) if value else 0}px"

    return _PIXELS.sub(scaled, css)


_FILES: dict[Path, tuple[int, str]] = {}


def _read(path: Path) -> str:
    """Return a stylesheet's text, read again only when the file changed (live preview)."""
    stamp = path.stat().st_mtime_ns
    kept = _FILES.get(path)
    if kept is None or kept[0] != stamp:
        kept = _FILES[path] = (stamp, path.read_text(encoding="utf-8"))
    return kept[1]


def stylesheet_stamp(name: str) -> int:
    """Return when `resources/styles/<name>` last changed (0 if it cannot be read)."""
    try:
        return resource_path("styles", name).stat().st_mtime_ns
    except OSError:
        return 0


def load_stylesheet(name: str, factor: float = 1.0, theme: dict[str, str] | None = None,
                    text_factor: float = 1.0) -> str:
    """Read `resources/styles/<name>`, fill in theme colours (`@name`) and scale its sizes.

    `factor` scales every size to the screen; `text_factor` scales font sizes once more.

    A missing or unreadable stylesheet gives '' (the kiosk still works, unstyled) and a log line.
    """
    path: Path = resource_path("styles", name)
    try:
        css = _read(path)
    except (OSError, UnicodeDecodeError) as exc:
        log.error("cannot read stylesheet %s: %s", path, exc)
        return ""
    for key, value in sorted((theme or {}).items(), key=lambda kv: -len(kv[0])):
        css = css.replace(f"@{key}", value)
    return scale_pixels(css, factor, text_factor)
