"""Renders the application icon SVG into the PNG, ICO and ICNS files the installers need.

Run by build.spec at build time (nothing generated is committed):
    python packaging/icon/make_icons.py OUTPUT_DIR
writes OUTPUT_DIR/app-icon.png (256 px), app-icon.ico (Windows) and app-icon.icns (macOS).
ICO and ICNS are written by hand around PNG images, so no image plugin or Pillow is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent.parent / "resources" / "app-icon.svg"  # the window uses it too
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS chunk types that hold PNG data, by pixel size (Apple's iconutil uses the same types).
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
              ("ic09", 512), ("ic10", 1024))


def render_png(size: int) -> bytes:
    """Return the icon rendered at `size` x `size` pixels as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """Return a Windows .ico holding the given PNG images (Windows Vista and later read PNG)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, blobs = b"", b""
    offset = 6 + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """Return a macOS .icns holding the given PNG images."""
    chunks = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main(argv: list[str]) -> int:
    """Write app-icon.png/.ico/.icns into the folder given as the only argument."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841 (kept alive)
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(size) for size in sizes}
    (out / "app-icon.png").write_bytes(pngs[256])
    (out / "app-icon.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (out / "app-icon.icns").write_bytes(icns_bytes(pngs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
