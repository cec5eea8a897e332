"""The one resource resolver: fonts, styles, icons, content (checkout, wheel or frozen app); user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundle_root() -> Path:
    """Return the folder that holds `resources/` and `content/` for this way of running.

    - frozen by PyInstaller: the bundle's data folder (`sys._MEIPASS`);
    - installed from a wheel: `kiosk/_bundled/` inside the installed package;
    - a source checkout (or an editable install): the repository root.
    """
    frozen_dir = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_dir:
        return Path(frozen_dir)
    bundled = _PACKAGE_DIR / "_bundled"
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def resources_dir() -> Path:
    """Return the bundled `resources/` folder (fonts, icons, styles, default config)."""
    return bundle_root() / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of one bundled resource, e.g. `resource_path("icons", "home.svg")`."""
    return resources_dir().joinpath(*parts)


def default_content_dir() -> Path:
    """Return the bundled patient content (`content/`)."""
    return bundle_root() / "content"


def safe_join(root: Path, relative: str) -> Path | None:
    """Join `relative` under `root`, or return None when the result would leave `root`.

    Symbolic links are followed before the check, so a link pointing outside is refused too.
    """
    if not relative or "\x00" in relative:
        return None
    candidate = Path(relative)
    if candidate.is_absolute() or candidate.drive:
        return None
    try:
        real_root = root.resolve()
        resolved = (real_root / candidate).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if resolved == real_root or real_root in resolved.parents:
        return resolved
    return None


def user_folder(kind: str, override: str) -> Path:
    """Return the user's `kind` folder ("log", "cache") for the kiosk; env `override` wins.

    (KIOSK_LOG_DIR, KIOSK_CACHE_DIR: tests and benchmarks keep their files out of the user's.)
    """
    if os.environ.get(override):
        return Path(os.environ[override])
    import platformdirs  # here: with the override it is never needed

    from kiosk import APP_ID

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_ID, appauthor=False))
