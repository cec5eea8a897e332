"""Loads the bundled SVG icons by name, with a generic page icon when one is missing."""

from __future__ import annotations

import logging
import re
from functools import cache

from PySide6.QtGui import QIcon

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
