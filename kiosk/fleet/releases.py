"""A kiosk's fleet folder: content releases side by side and the pointer to the one in use (no TUF here).

    SITE/current             the name of the release in use (one line, replaced atomically)
    SITE/previous            the release before it (for `kiosk update --rollback`)
    SITE/releases/NAME/      a release's content (en/, es/, images/ ...), never changed once there
    SITE/last-update.json    what the last `kiosk update` did, and when one last succeeded
    SITE/tuf/                the update's trusted TUF metadata (root.json ...)

The kiosk is started with `--content SITE`; it shows `SITE/releases/<current>` and, between
patients, notices when `current` names another release.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

CURRENT = "current"
PREVIOUS = "previous"
RELEASES = "releases"
LAST_UPDATE = "last-update.json"
RELEASE_NAME = re.compile(r"^release-(\d{1,9})$")


def release_name(number: int) -> str:
    """Return the folder name of release `number` ("release-7")."""
    return f"release-{number}"


def release_number(name: str) -> int:
    """Return the number in a release's name (0 for anything else)."""
    match = RELEASE_NAME.match(name)
    return int(match.group(1)) if match else 0


def is_site(folder: Path) -> bool:
    """Return True when `folder` is a fleet folder (it has a `current` pointer)."""
    return (folder / CURRENT).is_file()


def read_pointer(site: Path, name: str = CURRENT) -> str:
    """Return the release a pointer names ("" when missing or not a release name)."""
    try:
        value = (site / name).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return value if RELEASE_NAME.match(value) else ""


def write_pointer(site: Path, release: str, name: str = CURRENT) -> None:
    """Point `name` at `release` atomically (a reader sees the old name or the new one)."""
    from kiosk.core.health import write_atomically  # (not on the kiosk's way to its first screen)

    write_atomically(site / name, release + "\n")


def content_root(folder: Path) -> Path:
    """Return the content folder to show: the current release of a fleet folder, else `folder`."""
    if is_site(folder):
        release = read_pointer(folder)
        if release and (folder / RELEASES / release).is_dir():
            return folder / RELEASES / release
    return folder


def site_of(root: Path) -> Path | None:
    """Return the fleet folder a content folder is a release of (None for a plain folder)."""
    if root.parent.name == RELEASES and is_site(root.parent.parent):
        return root.parent.parent
    return None


def release_of(root: Path) -> str:
    """Return the name of the release `root` is, or "bundled"/the folder's name otherwise."""
    return root.name if site_of(root) is not None else f"folder {root}"


def read_last_update(site: Path) -> dict[str, Any]:
    """Return what the last update recorded ({} when none ran)."""
    import json  # (like health below: not on the kiosk's way to its first screen)

    try:
        data = json.loads((site / LAST_UPDATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_update(site: Path, line: str, success: bool) -> None:
    """Remember the last update's one line, and its time when it succeeded."""
    data = read_last_update(site)
    import json

    from kiosk.core.health import iso, write_atomically

    now = iso(time.time())
    data.update({"last_run": now, "result": line})
    if success:
        data["last_success"] = now
    write_atomically(site / LAST_UPDATE, json.dumps(data, indent=2) + "\n")


def free_bytes(folder: Path) -> int:
    """Return the bytes free on the disk holding `folder`."""
    import shutil

    return shutil.disk_usage(folder).free


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable (POSIX; nothing to do on Windows)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
