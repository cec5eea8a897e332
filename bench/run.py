"""`make bench`: runs every measurement, prints the table and writes bench/results.json.

The in-process parts (taps, idle, rendering) each run in a fresh interpreter, so that one
part's caches and memory do not flatter or burden the next. Nothing here is a test: it asserts
nothing, it measures. Options: --quick (fewer rounds, for a first look), --no-browser,
--no-hostile (the hostile content set, bench/hostile.py, each case in a process of its own).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from bench.browser_reference import measure_browser
from bench.hostile import measure_hostile
from bench.read_aloud import measure_read_aloud
from bench.report import checks, format_table
from bench.startup import REPO, child_env, measure_startup

RESULTS = REPO / "bench" / "results.json"


def machine() -> dict:
    """Describe the machine and the versions the figures come from."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    qt = metadata.version("PySide6-Essentials")
    py = platform.python_version()
    return {"cpu": cpu, "cores": cores, "os": platform.platform(terse=True), "python": py,
            "pyside6": qt,
            "summary": f"{cpu}, {cores} cores, {platform.system()}, Python {py}, PySide6 {qt}"}


def in_child(module: str, *args: str) -> dict:
    """Run `python -m bench.<module> ARGS` and return the JSON it prints last."""
    with_env = child_env(str(REPO / ".pytest_cache" / "bench-files"))
    with_env.pop("QT_QPA_PLATFORM", None)  # the module picks its 1920x1080 offscreen screen
    done = subprocess.run([sys.executable, "-m", f"bench.{module}", *args], cwd=REPO,
                          env=with_env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.{module} failed ({done.returncode}): {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, write bench/results.json; exit 0 even if a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (about a minute)")
    parser.add_argument("--no-browser", action="store_true", help="skip headless Chromium")
    parser.add_argument("--no-hostile", action="store_true",
                        help="skip the hostile content set (bench/hostile.py, about 2 minutes)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    options = parser.parse_args(argv)
    quick = options.quick
    started = time.perf_counter()
    results: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC",
                                                                 time.gmtime())}
    steps = [
        ("startup", lambda: measure_startup(5 if quick else 25)),
        ("taps", lambda: in_child("tap_to_page", "5" if quick else "20",
                                  "1000" if quick else "5000")),
        ("idle", lambda: in_child("idle_cost", "3" if quick else "10")),
        ("rendering", lambda: in_child("rendering_speed")),
        ("read_aloud", lambda: measure_read_aloud(5 if quick else 20)),
    ]
    if not options.no_browser:
        steps.append(("browser", lambda: measure_browser(3 if quick else 5)))
    if not options.no_hostile:
        steps.append(("hostile", lambda: measure_hostile()))
    for name, step in steps:
        print(f"bench: measuring {name} ...", file=sys.stderr, flush=True)
        results[name] = step()
    results["targets"] = checks(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    options.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(format_table(results))
    print(f"\n(written to {options.output}, {results['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
