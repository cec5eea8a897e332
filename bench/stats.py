"""Summaries of timing samples: percentiles by nearest rank, rounded for the table."""

from __future__ import annotations

import math


def percentile(values: list[float], pct: float) -> float:
    """Return the nearest-rank percentile `pct` (0-100) of `values` (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(samples: list[tuple[float, float]]) -> dict:
    """Return n, p50, p95 and max of (wall ms, CPU ms) samples, and the CPU p50 and p95."""
    values = [wall for wall, _ in samples]
    cpu = [cpu for _, cpu in samples]
    return {
        "n": len(values),
        "p50": round(percentile(values, 50), 2),
        "p95": round(percentile(values, 95), 2),
        "max": round(max(values), 2) if values else 0.0,
        "cpu_p50": round(percentile(cpu, 50), 2),
        "cpu_p95": round(percentile(cpu, 95), 2),
    }
