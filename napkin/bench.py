"""`napkin bench`: one table of speed and size measurements, each row measured in this run.

Rows come from the modules in BENCH_MODULES; each has `rows(quick: bool) -> list[dict]` with
keys metric, value, unit, baseline (or None) and ratio (or None). `--json` prints
{"rows": [...]} (contract).
"""

from __future__ import annotations

import importlib
import statistics
import sys
import time

from napkin.cli import print_json

BENCH_MODULES = ("napkin.bench_engine", "napkin.bench_excel", "napkin.bench_analysis", "napkin.bench_dashboard")


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
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def register(sub) -> None:
    p = sub.add_parser("bench", help="measure speed and print a table")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quick", action="store_true", help="fewer repetitions (for smoke tests)")
    p.add_argument("--only", action="append", default=[], help="run only these bench modules (e.g. engine)")
    p.set_defaults(handler=cmd_bench)


def collect(quick: bool = False, only: list[str] | None = None) -> list[dict]:
    rows = []
    for mod_name in BENCH_MODULES:
        short = mod_name.rsplit("_", 1)[-1]
        if only and short not in only:
            continue
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as exc:
            if exc.name == mod_name:
                continue
            raise
        print(f"bench: {short} ...", file=sys.stderr)
        rows.extend(mod.rows(quick))
    return rows


def _fmt(x) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.4g}"
    return str(x)


def cmd_bench(args) -> int:
    rows = collect(args.quick, args.only)
    if args.json:
        print_json({"rows": rows})
        return 0
    w = max(len(r["metric"]) for r in rows) if rows else 10
    print(f"| {'metric':<{w}} | value | unit | baseline | ratio |")
    print(f"|{'-' * (w + 2)}|------:|------|---------:|------:|")
    for r in rows:
        ratio = f"{r['ratio']:.0f}×" if r["ratio"] and r["ratio"] >= 10 else (f"{r['ratio']:.2f}×" if r["ratio"] else "—")
        print(f"| {r['metric']:<{w}} | {_fmt(r['value'])} | {r['unit']} | {_fmt(r['baseline'])} | {ratio} |")
    return 0
