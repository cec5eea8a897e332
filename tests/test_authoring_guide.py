"""Every example in docs/authoring.md works: pages pass the check, mistakes give the shown message."""

from __future__ import annotations

import re
import shlex
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, write_tree

from kiosk.checks import command as check_command
from kiosk.checks.content_check import check_page
from kiosk.checks.page_rules import bundled_icons
from kiosk.core.content import ContentLibrary
from kiosk.core.rendering import PageRenderer
from kiosk.core.resources import default_content_dir

try:  # the kiosk's own options are moving from kiosk/cli.py to kiosk/arguments.py
    from kiosk.arguments import build_parser
except ImportError:
    from kiosk.cli import build_parser

GUIDE = REPO / "docs" / "authoring.md"
TEXT = GUIDE.read_text(encoding="utf-8")
EXAMPLE = re.compile(r"<!-- example: (\w+)(?: (\S+))? -->\n```(\w*)\n(.*?)\n```", re.S)
EXAMPLES = [(m.group(1), m.group(2) or "", m.group(4)) for m in EXAMPLE.finditer(TEXT)]
TODAY = date(2026, 11, 24)
SETTINGS = """\
---
title: Example
reviewed: 2026-11-24
next_review: 2027-11-24
reviewed_by: Health writer (not a clinician)
sources:
  - organisation: NHS
    title: Back pain
    year: 2024
---
"""


def of_kind(*kinds: str) -> list:
    found = [pytest.param(location, text, id=f"{kind}-{location or n}")
             for n, (kind, location, text) in enumerate(EXAMPLES) if kind in kinds]
    assert found, f"the guide has no {kinds} example"
    return found


def test_every_fenced_block_is_a_checked_example():
    fences = len(re.findall(r"^```", TEXT, re.M)) // 2
    assert fences == len(EXAMPLES)
    kinds = {kind for kind, _, _ in EXAMPLES}
    assert kinds == {"tree", "page", "icons", "snippet", "commands", "broken", "output"}


def problems_of(tmp_path: Path, location: str, page_text: str) -> list[str]:
    """Add a page to a copy of the bundled content and return what the check says about it."""
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    lang, page_file = location.split("/", 1)
    (root / location).write_text(page_text, encoding="utf-8")
    library = ContentLibrary.load(root)
    problems = check_page(library, lang, page_file.removesuffix(".md"), today=TODAY)
    return [str(p).replace(str(root), "content") for p in problems]


@pytest.mark.parametrize(("location", "page_text"), of_kind("page"))
def test_a_complete_page_example_passes_the_check(tmp_path, location, page_text):
    assert problems_of(tmp_path, location, page_text + "\n") == []


@pytest.mark.parametrize(("location", "snippet"), of_kind("snippet"))
def test_a_markdown_example_passes_the_check(tmp_path, location, snippet):
    assert problems_of(tmp_path, location, SETTINGS + snippet + "\n") == []


def test_the_mistake_example_gives_the_message_shown(tmp_path):
    pairs = [(EXAMPLES[i], EXAMPLES[i + 1]) for i in range(len(EXAMPLES) - 1)
             if EXAMPLES[i][0] == "broken"]
    assert pairs
    for (_, location, page_text), (kind, _, expected) in pairs:
        assert kind == "output", "a mistake example is followed by the check's output"
        assert problems_of(tmp_path, location, page_text + "\n") == expected.splitlines()
        shutil.rmtree(tmp_path / "content")


def test_the_icon_list_is_the_bundled_icons():
    (names,) = [text for kind, _, text in EXAMPLES if kind == "icons"]
    assert names.split() == bundled_icons()


@pytest.mark.parametrize(("location", "commands"), of_kind("commands"))
def test_the_commands_exist(location, commands):
    for line in commands.splitlines():
        argv = shlex.split(line)
        assert argv[0] == "kiosk"
        if argv[1:2] == ["check"]:
            check_command.build_parser().parse_args(argv[2:])
        else:
            build_parser().parse_args(argv[1:])


def test_the_folder_example_matches_the_bundled_content():
    (tree,) = [text for kind, _, text in EXAMPLES if kind == "tree"]
    parents: list[str] = []
    for line in tree.splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        name = line.split()[0]
        parents[depth:] = [name.rstrip("/")]
        path = default_content_dir().parent.joinpath(*parents)
        assert path.exists(), f"the guide shows {'/'.join(parents)}, which is not in the repository"



def test_the_heading_ids_the_guide_promises(tmp_path):
    claims = re.findall(r"`(#{2,3} [^`]+)` becomes `#([^`]+)`", TEXT)
    assert len(claims) == 3
    headings = "\n\n".join(heading for heading, _ in claims)
    root = write_tree(tmp_path / "content", {"en/headings.md": f"{SETTINGS}# Headings\n\n{headings}\n"})
    anchors = PageRenderer(ContentLibrary.load(root)).render("en", "headings").anchors
    assert {wanted for _, wanted in claims} <= anchors
