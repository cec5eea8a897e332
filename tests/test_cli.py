"""The command line as people run it: --screenshot, --self-test, --help, and bad input."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import write_tree
from PySide6.QtGui import QImage


def kiosk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_help_lists_the_commands():
    result = kiosk("--help")
    assert result.returncode == 0
    for option in (
        "--windowed",
        "--content",
        "--config",
        "--screenshot",
        "--page",
        "--lang",
        "--size",
        "--self-test",
    ):
        assert option in result.stdout


def test_the_kiosk_starting_parses_its_options_alone_and_a_mistyped_command_gets_the_list():
    from kiosk.arguments import SUBCOMMANDS, parse_args

    options = parse_args(["--windowed", "--screenshot", "x.png", "--lang", "es"])
    assert options.command is None and options.lang == "es" and options.windowed
    assert parse_args(["--lang", "es", "hash-pin"]).command == "hash-pin"  # named after options
    result = kiosk("chek")
    assert result.returncode == 2 and "invalid choice: 'chek'" in result.stderr
    assert all(name in result.stderr for name in SUBCOMMANDS)


def test_screenshot_of_a_page_at_laptop_size(tmp_path):
    out = tmp_path / "shot.png"
    result = kiosk("--screenshot", str(out), "--page", "back-pain", "--size", "1366x768")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert result.stderr == ""  # nothing unexpected printed


def test_screenshot_of_an_unknown_page_says_which_pages_exist(tmp_path):
    result = kiosk("--screenshot", str(tmp_path / "x.png"), "--page", "nope")
    assert result.returncode == 2
    assert "no page 'nope'" in result.stderr and "back-pain" in result.stderr
    assert ":body-map" in result.stderr  # the screen "Where does it hurt?" can be asked for too
    assert not (tmp_path / "x.png").exists()


def test_screenshot_of_the_body_map(tmp_path):
    from PySide6.QtGui import QColor

    out = tmp_path / "map.png"
    result = kiosk("--screenshot", str(out), "--page", ":body-map", "--size", "1366x768")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    red = sum(QColor(image.pixel(x, y)).name().upper() == "#B00020"  # "Get medical help now"
              for x in range(image.width() - 500, image.width(), 4) for y in range(90, 170, 4))
    assert red > 500, red


def test_self_test_passes_on_the_bundled_content():
    result = kiosk("--self-test")
    assert result.returncode == 0, result.stderr
    speech, summary = result.stdout.splitlines()  # the read-aloud engine and voices, the summary
    assert speech.startswith("read aloud: ") and summary.startswith("self-test passed:")
    pages = sum(1 for path in (Path(__file__).parent.parent / "content").rglob("*.md")
                if path.name != "glossary.md")  # (a language's glossary is not a page)
    assert f" {pages} pages in " in result.stdout


def test_self_test_fails_on_broken_content_and_names_the_file(tmp_path):
    root = write_tree(
        tmp_path / "content",
        {
            "en/a.md": "# A\n\n![x](../images/missing.png)\n",
            "en/b.md": b"# B \xff\n",
        },
    )
    result = kiosk("--self-test", "--content", str(root))
    assert result.returncode == 1
    assert "self-test FAILED" in result.stdout
    assert (
        f"{root / 'en' / 'a.md'}:3: error: image '../images/missing.png' is missing"
        in result.stderr
    )
    assert f"{root / 'en' / 'b.md'}:1: error: not UTF-8" in result.stderr


def test_a_bad_config_is_reported_and_the_kiosk_still_works(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('clinic_name = "Elm"\nwindow_mode = sideways\n', encoding="utf-8")
    result = kiosk("--screenshot", str(tmp_path / "s.png"), "--config", str(config))
    assert result.returncode == 0
    assert f"{config}:2: error: config file is not valid TOML" in result.stderr


def test_bad_arguments_get_a_clear_message():
    result = kiosk("--size", "huge")
    assert result.returncode == 2
    assert "'huge' is not a size like 1920x1080" in result.stderr
