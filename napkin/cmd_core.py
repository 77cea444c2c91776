"""Core subcommands: list, show, get, trace."""

from __future__ import annotations

import argparse

from model import Kind, cell_dict, format_quantity, sheet_dict, sheet_summary, trace_latex, trace_text
from napkin.cli import CliError, add_set_option, load_model, print_json


def register(sub) -> None:
    p = sub.add_parser("list", help="list the sheets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="show one sheet's cells")
    p.add_argument("sheet")
    add_set_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("get", help="show one cell")
    p.add_argument("name")
    add_set_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_get)

    p = sub.add_parser("trace", help="show how a cell is derived")
    p.add_argument("name")
    add_set_option(p)
    p.add_argument("--depth", type=_depth, default=1, help="levels of dependencies to expand (default 1; 'all' for all)")
    p.add_argument("--latex", action="store_true", help="print LaTeX instead of text")
    p.set_defaults(handler=cmd_trace)


def _depth(text: str):
    if text in ("all", "-1"):
        return None
    try:
        d = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--depth takes a whole number or 'all', not {text!r}") from None
    if d < 0:
        raise argparse.ArgumentTypeError(f"--depth must be at least 0, not {d}")
    return d


def cmd_list(args) -> int:
    m = load_model()
    rows = [sheet_summary(m, sid) for sid in m.graph.sheets]
    if args.json:
        print_json(rows)
        return 0
    kinds = {"problem": "Problems", "exercise": "Exercises", "spec": "Spec sheets"}
    for kind, heading in kinds.items():
        group = [r for r in rows if r["kind"] == kind]
        if not group:
            continue
        print(heading)
        for r in group:
            where = f"Ch. {r['chapter']}, {r['section']}" if r["chapter"] else r["section"]
            print(f"  {r['id']:<20} {r['title']}  ({where})")
    return 0


def _line(m, c) -> str:
    d = cell_dict(m, c.name)
    if d["error"]:
        val = f"#ERROR: {d['error']}"
    elif c.kind is Kind.VERDICT:
        val = f"→ {d['value']}"
    else:
        val = format_quantity(d["value"], d["unit"])
    mark = "*" if d.get("overridden") else " "
    return f" {mark}{c.short:<28} {val:<26} {c.doc}"


def cmd_show(args) -> int:
    m = load_model(args.sets)
    info = sheet_dict(m, args.sheet)
    if args.json:
        print_json(info)
        return 0
    where = f"Ch. {info['chapter']} § {info['section']}" if info["chapter"] else info["section"]
    print(f"{info['id']} — {info['title']}  ({where})")
    if info["question"]:
        print()
        print(info["question"])
    cells = m.graph.sheet_cells(args.sheet)
    for kind, heading in ((Kind.INPUT, "Inputs"), (Kind.CALC, "Derived"), (Kind.VERDICT, "Verdicts")):
        group = [c for c in cells if c.kind is kind]
        if group:
            print(f"\n{heading}")
            for c in group:
                print(_line(m, c))
    if m.overrides():
        print("\n* changed from the default")
    return 0


def cmd_get(args) -> int:
    m = load_model(args.sets)
    d = cell_dict(m, args.name)
    if args.json:
        print_json(d)
        return 0
    c = m.cell(args.name)
    print(_line(m, c).strip())
    if d["formula"]:
        print(f"  = {d['formula']}")
    if d["source"]:
        print(f"  source: {d['source']}")
    return 0


def cmd_trace(args) -> int:
    m = load_model(args.sets)
    m.cell(args.name)
    print(trace_latex(m, args.name, args.depth) if args.latex else trace_text(m, args.name, args.depth))
    return 0


__all__ = ["register", "CliError"]
