"""Messages name the command as it is installed: `acupuncture-kiosk hash-pin` in the frozen app."""

import sys

import pytest
from test_staff_exit import staff_window

from kiosk import command_name
from kiosk.arguments import build_parser
from kiosk.core.config import load_config


@pytest.mark.parametrize(("frozen", "platform", "expected"), [
    (True, "linux", "acupuncture-kiosk"), (True, "darwin", "acupuncture-kiosk"),
    (True, "win32", "acupuncture-kiosk-cli"),  # the console twin: the windowed .exe prints nothing
    (False, "linux", "kiosk"), (False, "win32", "acupuncture-kiosk"),  # [project.scripts] there
])
def test_the_command_is_named_as_installed(monkeypatch, frozen, platform, expected):
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    assert command_name() == expected


@pytest.fixture
def frozen_linux(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")


def test_help_and_settings_problems_name_the_installed_command(frozen_linux, tmp_path):
    parser = build_parser("hash-pin")
    assert parser.format_usage().startswith("usage: acupuncture-kiosk [--windowed]")
    assert "acupuncture-kiosk check [DIR]" in parser.format_usage()
    assert "kiosk hash-pin" not in parser.format_usage().replace("acupuncture-kiosk", "")
    settings = tmp_path / "kiosk.toml"
    settings.write_text('staff_pin_hash = "1234"\n', encoding="utf-8")
    (problem,) = load_config(settings).problems
    assert "`acupuncture-kiosk hash-pin`" in str(problem)


def test_the_pin_pad_names_the_installed_command(qtbot, tmp_path, monkeypatch):
    window = staff_window(qtbot, tmp_path, pin_hash="")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    window.kiosk_mode.preview("pin-pad")
    message = window.kiosk_mode.pin_pad.message.text()
    assert '"acupuncture-kiosk' in message and "hash-pin" in message
    assert '"kiosk hash-pin"' not in message


def test_the_window_has_the_app_icon_and_the_desktop_entry_name(qtbot):
    from PySide6.QtGui import QGuiApplication

    from kiosk.app import create_window

    window = create_window(["--windowed", "--size", "1366x768"])
    qtbot.addWidget(window)
    assert QGuiApplication.desktopFileName() == "acupuncture-kiosk"  # acupuncture-kiosk.desktop
    icon = window.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64 and image.pixelColor(32, 4).blue() > 100  # the kiosk's blue square
