"""Names the system libraries Qt needs that are missing, before Qt fails with a cryptic message."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# The libraries Qt's own libraries and platform plugins link against, by the name the dynamic
# linker looks for (soname) -> the Debian/Ubuntu package that provides it.
_QT_BASE = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
}
_QT_XCB = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def platform_name() -> str:
    """Return the Qt platform plugin that will be used (offscreen, xcb, wayland ...)."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0]
    if chosen:
        return chosen
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def missing_libraries(platform: str | None = None) -> list[str]:
    """Return the Debian packages of libraries Qt needs on this Linux machine and cannot find."""
    if not sys.platform.startswith("linux"):
        return []
    platform = platform or platform_name()
    return _missing({**_QT_BASE, **(_QT_XCB if platform == "xcb" else {})})


def _missing(wanted: dict[str, str]) -> list[str]:
    """Return the packages of the `wanted` libraries (soname -> package) neither found nor bundled."""
    bundled = _bundled_libraries()
    return [package for soname, package in wanted.items()
            if soname not in bundled and not _loadable(soname)]


def _loadable(soname: str) -> bool:
    """Return True if the dynamic linker finds and loads `soname`, as Qt will ask it to.

    Asking the linker itself is both exact (it sees LD_LIBRARY_PATH and every folder it knows)
    and quick: Qt loads these same libraries a moment later anyway. Running `ldconfig -p`
    instead cost about 8 ms of every start.
    """
    import ctypes  # here: only Linux starts need it

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _bundled_libraries() -> set[str]:
    """Return the library file names a frozen app carries itself (PyInstaller's folder), if frozen.

    The frozen Linux app brings most of these (xcb-cursor, xkbcommon ...): they need not be
    installed, so they must not be reported missing.
    """
    folder = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not folder:
        return set()
    names: set[str] = set()
    for where in (Path(folder), Path(folder) / "PySide6" / "Qt" / "lib"):
        try:
            names.update(path.name for path in where.iterdir())
        except OSError:
            continue
    return names


def display_problem(platform: str | None = None) -> str | None:
    """Return why a window cannot open here (no display, missing libraries), or None if it can.

    Only what Qt cannot report itself is looked at here: a missing library of the xcb platform
    plugin makes Qt abort the process, while a missing library of Qt itself only fails the
    import, which `import_problem` then explains.
    """
    platform = platform or platform_name()
    if sys.platform.startswith("linux") and platform == "xcb":
        if not os.environ.get("DISPLAY"):
            return ("no display found (DISPLAY is not set). Start the kiosk from a desktop "
                    "session, or use --screenshot FILE.png to render a screen without one.")
        missing = _missing(_QT_XCB)
        if missing:
            return _install_hint(missing)
    return None


def import_problem(error: ImportError) -> str | None:
    """Return what to install when importing Qt failed (e.g. libEGL.so.1 missing); else None."""
    message = str(error)
    match = re.search(r"(lib[\w.+-]+?\.so(?:\.\d+)*)", message)
    package = {**_QT_BASE, **_QT_XCB}.get(match.group(1)) if match else None
    if package:
        return _install_hint([package])
    if match or (error.name or "").startswith(("PySide6", "shiboken6")):
        return f"Qt cannot be loaded ({message}). Reinstall the kiosk; see docs/deploy.md."
    return None  # not Qt: a bug, shown as one


def _install_hint(packages: list[str]) -> str:
    return ("Qt needs system libraries that are missing: " + ", ".join(packages) +
            ". On Debian or Ubuntu: sudo apt-get install " + " ".join(packages))


def main() -> int:
    """Print what is missing for a window and for offscreen use; always informational."""
    for platform in ("offscreen", "xcb"):
        missing = missing_libraries(platform)
        if missing:
            print(f"note: for the '{platform}' Qt platform, install: {' '.join(missing)}",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
