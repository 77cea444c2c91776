"""Helpers shared by the bench modules: one row's shape and simple timing statistics."""

from __future__ import annotations

import statistics
import time


def row(metric: str, value: float, unit: str, baseline: float | None = None, ratio: float | None = None) -> dict:
    """Make one benchmark row; ratio defaults to baseline / value when a baseline is given."""
    if baseline is not None and ratio is None and value:
        ratio = baseline / value
    return {"metric": metric, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio}


def timed(fn, repeat: int) -> list[float]:
    """Call fn `repeat` times; return each call's wall time in seconds."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def p95(xs: list[float]) -> float:
    """The 95th percentile (nearest rank) of xs."""
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def median(xs: list[float]) -> float:
    """The median of xs."""
    return statistics.median(xs)
