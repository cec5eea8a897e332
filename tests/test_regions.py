"""Region facts: `{{ name }}` in pages, the `region` setting, and what `kiosk check` says about both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import write_tree

from kiosk.checks.content_check import check_content
from kiosk.checks.region_check import check_regions
from kiosk.core.config import Config, load_config
from kiosk.core.content import ContentLibrary
from kiosk.core.regions import available_regions, fill, load_region, read_region_file
from kiosk.core.rendering import PageRenderer
from kiosk.core.session import KioskSession, load_content

TODAY = date(2026, 6, 1)
FRONT = """\
---
title: "Call {{ emergency_number }}"
summary: "Or go to {{ emergency_department }}."
reviewed: 2026-01-10
next_review: 2027-01-10
reviewed_by: Health writer
sources:
  - organisation: NHS
    title: Back pain
    year: 2024
---
"""


def page(body: str) -> str:
    return FRONT + body


def test_the_bundled_regions_have_the_numbers_the_nhs_and_us_services_give():
    assert available_regions() == ["uk", "us"]
    uk, us = load_region("uk"), load_region("us")
    assert (uk.value("emergency_number", "en"), us.value("emergency_number", "en")) == ("999", "911")
    assert "111" in uk.value("urgent_care", "en")
    assert uk.value("crisis_line", "en") == "116 123"
    assert uk.value("crisis_line_name", "es") == "Samaritans"  # a name: the same in Spanish
    assert "Smokefree" in uk.value("quitline_name", "en")
    assert uk.value("quitline", "en") == "0300 123 1044"
    assert us.value("crisis_line", "en") == "988"
    assert us.value("pharmacy", "es") == "farmacia"
    assert check_regions([uk, us], ["en", "es"]) == []


def test_pages_titles_and_summaries_get_the_configured_regions_values(tmp_path):
    root = write_tree(tmp_path / "content", {"en/help.md": page("# Help\n\nCall {{ emergency_number }} "
                                                                  "now. Text {{crisis_line}}.\n"),
                                             "es/help.md": page("# Ayuda\n\nVaya a "
                                                                  "{{ emergency_department }}.\n")})
    for code, number, room in (("us", "911", "la sala de emergencias"), ("uk", "999", "A&E")):
        library = ContentLibrary.load(root, region=load_region(code))
        english, spanish = library.language("en").pages["help"], library.language("es").pages["help"]
        assert english.title == f"Call {number}"
        assert english.summary.startswith("Or go to the nearest")
        html = PageRenderer(library).render("en", "help").html
        assert f"Call {number} now." in html and "{{" not in html
        assert room in PageRenderer(library).render("es", "help").html.replace("&amp;", "&")
        assert spanish.title == f"Call {number}"
        assert library.problems == []


def test_the_kiosk_reads_the_region_from_its_settings_and_keeps_it_on_reload(tmp_path):
    root = write_tree(tmp_path / "content", {"en/help.md": page("# Help\n\nCall {{ emergency_number }}.\n")})
    settings = tmp_path / "kiosk.toml"
    settings.write_text('clinic_name = "X"\nregion = "uk"\n', encoding="utf-8")
    config = load_config(settings).config
    session = KioskSession(load_content(root, region=config.region), config)
    assert "Call 999." in session.render("help").html
    session.reload()
    assert session.library.region.code == "uk"
    assert "Call 999." in session.render("help").html


def test_a_region_without_a_file_is_reported_at_its_line_and_the_default_used(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('clinic_name = "X"\n\nregion = "fr"\n', encoding="utf-8")
    loaded = load_config(settings)
    assert loaded.config.region == Config().region == "us"
    assert [str(p) for p in loaded.problems] == [
        f"{settings}:3: error: 'region' must be one of \"uk\", \"us\" (the files in "
        "resources/regions/); using the default 'us'"]


def test_an_unknown_variable_is_an_error_at_its_line_in_every_region_and_stays_as_written(tmp_path):
    root = write_tree(tmp_path / "content", {"en/help.md": page("# Help\n\nWords.\n\n"
                                                                  "Call {{ emergency_numbr }}.\n")})
    report = check_content(root, today=TODAY)
    messages = [str(p).replace(str(root), "content") for p in report.problems]
    assert messages == [
        f"content/en/help.md:16: error: unknown variable {{{{ emergency_numbr }}}}: region '{code}' "
        f"({code}.toml) has no value for it, so it shows as written; did you mean "
        "{{ emergency_number }}?" for code in ("uk", "us")]
    assert report.regions == ["uk", "us"]
    assert "each in 2 region(s) (uk, us)" in report.summary
    html = PageRenderer(ContentLibrary.load(root)).render("en", "help").html
    assert "Call {{ emergency_numbr }}." in html


def test_a_region_file_lacking_a_value_another_has_is_an_error(tmp_path):
    full = tmp_path / "aa.toml"
    full.write_text('emergency_number = "112"\nquitline = "1"\n[es]\nquitline = "2"\n', encoding="utf-8")
    short = tmp_path / "bb.toml"
    short.write_text('emergency_number = "000"\n[es]\nquitline = "3"\n', encoding="utf-8")
    problems = check_regions([read_region_file(full, "aa"), read_region_file(short, "bb")], ["en", "es"])
    assert [str(p) for p in problems] == [
        f"{short}: error: region 'bb' has no value for 'quitline' for [en] pages (region(s) aa, bb "
        "have one): add quitline = \"...\" so pages using {{ quitline }} read right"]


def test_bad_region_files_are_reported_by_line(tmp_path):
    bad = tmp_path / "zz.toml"
    bad.write_text('a = 1\nb = ""\n"bad name" = "x"\nc = "{{ a }}"\n[Spanish]\nd = "x"\n', encoding="utf-8")
    region = read_region_file(bad, "zz")
    assert [str(p).replace(str(bad), "zz.toml") for p in region.problems] == [
        "zz.toml:1: error: 'a' must be text in quotes; ignored",
        "zz.toml:2: error: 'b' must be one line of text, not empty; ignored",
        "zz.toml:3: error: 'bad name': a name is letters, digits and _ only (it is written "
        "{{ name }} in pages); ignored",
        "zz.toml:4: error: 'c' holds a {{ variable }}: values are plain text; ignored",
        "zz.toml:5: error: [Spanish] is not a language code such as [es]; ignored"]
    broken = tmp_path / "yy.toml"
    broken.write_text('a = "1"\nb = \n', encoding="utf-8")
    assert [p.line for p in read_region_file(broken, "yy").problems] == [2]


def test_fill_keeps_lines_and_escaped_braces():
    us = load_region("us")
    text, unfilled = fill("a {{ emergency_number }}\nb \\{{ emergency_number }}\n{{ x }}", us, "en", 10)
    assert text == "a 911\nb {{ emergency_number }}\n{{ x }}"
    assert [(v.name, v.line) for v in unfilled] == [("x", 12)]


def test_a_page_only_one_region_makes_too_hard_is_reported_with_that_regions_name(tmp_path, monkeypatch):
    regions = write_tree(tmp_path / "regions", {
        "us.toml": 'emergency_number = "911"\n',
        "uk.toml": 'emergency_number = "the extraordinarily complicated multidisciplinary '
                   'interprofessional telecommunication arrangement"\n'})
    monkeypatch.setattr("kiosk.core.regions.regions_dir", lambda: Path(regions))
    load_region.cache_clear()
    try:
        body = "# Help\n\n" + "Call {{ emergency_number }} if it hurts. " * 12 + "\n"
        report = check_content(write_tree(tmp_path / "content", {"en/help.md": page(body)}), today=TODAY)
    finally:
        load_region.cache_clear()
    graded = [p.message for p in report.problems if "reading grade" in p.message]
    assert len(graded) == 1 and graded[0].startswith("region 'uk': reading grade")


def test_the_exported_site_shows_the_configured_regions_numbers(tmp_path, capsys):
    from kiosk.cli import main

    root = write_tree(tmp_path / "content", {"en/help.md": page("# Help\n\nCall {{ emergency_number }}.\n")})
    settings = tmp_path / "kiosk.toml"
    settings.write_text('region = "uk"\n', encoding="utf-8")
    out = tmp_path / "site"
    assert main(["export-site", str(out), "--content", str(root), "--config", str(settings)]) == 0
    capsys.readouterr()
    written = (out / "en" / "help.html").read_text(encoding="utf-8")
    assert "Call 999." in written and "{{" not in written
