"""The licence notices every installer carries: the kiosk's, Qt/PySide6's LGPL, the font's, each library's.

    python packaging/third_party.py OUT_DIR

Writes OUT_DIR/NOTICE.txt (what is in the app and under which licence, with the versions of the
libraries installed for this build, read from their metadata) and copies the licence texts beside
it: LICENSE (the kiosk, MIT), OFL.txt (Atkinson Hyperlegible), LGPL-3.0.txt and GPL-3.0.txt (Qt and
PySide6; the LGPL v3 is written as additions to the GPL v3, so both are shipped). build.spec puts
the folder into the bundle as `licenses/`; the Windows installer shows NOTICE.txt before installing
(an information page, nothing to accept); the .deb installs it too.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {
    "LICENSE": ROOT / "LICENSE",
    "OFL.txt": ROOT / "resources" / "fonts" / "OFL.txt",
    "LGPL-3.0.txt": ROOT / "packaging" / "licenses" / "LGPL-3.0.txt",
    "GPL-3.0.txt": ROOT / "packaging" / "licenses" / "GPL-3.0.txt",
}

HEADER = """\
Acupuncture Kiosk: licence notices
==================================

The kiosk's own code, icons and pages: MIT licence (LICENSE).

Qt {qt} and PySide6 {pyside} (The Qt Company) are used under the GNU Lesser General Public
License version 3 (LGPL-3.0.txt, which adds to GPL-3.0.txt). They are linked dynamically and
unchanged: the Qt and PySide6 libraries are separate files in the program folder
(_internal/PySide6/), which you may replace with your own build of the same version. Their source
code is published by the Qt project (the qt-everywhere-src-{qt} archive, and PySide6 in
pyside-setup {pyside}); the kiosk's maintainers will also send it on request.

The font Atkinson Hyperlegible (Braille Institute of America) is used under the SIL Open Font
License 1.1 (OFL.txt).

The program runs on Python {python} (Python Software Foundation License). The libraries it
carries, with the licence each one's package declares:
"""


def requirement_names(path: Path) -> list[str]:
    """Return the distribution names pinned in a requirements file (`name==version` lines)."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==", line)
        if match:
            names.append(match.group(1))
    return names


def declared_licence(name: str) -> tuple[str, str]:
    """Return (version, licence) of an installed distribution, from its metadata."""
    dist = importlib.metadata.distribution(name)
    meta = dist.metadata
    licence = meta.get("License-Expression") or ""
    if not licence:
        classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                       if c.startswith("License ::")]
        first_line = (meta.get("License") or "").strip().splitlines()[:1]
        licence = " / ".join(classifiers) or "".join(first_line)
    return dist.version, licence or "see the package"


def version_of(name: str) -> str:
    """Return the installed version of `name`, or "?" when it is not installed."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def notice(requirements: Path) -> str:
    """Return the text of NOTICE.txt for the libraries pinned in `requirements`."""
    pyside = version_of("PySide6-Essentials")
    text = HEADER.format(qt=pyside, pyside=pyside, python=sys.version.split()[0])
    lines = []
    for name in requirement_names(requirements):
        try:
            version, licence = declared_licence(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # pinned for another platform or Python
        lines.append(f"  {name} {version}: {licence}")
    return text + "\n".join(lines) + "\n"


def write(out: Path, requirements: Path = ROOT / "requirements.txt") -> Path:
    """Write NOTICE.txt and the licence texts into `out`; return `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for name, source in TEXTS.items():
        shutil.copyfile(source, out / name)
    (out / "NOTICE.txt").write_text(notice(requirements), encoding="utf-8", newline="\r\n")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(write(Path(sys.argv[1])))
