"""Analysis subcommands: sensitivity, solve, sweep, mc, regimes, scenario, diff.

Each is a thin adapter over a pure function in model/ (sensitivity, solve, sweep, montecarlo,
regimes, scenarios). `--scenario FILE` applies a saved scenario before any `--set`.
"""

from __future__ import annotations

import argparse
import math
import sys

from napkin.cli import CliError, add_set_option, load_model, model_from_args, non_negative_int, positive_int, print_json, strip_controls

MAX_SAMPLES = 10_000_000


def _fmt(x, unit: str = "") -> str:
    from model import format_number, unit_suffix  # imported by the handlers: `napkin --help` needs no model

    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if isinstance(x, str):  # a device choice's member
        return x
    s = format_number(x)
    return s + unit_suffix(unit)


def _display_unit(unit: str) -> str:
    from model import display_unit

    return display_unit(unit)


def _add_model_options(p: argparse.ArgumentParser) -> None:
    add_set_option(p)


def _add_constants_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--include-constants", action="store_true",
                   help="also treat definitional constants (seconds per day, FLOP per MAC) as uncertain inputs")


def _model(args):
    return model_from_args(args)


def _ranges_of(args) -> dict[str, str]:
    """The ranges of a command line: the --scenario file's `ranges`, then each --range (which wins)."""
    out: dict[str, str] = {}
    if getattr(args, "scenario", None):
        from model.analysis import load_scenario
        from napkin.cli import load_graph

        out.update(load_scenario(load_graph(), args.scenario).ranges)
    out.update(_ranges(args.ranges))
    return out


def _ranges(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        name, sep, spec = item.partition("=")
        if not sep or not name.strip() or not spec.strip():
            raise CliError(f"--range needs NAME=KIND:..., e.g. --range p01.eta_base=triangular:0.3:0.45:0.6, got {item!r}.")
        out[name.strip()] = spec.strip()
    return out


def register(sub) -> None:
    p = sub.add_parser("sensitivity", help="exact derivatives, elasticities and a tornado for one output")
    p.add_argument("name")
    _add_model_options(p)
    p.add_argument("--swing", type=float, default=0.2, help="tornado low/high as value ×(1∓swing) (default 0.2)")
    p.add_argument("--range", dest="ranges", action="append", default=[], metavar="NAME=SPEC",
                   help="use this range as an input's tornado low/high (uniform:LO:HI, triangular:LO:MODE:HI, lognormal:MEDIAN:SIGMA)")
    p.add_argument("--top", type=positive_int, default=None, help="show only the N most elastic inputs")
    _add_constants_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sensitivity)

    p = sub.add_parser("solve", help="goal seek: which input value makes an output hit a target")
    p.add_argument("goal", metavar="OUTPUT=TARGET", help='e.g. p01.days_base=10 or p01.days_base="240 h"')
    p.add_argument("--for", dest="for_input", required=True, metavar="INPUT")
    p.add_argument("--latex", action="store_true", help="print the closed-form formula as LaTeX (default: plain text)")
    _add_model_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_solve)

    p = sub.add_parser("sweep", help="an output over one input (or a grid over two), as CSV")
    p.add_argument("output")
    p.add_argument("--over", action="append", required=True, metavar="INPUT=LO:HI[:N]", help="repeat for a 2-D grid")
    p.add_argument("--log", action="store_true", help="space the points geometrically")
    p.add_argument("-o", "--out", metavar="PATH.csv", help="write the CSV to a file instead of stdout")
    _add_model_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sweep)

    p = sub.add_parser("mc", help="Monte Carlo: percentiles of outputs and verdict probabilities under input ranges")
    p.add_argument("names", nargs="*", metavar="NAME", help="cells or sheet ids to report (default: every cell reached)")
    p.add_argument("--range", dest="ranges", action="append", default=[], metavar="NAME=SPEC",
                   help="uniform:LO:HI, triangular:LO:MODE:HI or lognormal:MEDIAN:SIGMA in display units (repeatable)")
    p.add_argument("-n", "--samples", type=positive_int, default=10_000,
                   help=f"number of samples (1 to {MAX_SAMPLES:,}; default 10,000)")
    p.add_argument("--seed", type=non_negative_int, default=0)
    _add_constants_option(p)
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar on stderr (default: for long runs on a terminal)")
    _add_model_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_mc)

    p = sub.add_parser("regimes", help="active branch of each Max/Min/Piecewise/verdict and where it flips")
    p.add_argument("name", help="a cell, or a sheet id for all its switching cells")
    p.add_argument("--for", dest="inputs", action="append", default=None, metavar="INPUT",
                   help="solve boundaries only for these inputs (repeatable)")
    _add_model_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_regimes)

    p = sub.add_parser("scenario", help="save or check a scenario file")
    ssub = p.add_subparsers(dest="scenario_command", metavar="ACTION")
    ssub.required = True
    q = ssub.add_parser("save", help="save --set overrides (and a loaded --scenario) as a scenario file")
    q.add_argument("path")
    q.add_argument("--name", required=True)
    _add_model_options(q)
    q.set_defaults(handler=cmd_scenario_save)
    q = ssub.add_parser("show", help="validate a scenario file and list its overrides")
    q.add_argument("path")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_scenario_show)

    p = sub.add_parser("diff", help="compare two scenarios and attribute each output's change")
    p.add_argument("a", help="scenario file, or 'default'")
    p.add_argument("b", help="scenario file, or 'default'")
    p.add_argument("names", nargs="*", metavar="NAME", help="cells or sheet ids to report (default: all that changed)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_diff)


# ---- sensitivity -------------------------------------------------------------------------
def cmd_sensitivity(args) -> int:
    from model.analysis import parse_range, sensitivity

    m = _model(args)
    ranges = {n: parse_range(m, n, s) for n, s in _ranges_of(args).items()}
    s = sensitivity(m, args.name, swing=args.swing, ranges=ranges, include_constants=args.include_constants)
    if args.json:
        print_json(s.to_dict())
        return 0
    rows = s.inputs[: args.top] if args.top else s.inputs
    print(f"{s.output} = {_fmt(s.value, s.unit)}   ({len(s.inputs)} free inputs; tornado: ±{args.swing:g} unless --range)")
    head = ("input", "value", "∂y/∂x", "elasticity", "y at low … high")
    table = [head] + [(r.name, _fmt(r.value, r.unit),
                       _fmt(r.derivative, r.derivative_unit),
                       "—" if r.elasticity is None else f"{r.elasticity:+.3f}",
                       f"{_fmt(r.y_low)} … {_fmt(r.y_high, s.unit)}") for r in rows]
    _print_table(table)
    return 0


def _print_table(rows: list[tuple]) -> None:
    widths = [max(len(str(r[k])) for r in rows) for k in range(len(rows[0]))]
    for n, r in enumerate(rows):
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=False)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# ---- solve -------------------------------------------------------------------------------
def cmd_solve(args) -> int:
    from model.analysis import solve

    output, sep, target = args.goal.partition("=")
    if not sep or not output.strip() or not target.strip():
        raise CliError(f"solve needs OUTPUT=TARGET (e.g. p01.days_base=10), got {args.goal!r}.")
    m = _model(args)
    r = solve(m, output.strip(), target.strip(), args.for_input)
    if args.json:
        print_json(r.to_dict())
        return 0 if r.value is not None else 1
    if r.value is None:
        print(r.message, file=sys.stderr)
        for note in r.notes:
            print(f"  note: {note}", file=sys.stderr)
        return 1
    print(r.message)
    print(f"  method: {r.method}" + (" (closed form)" if r.formula else " (bracketed root)"))
    if r.formula:
        print(f"  formula: {r.formula if args.latex else (r.formula_text or r.formula)}")
    if len(r.solutions) > 1:
        print("  all solutions: " + ", ".join(_fmt(x, r.unit) for x in r.solutions))
    for note in r.notes:
        print(f"  note: {note}")
    return 0


# ---- sweep -------------------------------------------------------------------------------
def cmd_sweep(args) -> int:
    from model.analysis import parse_axis, sweep

    if len(args.over) > 2:
        raise CliError(f"sweep takes one or two --over axes, not {len(args.over)}.")
    m = _model(args)
    df = sweep(m, args.output, *(parse_axis(o, log=args.log) for o in args.over))
    if args.json:
        rows = [[_plain(v) for v in row] for row in df.itertuples(index=False, name=None)]
        out = {"output": args.output, "input": df.columns[0], "rows": rows, "units": df.attrs["units"]}
        if len(args.over) == 2:
            out["inputs"] = list(df.columns[:2])
        print_json(out)
        return 0
    from model import is_pure

    header = [f"{c} [{u}]" if not is_pure(u := df.attrs["units"][c]) else c for c in df.columns]
    csv = df.to_csv(index=False, header=header, float_format="%.10g", lineterminator="\n")
    if args.out:
        from pathlib import Path

        Path(args.out).write_text(csv, encoding="utf-8")
        print(f"wrote {len(df)} rows to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(csv)
    return 0


def _plain(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v.item() if hasattr(v, "item") else v


# ---- Monte Carlo -------------------------------------------------------------------------
def _progress_wrapper(args, n: int):
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and n >= 200_000)
    if not show:
        return None

    def wrap(cells):
        cells = list(cells)
        try:
            from tqdm import tqdm
        except ImportError:  # a plain counter
            def gen():
                for k, c in enumerate(cells, 1):
                    if k % 25 == 0 or k == len(cells):
                        print(f"\rmc: {k}/{len(cells)} cells", end="", file=sys.stderr, flush=True)
                    yield c
                print(file=sys.stderr)
            return gen()
        return tqdm(cells, desc=f"mc ({n:,} samples)", unit="cell", file=sys.stderr, leave=False)
    return wrap


def _select(m, names: list[str]) -> list[str] | None:
    if not names:
        return None
    out = []
    for n in names:
        if n in m.graph.sheets:
            out += [c.name for c in m.graph.sheet_cells(n)]
        else:
            out.append(m.cell(n).name)
    return out


def cmd_mc(args) -> int:
    from model.analysis import monte_carlo

    if args.samples > MAX_SAMPLES:
        raise CliError(f"-n {args.samples:,} is more samples than Napkin draws (at most {MAX_SAMPLES:,}); "
                       f"percentiles settle long before that.")
    m = _model(args)
    wanted = _select(m, args.names)
    r = monte_carlo(m, _ranges_of(args), n=args.samples, seed=args.seed, outputs=wanted,
                    include_constants=args.include_constants,
                    progress=_progress_wrapper(args, args.samples))
    stats = [s for s in r.stats.values() if wanted is None or s.name in wanted]
    if args.json:
        d = r.to_dict()
        d["cells"] = [c for c in d["cells"] if wanted is None or c["name"] in wanted]
        print_json(d)
        return 0
    print(f"Monte Carlo: {r.n:,} samples, seed {r.seed}; ranges: "
          + ", ".join(f"{k} ~ {v}" for k, v in r.ranges.items()))
    if wanted is not None:
        missed = [n for n in wanted if n not in r.stats]
        if missed and len(missed) == len(wanted):
            print("(none of the named cells depends on a ranged input)")
    table = [("cell", "P5", "P50", "P95", "unit", "valid")]
    verdicts = []
    for s in stats:
        if s.kind == "verdict":
            verdicts.append(s)
            continue
        table.append((s.name, _fmt(s.p5), _fmt(s.p50), _fmt(s.p95), _display_unit(s.unit), f"{s.valid:.0%}"))
    if len(table) > 1:
        _print_table(table)
    for s in verdicts:
        probs = ", ".join(f"P({lab!r}) = {p:.1%}" for lab, p in (s.probabilities or {}).items())
        print(f"{s.name}: {probs}")
    return 0


# ---- regimes -----------------------------------------------------------------------------
def cmd_regimes(args) -> int:
    from model.analysis import regimes, switch_cells

    m = _model(args)
    if args.name in m.graph.sheets:
        names = switch_cells(m, args.name)
        if not names:
            raise CliError(f"Sheet '{args.name}' has no verdict or Max/Min/Piecewise cell.")
    else:
        names = [args.name]
    results = [regimes(m, n, inputs=args.inputs) for n in names]
    if args.json:
        print_json([r.to_dict() for r in results] if args.name in m.graph.sheets else results[0].to_dict())
        return 0
    for r in results:
        c = m.cell(r.cell)
        shown = f'"{r.value}"' if c.kind.value == "verdict" else _fmt(r.value, c.unit.text)
        print(f"{r.cell} = {shown}")
        for s in r.switches:
            margin = f" (margin ×{s.margin:.3g})" if s.margin else ""
            print(f"  {s.kind}: active {s.active_text}{margin}; boundary {s.condition}")
            for b in s.boundaries:
                if b.value is None:
                    continue
                side = "above" if b.current > b.value else "below"
                print(f"    {b.input} = {_fmt(b.value, b.unit)}  (now {_fmt(b.current, b.unit)}, {side} it)"
                      + (f"; {len(b.values)} crossings" if len(b.values) > 1 else ""))
    return 0


# ---- scenarios ---------------------------------------------------------------------------
def cmd_scenario_save(args) -> int:
    from model.analysis import save_scenario, scenario_from_model

    name = args.name.strip()
    if not name or name != strip_controls(name) or len(name) > 200:
        raise CliError(f"--name must be 1 to 200 printable characters, not {args.name[:40]!r}.")
    m = _model(args)
    if not m.overrides():
        raise CliError("Nothing to save: give overrides with --set NAME=VALUE (or --scenario FILE).")
    path = save_scenario(scenario_from_model(m, name), args.path)
    print(f"saved scenario '{name}' ({len(m.overrides())} overrides) to {path}")
    return 0


def cmd_scenario_show(args) -> int:
    from model.analysis import load_scenario

    m = load_model()
    s = load_scenario(m.graph, args.path)
    if args.json:
        print_json({"napkin_scenario": 1, "name": s.name, "overrides": s.overrides, "ranges": s.ranges})
        return 0
    more = f", {len(s.ranges)} range{'s' if len(s.ranges) != 1 else ''}" if s.ranges else ""
    print(f"scenario '{s.name}': {len(s.overrides)} overrides{more} (valid)")
    for k, v in s.overrides.items():
        print(f"  {k} = {v}")
    for k, v in s.ranges.items():
        print(f"  {k} ~ {v}")
    if s.ranges:
        print("(napkin mc and napkin export --scenario sample the ranges)")
    return 0


def _times(r: float) -> str:
    """Format a factor as ×r, adding ÷(1/r) when it shrinks the output (×0.3226 (÷3.1))."""
    return f"×{r:.4g}" + (f" (÷{1 / r:.3g})" if 0 < r < 1 else "")


def _scenario(m, arg: str):
    from model.analysis import Scenario, load_scenario

    return Scenario("default", {}) if arg == "default" else load_scenario(m.graph, arg)


def cmd_diff(args) -> int:
    from model.analysis import diff_scenarios

    m = load_model()
    a, b = _scenario(m, args.a), _scenario(m, args.b)
    d = diff_scenarios(m.graph, a, b, outputs=_select(m, args.names))
    if args.json:
        print_json(d.to_dict())
        return 0
    print(f"{a.name} → {b.name}: {len(d.inputs)} inputs differ")
    for i in d.inputs:
        print(f"  {i['name']}: {_fmt(i['a'])} → {_fmt(i['b'], i['unit'])}")
    for o in d.outputs:
        if o.mode == "label":
            print(f"\n{o.name}: \"{o.a}\" → \"{o.b}\"")
            continue
        change = _times(o.ratio) if o.mode == "ratio" else f"{o.b - o.a:+.4g} {'' if o.unit == '1' else o.unit}".rstrip()
        print(f"\n{o.name}: {_fmt(o.a)} → {_fmt(o.b, o.unit)}  {change}")
        for c in o.contributions:
            part = _times(c.factor) if o.mode == "ratio" else f"{c.delta:+.4g} {'' if o.unit == '1' else o.unit}".rstrip()
            print(f"    {part:<18} from {c.input} ({_fmt(c.a)} → {_fmt(c.b, c.unit)})")
        print(f"    [{o.method}]")
    return 0
