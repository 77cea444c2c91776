"""`napkin bench`: one table of speed and size measurements, each row measured in this run.

Rows come from the modules of the top-level `bench` package (`bench.MODULES`); each has
`rows(quick: bool) -> list[dict]` with keys metric, value, unit, baseline (or None) and ratio (or
None). `--json` prints {"rows": [...]} (contract). The bench package and what it drives (formulas,
LibreOffice, Playwright) come with the `bench` extra.
"""

from __future__ import annotations

import importlib
import sys

from napkin.cli import CliError, print_json

EXTRA_HINT = "napkin bench needs the bench extra: python3 -m pip install -e '.[bench]'"


def register(sub) -> None:
    p = sub.add_parser("bench", help="measure speed and print a table")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quick", action="store_true", help="fewer repetitions (for smoke tests)")
    p.add_argument("--only", action="append", default=[], help="run only these bench modules (e.g. engine)")
    p.set_defaults(handler=cmd_bench)


def collect(quick: bool = False, only: list[str] | None = None) -> list[dict]:
    """Run the bench modules (all, or those named in `only`) and return their rows in order."""
    try:
        import bench
    except ModuleNotFoundError as exc:
        raise CliError(f"{EXTRA_HINT} ({exc.name} is missing).") from None
    unknown = sorted(set(only or ()) - set(bench.MODULES))
    if unknown:
        raise CliError(f"--only takes {', '.join(bench.MODULES)}; not {', '.join(unknown)}.")
    rows = []
    for short in bench.MODULES:
        if only and short not in only:
            continue
        try:
            mod = importlib.import_module(f"bench.{short}")
        except ModuleNotFoundError as exc:
            raise CliError(f"{EXTRA_HINT} ({exc.name} is missing).") from None
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
