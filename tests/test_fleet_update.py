"""Signed content updates from a real TUF repository on 127.0.0.1: happy path, rollback, each refusal."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
import uuid
from pathlib import Path

import pytest
from fleet_support import Fleet, page, write_content
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata

from kiosk.cli import main
from kiosk.fleet.archive import Limits
from kiosk.fleet.releases import read_last_update, read_pointer
from kiosk.fleet.repository import ContentRepository
from kiosk.fleet.update import update


@pytest.fixture
def fleet(tmp_path, monkeypatch):
    """A repository with release 1 published, served on 127.0.0.1, and a kiosk folder."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))
    made = Fleet(tmp_path)
    made.publish()
    yield made
    made.server.stop()


def kiosk_update(fleet: Fleet, *extra: str) -> int:
    """Run `kiosk update` as the timer does (the first run brings the trusted root)."""
    root = [] if (fleet.site / "tuf" / "root.json").exists() else ["--root", str(fleet.root_file)]
    return main(["update", "--repo", fleet.server.url, "--site", str(fleet.site), "--timeout", "1",
                 *root, *extra])


def installed(fleet: Fleet) -> str:
    """Return the words of the page the kiosk would show now."""
    current = read_pointer(fleet.site)
    return (fleet.site / "releases" / current / "en" / "welcome.md").read_text(encoding="utf-8")


def refused(fleet: Fleet, capsys, *words: str) -> str:
    """Run an update that must be refused; return its line (which keeps release 1)."""
    assert kiosk_update(fleet) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err  # one clear line
    assert err.startswith("kiosk update: refused: ") and err.endswith("; keeping release-1"), err
    for word in words:
        assert word in err, err
    assert read_pointer(fleet.site) == "release-1" and "number 1." in installed(fleet)
    assert not [p for p in (fleet.site / "releases").iterdir() if p.name.startswith(".")]
    assert read_last_update(fleet.site)["result"] == err.removeprefix("kiosk update: ")
    return err


@pytest.fixture
def on_release_1(fleet, capsys):
    """The kiosk runs release 1; release 2 is then prepared by each test."""
    assert kiosk_update(fleet) == 0
    assert "installed release 1" in capsys.readouterr().err
    return fleet


def test_happy_path_installs_new_releases_beside_the_old(on_release_1, capsys):
    fleet = on_release_1
    assert kiosk_update(fleet) == 0
    assert "up to date: release 1 in use" in capsys.readouterr().err
    assert fleet.publish() == 2
    assert kiosk_update(fleet) == 0
    assert "installed release 2 (1 files), was release-1" in capsys.readouterr().err
    assert read_pointer(fleet.site) == "release-2" and "number 2." in installed(fleet)
    assert read_pointer(fleet.site, "previous") == "release-1"
    assert (fleet.site / "releases" / "release-1" / "en" / "welcome.md").is_file()  # kept
    assert read_last_update(fleet.site)["last_success"]
    assert list((fleet.site / "downloads").iterdir()) == []


def test_rollback_goes_back_and_holds_the_release_back(on_release_1, capsys):
    fleet = on_release_1
    fleet.publish()
    assert kiosk_update(fleet) == 0
    assert main(["update", "--rollback", "--site", str(fleet.site)]) == 0
    assert "rolled back to release-1 (was release-2" in capsys.readouterr().err
    assert "number 1." in installed(fleet)
    assert kiosk_update(fleet) == 0  # the timer runs again: release 2 is not put back
    assert "release 2 held back" in capsys.readouterr().err and "number 1." in installed(fleet)
    fleet.publish()  # a fixed release 3
    assert kiosk_update(fleet) == 0 and "number 3." in installed(fleet)


def test_a_changed_byte_is_refused(on_release_1, capsys):
    fleet = on_release_1
    fleet.publish()
    archive = fleet.archive()
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    refused(fleet, capsys, "does not match its signed hash or length")


@pytest.mark.parametrize("how", ["wrong", "missing"])
def test_a_wrong_or_missing_signature_is_refused(on_release_1, capsys, how):
    fleet = on_release_1
    fleet.publish()
    path = fleet.repo / "metadata" / "timestamp.json"
    timestamp = Metadata.from_file(str(path))
    timestamp.signatures.clear()
    if how == "wrong":  # signed, but by a key the root does not name
        timestamp.sign(CryptoSigner.generate_ed25519())
    path.write_bytes(timestamp.to_bytes())
    refused(fleet, capsys, "a wrong or missing signature", "timestamp")


def test_older_metadata_is_refused(on_release_1, tmp_path, capsys):
    fleet = on_release_1
    old = tmp_path / "old-repo"
    shutil.copytree(fleet.repo, old)  # what the server offered at release 1
    fleet.publish()
    assert kiosk_update(fleet) == 0 and read_pointer(fleet.site) == "release-2"
    assert main(["update", "--rollback", "--site", str(fleet.site)]) == 0
    shutil.rmtree(fleet.site / "releases" / "release-2")
    (fleet.site / "held-back").unlink()
    capsys.readouterr()
    fleet.server.root = old  # a mirror replays the old, validly signed repository
    refused(fleet, capsys, "older metadata than this kiosk has seen (rollback)")


def test_expired_metadata_is_refused(on_release_1, capsys):
    fleet = on_release_1
    fleet.publish(timestamp=-1)  # a repository nobody renewed: its timestamp ran out yesterday
    refused(fleet, capsys, "metadata has expired")


def test_a_server_that_is_down_is_refused(on_release_1, capsys):
    fleet = on_release_1
    fleet.publish()
    fleet.server.stop()
    fleet.server = type(fleet.server)(fleet.repo)  # (a live one for the fixture to stop)
    url = fleet.server.url
    fleet.server.stop()
    fleet.server = type(fleet.server)(fleet.repo)
    assert main(["update", "--repo", url, "--site", str(fleet.site), "--timeout", "1"]) == 1
    err = capsys.readouterr().err
    assert "refused: the repository cannot be reached" in err and "keeping release-1" in err
    assert "number 1." in installed(fleet)


def test_a_slow_server_is_refused(on_release_1, capsys):
    fleet = on_release_1
    fleet.publish()
    fleet.server.mode, fleet.server.delay = "slow", 3.0
    refused(fleet, capsys, "too slowly")


def test_a_partial_download_is_refused(on_release_1, capsys):
    fleet = on_release_1
    fleet.publish()
    fleet.server.mode = "partial"
    err = refused(fleet, capsys)
    assert "broke off" in err or "does not match its signed hash or length" in err


def _sign_archive(fleet: Fleet, members: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    """Offer a hand-made archive as release 2, validly signed (a publishing machine gone wrong)."""
    archive = fleet.tmp / "crafted.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for info, data in members:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
    ContentRepository(fleet.repo, fleet.keys).add_release(archive, 2)


def _file(name: str, data: bytes = b"x") -> tuple[tarfile.TarInfo, bytes]:
    return tarfile.TarInfo(name), data


@pytest.mark.parametrize(("entry", "words"), [
    ("../../escaped.md", "tries to leave its folder"),
    ("/tmp/escaped-{}.md", "absolute or unsafe path"),
    ("link", "is a link"),
])
def test_an_archive_escaping_its_folder_is_refused(on_release_1, capsys, entry, words):
    fleet = on_release_1
    entry = entry.format(uuid.uuid4().hex)
    good = page("Welcome", "New words.").encode()
    members = [_file("en/welcome.md", good)]
    if entry == "link":
        link = tarfile.TarInfo("en/passwords.md")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        members.append((link, b""))
    else:
        members.append(_file(entry, b"# Escaped"))
    _sign_archive(fleet, members)
    refused(fleet, capsys, words)
    assert not (fleet.site / "escaped.md").exists() and not (fleet.tmp / "escaped.md").exists()
    assert not Path(entry).is_absolute() or not Path(entry).exists()


def test_content_failing_the_checks_is_refused(on_release_1, capsys):
    fleet = on_release_1
    broken = page("Welcome", "See [the missing page](missing.md).").encode()
    _sign_archive(fleet, [_file("en/welcome.md", broken)])
    refused(fleet, capsys, "release 2 fails the content check: en/welcome.md:", "missing.md")


def test_publish_refuses_content_with_errors_and_keys_inside_the_repository(fleet, tmp_path, capsys):
    bad = write_content(tmp_path / "bad", "See [the missing page](missing.md).")
    assert main(["publish", str(bad), str(fleet.repo), "--keys", str(fleet.keys.folder)]) == 1
    err = capsys.readouterr().err
    assert "welcome.md:" in err and "kiosk publish: refused: the content check found errors" in err
    inside = fleet.repo / "keys"
    assert main(["keys", "init", "--keys", str(inside)]) == 0
    good = write_content(tmp_path / "good")
    assert main(["publish", str(good), str(fleet.repo), "--keys", str(inside)]) == 1
    assert "is inside the repository" in capsys.readouterr().err
    assert ContentRepository(fleet.repo, fleet.keys).release() == 1  # nothing was published


def _small_disk(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


@pytest.mark.parametrize("where", ["before", "while writing"])
def test_a_full_disk_is_refused(fleet, tmp_path, capsys, where):
    disk = tmp_path / "small-disk"
    if not _small_disk(disk, "24m"):
        pytest.skip("a real full disk needs a small tmpfs, which only root can mount")
    try:
        fleet.site = disk / "site"
        assert kiosk_update(fleet) == 0 and read_pointer(fleet.site) == "release-1"
        capsys.readouterr()
        big = os.urandom(600_000)  # pictures do not compress: the release is larger than the disk left
        content = write_content(tmp_path / "big")
        (content / "images").mkdir()
        (content / "images" / "noise.bin").write_bytes(big)
        ContentRepository(fleet.repo, fleet.keys).add_release(_pack(content, tmp_path), 2)
        free = shutil.disk_usage(disk).free
        (disk / "filler").write_bytes(b"\0" * (free - 300_000))  # 300 KB left
        if where == "before":  # the update sees there is no room and does not start
            refused(fleet, capsys, "the disk is full")
        else:  # told to leave no margin, it starts and the disk fills while it writes
            code = update_with_no_margin(fleet)
            assert code.startswith("refused") and "full" in code, code
            assert read_pointer(fleet.site) == "release-1" and "number 1." in installed(fleet)
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _pack(content: Path, folder: Path) -> Path:
    from kiosk.fleet.archive import pack

    archive = folder / "big.tar.gz"
    pack(content, archive)
    return archive


def update_with_no_margin(fleet: Fleet) -> str:
    """Run the update with no free-space margin; return its line."""
    from kiosk.fleet.update import UpdateRefused

    try:
        return update(fleet.site, fleet.server.url, timeout=2, limits=Limits(free_margin=0))
    except UpdateRefused as exc:
        return f"refused: {exc}"


def test_key_rotation_is_followed_by_the_kiosks(on_release_1, capsys):
    fleet = on_release_1
    for role in ("timestamp", "root"):
        assert main(["keys", "rotate", role, "--keys", str(fleet.keys.folder),
                     "--repo", str(fleet.repo)]) == 0
    assert "root version 3 signed" in capsys.readouterr().out
    fleet.publish()
    assert kiosk_update(fleet) == 0 and "number 2." in installed(fleet)
    trusted = json.loads((fleet.site / "tuf" / "root.json").read_text())
    assert trusted["signed"]["version"] == 3


def test_an_update_that_comes_while_another_works_leaves_it_alone(on_release_1, capsys):
    import sys

    fleet = on_release_1
    fleet.publish()  # release 2, fetched slowly by the first updater
    fleet.server.mode, fleet.server.delay = "slow", 0.7
    fleet.server.asked.clear()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    first = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "update", "--repo", fleet.server.url, "--site",
         str(fleet.site), "--timeout", "20"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        # The first one asks the server only once it holds the folder.
        assert fleet.server.asked.wait(timeout=30), "the first update never asked the server"
        assert kiosk_update(fleet) == 1  # the timer's next run, meanwhile
        err = capsys.readouterr().err.strip()
        assert err.startswith("kiosk update: refused: another kiosk update is working on "), err
        assert err.endswith("it is left to finish, keeping release-1") and len(err.splitlines()) == 1
        _, first_err = first.communicate(timeout=60)
        assert first.returncode == 0, first_err
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert read_pointer(fleet.site) == "release-2" and "number 2." in installed(fleet)
    assert "installed release 2" in read_last_update(fleet.site)["result"]  # not overwritten
    fleet.server.mode = "normal"
    assert kiosk_update(fleet) == 0  # the lock went with the first process
