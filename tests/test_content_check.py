"""`kiosk check`: each rule with a page that breaks it and one that passes; the bundled pages pass."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import SMALL_SVG, write_tree

from kiosk.checks.content_check import ContentChecker, check_content, check_page
from kiosk.checks.link_grades import grade_blocked_link
from kiosk.checks.report import CheckReport
from kiosk.core.config import Config
from kiosk.core.content import ContentLibrary
from kiosk.core.links import resolve_link
from kiosk.core.problems import Problem
from kiosk.core.rendering import LinkUse, RenderedPage
from kiosk.core.resources import default_content_dir

TODAY = date(2026, 6, 1)
FRONT = """\
title: Good page
reviewed_by: Health writer
icon: spine
reviewed: 2026-01-10
next_review: 2027-01-10
sources:
  - organisation: NHS
    title: Back pain
    year: 2024
"""
BODY = "# Good page\n\nRest for a day or two. Then walk a little each day.\n\n## Walking\n\nWalk a bit.\n"


def page(front: str = FRONT, body: str = BODY) -> str:
    """Return a page file: front matter block and body."""
    return f"---\n{front}---\n{body}"


def run(tmp_path: Path, files: dict, **options) -> CheckReport:
    root = write_tree(tmp_path / "content", {"images/box.svg": SMALL_SVG, **files})
    options.setdefault("today", TODAY)
    return check_content(root, **options)


def lines(report: CheckReport, severity: str | None = None) -> list[str]:
    return [str(p) for p in report.problems if severity in (None, p.severity)]


def only(report: CheckReport, needle: str) -> list[str]:
    found = [line for line in lines(report) if needle in line]
    assert found, f"no problem mentioning {needle!r} in {lines(report)}"
    return found


def test_a_good_page_has_no_problem(tmp_path):
    report = run(tmp_path, {"en/good.md": page()})
    assert lines(report) == []
    assert report.errors == 0 and report.page_count == 1
    assert report.summary.startswith("kiosk check: OK: 1 page(s) in 1 language(s) (en)")


# -- files ---------------------------------------------------------------------------------------

def test_not_utf8_is_an_error_at_its_line(tmp_path):
    bad = page().encode() + "Caf\xe9\n".encode("latin-1")
    report = run(tmp_path, {"en/good.md": page(), "en/bad.md": bad})
    (line,) = only(report, "not UTF-8")
    last_line = BODY.count("\n") + FRONT.count("\n") + 3
    assert line.startswith(f"{tmp_path}/content/en/bad.md:{last_line}: error")


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    original = Path.read_bytes

    def refuse(self):
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    report = run(tmp_path, {"en/good.md": page(), "en/locked.md": page()})
    assert "error: cannot read file (Permission denied)" in only(report, "locked.md")[0]
    assert not [x for x in lines(report) if "good.md" in x]


def test_nul_bytes_and_huge_files_are_errors(tmp_path):
    report = run(tmp_path, {"en/good.md": page(), "en/binary.md": b"\x89PNG\r\n\x00\x00",
                            "en/huge.md": page() + "Words. " * 60_000})
    assert (f"{tmp_path}/content/en/binary.md:2: error: file contains NUL bytes: it is not a text "
            "file (save it as plain UTF-8 text); not checked further") in only(report, "binary.md")
    assert not [x for x in only(report, "binary.md") if "missing" in x]  # not checked further
    assert "far too large" in only(report, "huge.md")[0]
    assert [r.page_id for r in report.readings] == ["good"]  # the huge page is not measured


def test_page_file_with_upper_case_extension_is_a_warning(tmp_path):
    report = run(tmp_path, {"en/good.md": page(), "en/other.MD": page()})
    assert "warning: not read as a page here" in only(report, "other.MD")[0]


def test_duplicate_ids_on_case_insensitive_disks(tmp_path):
    report = run(tmp_path, {"en/good.md": page(), "en/Good.md": page()})
    assert len(only(report, "are the same page on Windows and macOS")) == 2
    report = run(tmp_path / "b", {"en/good.md": page(), "en/goody.md": page()})
    assert not [x for x in lines(report) if "same page" in x]


def test_duplicate_ids_differing_only_in_accent_encoding(tmp_path):
    report = run(tmp_path, {"en/caf\u00e9.md": page(), "en/cafe\u0301.md": page()})
    assert len(only(report, "are the same page")) == 2


# -- front matter --------------------------------------------------------------------------------

def test_bad_front_matter_is_an_error_at_its_line(tmp_path):
    report = run(tmp_path, {"en/good.md": page(FRONT + "order: [1, 2\n")})
    (line,) = lines(report)  # and no "missing reviewed/sources": they are in the broken block
    assert line.startswith(f"{tmp_path}/content/en/good.md:11: error: bad front matter")


def test_page_without_title(tmp_path):
    no_title = FRONT.replace("title: Good page\n", "")
    report = run(tmp_path, {"en/good.md": page(no_title, "Just text, no heading.\n")})
    assert "good.md:1: error: page has no title" in only(report, "no title")[0]
    assert lines(run(tmp_path / "b", {"en/good.md": page(no_title)})) == []  # '# Good page' is enough


@pytest.mark.parametrize("key", ["reviewed", "next_review", "sources"])
def test_missing_review_dates_and_sources_are_errors(tmp_path, key):
    dropped = (key, "  ") if key == "sources" else (key,)  # a source's lines are indented
    front = "\n".join(x for x in FRONT.splitlines() if not x.startswith(dropped))
    report = run(tmp_path, {"en/good.md": page(front + "\n")})
    assert f"error: missing '{key}:'" in only(report, f"missing '{key}:'")[0]


def test_review_past_due_is_a_warning_and_today_is_injectable(tmp_path):
    files = {"en/good.md": page()}
    assert lines(run(tmp_path, files, today=date(2027, 1, 10))) == []
    report = run(tmp_path / "b", files, today=date(2027, 1, 11))
    assert "good.md:6: warning: review was due on 2027-01-10" in only(report, "was due")[0]
    assert report.errors == 0


@pytest.mark.parametrize(("value", "expected"), [
    ("31/12/2026", "'next_review' is not a date"),
    ('"2027-01-10"', "without quotes"),
    ("2026-01-01", "'next_review' must come after 'reviewed'"),
    ("2027-13-45", "bad front matter"),
])
def test_bad_dates(tmp_path, value, expected):
    front = FRONT.replace("next_review: 2027-01-10", f"next_review: {value}")
    report = run(tmp_path, {"en/good.md": page(front)})
    assert ": error: " in only(report, expected)[0]


def test_reviewed_in_the_future_is_a_warning(tmp_path):
    report = run(tmp_path, {"en/good.md": page()}, today=date(2026, 1, 9))
    assert "warning: 'reviewed' date 2026-01-10 is in the future" in only(report, "future")[0]


@pytest.mark.parametrize(("entry", "expected"), [
    ("  - organisation: NHS\n    title: Back pain\n", "source 1 has no 'year'"),
    ("  - title: Back pain\n    year: 2024\n", "source 1 has no 'organisation'"),
    ("  - organisation: NHS\n    year: 2024\n", "source 1 has no 'title'"),
    ("  - organisation: NHS\n    title: Back pain\n    year: 20245\n", "year '20245' is not a year"),
    ("  - NHS, Back pain, 2024\n", "source 1 must have"),
])
def test_sources_need_organisation_title_and_year(tmp_path, entry, expected):
    front = FRONT.split("sources:")[0] + "sources:\n" + entry
    report = run(tmp_path, {"en/good.md": page(front)})
    assert ": error: " in only(report, expected)[0]


def test_american_spelling_organization_is_accepted(tmp_path):
    report = run(tmp_path, {"en/good.md": page(FRONT.replace("organisation", "organization"))})
    assert lines(report) == []


def test_unknown_setting_and_unknown_icon_are_warnings(tmp_path):
    front = FRONT.replace("icon: spine", "icon: unicorn") + "next-review: 2027-01-01\n"
    report = run(tmp_path, {"en/good.md": page(front)})
    assert "good.md:4: warning: no icon named 'unicorn'; choose one of: " in only(report, "unicorn")[0]
    assert "did you mean 'next_review'?" in only(report, "next-review")[0]


# -- links, headings, pictures, HTML, callouts ---------------------------------------------------

def test_link_to_missing_page_is_an_error_and_existing_page_passes(tmp_path):
    body = BODY + "\nSee [the other page](other.md) and [gone](gone.md).\n"
    report = run(tmp_path, {"en/good.md": page(body=body), "en/other.md": page()})
    (line,) = lines(report)
    assert line == (f"{tmp_path}/content/en/good.md:20: error: link 'gone.md' goes to a page that "
                    "does not exist (no page 'gone.md' in this language)")


def test_link_to_missing_heading_is_an_error(tmp_path):
    body = BODY + "\n[ok](other.md#walking) [bad](other.md#running) [here](#walking) [nope](#swim)\n"
    report = run(tmp_path, {"en/good.md": page(body=body), "en/other.md": page()})
    assert sorted(lines(report)) == [
        f"{tmp_path}/content/en/good.md:20: error: link '#swim': page 'good' has no heading '#swim' "
        "(its headings: #good-page, #walking)",
        f"{tmp_path}/content/en/good.md:20: error: link 'other.md#running': page 'other' has no "
        "heading '#running' (its headings: #good-page, #walking)",
    ]


def test_links_the_kiosk_will_not_open(tmp_path):
    body = BODY + ("\n[web](https://www.nhs.uk)\n\n[f](file:///etc/passwd)\n\n[j](javascript:alert(1))\n\n"
                   "[abs](/etc/hostname)\n\n[up](../../outside.md)\n")
    report = run(tmp_path, {"en/good.md": page(body=body)})
    assert "good.md:20: warning: link 'https://www.nhs.uk' will not open" in lines(report)[0]
    assert "write the address as plain text" in lines(report)[0]
    for line, href in zip(lines(report)[1:], ["file:", "javascript:", "/etc/hostname", "../../"],
                          strict=True):
        assert ": error: link '" + href in line


def blocked_use(href: str, line: int = 7, message: str = "") -> LinkUse:
    """Return a link use as the renderer makes it for a link that will not open."""
    target = resolve_link(href, "good", {"good"})
    assert target.kind == "blocked"
    problem = Problem(Path("en/good.md"), line, "warning", message or f"renderer said no to {href}")
    return LinkUse(href, target, line, problem)


@pytest.mark.parametrize(("href", "severity", "says"), [
    ("file:///etc/passwd", "error", "will not open: 'file:' links are not allowed"),
    ("javascript:alert(1)", "error", "will not open: 'javascript:' links are not allowed"),
    ("../../outside.md", "error", "will not open: link points outside the content folder"),
    ("gone.md", "error", "goes to a page that does not exist (no page 'gone.md' in this language)"),
    ("https://www.nhs.uk", "warning", "cannot open on the kiosk (it works offline); write the "
                                      "address as plain text instead"),
    ("tel:111", "warning", "write the address as plain text instead"),
])
def test_a_link_that_will_not_open_is_graded_from_its_use(href, severity, says):
    problem = grade_blocked_link(Path("en/good.md"), blocked_use(href))
    assert (problem.path, problem.line, problem.severity) == (Path("en/good.md"), 7, severity)
    assert problem.message.startswith(f"link '{href}' ") and problem.message.endswith(says)


def test_the_checker_grades_link_uses_whatever_the_renderer_wrote(tmp_path):
    """The renderer's own warning is replaced by the grade, not matched by its wording."""
    root = write_tree(tmp_path / "content", {"en/good.md": page()})
    checker = ContentChecker(root, Config(), TODAY, None)
    good = ContentLibrary.load(root).languages["en"].pages["good"]
    picture = Problem(good.path, 3, "error", "image 'x.svg' is missing")
    uses = [blocked_use("file:///etc/passwd", 5, "odd words"), blocked_use("https://x.org", 6)]
    rendered = RenderedPage("good", "<h1>Good page</h1>", links=uses,
                            problems=[uses[0].problem, picture, uses[1].problem])
    checker.check_rendered(good, rendered)
    assert [(p.line, p.severity, p.message) for p in checker.report.problems] == [
        (3, "error", "image 'x.svg' is missing"),
        (5, "error", "link 'file:///etc/passwd' will not open: 'file:' links are not allowed"),
        (6, "warning", "link 'https://x.org' will not open: 'https:' links cannot open on the kiosk "
                       "(it works offline); write the address as plain text instead"),
    ]


def test_missing_and_out_of_root_images_are_errors(tmp_path):
    body = BODY + "\n![box](../images/box.svg)\n\n![gone](../images/gone.svg)\n\n![out](../../etc/x.svg)\n"
    report = run(tmp_path, {"en/good.md": page(body=body)})
    assert len(lines(report)) == 2
    assert "good.md:22: error: image '../images/gone.svg' is missing" in lines(report)[0]
    assert "good.md:24: error: image '../../etc/x.svg' is not allowed" in lines(report)[1]


def test_raw_html_the_sanitizer_strips_is_reported_at_its_line(tmp_path):
    body = BODY + ('\nSome <abbr title="National Health Service">NHS</abbr> text.\n\n'
                   '<script>alert(1)</script>\n\nClick <span onclick="x()">here</span>.\n\n'
                   '<!-- a note for staff -->\n')
    report = run(tmp_path, {"en/good.md": page(body=body)})
    assert lines(report) == [
        f"{tmp_path}/content/en/good.md:22: warning: HTML <script> is removed by the kiosk together "
        "with its contents; write Markdown instead",
        f"{tmp_path}/content/en/good.md:24: warning: HTML attribute 'onclick' on <span> is removed by "
        "the kiosk",
    ]


def test_unknown_callout_type_is_a_warning(tmp_path):
    body = BODY + "\n> [!CAUTION] Get help now\n> Call 911.\n\n> [!DANGER]\n> Oops.\n\n```\n> [!X]\n```\n"
    report = run(tmp_path, {"en/good.md": page(body=body)})
    (line,) = lines(report)
    assert "good.md:23: warning: unknown callout [!DANGER]" in line


# -- reading level -------------------------------------------------------------------------------

HARD = ("Musculoskeletal considerations notwithstanding, practitioners recommend individualised "
        "multidisciplinary rehabilitation programmes incorporating progressive physiotherapeutic "
        "interventions, pharmacological management, and comprehensive psychological evaluation.\n")


def test_reading_grade_above_the_limit_is_an_error(tmp_path):
    report = run(tmp_path, {"en/good.md": page(body=BODY + "\n" + HARD)})
    (line,) = lines(report)
    assert "good.md:1: error: reading grade" in line and "above the limit of 8 (Flesch-Kincaid" in line
    assert lines(run(tmp_path / "b", {"en/good.md": page()})) == []
    lenient = run(tmp_path / "c", {"en/good.md": page(body=BODY + "\n" + HARD)},
                  config=Config(reading_grade_max=20))
    assert lines(lenient) == []


def test_spanish_pages_are_measured_with_their_own_formula(tmp_path):
    easy = "# Dolor\n\nEl dolor de espalda es común. Casi siempre mejora solo. Camine un poco cada día.\n"
    hard = ("# Dolor\n\n" + "La rehabilitación multidisciplinaria individualizada contempla intervenciones "
            "fisioterapéuticas progresivas, administración farmacológica especializada y evaluación "
            "psicológica exhaustiva de comorbilidades. " * 2 + "\n")
    report = run(tmp_path, {"es/easy.md": page(body=easy), "es/hard.md": page(body=hard)})
    (line,) = lines(report)
    assert "hard.md:1: error: reading grade" in line and "Fernández-Huerta" in line
    grades = {r.page_id: r.grade for r in report.readings}
    assert grades["easy"] <= 8 < grades["hard"]


def test_a_few_words_are_not_graded(tmp_path):
    short = "# Picture\n\n![A box](../images/box.svg)\n"  # "Picture." alone scores grade 8.4
    report = run(tmp_path, {"en/good.md": page(body=short)})
    assert lines(report) == []
    assert report.readings[0].words == 1 and report.readings[0].grade > 8


def test_footer_is_not_measured(tmp_path):
    long_source = "A " + "Systematic Interdisciplinary Pharmacological Investigation " * 20
    front = FRONT.replace("title: Back pain", f"title: {long_source}")
    report = run(tmp_path, {"en/good.md": page(front)})
    assert lines(report) == []
    assert report.readings[0].words == 18  # headings + body text only


# -- across languages ----------------------------------------------------------------------------

def test_pages_missing_in_another_language_are_a_warning(tmp_path):
    report = run(tmp_path, {"en/good.md": page(), "en/other.md": page(), "es/good.md": page()})
    (line,) = lines(report)
    assert line == (f"{tmp_path}/content/es: warning: 1 page(s) that another language has are "
                    "missing here: other")
    assert report.languages == ["en", "es"]


def test_only_the_languages_asked_for_are_checked(tmp_path):
    report = run(tmp_path, {"en/good.md": page(), "es/good.md": page(body="No title.\n")},
                 languages={"en"})
    assert lines(report) == [] and report.languages == ["en"]
    report = run(tmp_path / "b", {"en/good.md": page()}, languages={"fr"})
    assert lines(report) == [f"{tmp_path}/b/content: error: no pages in language 'fr' (no folder "
                             "'fr/' with .md files)"]


# -- the bundled pages ---------------------------------------------------------------------------

def test_the_bundled_english_pages_pass_with_no_error():
    report = check_content(default_content_dir(), languages={"en"})
    assert report.page_count >= 30
    assert [line for line in lines(report, "error")] == []
    assert all(r.grade is not None and r.grade <= 8 for r in report.readings)


def test_one_page_check_for_the_preview_reports_only_that_file(tmp_path):
    body = BODY + "\n[big](huge.md#part) [gone](gone.md)\n"
    root = write_tree(tmp_path / "content", {"en/good.md": page(body=body),
                                             "en/huge.md": page() + "Words. " * 60_000})
    problems = check_page(ContentLibrary.load(root), "en", "good", today=TODAY)
    # The huge page is not shown on the kiosk, so a link to it is as dead as one to a missing page.
    assert [str(p) for p in problems] == [
        f"{root}/en/good.md:20: error: link 'gone.md' goes to a page that does not exist "
        "(no page 'gone.md' in this language)",
        f"{root}/en/good.md:20: error: link 'huge.md#part' goes to a page that does not exist "
        "(no page 'huge.md' in this language)"]


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("box.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect width='4' height='4'/></svg>", None),
    ("words.svg", "<svg xmlns='http://www.w3.org/2000/svg'><text>Pain</text></svg>",
     "warning: picture contains words (<text>)"),
    ("broken.svg", "<svg><rect></svg>", "error: SVG picture cannot be read"),
    ("bomb.svg", "<!DOCTYPE s [<!ENTITY a 'aaaa'>]><svg>&a;</svg>", "error: SVG picture defines entities"),
    ("fake.png", b"GIF89a....", "error: this is not a PNG picture"),
    ("real.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00",
     None),  # (a signature and a header saying 16 x 16 px)
])
def test_pictures_are_real_pictures_without_words(tmp_path, name, data, expected):
    body = BODY + f"\n![A picture](../images/{name})\n"
    report = run(tmp_path, {"en/good.md": page(body=body), f"images/{name}": data})
    if expected is None:
        assert lines(report) == []
    else:
        (line,) = lines(report)
        assert line.startswith(f"{tmp_path}/content/images/{name}") and expected in line
        assert line.endswith(f"(shown by {tmp_path}/content/en/good.md:20)")
