"""Runs a command as a child process and measures its wall time, CPU time and peak memory."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass

import psutil

MIB = 1024 * 1024


@dataclass
class ProcessRun:
    """One finished child process: wall seconds, CPU seconds, peak RSS (largest process)."""

    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    returncode: int
    tree_peak_pss_mib: float = 0.0  # peak of the summed PSS (shared pages split) of the tree


def run_measured(cmd: list[str], env: dict[str, str] | None = None,
                 poll_tree: bool = False) -> ProcessRun:
    """Run `cmd` to the end; peak RSS from the kernel's rusage (psutil polling elsewhere).

    On Linux and macOS, os.wait4 returns the child's own rusage, so ru_maxrss is exact
    for that child (and the largest of the descendants it waited for). With `poll_tree`,
    the summed proportional memory (PSS: shared pages divided among the processes sharing
    them, where the system reports it, else RSS) of the whole process tree is sampled every
    10 ms (for browsers, which spread over several processes).
    """
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = 0
    if poll_tree:
        tree_peak = _poll_tree(child)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
        peak = usage.ru_maxrss * scale
        cpu = usage.ru_utime + usage.ru_stime
    else:  # Windows: sample the memory instead
        peak = _poll_tree(child, children=False)
        child.wait()
        wall = time.perf_counter() - start
        cpu = 0.0
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode != 0:
        print(f"bench: {' '.join(cmd[:4])} ... exited {child.returncode}: {errors[-400:]}",
              file=sys.stderr)
    return ProcessRun(wall, cpu, peak / MIB, child.returncode, tree_peak / MIB)


def _poll_tree(child: subprocess.Popen, children: bool = True) -> int:
    """Sample the PSS of the child and its descendants (or its own RSS) until it exits."""
    peak = 0
    try:
        proc = psutil.Process(child.pid)
    except psutil.NoSuchProcess:
        return 0
    while _alive(proc):
        total = 0
        try:
            procs = [proc, *proc.children(recursive=True)] if children else [proc]
            for member in procs:
                with contextlib.suppress(psutil.Error):
                    total += _proportional(member) if children else member.memory_info().rss
        except psutil.Error:
            break
        peak = max(peak, total)
        time.sleep(0.01)
    return peak


def _proportional(proc: psutil.Process) -> int:
    """Return the process's PSS where the system has it (Linux), else its RSS."""
    info = proc.memory_full_info()
    return getattr(info, "pss", info.rss)


def _alive(proc: psutil.Process) -> bool:
    """Return True while the process runs (a zombie waiting to be reaped counts as ended)."""
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
