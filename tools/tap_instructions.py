"""Instructions per tap under callgrind: the tap-to-page bench counted, not timed (machine-independent).

Wall-clock tap times swing by a third from one minute to the next on a shared machine; the
number of instructions a tap runs does not. This runs bench.tap_to_page's taps (two rounds:
cold, then warm) under valgrind's callgrind, counting only from each tap to its painted screen,
and prints the p50, p95 and max per kind of tap and the heaviest warm taps.

    python tools/tap_instructions.py [--rounds 2] [--out DIR]    (needs valgrind and a C compiler)

Under valgrind it takes about ten minutes. The page prerenderer is held back (valgrind is
about 50 times slower, and its work would land inside the taps).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELPER_C = """
#include <valgrind/callgrind.h>
void tap_collect_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
void tap_dump(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
void tap_zero(void) { CALLGRIND_ZERO_STATS; }
"""
TRIGGER = re.compile(r"^desc: Trigger: Client Request: (\d+) (.*)$", re.M)
TOTALS = re.compile(r"^totals: (\d+)", re.M)


def build_helper(folder: Path) -> Path:
    """Compile the three callgrind client requests into a library ctypes can load."""
    source, library = folder / "tap_helper.c", folder / "libtap_helper.so"
    source.write_text(HELPER_C, encoding="utf-8")
    subprocess.run(["cc", "-O1", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library


def run_taps(library: Path, rounds: int) -> None:
    """Inside valgrind: run the bench's taps, each one counted and dumped under its own label."""
    sys.path.insert(0, str(ROOT))
    helper = ctypes.CDLL(str(library))
    import kiosk.ui.page_prerender as prerender
    prerender.PagePrerenderer.start.__defaults__ = (10**7,)  # (held back: see the docstring)

    import bench.tap_to_page as bench

    count = [0]
    doing = ["home"]
    round_number = [0]  # each round of measure_taps begins by switching to the first language
    first_language: list[str] = []

    timed_tap = bench.TapDriver.tap

    def tap(driver, widget, pos=None) -> float:  # the bench's own tap, counted
        helper.tap_zero()
        helper.tap_collect_toggle()
        ms = timed_tap(driver, widget, pos)
        helper.tap_collect_toggle()
        count[0] += 1
        helper.tap_dump(f"{count[0]} {round_number[0]} {doing[0]}".encode())
        return ms

    def labelled(kind: str, method):
        def wrapper(driver, page):
            doing[0] = f"{kind} {driver.window.session.lang}/{page.id}"
            try:
                return method(driver, page)
            finally:
                doing[0] = "home"
        return wrapper

    switch_language = bench.TapDriver.switch_language

    def counting_rounds(driver, lang: str):
        if not first_language:
            first_language.append(lang)
        if lang == first_language[0]:
            round_number[0] += 1
        return switch_language(driver, lang)

    bench.TapDriver.tap = tap
    bench.TapDriver.switch_language = counting_rounds
    bench.TapDriver.open_by_tap = labelled("page", bench.TapDriver.open_by_tap)
    bench.TapDriver.link_tap = labelled("link", bench.TapDriver.link_tap)
    bench.measure_restyles = lambda *args, **kwargs: {}
    result = bench.measure_taps(rounds, 0, 0)
    if result["miss_count"]:
        print(f"taps that missed: {result['misses']}", file=sys.stderr)


def read_dumps(folder: Path) -> list[tuple[int, str, int]]:
    """Return (order, label, instructions) of every tap callgrind dumped into `folder`."""
    rows = []
    for path in folder.glob("cg.out.*"):
        text = path.read_text(encoding="utf-8", errors="replace")
        trigger, totals = TRIGGER.search(text), TOTALS.search(text)
        if trigger and totals:
            rows.append((int(trigger.group(1)), trigger.group(2), int(totals.group(1))))
    return sorted(rows)


def report(rows: list[tuple[int, str, int]]) -> dict:
    """Summarise the taps in millions of instructions: round 1 cold, the later rounds warm.

    Each label is "ROUND KIND [LANG/PAGE]", as run_taps writes it.
    """
    sys.path.insert(0, str(ROOT))
    from bench.stats import percentile

    phases: dict[str, list[tuple[int, str, int]]] = {"cold": [], "warm": []}
    for order, label, total in rows:
        round_text, _, what = label.partition(" ")
        phases["cold" if round_text == "1" else "warm"].append((order, what, total))
    result: dict = {}
    for phase, taps in phases.items():
        kinds: dict[str, list[float]] = {}
        for _, label, total in taps:
            kind = label.split(" ")[0]
            kinds.setdefault(kind, []).append(total / 1e6)
            if kind != "home":
                kinds.setdefault("page and link", []).append(total / 1e6)
        result[phase] = {kind: {"n": len(values), "p50": round(percentile(values, 50), 1),
                                "p95": round(percentile(values, 95), 1),
                                "max": round(max(values), 1)} for kind, values in kinds.items()}
    heaviest = sorted(phases["warm"], key=lambda row: -row[2])[:8]
    result["heaviest warm taps"] = [(label, round(total / 1e6, 1)) for _, label, total in heaviest]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, help="folder for callgrind's dumps (default: a new one)")
    parser.add_argument("--inside", type=Path, help=argparse.SUPPRESS)  # (the run under valgrind)
    options = parser.parse_args(argv)
    if options.inside:
        run_taps(options.inside, options.rounds)
        return 0
    for tool in ("valgrind", "cc"):
        if shutil.which(tool) is None:
            print(f"tap_instructions: {tool} is not installed (Debian: apt install valgrind gcc)")
            return 2
    out = options.out or Path(tempfile.mkdtemp(prefix="kiosk-taps-"))
    out.mkdir(parents=True, exist_ok=True)
    library = build_helper(out)
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the bench's own 1920x1080 offscreen screen
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(out / name.lower())
    env["PYTHONPATH"] = str(ROOT)
    command = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
               f"--callgrind-out-file={out / 'cg.out'}", sys.executable, str(Path(__file__).resolve()),
               "--rounds", str(options.rounds), "--inside", str(library)]
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    rows = read_dumps(out)
    if done.returncode != 0 or not rows:
        print(f"tap_instructions: the run under valgrind failed ({done.returncode}); "
              f"its last words: {done.stderr.strip().splitlines()[-1:]}")
        return 1
    print(json.dumps(report(rows), indent=1))
    print(f"callgrind's dumps: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
