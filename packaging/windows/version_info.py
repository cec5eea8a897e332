"""The Windows version resource of the kiosk's programs (Explorer's Details tab, installers, inventory tools).

Written as the version file PyInstaller reads (`EXE(version="file.txt")`, the format of its
`pyi-grab_version`): plain text, so it is made and tested on any system (PyInstaller's own classes
need the Windows-only `pefile`).
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = """\
# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [{strings}])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Return "0.1.0" (or "1.2.3rc1") as the four numbers a version resource holds."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    first, second, third, fourth = [*numbers, 0, 0, 0, 0][:4]
    return first, second, third, fourth


def version_text(version: str, app_name: str, exe_name: str, description: str) -> str:
    """Return the version file for `exe_name`.exe of `app_name` at `version`."""
    numbers = numeric_version(version)
    strings = {
        "CompanyName": f"{app_name} project",
        "FileDescription": description,
        "FileVersion": ".".join(str(n) for n in numbers),
        "InternalName": exe_name,
        "LegalCopyright": "MIT licence; Qt and PySide6 under the LGPL v3 (licenses\\NOTICE.txt)",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": app_name,
        "ProductVersion": version,
    }
    listed = ",\n         ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return TEMPLATE.format(numbers=numbers, strings=listed)


def write(folder: Path, version: str, app_name: str, exe_name: str, description: str) -> str:
    """Write `exe_name`-version.txt into `folder`; return its path for build.spec's EXE()."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{exe_name}-version.txt"
    path.write_text(version_text(version, app_name, exe_name, description), encoding="utf-8")
    return str(path)
