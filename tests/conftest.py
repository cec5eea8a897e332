"""Shared test set-up: offscreen Qt with a 1920x1080 screen, and small content trees to test on."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("KIOSK_SHARED_DIR", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"

# Offscreen by default (no display needed); KIOSK_TEST_DISPLAY=1 runs on the real display.
if not os.environ.get("KIOSK_TEST_DISPLAY"):
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={HERE / 'screen-1920x1080.json'}"
os.environ.setdefault("KIOSK_LOG_DIR", str(REPO / ".pytest_cache" / "logs"))
# The machine's own site settings and pages (an installed kiosk's) stay out of the tests.
os.environ["KIOSK_SITE_DIR"] = str(REPO / ".pytest_cache" / "no-site-folder")
os.environ.pop("KIOSK_CONFIG", None)


@pytest.fixture(autouse=True, scope="session")
def private_cache_dir(tmp_path_factory) -> Path:
    """Point the kiosk's cache at a scratch folder: tests never touch the user's real cache."""
    folder = tmp_path_factory.mktemp("kiosk-cache")
    os.environ["KIOSK_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Point the kiosk's data folder (the usage figures) at a new scratch folder for each test."""
    folder = tmp_path_factory.mktemp("kiosk-data")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    return folder


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative path -> text or bytes) under `root` and return `root`."""
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


SMALL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20">'
    '<rect width="40" height="20" fill="#1F4E79"/></svg>'
)

SAMPLE_TREE = {
    "en/alpha.md": """
        ---
        title: Alpha section
        summary: The first section.
        icon: spine
        order: 10
        ---
        # Alpha section

        Read [the first sub-page](alpha/one.md) or [Beta](beta.md#details).

        Jump to [the bottom](#the-bottom).

        ![A blue box](../images/box.svg)

        > [!CAUTION] Get help now
        > Call 911 if it is an emergency.

        | Thing | Meaning |
        |-------|---------|
        | A     | First   |

        Bad links: [passwords](file:///etc/passwd), [web](https://example.org),
        [script](javascript:alert(1)), [escape](../../outside.md), [abs](/etc/hostname).

        ## The bottom

        The end.
        """,
    "en/alpha/one.md": """
        # Sub-page one

        Back to [Alpha](../alpha.md).
        """,
    "en/alpha/two.md": """
        ---
        title: Sub-page two
        order: 5
        ---
        Text of two.
        """,
    "en/beta.md": """
        ---
        title: Beta section
        summary: The second section.
        order: 20
        ---
        # Beta section

        Intro.

        ## Details

        The details.
        """,
    "images/box.svg": SMALL_SVG,
}


@pytest.fixture
def sample_content(tmp_path: Path) -> Path:
    """Return a small, valid content tree: two sections, sub-pages, an image, bad links."""
    return write_tree(tmp_path / "content", SAMPLE_TREE)


@pytest.fixture
def corpus() -> Path:
    """Return the shared Markdown corpus folder, skipping when ../shared is not beside the repo."""
    if not (CORPUS / "commonmark-spec.md").is_file():
        pytest.skip(f"the shared Markdown corpus is not at {CORPUS} (only in the team's checkout)")
    return CORPUS
