"""Loads the bundled SVG icons by name, with a generic page icon when one is missing."""

from __future__ import annotations

import logging
import re
from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.core.resources import resource_path

log = logging.getLogger(__name__)
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
FALLBACK = "page"


@cache
def icon(name: str) -> QIcon:
    """Return the icon `resources/icons/<name>.svg`, or the fallback page icon."""
    if name and _NAME.match(name):
        path = resource_path("icons", f"{name}.svg")
        if path.is_file():
            return QIcon(str(path))
    if name and name != FALLBACK:
        log.warning("icon '%s' not found in resources/icons; using '%s'", name, FALLBACK)
    path = resource_path("icons", f"{FALLBACK}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


ICON_INK = "#1F4E79"  # the stroke colour every bundled icon is drawn with (see icons/README.md)


@cache
def themed_icon(name: str, ink: str, on_ink: str | None, disabled_ink: str | None,
                px: int) -> QIcon:
    """Return icon `name` redrawn in the theme's colours.

    `ink` normally, `on_ink` when the button is switched on (checked), `disabled_ink` when it is
    disabled (None: the button never is, so that drawing is not made); `px` is the largest size
    it is drawn at.
    """
    path = resource_path("icons", f"{name}.svg") if name and _NAME.match(name) else None
    try:
        svg = path.read_text(encoding="utf-8") if path is not None else ""
    except (OSError, UnicodeDecodeError):
        svg = ""
    if not svg:
        return icon(name)
    result = QIcon()
    states = (
        (ink, QIcon.Mode.Normal, QIcon.State.Off), (ink, QIcon.Mode.Active, QIcon.State.Off),
        (on_ink, QIcon.Mode.Normal, QIcon.State.On), (on_ink, QIcon.Mode.Active, QIcon.State.On),
        (disabled_ink, QIcon.Mode.Disabled, QIcon.State.Off),
        (disabled_ink, QIcon.Mode.Disabled, QIcon.State.On),
    )
    drawn: dict[str, QPixmap] = {}  # one drawing per colour, not per state
    for colour, mode, state in states:
        if colour is None:
            continue
        if colour not in drawn:
            drawn[colour] = _render(svg.replace(ICON_INK, colour), max(16, px) * 2)
        result.addPixmap(drawn[colour], mode, state)
    return result


def _render(svg: str, px: int) -> QPixmap:
    return QPixmap.fromImage(draw_svg(svg, px))


def draw_svg(svg: str, px: int, antialias: bool = False) -> QImage:
    """Return the SVG text `svg` drawn into a transparent `px` x `px` image (null if invalid)."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        return QImage()
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    if antialias:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image
