"""Packs the built app in dist/ into dist/acupuncture-kiosk-<version>-<platform>.tar.gz (or .zip).

    python packaging/make_archive.py [--naive]

Linux gets a .tar.gz (symbolic links kept), Windows a .zip, macOS a .zip of the .app made by
`ditto -c -k --keepParent` (Python's zipfile would store the framework symlinks as copies and break
the signature; the installer there is the .dmg from packaging/macos/make_dmg.sh). Prints the folder
and archive sizes.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
EXE_NAME = "acupuncture-kiosk"
APP_BUNDLE = "Acupuncture Kiosk.app"


def version() -> str:
    """Return the project version from pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def platform_tag() -> str:
    """Return e.g. linux-x86_64, windows-amd64, macos-arm64."""
    names = {"linux": "linux", "win32": "windows", "darwin": "macos"}
    system = names.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def folder_size(folder: Path) -> int:
    """Return the bytes of every file under `folder` (symbolic links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def write_tar_gz(folder: Path, archive: Path) -> None:
    """Write `folder` into a gzip-compressed tar (level 6, as `tar -czf`), symlinks kept."""
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)


def write_zip(folder: Path, archive: Path) -> None:
    """Write `folder` into a deflate-compressed zip."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
        for path in sorted(folder.rglob("*")):
            zipped.write(path, path.relative_to(folder.parent))


def pack(folder: Path, stem: str) -> Path:
    """Archive `folder` beside it as `stem` + the platform's archive suffix; return its path."""
    if sys.platform.startswith("linux"):
        archive = folder.parent / f"{stem}.tar.gz"
        write_tar_gz(folder, archive)
    elif sys.platform == "darwin":
        archive = folder.parent / f"{stem}.zip"
        archive.unlink(missing_ok=True)
        # Keeps symlinks, permissions and the signature's extended attributes, as the Finder does.
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(folder), str(archive)], check=True)
    else:
        archive = folder.parent / f"{stem}.zip"
        write_zip(folder, archive)
    return archive


def main(argv: list[str]) -> int:
    """Archive the kiosk build (or, with --naive, the size baseline in build/naive/dist)."""
    if argv == ["--naive"]:
        folder = ROOT / "build" / "naive" / "dist" / "naive_app"
        stem = f"naive_app-{platform_tag()}"
    else:
        folder = DIST / (APP_BUNDLE if sys.platform == "darwin" else EXE_NAME)
        stem = f"{EXE_NAME}-{version()}-{platform_tag()}"
    if not folder.is_dir():
        print(f"make_archive: {folder} is missing: build it first", file=sys.stderr)
        return 1
    archive = pack(folder, stem)
    print(f"{folder.relative_to(ROOT)}: {folder_size(folder) / 1e6:.1f} MB; "
          f"{archive.relative_to(ROOT)}: {archive.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
