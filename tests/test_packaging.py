"""The packaging recipe's own logic: what the lean filter drops, the icon files, the version.

The frozen build itself is tested in .ci/run (it takes ~40 s): `make package`, then the frozen
binary's --self-test; an installed wheel is tested there too (packaging/check_wheel.py).
"""

import os
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "packaging" / "icon"))

import bundle_filter  # noqa: E402
import make_icons  # noqa: E402

from kiosk import __version__  # noqa: E402
from kiosk.core import resources  # noqa: E402

QT = "PySide6/Qt"


def toc(*names: str, kind: str = "BINARY") -> list[tuple[str, str, str]]:
    return [(name, f"/src/{name}", kind) for name in names]


def lean(binaries, datas=(), cuts=None):
    kept_bins, kept_datas = bundle_filter.lean(
        list(binaries), list(datas), workdir=Path("/nonexistent"),
        cuts=set(cuts) if cuts is not None else {"translations", "plugins", "libraries"},
        log=lambda _line: None,
    )
    return [e[0] for e in kept_bins], [e[0] for e in kept_datas]


def test_the_platforms_a_kiosk_needs_are_kept_and_the_others_dropped():
    plugins = [f"{QT}/plugins/platforms/libq{p}.so" for p in
               ("xcb", "offscreen", "wayland", "eglfs", "vnc", "linuxfb", "minimal")]
    plugins += ["PySide6/plugins/platforms/qwindows.dll",
                "PySide6/Qt/plugins/platforms/libqcocoa.dylib"]
    kept, _ = lean(toc(*plugins))
    assert sorted(Path(k).name for k in kept) == [
        "libqcocoa.dylib", "libqoffscreen.so", "libqwayland.so", "libqxcb.so", "qwindows.dll"]


def test_svg_and_jpeg_stay_and_unused_plugin_folders_go():
    names = [f"{QT}/plugins/imageformats/libq{f}.so" for f in ("svg", "jpeg", "gif", "webp")]
    names += [f"{QT}/plugins/iconengines/libqsvgicon.so",
              f"{QT}/plugins/tls/libqopensslbackend.so",
              f"{QT}/plugins/platformthemes/libqgtk3.so",
              f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
              f"{QT}/plugins/networkinformation/libqnetworkmanager.so",
              f"{QT}/plugins/generic/libqevdevtouchplugin.so",
              "PySide6/plugins/styles/qmodernwindowsstyle.dll"]
    kept, _ = lean(toc(*names))
    assert sorted(Path(k).name for k in kept) == [
        "libqjpeg.so", "libqsvg.so", "libqsvgicon.so", "qmodernwindowsstyle.dll"]


def test_qt_translations_and_network_go_but_the_kiosk_files_stay():
    datas = toc(f"{QT}/translations/qtbase_es.qm", "content/es/back-pain.md",
                "resources/fonts/AtkinsonHyperlegible-Regular.ttf", "pyphen/dictionaries/x.dic",
                kind="DATA")
    binaries = toc(f"{QT}/lib/libQt6Pdf.so.6", f"{QT}/lib/libQt6Core.so.6",
                   "PySide6/opengl32sw.dll", "PySide6/QtNetwork.abi3.so")
    kept_bins, kept_datas = lean(binaries, datas)
    assert kept_bins == [f"{QT}/lib/libQt6Core.so.6"]
    assert kept_datas == ["content/es/back-pain.md",
                          "resources/fonts/AtkinsonHyperlegible-Regular.ttf",
                          "pyphen/dictionaries/x.dic"]  # only the "hyphenation" cut trims it


def test_read_aloud_keeps_the_speech_engines_and_the_libraries_they_link():
    plugins = [f"{QT}/plugins/texttospeech/libqtexttospeech_{e}.so" for e in ("speechd", "mock")]
    plugins += ["PySide6/plugins/texttospeech/qtexttospeech_sapi.dll",
                "PySide6/plugins/texttospeech/qtexttospeech_winrt.dll",
                f"{QT}/plugins/multimedia/libffmpegmediaplugin.so"]
    libraries = [f"{QT}/lib/libQt6TextToSpeech.so.6", f"{QT}/lib/libQt6Multimedia.so.6",
                 f"{QT}/lib/libQt6Network.so.6", "PySide6/QtTextToSpeech.abi3.so"]
    kept, _ = lean(toc(*plugins, *libraries))
    assert sorted(Path(k).name for k in kept) == sorted([
        "libqtexttospeech_speechd.so", "qtexttospeech_sapi.dll", "qtexttospeech_winrt.dll",
        *(Path(name).name for name in libraries)])


def test_a_symlink_to_a_dropped_library_goes_with_it():
    binaries = toc(f"{QT}/lib/libQt6Pdf.so.6", f"{QT}/lib/libQt6Gui.so.6")
    links = [("libQt6Pdf.so.6", f"{QT}/lib/libQt6Pdf.so.6", "SYMLINK"),
             ("libQt6Gui.so.6", f"{QT}/lib/libQt6Gui.so.6", "SYMLINK")]
    _, kept_links = lean(binaries, links)
    assert kept_links == ["libQt6Gui.so.6"]


def test_macos_framework_links_that_signing_needs_are_kept():
    # What PyInstaller adds for each Qt framework it collects on macOS (codesign --strict needs them).
    core = f"{QT}/lib/QtCore.framework"
    net = f"{QT}/lib/QtNetwork.framework"
    binaries = toc(f"{core}/Versions/A/QtCore")  # QtNetwork's files were left out
    datas = toc(f"{core}/Versions/A/Resources/Info.plist", kind="DATA")
    links = [(f"{core}/Versions/Current", "A", "SYMLINK"),
             (f"{core}/QtCore", "Versions/Current/QtCore", "SYMLINK"),
             (f"{core}/Resources", "Versions/Current/Resources", "SYMLINK"),
             (f"{net}/Versions/Current", "A", "SYMLINK"),
             (f"{net}/QtNetwork", "Versions/Current/QtNetwork", "SYMLINK"),
             ("QtCore", f"{core}/Versions/Current/QtCore", "SYMLINK"),
             (f"{core}/Headers", "Versions/Current/Headers", "SYMLINK")]  # nothing collected there
    kept_bins, kept_datas = lean(binaries, datas + links)
    assert kept_bins == [f"{core}/Versions/A/QtCore"]
    assert sorted(kept_datas) == sorted([
        f"{core}/Versions/A/Resources/Info.plist", f"{core}/Versions/Current", f"{core}/QtCore",
        f"{core}/Resources", "QtCore"])


def test_plugins_and_modules_other_features_bring_stay_in_the_bundle():
    speech = [f"{QT}/plugins/texttospeech/libqtexttospeech_speechd.so"]
    kept, _ = lean(toc(*speech))
    assert kept == speech  # read aloud (PySide6-Addons QtTextToSpeech)
    for needed in ("sqlite3", "_sqlite3", "ssl", "_hashlib"):
        assert needed not in bundle_filter.EXCLUDED_MODULES


def test_hyphenation_keeps_the_languages_the_checker_measures():
    from kiosk.checks.reading_level import TEXTSTAT_LANGUAGES

    names = [f"pyphen/dictionaries/hyph_{code}.dic" for code in ("en_US", "es", "fr", "de_DE")]
    _, kept = lean([], toc(*names, kind="DATA"), cuts=["hyphenation"])
    assert kept == ["pyphen/dictionaries/hyph_en_US.dic", "pyphen/dictionaries/hyph_es.dic"]
    for textstat_lang in TEXTSTAT_LANGUAGES.values():
        assert f"hyph_{textstat_lang}.dic" in bundle_filter.KEPT_HYPHENATION


def test_with_no_cuts_nothing_is_dropped():
    names = [f"{QT}/plugins/tls/libqopensslbackend.so", f"{QT}/translations/qt_de.qm"]
    kept, _ = lean(toc(*names), cuts=[])
    assert kept == names


def test_unreached_libraries_are_pruned(monkeypatch):
    links = {"/src/ext.so": {"libQt6Core.so.6"}, "/src/libQt6Core.so.6": {"libicuuc.so.73"},
             f"/src/{QT}/plugins/platforms/libqxcb.so": {"libxcb.so.1"}}
    monkeypatch.setattr(bundle_filter, "_needed", lambda src: links.get(src, set()))
    binaries = [("PySide6/QtCore.abi3.so", "/src/ext.so", "EXTENSION"),
                ("libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
                ("libicuuc.so.73", "/src/libicuuc.so.73", "BINARY"),
                (f"{QT}/plugins/platforms/libqxcb.so",
                 f"/src/{QT}/plugins/platforms/libqxcb.so", "BINARY"),
                ("libxcb.so.1", "/src/libxcb.so.1", "BINARY"),
                ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY")]
    kept = bundle_filter._prune_unreached(binaries, log=lambda _line: None)
    assert "libgtk-3.so.0" not in [e[0] for e in kept]
    assert len(kept) == 5


def test_cut_names_are_checked():
    assert bundle_filter.chosen_cuts(None) == set(bundle_filter.CUTS)
    assert bundle_filter.chosen_cuts("0") == set()
    assert bundle_filter.chosen_cuts("plugins, icu") == {"plugins", "icu"}
    with pytest.raises(ValueError, match="unknown cut"):
        bundle_filter.chosen_cuts("plugins,everything")


def test_icons_are_real_ico_and_icns_files(qapp):
    png = make_icons.render_png(32)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    ico = make_icons.ico_bytes({16: png, 256: png})
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 2)
    width, _, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", ico[6 + 16:6 + 32])
    assert width == 0 and ico[offset:offset + size] == png  # 0 means 256 px
    icns = make_icons.icns_bytes({size: png for _, size in make_icons.ICNS_TYPES})
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icns[8:12] == b"icp4"


def test_the_package_version_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_resources_resolve_in_a_checkout():
    assert resources.bundle_root() == ROOT
    assert resources.resource_path("fonts", "AtkinsonHyperlegible-Regular.ttf").is_file()
    assert (resources.default_content_dir() / "en").is_dir()


def test_resources_resolve_inside_a_frozen_app(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.bundle_root() == tmp_path
    assert resources.resource_path("styles", "kiosk.qss") == tmp_path / "resources/styles/kiosk.qss"
    assert resources.default_content_dir() == tmp_path / "content"


def test_the_smoke_test_allows_content_warnings_and_nothing_else():
    import smoke_test

    def allowed(line: str) -> bool:
        return any(p.match(line) for p in smoke_test.EXPECTED_STDERR)

    assert allowed("warn /x/content/es/safety.md:12: warning: link 'a.md' will not open")
    assert allowed("kiosk: WARNING: /x/content/en/back-pain.md:3: warning: image is large")
    for line in ("qt.qpa.plugin: Could not load the Qt platform plugin \"xcb\"",
                 "kiosk: ERROR: cannot load font /x/resources/fonts/A.ttf; using the system font",
                 "Traceback (most recent call last):",
                 "FAIL staff PIN check does not work (AttributeError: ...)"):
        assert not allowed(line), line


def test_the_smoke_test_counts_every_page_of_every_language(tmp_path):
    import smoke_test

    for name in ("en/a.md", "en/b/c.md", "es/a.md", "images/x.md", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    assert smoke_test.expected_pages(tmp_path) == (3, 2)


def test_a_frozen_app_does_not_ask_for_libraries_it_carries(monkeypatch, tmp_path):
    from kiosk import system_check

    (tmp_path / "libxcb-cursor.so.0").write_bytes(b"")
    (tmp_path / "PySide6" / "Qt" / "lib").mkdir(parents=True)
    (tmp_path / "PySide6" / "Qt" / "lib" / "libxkbcommon-x11.so.0").write_bytes(b"")
    monkeypatch.setattr(system_check, "_loadable", lambda _soname: False)  # a bare machine
    monkeypatch.setattr(sys, "platform", "linux")
    everything = system_check.missing_libraries("xcb")
    assert "libxcb-cursor0" in everything  # from source, nothing is bundled
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    frozen = system_check.missing_libraries("xcb")
    assert "libxcb-cursor0" not in frozen and "libxkbcommon-x11-0" not in frozen
    assert "libegl1" in frozen  # the system's OpenGL/EGL is never bundled


def test_the_library_check_names_a_missing_library_by_its_package(monkeypatch):
    from kiosk import system_check

    if not sys.platform.startswith("linux"):
        pytest.skip("the check is for Linux")
    assert system_check.missing_libraries("offscreen") == []  # these tests run Qt offscreen
    assert not system_check._loadable("libno-such-library.so.9")
    monkeypatch.setattr(system_check, "_loadable", lambda soname: soname != "libxcb-cursor.so.0")
    monkeypatch.setenv("DISPLAY", ":99")
    assert system_check.missing_libraries("xcb") == ["libxcb-cursor0"]
    assert "sudo apt-get install libxcb-cursor0" in system_check.display_problem("xcb")
    assert system_check.display_problem("offscreen") is None  # only a window needs it


def test_qt_failing_to_load_a_system_library_says_which_package_to_install():
    # As PySide6 fails on a machine without libEGL: an ImportError, caught and explained.
    script = (
        "import sys\n"
        "class NoEGL:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6.QtGui':\n"
        "            raise ImportError('libEGL.so.1: cannot open shared object file: '\n"
        "                              'No such file or directory', name=name)\n"
        "sys.meta_path.insert(0, NoEGL())\n"
        "from kiosk.cli import main\n"
        "sys.exit(main(['--screenshot', 'never.png']))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 3
    assert "sudo apt-get install libegl1" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_import_error_that_is_not_qt_is_not_disguised():
    from kiosk import system_check

    assert system_check.import_problem(ImportError("cannot import name 'x' from 'kiosk.ui'")) is None


def test_the_windows_programs_carry_a_version_resource(tmp_path):
    import ast

    sys.path.insert(0, str(ROOT / "packaging" / "windows"))
    import version_info

    assert version_info.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert version_info.numeric_version("1.2.3rc4+local") == (1, 2, 3, 4)
    path = version_info.write(tmp_path, "0.1.0", "Acupuncture Kiosk", "acupuncture-kiosk-cli", "CLI")
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))  # PyInstaller eval()s this text
    calls = {node.func.id: node for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert {"VSVersionInfo", "FixedFileInfo", "StringTable", "VarStruct"} <= set(calls)
    fixed = {k.arg: ast.literal_eval(k.value) for k in calls["FixedFileInfo"].keywords}
    assert fixed["filevers"] == fixed["prodvers"] == (0, 1, 0, 0)
    strings = dict(ast.literal_eval(ast.unparse(node)[len("StringStruct"):])
                   for node in ast.walk(tree)
                   if isinstance(node, ast.Call) and node.func.id == "StringStruct")
    assert strings["ProductName"] == "Acupuncture Kiosk"
    assert strings["OriginalFilename"] == "acupuncture-kiosk-cli.exe"
    assert strings["FileVersion"] == "0.1.0.0" and strings["ProductVersion"] == "0.1.0"


def test_the_licence_notices_name_qt_the_font_and_every_pinned_library(tmp_path):
    import third_party

    out = third_party.write(tmp_path / "licenses")
    assert sorted(p.name for p in out.iterdir()) == [
        "GPL-3.0.txt", "LGPL-3.0.txt", "LICENSE", "NOTICE.txt", "OFL.txt"]
    notice = (out / "NOTICE.txt").read_text(encoding="utf-8")
    assert "Qt 6.11.3 and PySide6 6.11.3" in notice and "GNU Lesser General Public" in notice
    assert "SIL Open Font\nLicense 1.1 (OFL.txt)" in notice
    for name in third_party.requirement_names(ROOT / "requirements.txt"):
        assert f"  {name} " in notice, name
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (out / "LGPL-3.0.txt").read_text(encoding="utf-8")


def test_the_smoke_test_counts_pages_not_glossaries(tmp_path):
    import smoke_test

    for name in ("en/a.md", "en/glossary.md", "en/sec/glossary.md", "es/b.md", "es/glossary.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    # a page in a sub-folder may be called glossary.md; only the language's own is the glossary
    assert smoke_test.expected_pages(tmp_path) == (3, 2)
