"""The settings file: good values are used, bad ones fall back with a message naming the line."""

import subprocess
import sys
from pathlib import Path

from kiosk.core.config import Config, bundled_config_file, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_config_is_valid_and_uses_the_defaults():
    loaded = load_config(None)
    assert loaded.path == bundled_config_file()
    assert loaded.problems == ()
    assert loaded.config.window_mode == "fullscreen"


def test_values_from_the_file_are_used(tmp_path):
    loaded = load_config(
        write(
            tmp_path,
            'clinic_name = "Elm Street Clinic"\nwindow_mode = "windowed"\nreading_grade_max = 7\n',
        )
    )
    assert loaded.problems == ()
    assert loaded.config.clinic_name == "Elm Street Clinic"
    assert loaded.config.window_mode == "windowed"
    assert loaded.config.reading_grade_max == 7.0


def test_broken_toml_names_the_line_and_the_kiosk_keeps_defaults(tmp_path):
    loaded = load_config(write(tmp_path, 'clinic_name = "A"\n\nwindow_mode = fullscreen\n'))
    [problem] = loaded.problems
    assert problem.line == 3 and problem.severity == "error"
    assert "not valid TOML" in problem.message
    assert str(problem).startswith(f"{tmp_path / 'kiosk.toml'}:3: error:")
    assert loaded.config == Config()


def test_wrong_values_are_named_and_replaced_by_defaults(tmp_path):
    loaded = load_config(
        write(
            tmp_path,
            'clinic_name = "Ok"\nwindow_mode = "maximised"\n'
            "reading_grade_max = true\ndefault_language = 'english'\n",
        )
    )
    by_line = {p.line: p.message for p in loaded.problems}
    assert 'one of "fullscreen", "windowed"' in by_line[2]
    assert "must be a number" in by_line[3]
    assert "language code" in by_line[4]
    assert loaded.config.clinic_name == "Ok"
    assert loaded.config.window_mode == "fullscreen"


def test_unknown_settings_are_warned_with_a_suggestion(tmp_path):
    loaded = load_config(write(tmp_path, 'clinc_name = "Typo"\n'))
    [problem] = loaded.problems
    assert problem.severity == "warning" and problem.line == 1
    assert "did you mean 'clinic_name'" in problem.message


def test_missing_and_non_utf8_files_are_reported(tmp_path):
    missing = load_config(tmp_path / "nope.toml")
    assert "not found" in missing.problems[0].message and missing.config == Config()
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'clinic_name = "Caf\xe9"\n')
    assert "not UTF-8" in load_config(bad).problems[0].message


def qt_free_modules() -> list[str]:
    """Return every kiosk module meant to run without Qt: all but kiosk/ui/ and kiosk/app.py."""
    package = Path(__file__).parent.parent / "kiosk"
    modules = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).with_suffix("")
        if relative.parts[:2] == ("kiosk", "ui") or relative.parts == ("kiosk", "app"):
            continue
        if relative.name == "__main__":  # starts the kiosk when imported
            continue
        modules.append(".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts))
    return modules


def test_every_module_outside_the_ui_loads_without_qt():
    modules = qt_free_modules()
    assert {"kiosk.core.session", "kiosk.checks.content_check", "kiosk.launch_options",
            "kiosk.cli"} <= set(modules)  # the walk reaches the subpackages
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'kiosk.ui'))]\n"
        "print(bad)\nsys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
