"""Start-up and peak memory: `kiosk --screenshot` of the home screen against the bare-Qt floor.

Both run as whole processes (interpreter, imports, window, paint, PNG, exit), alternately,
so that a busy moment on the machine hits both alike. One untimed run of each warms the
disk cache first (and the kiosk's front-matter cache, as every start after the first one in a
clinic finds it). The kiosk's modules are compiled to bytecode first, as they are in an
installed or frozen app (otherwise, with PYTHONDONTWRITEBYTECODE set, every run would compile
its source again: about 80 ms).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.process_probe import ProcessRun, run_measured

REPO = Path(__file__).resolve().parent.parent


def child_env(scratch: str) -> dict[str, str]:
    """Return the environment for a child: offscreen Qt, files in a scratch folder, repo on path.

    On Linux the kiosk's log and cache folders are moved through the XDG variables, so it finds
    them the way it does in a clinic (through platformdirs); elsewhere through KIOSK_LOG_DIR and
    KIOSK_CACHE_DIR (and KIOSK_DATA_DIR), so that a benchmark never writes into the user's own
    folders.
    """
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("KIOSK_LOG_DIR", "KIOSK_CACHE_DIR", "KIOSK_DATA_DIR"):
        env.pop(name, None)
    if sys.platform.startswith("linux"):
        env["XDG_STATE_HOME"] = str(Path(scratch) / "state")  # logs
        env["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")
        env["XDG_DATA_HOME"] = str(Path(scratch) / "data")  # the usage figures
    else:
        env["KIOSK_LOG_DIR"] = str(Path(scratch) / "logs")
        env["KIOSK_CACHE_DIR"] = str(Path(scratch) / "cache")
        env["KIOSK_DATA_DIR"] = str(Path(scratch) / "data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def commands(folder: Path) -> dict[str, list[str]]:
    """Return the two commands compared: the kiosk's screenshot and the bare-Qt reference."""
    return {
        "kiosk": [sys.executable, "-m", "kiosk", "--screenshot", str(folder / "kiosk.png")],
        "bare_qt": [sys.executable, "-m", "bench.bare_qt_reference", str(folder / "bare.png"),
                    "1920", "1080"],
    }


def summarize(runs: list[ProcessRun]) -> dict:
    """Return median and spread of wall time (ms) and peak RSS (MiB) over `runs`."""
    walls = [r.wall_s * 1000 for r in runs]
    peaks = [r.peak_rss_mib for r in runs]
    return {
        "runs": len(runs),
        "failed": sum(r.returncode != 0 for r in runs),
        "wall_ms_median": round(statistics.median(walls), 1),
        "wall_ms_min": round(min(walls), 1),
        "wall_ms_max": round(max(walls), 1),
        "cpu_ms_median": round(statistics.median(r.cpu_s * 1000 for r in runs), 1),
        "peak_rss_mib_median": round(statistics.median(peaks), 1),
    }


def compile_bytecode() -> None:
    """Write the .pyc files of the kiosk and the bench, as an installed app has them."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "kiosk"),
                    str(REPO / "bench")], check=False, stdout=subprocess.DEVNULL)


def measure_startup(rounds: int = 25) -> dict:
    """Run both commands `rounds` times each, alternating; return the summaries and ratios."""
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        folder = Path(scratch)
        env = child_env(str(folder))
        cmds = commands(folder)
        runs: dict[str, list[ProcessRun]] = {name: [] for name in cmds}
        for cmd in cmds.values():
            run_measured(cmd, env)  # warms the disk cache and the kiosk's front-matter cache; not counted
        for index in range(rounds):
            order = list(cmds) if index % 2 == 0 else list(reversed(cmds))
            for name in order:
                runs[name].append(run_measured(cmds[name], env))
    result = {name: summarize(name_runs) for name, name_runs in runs.items()}
    kiosk, bare = result["kiosk"], result["bare_qt"]
    result["time_ratio"] = round(kiosk["wall_ms_median"] / bare["wall_ms_median"], 2)
    result["memory_ratio"] = round(kiosk["peak_rss_mib_median"] / bare["peak_rss_mib_median"], 2)
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(measure_startup(int(sys.argv[1]) if len(sys.argv) > 1 else 25), indent=1))
