"""The browser alternative: headless Chromium screenshotting one kiosk page as plain HTML.

What a clinic would otherwise run is a browser in kiosk mode. This renders the same page the
kiosk shows (its sanitized HTML and content stylesheet, in one .html file) with
`chromium --headless --screenshot` at 1920x1080, a fresh profile each time, and records wall
time, the largest single process's peak memory (as the kiosk's is measured) and the peak of
all its processes together (PSS: shared memory counted once).
Skipped (None) when no chromium or chromium-browser is on PATH.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path

from bench.process_probe import run_measured
from bench.startup import child_env

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1920,1080"]


def find_chromium() -> str | None:
    """Return the path of a Chromium binary, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def page_as_html(page_id: str = "") -> str:
    """Return one bundled page (default: the first section) as a stand-alone HTML document."""
    from kiosk.core.config import Config
    from kiosk.core.content import ContentLibrary
    from kiosk.core.rendering import PageRenderer
    from kiosk.core.resources import default_content_dir
    from kiosk.core.stylesheets import load_stylesheet
    from kiosk.core.themes import theme

    library = ContentLibrary.load(default_content_dir())
    lang = Config().default_language
    language = library.language(lang)
    page_id = page_id or language.sections[0]
    body = PageRenderer(library).render(lang, page_id).html
    css = load_stylesheet("content.css", 1.0, theme("default"))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<style>{css}</style></head><body>{body}</body></html>")


def measure_browser(rounds: int = 5) -> dict | None:
    """Screenshot the page `rounds` times with a fresh profile; None without Chromium."""
    chromium = find_chromium()
    if chromium is None:
        return None
    runs, polled = [], []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        folder = Path(scratch)
        page = folder / "page.html"
        page.write_text(page_as_html(), encoding="utf-8")
        env = child_env(str(folder))
        # The first run warms the disk cache; the last two sample the memory of every process
        # (sampling takes CPU, so their times are not used).
        for index in range(rounds + 3):
            profile = folder / f"profile-{index}"
            cmd = [chromium, *FLAGS, f"--user-data-dir={profile}",
                   f"--screenshot={folder / 'shot.png'}", page.as_uri()]
            poll = index > rounds
            run = run_measured(cmd, env, poll_tree=poll)
            if poll:
                polled.append(run)
            elif index:
                runs.append(run)
            shutil.rmtree(profile, ignore_errors=True)
    return {
        "runs": len(runs),
        "failed": sum(r.returncode != 0 for r in runs + polled),
        "wall_ms_median": round(statistics.median(r.wall_s * 1000 for r in runs), 1),
        "largest_process_rss_mib_median": round(statistics.median(r.peak_rss_mib for r in runs), 1),
        "all_processes_pss_mib_max": round(max(r.tree_peak_pss_mib for r in polled), 1),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure_browser(), indent=1))
