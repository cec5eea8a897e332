"""Hostile content: can one bad file (or ten thousand pages) slow, freeze or kill the kiosk.

Each case of bench/hostile_content.py is written into a temporary folder and run in a child
process of its own, with a cap on its address space (RLIMIT_AS, so a giant allocation fails
instead of taking the machine down) and a timeout (so a freeze cannot hang the bench). The child
starts the real window on that content at 1920x1080 offscreen and reports each figure as soon as
it has it (one JSON line each), so a case that freezes or dies still reports what came before:

- first screen: from the process's creation to the home screen painted;
- open: a tap on the page's tile (or, for a section of thousands, a tap in its panel), to painted;
- Text size and High contrast taps on that page and on the home screen (the slowest of each);
- while pages are rendered ahead of time (a few seconds after start-up), the longest time the
  event loop did not answer (what a tap then would wait), and a second open of the page;
- peak resident memory (the kernel's count for the process), and how many lines the log got.

Run alone: python -m bench.hostile [--cases a,b] [--timeout S] [--memory-mib M]  (prints JSON)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.hostile_content import CASES, write_case
from bench.startup import REPO, child_env

TIMEOUT_S = 120  # a case that has not finished by then is frozen
MEMORY_LIMIT_MIB = 4096  # address space, not resident memory: Qt and Python map far more than they use
TARGETS = {"open_ms": 1000.0, "restyle_ms": 1000.0, "peak_rss_mib": 400.0,
           "first_screen_ms": 5000.0, "tap_ms": 100.0}
MANY = ("many-sections", "big-section")  # the cases whose taps must stay under 100 ms


def _emit(step: str, **values: object) -> None:
    print(json.dumps({"step": step, **values}), flush=True)


def child(case: str, content: Path, page_id: str) -> int:
    """Measure one case in this process (started by run_case); print one JSON line per figure."""
    import psutil

    from bench.tap_to_page import TapDriver, run_loop, use_offscreen_screen

    started = float(os.environ.get("KIOSK_BENCH_STARTED", "0")) or psutil.Process().create_time()
    use_offscreen_screen()
    from PySide6.QtCore import QElapsedTimer, QTimer

    from kiosk.app import create_window, ensure_application
    from kiosk.logs import setup_logging
    from kiosk.ui import qt_log

    setup_logging()  # into the scratch folder's log, as in a clinic (and warnings to stderr)
    qt_log.install()
    app = ensure_application()
    window = create_window(["--windowed", "--content", str(content), "--size", "1920x1080"])
    window.show()
    app.processEvents()
    window.repaint()
    _emit("first_screen", ms=round((time.time() - started) * 1000, 1),
          tiles=len(window.home_screen.tiles))
    driver = TapDriver(window, app)
    driver.settle()
    session = window.session

    def open_page() -> float:
        page = session.language.pages[page_id]
        if case == "big-section":  # the section, then a page of its panel (after "More pages")
            slowest = driver.open_by_tap(page)[1]
            panel = window.page_screen.panel
            more = getattr(panel, "more_button", None)  # (a panel of every page has none)
            if more is not None and more.isVisible():
                panel.ensureWidgetVisible(more)
                driver.settle()
                slowest = max(slowest, driver.tap(more))
            button = panel.buttons[-1]
            panel.ensureWidgetVisible(button)
            driver.settle()
            return max(slowest, driver.tap(button))
        return driver.open_by_tap(page)[1]

    def restyles(where: str) -> None:
        sizes = [driver.tap(window.nav_bar.text_size_button) for _ in range(3)]
        contrast = [driver.tap(window.nav_bar.contrast_button) for _ in range(2)]
        _emit(f"restyle_{where}", text_size_ms=round(max(sizes), 1),
              contrast_ms=round(max(contrast), 1))

    _emit("open", ms=round(open_page(), 1))
    restyles("page")
    _emit("home", ms=round(driver.go_home() or 0.0, 1))
    restyles("home")
    more = getattr(window.home_screen, "more_tile", None)  # (a home of every tile has none)
    if more is not None:
        first = window.home_screen.tiles[0].page_id
        window.home_screen.tile_area.ensureWidgetVisible(more)  # (scrolled to it, as a finger does)
        driver.settle()
        _emit("more_topics", ms=round(driver.tap(more), 1),
              turned=window.home_screen.tiles[0].page_id != first)
        earlier = window.home_screen.earlier_tile  # back to the first topics, the page's tile
        if earlier is not None and earlier.isVisible():
            window.home_screen.tile_area.ensureWidgetVisible(earlier)
            driver.settle()
            driver.tap(earlier)

    # The prerenderer starts a second after start-up: follow the event loop meanwhile.
    clock = QElapsedTimer()
    clock.start()
    worst = [0.0]
    last = [0.0]

    def beat() -> None:
        now = clock.nsecsElapsed() / 1e6
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(10)
    run_loop(app, 4.0)
    timer.stop()
    _emit("prerender", longest_wait_ms=round(worst[0], 1),
          pending=window.prerender.pending)
    _emit("open_again", ms=round(open_page(), 1))
    page = session.language.pages[page_id]
    started_md = time.perf_counter()
    with contextlib.suppress(RecursionError):  # (the page shows its text as written)
        session.renderer.markdown_to_html(page.body)  # (again, uncached: what the first open paid)
    _emit("markdown", ms=round((time.perf_counter() - started_md) * 1000, 1))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _emit("memory", peak_rss_mib=round(peak, 1),
          picture_shown=_picture_shown(window) if case.startswith("giant") else None)
    window.close()
    return 0


def _picture_shown(window) -> str:
    """Describe the picture on the page: its drawn size, or that a placeholder stands in."""
    from PySide6.QtGui import QTextDocument, QTextImageFormat

    view = window.page_screen.view
    document = view.document()
    block = document.begin()
    while block.isValid():
        for item in block:
            fmt = item.fragment().charFormat()
            if fmt.isImageFormat():
                image = document.resource(QTextDocument.ResourceType.ImageResource,
                                          QTextImageFormat(fmt).name())
                size = getattr(image, "size", None)
                return f"{size().width()}x{size().height()}" if size else "none"
        block = block.next()
    return "none"


def _limit_memory(limit_mib: int):
    def apply() -> None:
        limit = limit_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def run_case(case: str, folder: Path, timeout_s: float, memory_mib: int) -> dict:
    """Write `case`, run its child under the limits, and return its figures and how it ended."""
    content = folder / case
    page_id = write_case(case, content)
    scratch = folder / f"{case}-scratch"
    env = child_env(str(scratch))
    env.pop("QT_QPA_PLATFORM", None)  # the child picks its 1920x1080 offscreen screen
    started = time.perf_counter()
    env["KIOSK_BENCH_STARTED"] = repr(time.time())  # the child's first screen counts from here
    proc = subprocess.Popen([sys.executable, "-m", "bench.hostile", "--child", case, str(content),
                             page_id], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=_limit_memory(memory_mib))
    try:
        out, err = proc.communicate(timeout=timeout_s)
        ended = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        ended = f"timed out after {timeout_s:.0f} s"
    result: dict = {"case": case, "ended": ended, "seconds": round(time.perf_counter() - started, 1)}
    for line in out.splitlines():
        if line.startswith("{"):
            values = json.loads(line)
            result[values.pop("step")] = values
    log_lines = 0
    for log in scratch.rglob("*.log"):
        log_lines += len(log.read_text(encoding="utf-8", errors="replace").splitlines())
    result["log_lines"] = log_lines
    result["stderr_lines"] = len(err.splitlines())
    result["stderr_tail"] = err.strip().splitlines()[-1][:200] if err.strip() else ""
    return result


def measure_hostile(cases: list[str] | None = None, timeout_s: float = TIMEOUT_S,
                    memory_mib: int = MEMORY_LIMIT_MIB) -> dict:
    """Run every case (or `cases`); return their figures and whether each meets its target."""
    names = cases or list(CASES)
    with tempfile.TemporaryDirectory(prefix="kiosk-hostile-") as scratch:
        results = {name: run_case(name, Path(scratch), timeout_s, memory_mib) for name in names}
    return {"cases": results, "timeout_s": timeout_s, "memory_limit_mib": memory_mib,
            "targets": hostile_checks(results)}


def _figure(result: dict, step: str, key: str) -> float | None:
    value = (result.get(step) or {}).get(key)
    return float(value) if isinstance(value, int | float) else None


def hostile_checks(results: dict) -> dict[str, bool | None]:
    """Return, per target, whether every case meets it (False when a case died or froze)."""
    if not results:
        return {}
    finished = all(r["ended"] == "ok" for r in results.values())
    opens, restyles, peaks, firsts, taps = [], [], [], [], []
    for name, r in results.items():
        opens += [_figure(r, "open", "ms"), _figure(r, "open_again", "ms")]
        restyles += [_figure(r, f"restyle_{w}", k) for w in ("page", "home")
                     for k in ("text_size_ms", "contrast_ms")]
        peaks.append(_figure(r, "memory", "peak_rss_mib"))
        if name in MANY:
            firsts.append(_figure(r, "first_screen", "ms"))
            if "more_topics" in r:
                taps.append(_figure(r, "more_topics", "ms"))
            # (the very first tap, before the renderer exists, counts in the 1 s for any page)
            taps += [_figure(r, "home", "ms"), _figure(r, "open_again", "ms"),
                     _figure(r, "prerender", "longest_wait_ms")]
            taps += [_figure(r, f"restyle_{w}", k) for w in ("page", "home")
                     for k in ("text_size_ms", "contrast_ms")]

    def within(values: list[float | None], limit: float) -> bool | None:
        if not values:
            return None
        return finished and all(v is not None and v < limit for v in values)

    return {"hostile_open_ms": within(opens, TARGETS["open_ms"]),
            "hostile_restyle_ms": within(restyles, TARGETS["restyle_ms"]),
            "hostile_peak_rss_mib": within(peaks, TARGETS["peak_rss_mib"]),
            "many_pages_first_screen_ms": within(firsts, TARGETS["first_screen_ms"]),
            "many_pages_tap_ms": within(taps, TARGETS["tap_ms"])}


def format_rows(hostile: dict) -> list[str]:
    """Return the table's lines for the hostile set (one line per case, then its targets)."""
    lines = [f"6. Hostile content (each case in its own process, address space <= "
             f"{hostile['memory_limit_mib']} MiB, {hostile['timeout_s']:.0f} s at most)",
             "  (ms: first screen; open the page (its first tap); of that, Python-Markdown; slowest",
             "  Text size and High contrast tap on it; slowest Text size tap on home; longest wait",
             "  while pages render ahead; open again)",
             f"  {'case':<15}{'first':>7}{'open':>7}{'md':>7}{'size':>7}{'contr.':>7}{'home':>7}"
             f"{'ahead':>7}{'again':>7}{'MiB':>6}  ended"]
    for name, r in hostile["cases"].items():
        restyle = r.get("restyle_page") or {}
        lines.append(
            f"  {name:<15}{_num(_figure(r, 'first_screen', 'ms')):>7}"
            f"{_num(_figure(r, 'open', 'ms')):>7}{_num(_figure(r, 'markdown', 'ms')):>7}"
            f"{_num(restyle.get('text_size_ms')):>7}{_num(restyle.get('contrast_ms')):>7}"
            f"{_num((r.get('restyle_home') or {}).get('text_size_ms')):>7}"
            f"{_num(_figure(r, 'prerender', 'longest_wait_ms')):>7}"
            f"{_num(_figure(r, 'open_again', 'ms')):>7}"
            f"{_num(_figure(r, 'memory', 'peak_rss_mib')):>6}  {r['ended']}, "
            f"{r.get('log_lines', 0)} log lines"
            + (f", picture drawn {shown}" if (shown := (r.get("memory") or {}).get("picture_shown"))
               else "")
            + (f", More topics {more:.0f}" if (more := _figure(r, "more_topics", "ms")) else ""))
    names = {"hostile_open_ms": "any page opens in < 1 s",
             "hostile_restyle_ms": "any restyle (Text size, contrast) < 1 s",
             "hostile_peak_rss_mib": "peak resident memory < 400 MiB",
             "many_pages_first_screen_ms": "10,000 pages: first screen < 5 s",
             "many_pages_tap_ms": "10,000 pages: taps < 100 ms"}
    from bench.report import verdict

    for key, ok in hostile["targets"].items():
        lines.append(f"  {names[key]:<82}{verdict(ok)}")
    return lines


def _num(value: object) -> str:
    return f"{value:.0f}" if isinstance(value, int | float) else "-"


def main(argv: list[str] | None = None) -> int:
    """Run the hostile set (or, with --child, one case in this process)."""
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--child", nargs=3, metavar=("CASE", "DIR", "PAGE"), help=argparse.SUPPRESS)
    parser.add_argument("--cases", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds per case")
    parser.add_argument("--memory-mib", type=int, default=MEMORY_LIMIT_MIB,
                        help="address-space limit per case")
    parser.add_argument("--table", action="store_true", help="print the table, not JSON")
    options = parser.parse_args(argv)
    if options.child:
        case, content, page_id = options.child
        return child(case, Path(content), page_id)
    cases = [c for c in options.cases.split(",") if c] or None
    unknown = set(cases or []) - set(CASES)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))} (have: {', '.join(CASES)})")
    result = measure_hostile(cases, options.timeout, options.memory_mib)
    if options.table:
        print("\n".join(format_rows(result)))
    else:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONFAULTHANDLER", "1")
    sys.exit(main())
