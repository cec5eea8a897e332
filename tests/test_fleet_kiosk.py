"""The kiosk and `kiosk update`: a new release is shown from the next patient on, never mid-reading."""

from __future__ import annotations

from fleet_support import Fleet
from kiosk_mode_support import write_config

from kiosk.app import create_window
from kiosk.fleet.releases import read_pointer, write_pointer
from kiosk.fleet.update import update


def test_a_new_release_waits_for_the_reset_between_patients(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    fleet = Fleet(tmp_path)
    try:
        fleet.publish("The first words. Tap a page to read it.")
        update(fleet.site, fleet.server.url, fleet.root_file, timeout=2)
        window = create_window(["--content", str(fleet.site), "--config", str(write_config(tmp_path)),
                                "--size", "1366x768"])
        qtbot.addWidget(window)
        window.show()
        session, mode = window.session, window.kiosk_mode
        mode.set_timeouts(60_000, 60_000)
        assert session.library.root == fleet.site / "releases" / "release-1"
        session.open("welcome")
        assert "The first words" in session.render("welcome").html
        fleet.publish("The second words. Tap a page to read it.")
        assert update(fleet.site, fleet.server.url, timeout=2).startswith("installed release 2")
        qtbot.wait(200)
        assert session.location.page_id == "welcome"  # still reading: nothing changes under them
        assert session.library.root.name == "release-1"
        mode.reset()  # the patient left: the next one gets the new release
        qtbot.waitUntil(lambda: session.library.root.name == "release-2", timeout=3000)
        assert "The second words" in session.render("welcome").html
        assert mode.screen_state == "start screen"
        write_pointer(fleet.site, "release-1")  # `kiosk update --rollback` while nobody reads
        assert mode.releases.check() and session.library.root.name == read_pointer(fleet.site)
    finally:
        fleet.server.stop()




def test_the_kiosk_never_loads_the_update_machinery(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from kiosk.cli import main; "
            f"code = main(['--screenshot', r'{tmp_path / 'shot.png'}', '--size', '1366x768']); "
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'tuf', 'securesystemslib', 'urllib3', 'cryptography', 'http', 'ssl'}); "
            "print('loaded:', heavy); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "loaded: []" in result.stdout
