"""Idle cost, in-process: CPU time the kiosk uses while nobody touches it, event loop running.

Measured on the home screen and on the start (attract) screen that kiosk mode shows between
patients, each for a stretch of wall time after one second to settle, once the pages the kiosk
renders ahead of time after start-up are done (that one-off work is reported on its own).
The figure is CPU time (user + system, all threads) divided by wall time: 1 % means a
hundredth of one core.
Run alone: python -m bench.idle_cost [SECONDS]  (prints JSON)
"""

from __future__ import annotations

import json
import sys
import time

from bench.tap_to_page import run_loop, use_offscreen_screen


def cpu_share(app, seconds: float) -> dict:
    """Settle for a second, then return the CPU used over `seconds` of idle event loop."""
    run_loop(app, 1.0)
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    run_loop(app, seconds)
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - wall_start
    return {"seconds": round(wall, 2), "cpu_ms": round(cpu * 1000, 1),
            "percent_of_core": round(100 * cpu / wall, 3)}


def finish_prerender(app, window) -> dict | None:
    """Let the kiosk render its pages ahead of time (once, after start-up); return what it cost.

    That one-off work is not idle cost, so it is done and reported before the idle stretches.
    """
    prerender = getattr(window, "prerender", None)
    if prerender is None:
        return None
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    while prerender.pending and time.perf_counter() - wall_start < 30:
        run_loop(app, 0.1)
    return {"cpu_ms": round((time.process_time() - cpu_start) * 1000, 1),
            "seconds": round(time.perf_counter() - wall_start, 2)}


def measure_idle(seconds: float = 10.0) -> dict:
    """Return the idle CPU share on the home screen and on the start screen."""
    use_offscreen_screen()
    from kiosk.app import create_window, ensure_application

    app = ensure_application()
    window = create_window(["--size", "1920x1080"])
    window.show()
    window.session.home()
    result = {"prerender": finish_prerender(app, window), "home": cpu_share(app, seconds)}
    mode = getattr(window, "kiosk_mode", None)
    if mode is not None and hasattr(mode, "show_attract"):
        mode.show_attract()
        result["attract"] = cpu_share(app, seconds)
    else:
        result["attract"] = None  # no start screen in this version of the kiosk
    window.close()
    return result


if __name__ == "__main__":
    print(json.dumps(measure_idle(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0)))
