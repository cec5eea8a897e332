r"""The clinic's own settings and pages outside the program folder, so upgrades never touch them (Qt-free).

The settings file is the first of: `--config FILE`, the `KIOSK_CONFIG` environment variable, the
site settings folder's `kiosk.toml` (when it is there), the bundled default. The pages are the
first of: `--content DIR`, the site folder's `content/` (when it holds a page), the bundled pages.
The site folder is the system's one for all users (platformdirs' site config folder):

- Windows: `C:\\ProgramData\\acupuncture-kiosk\\`
- Linux: `/etc/xdg/acupuncture-kiosk/` (or the first of `$XDG_CONFIG_DIRS` holding that folder)
- macOS: `/Library/Application Support/acupuncture-kiosk/`

The installers create it with a settings file whose every line is commented out, and never
overwrite it. `KIOSK_SITE_DIR` names another folder (tests use it to keep the machine's out).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from kiosk.core.resources import bundle_root, resource_path

SETTINGS_ENV = "KIOSK_CONFIG"
SITE_ENV = "KIOSK_SITE_DIR"
SETTINGS_NAME = "kiosk.toml"
CONTENT_NAME = "content"


class Chosen(NamedTuple):
    """A file or folder the kiosk will read, and why that one (for the log).

    (A named tuple: a frozen dataclass costs five times as much to make at start-up.)
    """

    path: Path
    source: str  # "--config", "KIOSK_CONFIG", "site", "bundled" (pages: "--content", "site", "bundled")

    def describe(self, what: str) -> str:
        """Return the log line, e.g. "settings: /etc/xdg/acupuncture-kiosk/kiosk.toml (site folder)"."""
        why = {"site": "the site folder", "bundled": "bundled with the app",
               "KIOSK_CONFIG": "from KIOSK_CONFIG"}.get(self.source, f"from {self.source}")
        return f"{what}: {self.path} ({why})"


def site_dir() -> Path:
    """Return the site folder for this system (it may not exist)."""
    if os.environ.get(SITE_ENV):
        return Path(os.environ[SITE_ENV])
    import platformdirs  # here: with the override it is never needed

    from kiosk import APP_ID

    found = platformdirs.site_config_dir(APP_ID, appauthor=False, multipath=True)
    candidates = [Path(p) for p in found.split(os.pathsep) if p]
    return next((p for p in candidates if p.is_dir()), candidates[0])


def settings_file(given: Path | None = None) -> Chosen:
    """Return the settings file to read: --config, KIOSK_CONFIG, the site one, the bundled one."""
    if given is not None:
        return Chosen(given.expanduser(), "--config")
    if os.environ.get(SETTINGS_ENV):
        return Chosen(Path(os.environ[SETTINGS_ENV]).expanduser(), SETTINGS_ENV)
    site = site_dir() / SETTINGS_NAME
    if site.is_file():
        return Chosen(site, "site")
    return Chosen(resource_path(SETTINGS_NAME), "bundled")


def has_pages(folder: Path) -> bool:
    """Return True when `folder` holds a language folder with at least one page (*.md) in it."""
    try:
        languages = [d for d in folder.iterdir() if d.is_dir() and not d.name.startswith(".")]
        return any(next(d.rglob("*.md"), None) is not None for d in languages)
    except OSError:
        return False


def content_dir(given: Path | None = None) -> Chosen:
    """Return the pages to show: --content, the site folder's content/ when it has pages, the bundled ones."""
    if given is not None:
        return Chosen(given.expanduser(), "--content")
    site = site_dir() / CONTENT_NAME
    if has_pages(site):
        return Chosen(site, "site")
    return Chosen(bundle_root() / CONTENT_NAME, "bundled")


def commented_settings(bundled: str) -> str:
    """Return the bundled settings text with every setting commented out (the installers' file).

    Staff remove the `# ` in front of a line to change that setting; the rest keep the defaults.
    """
    intro = ("# Settings for this kiosk, kept when the program is upgraded or removed. Every line\n"
             "# below is commented out, so the defaults apply: remove the '# ' in front of a\n"
             "# setting to change it, save, and restart the kiosk. Pages in the content folder\n"
             "# beside this file are shown instead of the bundled ones.\n\n")
    lines = [f"# {line}" if re.match(r"\s*[A-Za-z_][A-Za-z0-9_]*\s*=", line) else line
             for line in bundled.splitlines()]
    return intro + "\n".join(lines) + "\n"
