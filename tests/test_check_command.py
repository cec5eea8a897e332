"""`kiosk check` as staff run it: output lines, exit codes, no Qt, and hostile trees that never crash it."""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import SMALL_SVG, write_tree

from kiosk.checks import command
from kiosk.checks.content_check import check_content
from kiosk.cli import main

GOOD = """\
---
title: Good page
reviewed: 2026-01-10
next_review: 2027-01-10
reviewed_by: Health writer
sources:
  - organisation: NHS
    title: Back pain
    year: 2024
---
# Good page

Rest for a day or two. Then walk a little each day.
"""


# Runs `kiosk check ARGS` through the command's entry point in a fresh process, and fails with exit
# code 99 if Qt was imported on the way: the checker must work on a machine without a display.
CHECK = ("import sys; from kiosk.cli import main; rc = main(['check', *sys.argv[1:]]); "
         "sys.exit(99 if 'PySide6' in sys.modules else rc)")


def kiosk_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHECK, *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_output_is_one_line_per_problem_then_a_summary_and_exit_1(tmp_path):
    root = write_tree(tmp_path / "content", {
        "en/good.md": GOOD, "en/bad.md": GOOD.replace("# Good page", "# Bad\n\n[gone](gone.md)"),
    })
    result = kiosk_check(str(root), "--today", "2026-06-01")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout.splitlines()
    assert out == [
        f"{root}/en/bad.md:13: error: link 'gone.md' goes to a page that does not exist "
        "(no page 'gone.md' in this language)",
        "kiosk check: problems to fix: 2 page(s) in 1 language(s) (en), each in 2 region(s) "
        "(uk, us): 1 error(s), 0 warning(s)",
    ]
    assert result.stderr == ""


def test_warnings_alone_exit_0_and_grades_are_listed(tmp_path, capsys):
    page = GOOD.replace("# Good", "[web](https://x.org)\n\n# Good")
    root = write_tree(tmp_path / "content", {"en/good.md": page})
    assert main(["check", str(root), "--today", "2026-06-01", "--grades"]) == 0
    out = capsys.readouterr().out
    assert ": warning: link 'https://x.org' will not open" in out
    assert "en  good" in out and "words  grade" in out
    assert out.splitlines()[-1].startswith("kiosk check: OK: 1 page(s)")


def test_today_makes_a_review_fall_due(tmp_path, capsys):
    root = write_tree(tmp_path / "content", {"en/good.md": GOOD})
    assert main(["check", str(root), "--today", "2027-01-10"]) == 0
    assert "review was due" not in capsys.readouterr().out
    assert main(["check", str(root), "--today", "2027-02-01"]) == 0
    assert "good.md:4: warning: review was due on 2027-01-10" in capsys.readouterr().out


def test_config_sets_the_reading_grade_limit(tmp_path, capsys):
    hard = GOOD + ("\nYour doctor may recommend physiotherapy, medication and a careful assessment of "
                   "your condition before treatment. " * 2)  # about grade 10
    root = write_tree(tmp_path / "content", {"en/good.md": hard})
    assert main(["check", str(root), "--today", "2026-06-01"]) == 1
    assert "above the limit of 8" in capsys.readouterr().out
    config = write_tree(tmp_path, {"kiosk.toml": "reading_grade_max = 20.0\n"}) / "kiosk.toml"
    assert main(["check", str(root), "--today", "2026-06-01", "--config", str(config)]) == 0
    broken = write_tree(tmp_path, {"bad.toml": "reading_grade_max = 'high'\n"}) / "bad.toml"
    assert main(["check", str(root), "--today", "2026-06-01", "--config", str(broken)]) == 1
    assert f"{broken}:1: error: 'reading_grade_max' must be a number" in capsys.readouterr().out


def test_kiosk_help_still_works_and_mentions_check(capsys):
    for argv in (["--help"], ["check", "--help"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert "kiosk check [DIR]" in out or "--grades" in out


def test_the_check_options_and_run_serve_a_parser_with_sub_commands(tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="kiosk")
    command.add_arguments(parser.add_subparsers(dest="command").add_parser("check"))
    page = GOOD.replace("# Good", "[f](file:///x)\n\n# Good")
    root = write_tree(tmp_path / "content", {"en/good.md": page})
    options = parser.parse_args(["check", str(root), "--today", "2026-06-01", "--lang", "en"])
    assert command.run(options) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{root}/en/good.md:11: error: link 'file:///x' will not open: 'file:' links are not allowed",
        "kiosk check: problems to fix: 1 page(s) in 1 language(s) (en), each in 2 region(s) "
        "(uk, us): 1 error(s), 0 warning(s)",
    ]
    with pytest.raises(SystemExit):
        parser.parse_args(["check", "--today", "31/12/2026"])
    assert "is not a date like 2026-01-31" in capsys.readouterr().err


def test_run_turns_an_unexpected_failure_into_one_line(tmp_path, capsys, monkeypatch):
    def broken(*_args: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(command, "check_content", broken)
    assert command.main([str(tmp_path)]) == 1
    assert capsys.readouterr().out == ("kiosk check: error: the check stopped unexpectedly "
                                       "(OSError: disk gone)\n")


def test_missing_folder_and_a_language_folder_given_by_mistake(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere")]) == 1
    assert "cannot read content folder" in capsys.readouterr().out
    write_tree(tmp_path / "content", {"en/good.md": GOOD})
    assert main(["check", str(tmp_path / "content" / "en")]) == 1
    assert "no language folders with pages" in capsys.readouterr().out


def test_the_bundled_english_pages_pass(capsys):
    assert main(["check", "--lang", "en"]) == 0
    assert " 0 error(s)" in capsys.readouterr().out.splitlines()[-1]


# -- hostile trees -------------------------------------------------------------------------------

# Three files some systems cannot make at all (so a kiosk there never meets them). Each maker
# returns why it could not make its file, or None when it did.
def make_named_pipe(folder: Path) -> str | None:
    if not hasattr(os, "mkfifo"):
        return "a named pipe: Windows has no os.mkfifo (its pipes are not files in a folder)"
    os.mkfifo(folder / "fifo.md")
    return None


def make_line_break_name(folder: Path) -> str | None:
    try:
        (folder / "new\nline.md").write_text(GOOD)
    except OSError as exc:
        return f"a line break in a file name: this file system refuses it (NTFS does): {exc}"
    return None


def make_non_utf8_name(folder: Path) -> str | None:
    try:
        (Path(os.fsdecode(bytes(folder) + b"/bad-name-\xff.md"))).write_text(GOOD)
    except (OSError, UnicodeError, TypeError) as exc:
        return ("a file name that is not UTF-8: this system refuses it (APFS on macOS does; "
                f"Windows names are UTF-16): {exc}")
    return None


# maker -> what `kiosk check` says of that file beside a good page: a pipe is skipped, a line break
# is a name Windows refuses, a non-UTF-8 name is read as a page like any other.
SYSTEM_DEPENDENT_FILES = {
    make_named_pipe: "fifo.md: error: is not a plain file; skipped",
    make_line_break_name: "new\\nline.md: error: file name has a line break",
    make_non_utf8_name: "kiosk check: OK: 2 page(s) in 1 language(s)",
}


def hostile_tree(root: Path) -> Path:
    """Write a content tree with every kind of broken file a shared folder can collect."""
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    write_tree(root, {
        "en/good.md": GOOD,
        "en/binary.md": bytes(range(256)) * 40,
        "en/latin1.md": "# Caf\xe9\n".encode("latin-1"),
        "en/huge.md": b"# Huge\n\n" + b"All work and no play. " * 480_000,  # about 10 MB
        "en/deep-yaml.md": "---\na: " + "[" * 1200 + "]" * 1200 + "\n---\n# Deep\n",
        "en/laughs.md": f"---\n{laughs}title: *i\nsources:\n  - title: *i\n    year: *i\n---\nHi\n",
        "en/deep-quote.md": ">" * 3000 + " deep\n\n[to the huge page](huge.md#nowhere)\n",
        "en/deep-list.md": "".join("  " * i + "- item\n" for i in range(150)),
        "en/deep-html.md": "<div>" * 10_000 + "x" + "</div>" * 10_000,
        "en/only-fence.md": "---\n",
        "en/empty.md": "",
        "en/bom-crlf.md": "\ufeff---\r\ntitle: BOM\r\n---\r\n# BOM\r\n",
        "en/odd-links.md": "[a](<\x01>) [b](x.md#%ZZ) ![c](%00.svg) [d](" + "a/" * 3000 + "x.md)\n"
                           "[e](\\\\server\\share) ![f](C:\\img.png) [g](page.md?x=1) <a href='x.md'>h</a>\n",
        "en/dates.md": "---\nreviewed: 0001-01-01\nnext_review: 9999-12-31\norder: .nan\nsources: 7\n---\n",
        "en/Upper.MD": GOOD,
        "en/folder-only/child.md": GOOD,
        "en/dir.md/inside.txt": "not a page",
        "images/broken.svg": b"\x00\x01not svg",
        "es/good.md": GOOD,
    })
    en = root / "en"
    (en / "loop.md").symlink_to("loop.md")
    (en / "ping.md").symlink_to("pong.md")
    (en / "pong.md").symlink_to("ping.md")
    (en / "passwd.md").symlink_to("/etc/passwd")
    (en / "dangling.md").symlink_to("nowhere/at/all.md")
    (en / "cycle").mkdir()
    (en / "cycle" / "back").symlink_to("..")
    for make in SYSTEM_DEPENDENT_FILES:
        make(en)  # where the system can make it (see below)
    locked = en / "locked"
    locked.mkdir()
    (locked / "page.md").write_text(GOOD)
    locked.chmod(0)
    return root


def test_a_hostile_tree_gives_messages_not_a_traceback(tmp_path):
    root = hostile_tree(tmp_path / "content")
    try:
        result = kiosk_check(str(root))
    finally:
        (root / "en" / "locked").chmod(0o755)
    assert "Traceback" not in result.stdout + result.stderr
    assert "stopped unexpectedly" not in result.stdout  # the last-resort handler was not needed
    assert len([x for x in result.stdout.splitlines() if ": error: " in x]) > 10
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith("kiosk check: problems to fix:")
    text = result.stdout
    for expected in ("binary.md", "latin1.md:1: error: not UTF-8", "huge.md: error: file is far too large",
                     "deep-yaml.md:1: error: bad front matter: nested too deeply",
                     "passwd.md: error: links outside the content folder",
                     "Upper.MD: warning", "dates.md"):
        assert expected in text, expected


@pytest.mark.parametrize("make", SYSTEM_DEPENDENT_FILES, ids=lambda make: make.__name__)
def test_a_pipe_or_an_odd_file_name_gets_a_plain_answer(tmp_path, make):
    root = write_tree(tmp_path / "content", {"en/good.md": GOOD})
    cannot = make(root / "en")
    if cannot:
        pytest.skip(f"this system cannot make {cannot}")
    result = kiosk_check(str(root))
    assert "Traceback" not in result.stdout + result.stderr
    assert SYSTEM_DEPENDENT_FILES[make] in result.stdout


def test_random_pages_never_crash_the_checker(tmp_path):
    pieces = ["# T\n", "---\n", "title: [\n", "> [!CAUTION] x\n", "> ", "[l](", "x.md", "#", ")",
              "![i](", "../images/box.svg", "<script>", "</div>", "<span onclick=x>", "\x00", "\ufffd",
              "| a | b |\n|---|---|\n", "- ", "  - ", "```\n", "reviewed: 2026-02-30\n", "*", "_", "\n",
              "\r", "é", "&amp;", "&#0;", "{width=600}", "\\", "`", "<!--", "-->", "http://x"]
    rng = random.Random(20261124)
    files = {"images/box.svg": SMALL_SVG}
    for number in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        folder = rng.choice(["en", "es", "en/sub"])
        files[f"{folder}/page-{number}.md"] = text.encode("utf-8", "surrogatepass")
    root = write_tree(tmp_path / "content", files)
    report = check_content(root, today=date(2026, 6, 1))
    # (a file with NUL bytes is no page, nor is one with nothing to show: neither is counted)
    text_pages = sum(b"\x00" not in data for name, data in files.items() if name.endswith(".md"))
    assert text_pages >= 15 and report.page_count >= text_pages - 5
    assert all(str(problem) for problem in report.problems)


def test_without_textstat_the_check_still_runs_and_says_grades_are_missing(tmp_path, monkeypatch, capsys):
    from kiosk.checks import reading_level

    monkeypatch.setattr(reading_level, "MEASURED", False)  # as in the packaged kiosk
    root = write_tree(tmp_path / "content", {"en/good.md": GOOD})
    assert main(["check", str(root), "--today", "2026-06-01", "--grades"]) == 0
    out = capsys.readouterr().out
    assert f"{root}: warning: reading grades not measured" in out
    assert "grade -" in out


def test_output_piped_into_a_reader_that_stops_early_gives_no_traceback(tmp_path):
    root = tmp_path / "content"
    (root / "en").mkdir(parents=True)
    for n in range(400):  # enough lines to fill the pipe after head has gone
        (root / "en" / f"page-{n}.md").write_text(f"# Page {n}\n", encoding="utf-8")
    result = subprocess.run(f"{sys.executable} -m kiosk check {root} | head -1", shell=True,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
