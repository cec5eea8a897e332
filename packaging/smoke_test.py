"""Smoke-tests a built kiosk: runs `--self-test` offscreen and fails on anything unexpected.

    python packaging/smoke_test.py dist/acupuncture-kiosk/acupuncture-kiosk [--check CLI]

Passes when the program exits 0, reports "self-test passed" for every page of every language in
content/ (on stdout, or in its log file when a windowed build has no stdout), and prints nothing
else on stderr than the self-test's own report of content warnings. Anything else (a Qt plugin
that failed to load, a missing font or file, a traceback) fails it: a data file missing from
build.spec turns CI red.

With --check CLI it also runs `CLI check --grades` (the content checker, with its word lists),
which must print its summary line and nothing on stderr; its exit code may be 0 or 1 (1 means
the content has errors, which is the checker's business, not the build's). CLI is the program
itself, or on Windows its console twin acupuncture-kiosk-cli.exe.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEECH = re.compile(r"read aloud: .+")  # the self-test's engine and voices (kiosk/ui/self_test.py)
SUMMARY = re.compile(r"self-test passed: (\d+) pages in (\d+) language\(s\)")
# What the self-test may print on stderr: its own "warn ..." report lines about the content, and
# the same content warnings as logged while loading ("kiosk: WARNING: <file>.md:<line>: ...").
EXPECTED_STDERR = (
    re.compile(r"^warn .+"),
    re.compile(r"^kiosk: WARNING: .+\.md:\d+: warning: .+"),
    re.compile(r"^kiosk: WARNING: read aloud.+"),  # a system without voices: said, not a failure
)


def expected_pages(content: Path) -> tuple[int, int]:
    """Return (pages, languages) in a content tree: every .md file under every language folder.

    A language's glossary.md is not a page (its words open over the pages: kiosk/core/glossary.py).
    """
    languages = [d for d in content.iterdir() if d.is_dir() and re.fullmatch(r"[a-z]{2}", d.name)]
    return sum(1 for d in languages for page in d.rglob("*.md")
               if page.relative_to(d) != Path("glossary.md")), len(languages)


def check(command: list[str], cwd: Path | None = None) -> tuple[list[str], str]:
    """Run `command --self-test`; return (problems, summary line)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as logs:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": logs,
               "KIOSK_CACHE_DIR": str(Path(logs) / "cache")}
        result = subprocess.run([*command, "--self-test"], cwd=cwd, env=env, capture_output=True,
                                text=True, timeout=600)
        log_file = Path(logs) / "kiosk.log"
        log_text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.is_file() else ""
    problems = []
    if result.returncode != 0:
        problems.append(f"exit code {result.returncode} (expected 0)")
    match = SUMMARY.search(result.stdout) or SUMMARY.search(log_text)
    pages, languages = expected_pages(ROOT / "content")
    if not match:
        problems.append("no 'self-test passed' summary on stdout or in the log file")
    elif (int(match[1]), int(match[2])) != (pages, languages):
        problems.append(f"self-test saw {match[1]} pages in {match[2]} language(s); content/ "
                        f"has {pages} pages in {languages}")
    speech = SPEECH.search(result.stdout) or SPEECH.search(log_text)
    if not speech:
        problems.append("no 'read aloud:' line (the speech engine and voices) from the self-test")
    elif sys.platform.startswith("linux") and shutil.which("speech-dispatcher") and \
            not speech[0].startswith("read aloud: engine speechd"):
        problems.append(f"speech-dispatcher is installed but the frozen app did not load it: {speech[0]}")
    for line in result.stderr.splitlines():
        if line.strip() and not any(p.match(line) for p in EXPECTED_STDERR):
            problems.append(f"unexpected stderr: {line}")
    summary = match[0] if match else (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    if speech:
        summary += f"; {speech[0]}"
    return problems, summary


def check_checker(command: list[str]) -> list[str]:
    """Run `command check --grades`; return the problems (none when it ran as it should)."""
    result = subprocess.run([*command, "check", "--grades"], capture_output=True, text=True,
                            timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    problems = []
    if result.returncode not in (0, 1):
        problems.append(f"check: exit code {result.returncode} (expected 0 or 1)")
    if not any(line.startswith("kiosk check: ") for line in result.stdout.splitlines()):
        problems.append("check: no 'kiosk check:' summary line on stdout")
    problems += [f"check: unexpected stderr: {line}" for line in result.stderr.splitlines()
                 if line.strip()]
    return problems


def check_usage_and_export(command: list[str]) -> list[str]:
    """Run `command stats` on a small SQLite file and `command export-site`; return the problems.

    SQLite and the site exporter must be in the bundle (the usage figures and Take this page
    home need them).
    """
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as scratch:
        figures = Path(scratch) / "usage.sqlite3"
        connection = sqlite3.connect(figures)
        connection.execute("CREATE TABLE usage (day TEXT, page TEXT, lang TEXT, views INTEGER, "
                           "listens INTEGER, qr_shows INTEGER, helpful_yes INTEGER, helpful_no "
                           "INTEGER, read_short INTEGER, read_medium INTEGER, read_long INTEGER)")
        connection.execute("INSERT INTO usage VALUES (?, 'smoke-page', 'en', 7, 0, 0, 0, 0, 0, 0, 0)",
                           (date.today().isoformat(),))
        connection.commit()
        connection.close()
        result = subprocess.run([*command, "stats", "--file", str(figures)], capture_output=True,
                                text=True, timeout=120, check=False)
        if result.returncode != 0 or not any(line.startswith("smoke-page") and " 7 " in line
                                             for line in result.stdout.splitlines()):
            problems.append(f"stats: exit code {result.returncode}, stdout {result.stdout[-300:]!r}, "
                            f"stderr {result.stderr[-300:]!r}")
        site = Path(scratch) / "site"
        result = subprocess.run([*command, "export-site", str(site)], capture_output=True,
                                text=True, timeout=600, check=False)
        if result.returncode not in (0, 1) or not (site / "en" / "index.html").is_file():
            problems.append(f"export-site: exit code {result.returncode}, "
                            f"stderr {result.stderr[-300:]!r}")
    return problems


def main(argv: list[str]) -> int:
    """Smoke-test the program given on the command line."""
    cli = None
    if len(argv) == 3 and argv[1] == "--check":
        argv, cli = argv[:1], argv[2]
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    problems, summary = check(argv)
    if cli:
        problems += check_checker([cli])
        problems += check_usage_and_export([cli])
        summary += "; content checker, stats and export-site ran"
    for problem in problems:
        print(f"smoke test: {problem}", file=sys.stderr)
    print(f"smoke test {'FAILED' if problems else 'passed'}: {summary}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
