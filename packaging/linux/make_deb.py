"""Builds the Debian package from the one-folder app: dist/acupuncture-kiosk_<version>_<arch>.deb.

    python packaging/linux/make_deb.py [--fast]     (after `make package`; `make deb` runs both)

xz at level 6 by default (the smallest download); --fast packs with gzip instead (4x quicker to
build, a quarter larger: what .ci/run uses, as it only installs the package and removes it).

No new build tool: the package tree is laid out here and packed with `dpkg-deb --build
--root-owner-group`. It holds:

- the app in /opt/acupuncture-kiosk/ (as built: symlinks kept) and /usr/bin/acupuncture-kiosk,
  a link to it, so `acupuncture-kiosk check` and `hash-pin` work from any terminal;
- the menu entry /usr/share/applications/acupuncture-kiosk.desktop and the icon in the hicolor
  theme (PNG at 16-512 px, and the SVG), drawn from resources/app-icon.svg;
- deploy/linux/: systemd units (*.service, *.timer) into /usr/lib/systemd/system/ (installed, not
  enabled: docs/deploy.md says when to enable which), the PAM file as /etc/pam.d/cage-kiosk, and a
  copy of every file in /usr/share/acupuncture-kiosk/deploy/ (logind and other system settings
  that the clinic installs by choice);
- the licence notices in /usr/share/doc/acupuncture-kiosk/;
- maintainer scripts: postinst makes the site folder /etc/xdg/acupuncture-kiosk/ with content/ and
  a settings file whose every line is commented out (never overwriting one that is there);
  postrm --purge removes that settings file only if nobody changed it, and the folders only if empty.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "packaging" / "icon"))
import make_archive  # noqa: E402

PACKAGE = "acupuncture-kiosk"
PREFIX = Path("opt") / PACKAGE
SITE = "/etc/xdg/acupuncture-kiosk"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ARCHES = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "armhf"}
# What the bundle does not carry (docs/packaging.md): glibc, the OpenGL/EGL loaders, libxcb for X11,
# the Wayland client libraries.
DEPENDS = ("libc6 (>= 2.35), libgl1, libegl1, libxcb1, libwayland-client0, libwayland-cursor0, "
           "libfontconfig1, libfreetype6")

POSTINST = f"""\
#!/bin/sh
# Makes the site folder ({SITE}): settings and pages of this clinic, kept across upgrades.
set -e
if [ "$1" = configure ]; then
  mkdir -p {SITE}/content
  if [ ! -e {SITE}/kiosk.toml ]; then
    cp /opt/{PACKAGE}/_internal/site-template/kiosk.toml {SITE}/kiosk.toml
    chmod 644 {SITE}/kiosk.toml
    mkdir -p /var/lib/{PACKAGE}
    md5sum {SITE}/kiosk.toml > /var/lib/{PACKAGE}/kiosk.toml.md5sum
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -f -t /usr/share/icons/hicolor || true
  fi
fi
exit 0
"""

POSTRM = f"""\
#!/bin/sh
# Purge: the settings file goes only if it is still the one postinst wrote; staff pages stay.
set -e
if [ "$1" = purge ]; then
  if [ -f /var/lib/{PACKAGE}/kiosk.toml.md5sum ] \\
     && md5sum --status -c /var/lib/{PACKAGE}/kiosk.toml.md5sum 2>/dev/null; then
    rm -f {SITE}/kiosk.toml
  fi
  rm -rf /var/lib/{PACKAGE}
  rmdir {SITE}/content 2>/dev/null || true
  rmdir {SITE} 2>/dev/null || true
fi
exit 0
"""


def deb_arch() -> str:
    """Return the Debian architecture of this machine (amd64 ...)."""
    if shutil.which("dpkg"):
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                              check=True).stdout.strip()
    return ARCHES.get(platform.machine(), platform.machine())


def desktop_entry() -> str:
    """Return the .desktop file for the installed app (the repository's, pointed at /opt)."""
    text = (ROOT / "packaging" / "linux" / f"{PACKAGE}.desktop").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    lines = [f"Icon={PACKAGE}" if line.startswith("Icon=") else line for line in lines]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str | bytes, mode: int = 0o644) -> None:
    """Write a file of the package tree, with its folders and mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def icons(tree: Path) -> None:
    """Draw the app icon into the hicolor theme (PNG per size, and the SVG)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import make_icons
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    hicolor = tree / "usr" / "share" / "icons" / "hicolor"
    for size in HICOLOR_SIZES:
        write(hicolor / f"{size}x{size}" / "apps" / f"{PACKAGE}.png", make_icons.render_png(size))
    write(hicolor / "scalable" / "apps" / f"{PACKAGE}.svg",
          (ROOT / "resources" / "app-icon.svg").read_bytes())


def deploy_files(tree: Path) -> None:
    """Ship deploy/linux/: units into systemd's folder, the PAM file, and a copy of everything."""
    for source in sorted((ROOT / "deploy" / "linux").iterdir()):
        if not source.is_file():
            continue
        write(tree / "usr" / "share" / PACKAGE / "deploy" / source.name, source.read_bytes())
        if source.suffix in (".service", ".timer", ".socket", ".path"):
            write(tree / "usr" / "lib" / "systemd" / "system" / source.name, source.read_bytes())
        elif source.name.startswith("pam.d-"):
            write(tree / "etc" / "pam.d" / source.name[len("pam.d-"):], source.read_bytes())


def control(tree: Path, version: str, arch: str) -> None:
    """Write DEBIAN/: control, conffiles, postinst, postrm."""
    size_kb = sum(p.lstat().st_size for p in tree.rglob("*") if not p.is_dir()) // 1024
    description = textwrap.dedent("""\
        Patient-information kiosk for a clinic waiting room
         Shows Markdown pages about back pain and acupuncture full screen on a touchscreen,
         in English and Spanish, with big type and big touch targets. Staff edit the pages
         and settings in /etc/xdg/acupuncture-kiosk/, which upgrades never touch.""")
    write(tree / "DEBIAN" / "control", "\n".join([
        f"Package: {PACKAGE}", f"Version: {version}", f"Architecture: {arch}",
        "Maintainer: Acupuncture Kiosk project <kiosk@localhost>", "Section: misc",
        "Priority: optional", f"Installed-Size: {size_kb}", f"Depends: {DEPENDS}",
        "Suggests: cage", f"Description: {description}", ""]))
    conffiles = sorted("/" + str(p.relative_to(tree)) for p in (tree / "etc").rglob("*") if p.is_file())
    if conffiles:
        write(tree / "DEBIAN" / "conffiles", "\n".join(conffiles) + "\n")
    write(tree / "DEBIAN" / "postinst", POSTINST, 0o755)
    write(tree / "DEBIAN" / "postrm", POSTRM, 0o755)


def build(app: Path, out_dir: Path, work: Path, fast: bool = False) -> Path:
    """Lay out the package tree from the built `app` folder and pack it; return the .deb."""
    version, arch = make_archive.version(), deb_arch()
    tree = work / "tree"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(app, tree / PREFIX, symlinks=True)
    (tree / "usr" / "bin").mkdir(parents=True)
    (tree / "usr" / "bin" / PACKAGE).symlink_to(f"/{PREFIX}/{PACKAGE}")
    write(tree / "usr" / "share" / "applications" / f"{PACKAGE}.desktop", desktop_entry())
    icons(tree)
    deploy_files(tree)
    for notice in sorted((app / "_internal" / "licenses").iterdir()):
        write(tree / "usr" / "share" / "doc" / PACKAGE / notice.name, notice.read_bytes())
    control(tree, version, arch)
    deb = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    packing = ["-Zgzip", "-z6"] if fast else ["-Zxz", "-z6"]
    subprocess.run(["dpkg-deb", "--root-owner-group", *packing, "--build", str(tree), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str]) -> int:
    """Build the .deb from dist/acupuncture-kiosk/."""
    if argv not in ([], ["--fast"]):
        print(__doc__, file=sys.stderr)
        return 2
    app = ROOT / "dist" / PACKAGE
    if not (app / PACKAGE).is_file():
        print(f"make_deb: {app} is missing: run `make package` first", file=sys.stderr)
        return 1
    if not shutil.which("dpkg-deb"):
        print("make_deb: dpkg-deb not found (Debian/Ubuntu: apt-get install dpkg)", file=sys.stderr)
        return 1
    deb = build(app, ROOT / "dist", ROOT / "build" / "deb", fast=argv == ["--fast"])
    print(f"{deb.relative_to(ROOT)}: {deb.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
