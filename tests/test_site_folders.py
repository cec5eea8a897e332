"""Settings and pages outside the program folder: which ones the kiosk reads, and says it read."""

import logging
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import write_tree

from kiosk.arguments import parse_args
from kiosk.core import site_folders
from kiosk.core.config import load_config
from kiosk.core.resources import resource_path
from kiosk.launch_options import resolve

PAGE = "---\ntitle: Our own page\n---\n# Our own page\n\nWritten by the clinic.\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    monkeypatch.setenv("KIOSK_SITE_DIR", str(folder))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    return folder


def test_settings_come_from_the_option_then_the_variable_then_the_site_then_the_bundle(site, tmp_path,
                                                                                       monkeypatch):
    assert site_folders.settings_file() == site_folders.Chosen(resource_path("kiosk.toml"), "bundled")
    write_tree(site, {"kiosk.toml": 'clinic_name = "Site clinic"\n'})
    assert site_folders.settings_file().path == site / "kiosk.toml"
    assert load_config(None).config.clinic_name == "Site clinic"
    elsewhere = write_tree(tmp_path / "env", {"k.toml": 'clinic_name = "From the variable"\n'})
    monkeypatch.setenv("KIOSK_CONFIG", str(elsewhere / "k.toml"))
    assert load_config(None).config.clinic_name == "From the variable"
    given = write_tree(tmp_path / "cli", {"k.toml": 'clinic_name = "From the option"\n'}) / "k.toml"
    assert site_folders.settings_file(given).source == "--config"


def test_site_pages_win_over_the_bundled_ones_once_they_hold_a_page(site):
    (site / "content" / "en").mkdir(parents=True)  # what an installer leaves: empty folders
    assert site_folders.content_dir().source == "bundled"
    write_tree(site, {"content/en/own.md": PAGE})
    assert site_folders.content_dir() == site_folders.Chosen(site / "content", "site")


def test_the_log_says_which_settings_and_pages_were_used(site, caplog):
    write_tree(site, {"kiosk.toml": 'clinic_name = "Site clinic"\n', "content/en/own.md": PAGE})
    with caplog.at_level(logging.INFO, logger="kiosk.launch_options"):
        launch, library = resolve(parse_args(["--windowed"]))
    assert launch.config.clinic_name == "Site clinic"
    assert launch.content_root == site / "content"
    assert library.language("en").pages["own"].title == "Our own page"
    assert f"settings: {site / 'kiosk.toml'} (the site folder)" in caplog.messages
    assert f"pages: {site / 'content'} (the site folder)" in caplog.messages


def test_the_installers_settings_file_is_all_comments_and_keeps_every_key():
    bundled = resource_path("kiosk.toml").read_text(encoding="utf-8")
    commented = site_folders.commented_settings(bundled)
    assert tomllib.loads(commented) == {}  # nothing set: the defaults apply
    uncommented = "\n".join(line[2:] for line in commented.splitlines()
                            if re.match(r"# [a-z_]+ = ", line))
    assert set(tomllib.loads(uncommented)) == set(tomllib.loads(bundled))


def test_kiosk_check_reads_the_site_pages_too(site):
    write_tree(site, {"content/en/own.md": PAGE})
    env = {**os.environ, "KIOSK_SITE_DIR": str(site)}
    result = subprocess.run([sys.executable, "-m", "kiosk", "check"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert str(site / "content" / "en" / "own.md") in result.stdout
    assert "1 page(s) in 1 language(s)" in result.stdout.splitlines()[-1]


def test_the_site_folder_is_the_systems_folder_for_all_users(monkeypatch, tmp_path):
    monkeypatch.delenv("KIOSK_SITE_DIR")
    if sys.platform.startswith("linux"):
        first, second = tmp_path / "xdg-a", tmp_path / "xdg-b"
        (second / "acupuncture-kiosk").mkdir(parents=True)
        monkeypatch.setenv("XDG_CONFIG_DIRS", f"{first}{os.pathsep}{second}")
        assert site_folders.site_dir() == second / "acupuncture-kiosk"  # the one that exists
        monkeypatch.delenv("XDG_CONFIG_DIRS")
        assert site_folders.site_dir() == Path("/etc/xdg/acupuncture-kiosk")
    else:
        assert site_folders.site_dir().name == "acupuncture-kiosk"
