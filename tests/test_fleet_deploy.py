"""The ready-made files in deploy/ for the watchdog and the update timers say what docs/fleet.md says."""

from __future__ import annotations

import configparser
import plistlib
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # (systemd's keys are case-sensitive)
    parser.read(DEPLOY / "linux" / name, encoding="utf-8")
    return parser


def test_the_kiosk_unit_restarts_a_frozen_kiosk():
    service = _unit("cage-kiosk.service")["Service"]
    assert service["Type"] == "notify" and service["NotifyAccess"] == "all"
    assert int(service["WatchdogSec"]) == 30 and service["Restart"] == "on-failure"
    assert "env -u WATCHDOG_PID" in service["ExecStart"]


def test_the_update_runs_from_a_timer_on_every_system():
    timer = _unit("kiosk-update.timer")["Timer"]
    assert timer["OnUnitActiveSec"] == "15min" and timer["RandomizedDelaySec"]
    service = _unit("kiosk-update.service")["Service"]
    assert service["Type"] == "oneshot" and " update --repo " in service["ExecStart"]
    task = ET.parse(DEPLOY / "windows" / "kiosk-update-task.xml").getroot()
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    assert task.find(".//t:Repetition/t:Interval", ns).text == "PT15M"
    assert task.find(".//t:Exec/t:Arguments", ns).text.startswith("update --repo ")
    with open(DEPLOY / "macos" / "org.acupuncture-kiosk.update.plist", "rb") as stream:
        plist = plistlib.load(stream)
    assert plist["StartInterval"] == 900 and plist["ProgramArguments"][1:3] == ["update", "--repo"]
    guide = (REPO / "docs" / "fleet.md").read_text(encoding="utf-8")
    assert "deploy/linux/kiosk-update.service` + `kiosk-update.timer" in guide
