"""Measures the size table in docs/packaging.md: the naive baseline, then the kiosk cut by cut.

    make package-sizes        (or: .venv/bin/python packaging/measure_sizes.py)

Builds packaging/naive/naive_app.py (a bare PySide6 QTextBrowser window) with PyInstaller's
defaults, then build.spec with no cuts and with each cut added in turn (KIOSK_LEAN_CUTS), runs
each kiosk build's --self-test offscreen, and prints a Markdown table (also written to
build/sizes/table.md). Takes a few minutes: about 30 s per build.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "linux"))
import bundle_filter
import make_archive
import smoke_test

ROOT = make_archive.ROOT
OUT = ROOT / "build" / "sizes"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def pyinstaller(args: list[str], env: dict[str, str]) -> None:
    """Run PyInstaller quietly; stop on failure."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR", *args]
    subprocess.run(command, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def measure(folder: Path, stem: str) -> tuple[int, int]:
    """Return (folder bytes, .tar.gz/.zip bytes) for a built app folder."""
    archive = make_archive.pack(folder, stem)
    return make_archive.folder_size(folder), archive.stat().st_size


def self_test(folder: Path) -> str:
    """Smoke-test a kiosk build (packaging/smoke_test.py); return 'passed' or the first problem."""
    binary = folder / make_archive.EXE_NAME
    if sys.platform == "darwin":
        binary = folder / "Contents" / "MacOS" / make_archive.EXE_NAME
    problems, _ = smoke_test.check([str(binary)])
    return "passed" if not problems else problems[0][:120]


def main() -> int:
    """Build everything, print the table."""
    rows = []
    naive_dir = OUT / "naive"
    pyinstaller(["--onedir", "--windowed", "--name", "naive_app", "--distpath",
                 str(naive_dir / "dist"), "--workpath", str(naive_dir / "work"), "--specpath",
                 str(naive_dir), str(ROOT / "packaging" / "naive" / "naive_app.py")], ENV)
    naive = measure(naive_dir / "dist" / "naive_app", "naive_app")
    rows.append(("naive: bare QTextBrowser window, PyInstaller defaults", *naive, "-"))
    steps = [("kiosk, no cuts", [])]
    for index, cut in enumerate(bundle_filter.CUTS):
        steps.append((f"+ {cut}", list(bundle_filter.CUTS[: index + 1])))
    for label, cuts in steps:
        name = "-".join(cuts[-1:]) or "none"
        step_dir = OUT / name
        env = {**ENV, "KIOSK_LEAN_CUTS": ",".join(cuts) or "0"}
        pyinstaller(["--distpath", str(step_dir / "dist"), "--workpath", str(step_dir / "work"),
                     str(ROOT / "build.spec")], env)
        folder = step_dir / "dist" / make_archive.EXE_NAME
        if sys.platform == "darwin":
            folder = step_dir / "dist" / make_archive.APP_BUNDLE
        rows.append((label, *measure(folder, make_archive.EXE_NAME), self_test(folder)))
        print(f"measured {label}", file=sys.stderr)
    if sys.platform.startswith("linux") and shutil.which("dpkg-deb"):
        # The last (fully cut) build as the Debian package: its files (with the menu entry, icons,
        # units, notices) and the .deb itself, xz as released.
        import make_deb

        deb = make_deb.build(folder, OUT, OUT / "deb")
        installed = make_archive.folder_size(OUT / "deb" / "tree")
        rows.append((".deb of the last build (installed files / .deb, xz -6)", installed,
                     deb.stat().st_size, "-"))
    lines = [f"Measured {datetime.date.today()} on {make_archive.platform_tag()}, "
             f"Python {sys.version.split()[0]}.", "",
             "| build | folder MB | archive MB | folder vs naive | archive vs naive "
             "| saved by this step (folder / archive MB) | self-test |",
             "|---|---:|---:|---:|---:|---:|---|"]
    previous = None
    for label, folder_bytes, archive_bytes, verdict in rows:
        saved = "-"
        if previous is not None and label.startswith("+"):
            saved = (f"{(previous[0] - folder_bytes) / 1e6:.1f} / "
                     f"{(previous[1] - archive_bytes) / 1e6:.1f}")
        lines.append(f"| {label} | {folder_bytes / 1e6:.1f} | {archive_bytes / 1e6:.1f} "
                     f"| {folder_bytes / naive[0]:.2f}x | {archive_bytes / naive[1]:.2f}x "
                     f"| {saved} | {verdict} |")
        previous = (folder_bytes, archive_bytes)
    table = "\n".join(lines)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "table.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
