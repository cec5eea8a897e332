"""Names the system libraries Qt needs that are missing, before Qt fails with a cryptic message."""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

# Library name for find_library -> the Debian/Ubuntu package that provides it.
_QT_BASE = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "glib-2.0": "libglib2.0-0",
    "fontconfig": "libfontconfig1",
    "xkbcommon": "libxkbcommon0",
    "dbus-1": "libdbus-1-3",
}
_QT_XCB = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-shape": "libxcb-shape0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-image": "libxcb-image0",
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
    wanted = dict(_QT_BASE)
    if platform == "xcb":
        wanted.update(_QT_XCB)
    known = _linker_libraries()
    bundled = _bundled_libraries()
    return [package for lib, package in wanted.items()
            if not _has_library(lib, known) and not _has_library_in(lib, bundled)]


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


def _has_library_in(lib: str, names: set[str]) -> bool:
    """Return True if a file for `lib` (e.g. "xcb-cursor") is among `names`."""
    return any(name.startswith(f"lib{lib}.so") for name in names)


def _linker_libraries() -> set[str] | None:
    """Return the library file names the dynamic linker knows, from one `ldconfig -p`, or None.

    One call for all libraries: find_library() runs ldconfig once per library (start-up time).
    """
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10,
                                     env={"LC_ALL": "C", "LANG": "C"}, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        return {line.split()[0] for line in listing.splitlines()[1:] if line.strip()}
    return None


def _has_library(lib: str, known: set[str] | None) -> bool:
    """Return True if `lib` (e.g. "EGL") is installed; unknown to ldconfig: ask find_library."""
    if known and any(name.startswith(f"lib{lib}.so") for name in known):
        return True
    return ctypes.util.find_library(lib) is not None


def display_problem(platform: str | None = None) -> str | None:
    """Return why a window cannot open here (no display, missing libraries), or None if it can."""
    platform = platform or platform_name()
    if sys.platform.startswith("linux"):
        if platform == "xcb" and not os.environ.get("DISPLAY"):
            return ("no display found (DISPLAY is not set). Start the kiosk from a desktop "
                    "session, or use --screenshot FILE.png to render a screen without one.")
        missing = missing_libraries(platform)
        if missing:
            return ("Qt needs system libraries that are missing: " + ", ".join(missing) +
                    ". On Debian or Ubuntu: sudo apt-get install " + " ".join(missing))
    return None


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
