"""Smoke-tests a built kiosk: runs `--self-test` offscreen and fails on anything unexpected.

    python packaging/smoke_test.py dist/acupuncture-kiosk/acupuncture-kiosk

Passes when the program exits 0, reports "self-test passed" for every page of every language in
content/ (on stdout, or in its log file when a windowed build has no stdout), and prints nothing
else on stderr than the self-test's own report of content warnings. Anything else (a Qt plugin
that failed to load, a missing font or file, a traceback) fails it: a data file missing from
build.spec turns CI red.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"self-test passed: (\d+) pages in (\d+) language\(s\)")
# What the self-test may print on stderr: its own "warn ..." report lines about the content, and
# the same content warnings as logged while loading ("kiosk: WARNING: <file>.md:<line>: ...").
EXPECTED_STDERR = (
    re.compile(r"^warn .+"),
    re.compile(r"^kiosk: WARNING: .+\.md:\d+: warning: .+"),
)


def expected_pages(content: Path) -> tuple[int, int]:
    """Return (pages, languages) in a content tree: every .md file under every language folder."""
    languages = [d for d in content.iterdir() if d.is_dir() and re.fullmatch(r"[a-z]{2}", d.name)]
    return sum(1 for d in languages for _ in d.rglob("*.md")), len(languages)


def check(command: list[str], cwd: Path | None = None) -> tuple[list[str], str]:
    """Run `command --self-test`; return (problems, summary line)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as logs:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": logs}
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
    for line in result.stderr.splitlines():
        if line.strip() and not any(p.match(line) for p in EXPECTED_STDERR):
            problems.append(f"unexpected stderr: {line}")
    summary = match[0] if match else (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    return problems, summary


def main(argv: list[str]) -> int:
    """Smoke-test the program given on the command line."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    problems, summary = check(argv)
    for problem in problems:
        print(f"smoke test: {problem}", file=sys.stderr)
    print(f"smoke test {'FAILED' if problems else 'passed'}: {summary}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
