"""Excel subcommands: `export PATH.xlsx [--set ...] [--range ...]` and `import PATH.xlsx [--json]`."""

from __future__ import annotations

from pathlib import Path

from napkin.cli import CliError, add_set_option, load_model, model_from_args, print_json

#: Most changed outputs `import` lists as text (all of them with --json).
MAX_LISTED = 40


def register(sub) -> None:
    p = sub.add_parser("export", help="write the model as an Excel workbook of live formulas")
    p.add_argument("path", help="the .xlsx file to write")
    add_set_option(p)
    p.add_argument("--sheet", dest="sheets", action="append", default=[], metavar="SHEET",
                   help="only this sheet and the sheets it reads from (repeatable; default: all)")
    p.add_argument("--range", dest="ranges", action="append", default=[], metavar="NAME=SPEC",
                   help="run Monte Carlo with this input range (uniform:LO:HI, triangular:LO:MODE:HI or "
                        "lognormal:MEDIAN:SIGMA, display units; repeatable) and add its P5/P50/P95 and verdict "
                        "probabilities to the workbook")
    p.add_argument("-n", "--samples", type=int, default=None, help="Monte Carlo samples (default 10000; needs --range)")
    p.add_argument("--seed", type=int, default=None, help="Monte Carlo seed (default 0; needs --range)")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="read inputs a person edited in an exported workbook")
    p.add_argument("path", help="an .xlsx file written by 'napkin export' and edited")
    p.add_argument("--json", action="store_true")
    p.add_argument("--save-scenario", dest="save_scenario", metavar="FILE.json", default=None,
                   help="also write the imported edits as a scenario file (load it with --scenario)")
    p.set_defaults(handler=cmd_import)


def cmd_export(args) -> int:
    from exports.workbook import write_workbook

    path = Path(args.path)
    if path.suffix.lower() != ".xlsx":
        raise CliError(f"export writes an .xlsx workbook; give a path ending in .xlsx, not {args.path!r}.")
    if not path.parent.is_dir():
        raise CliError(f"Folder {str(path.parent)!r} does not exist; create it first.")
    m = model_from_args(args)
    for sid in args.sheets:
        if sid not in m.graph.sheets:
            raise CliError(f"Unknown sheet {sid!r} for --sheet; run 'napkin list' to see the sheets.")
    mc = _monte_carlo(m, args)
    info = write_workbook(m, path, sheets=args.sheets or None, mc=mc)
    changed = len(m.overrides())
    print(f"Wrote {info.path}: {info.worksheets} worksheets, {info.cells} cells, {info.formulas} live formulas, "
          f"{info.bytes / 1024:.0f} KiB" + (f"; {changed} input(s) differ from the defaults." if changed else "."))
    if mc is not None:
        print(f"Monte Carlo: {mc.n:,} samples, seed {mc.seed}; ranges: "
              + ", ".join(f"{k} ~ {v}" for k, v in mc.ranges.items())
              + "; percentiles on the 'Ranges' sheet and beside each sheet's table.")
    return 0


def _monte_carlo(m, args):
    """Run Monte Carlo for --range (over the exported cells only), or return None without ranges."""
    from exports.workbook import exported_cells
    from model.analysis import monte_carlo
    from napkin.cmd_analysis import _ranges_of

    ranges = _ranges_of(args)
    if not ranges:
        unused = [opt for opt, v in (("--samples", args.samples), ("--seed", args.seed)) if v is not None]
        if unused:
            verb = "sets" if len(unused) == 1 else "set"
            raise CliError(f"{' and '.join(unused)} {verb} the Monte Carlo run, which needs at least one --range "
                           f"(e.g. --range p01.eta_base=uniform:0.4:0.5).")
        return None
    outputs = exported_cells(m.graph, args.sheets, m.choices()) if args.sheets else None
    return monte_carlo(m, ranges, n=10_000 if args.samples is None else args.samples,
                       seed=0 if args.seed is None else args.seed, outputs=outputs)


def _show(value, unit: str) -> str:
    if value is None:
        return "#ERROR"
    if isinstance(value, str):
        return value
    from model import format_quantity  # imported by the handlers: `napkin --help` needs no model

    return format_quantity(value, unit)


def cmd_import(args) -> int:
    from exports.workbook_import import import_workbook
    from model import format_number, unit_suffix

    m = load_model()
    target = None
    if args.save_scenario is not None:
        target = Path(args.save_scenario)
        if target.suffix.lower() != ".json" or target.is_dir():
            raise CliError(f"--save-scenario writes a .json scenario file; give a file path ending in .json, "
                           f"not {args.save_scenario!r}.")
        if not target.parent.is_dir():
            raise CliError(f"Folder {str(target.parent)!r} does not exist; create it first.")
    report = import_workbook(m, args.path)
    if target is not None:
        from model.analysis import save_scenario, scenario_from_model

        try:
            save_scenario(scenario_from_model(m, f"imported from {Path(args.path).name}"), target)
        except OSError as exc:
            raise CliError(f"Cannot write scenario file {str(target)!r}: {exc.strerror or exc}.") from None
        report.notes.append(f"the imported edits were saved as the scenario {target}")
    if args.json:
        print_json(report.to_dict())
        return 0
    n = len(report.edits)
    print(f"Read {report.path}: {n} input{'s' if n != 1 else ''} differ{'s' if n == 1 else ''} from the defaults"
          + (":" if n else "."))
    w = max((len(e.name) for e in report.edits), default=0)
    for e in report.edits:
        old, new = (x if isinstance(x, str) else format_number(x) for x in (e.old, e.new))  # str: a device
        print(f"  {e.name:<{w}}  {old} → {new}{unit_suffix(e.unit)}   ({e.cell})")
    if report.formula_edits:
        print(f"\nFormula cells edited in the workbook ({len(report.formula_edits)}; reported, not imported):")
        for f in report.formula_edits:
            print(f"  {f.name}  {f.cell}: exported {f.exported}, found {f.found}")
    for note in report.notes:
        print(f"note: {note}")
    if report.changed:
        print(f"\nChanged outputs ({len(report.changed)}):")
        w = max(len(c.name) for c in report.changed[:MAX_LISTED])
        for c in report.changed[:MAX_LISTED]:
            print(f"  {c.name:<{w}}  {_show(c.old, c.unit)} → {_show(c.new, c.unit)}")
        if len(report.changed) > MAX_LISTED:
            print(f"  … and {len(report.changed) - MAX_LISTED} more (use --json for all)")
    elif n:
        print("\nNo output changed.")
    return 0
