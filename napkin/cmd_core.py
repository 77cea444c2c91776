"""Core subcommands: list, show, get, trace.

Text output reads the model directly and never needs SymPy; only `--json` (whose cells carry
LaTeX) and `trace --latex` import it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from napkin.cli import add_set_option, load_model, model_from_args, print_json

if TYPE_CHECKING:
    from model import Model

# The handlers import the model, not this module: `napkin --help` and argument errors stay quick.

#: Widest value column in `show`; a longer value (a long verdict label) pushes its description
#: onto the next line instead of running into it.
MAX_VALUE_WIDTH = 34
_TONE_COLOURS = {"good": "32", "bad": "31", "neutral": "33"}


def register(sub) -> None:
    p = sub.add_parser("list", help="list the sheets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="show one sheet's cells")
    p.add_argument("sheet")
    add_set_option(p)
    p.add_argument("--compare", metavar="CHOICE=A,B,...",
                   help="one column per device of a choice, e.g. --compare gpu=gpu_a100,gpu_h100 (or gpu=*)")
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
    from model import sheet_summary

    m = load_model()
    rows = [sheet_summary(m, sid) for sid in m.graph.sheets]
    if args.json:
        print_json(rows)
        return 0
    kinds = {"user": "Your sheets", "problem": "Problems", "exercise": "Exercises", "spec": "Spec sheets"}
    for kind, heading in kinds.items():
        group = [r for r in rows if r["kind"] == kind]
        if not group:
            continue
        print(heading)
        for r in group:
            where = f"Ch. {r['chapter']}, {r['section']}" if r["chapter"] else r["section"]
            print(f"  {r['id']:<20} {r['title']}" + (f"  ({where})" if where else ""))
    return 0


def _use_colour() -> bool:
    """Colour verdicts only on a terminal, and never when NO_COLOR is set."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def tone_of(c, label: str) -> str | None:
    """Return the tone ('good', 'bad', 'neutral') a verdict declares for `label`, or None."""
    tones = getattr(c, "tones", None) or getattr(c.decl, "tones", None) or {}
    return tones.get(label)


def value_text(m: Model, c, *, colour: bool = False) -> str:
    """Return a cell's value as `show` prints it: number and unit, '→ label', or '#ERROR: why'."""
    from model import format_quantity

    err = m.error(c.name)
    if err is not None:
        return f"#ERROR: {err}"
    v = m.value(c.name)
    if getattr(c, "choice", None) is not None:  # a device choice: its member id
        return f"[{v}]"
    if c.kind.value == "verdict":
        code = _TONE_COLOURS.get(tone_of(c, v) or "") if colour else None
        return f"→ \x1b[{code}m{v}\x1b[0m" if code else f"→ {v}"
    return format_quantity(v, c.unit.text)


def _changed(m: Model, c) -> bool:
    """True when the cell's value differs from the built-in default (an override or its effect)."""
    from model import initial_errors, initial_values

    g = m.graph
    i = c.index
    if c.kind.value == "input" and m.is_overridden(c.name):
        return True
    now, then = m.si_value(c.name), initial_values(g)[i]
    if (i in initial_errors(g)) != (m.error(c.name) is not None):
        return True
    return not (now == then or (now != now and then != then))


def _visible_len(text: str) -> int:
    return len(text) - (9 if "\x1b[" in text else 0)


def _lines(m: Model, cells, *, colour: bool, width: int) -> list[str]:
    shown = [(c, value_text(m, c, colour=colour)) for c in cells]
    out = []
    for c, val in shown:
        mark = "*" if _changed(m, c) else " "
        name = f" {mark}{c.short:<28}"
        pad = " " * max(0, width - _visible_len(val))
        if _visible_len(val) > width:  # too long for the column: description on its own line
            out.append(f"{name} {val}")
            if c.doc:
                out.append(f"{'':<30} {'':<{width}}  {c.doc}")
        else:
            out.append(f"{name} {val}{pad}  {c.doc}".rstrip())
    return out


def cmd_show(args) -> int:
    from model import Kind, sheet_dict, sheet_summary

    m = model_from_args(args)
    if getattr(args, "compare", None):
        from napkin.cmd_devices import show_compare

        sheet_summary(m, args.sheet)
        return show_compare(args, m)
    if args.json:
        print_json(sheet_dict(m, args.sheet))
        return 0
    info = sheet_summary(m, args.sheet)
    where = f"Ch. {info['chapter']} § {info['section']}" if info["chapter"] else info["section"]
    print(f"{info['id']} — {info['title']}" + (f"  ({where})" if where else ""))
    question = m.graph.sheets[args.sheet].question
    if question:
        print()
        print(question)
    cells = m.graph.sheet_cells(args.sheet)
    colour = _use_colour()
    width = min(MAX_VALUE_WIDTH, max((_visible_len(value_text(m, c)) for c in cells), default=0))
    any_changed = False
    for kind, heading in ((Kind.INPUT, "Inputs"), (Kind.CALC, "Derived"), (Kind.VERDICT, "Verdicts")):
        group = [c for c in cells if c.kind is kind]
        if group:
            print(f"\n{heading}")
            for line in _lines(m, group, colour=colour, width=width):
                print(line)
            any_changed = any_changed or any(_changed(m, c) for c in group)
    overrides = m.overrides()
    if overrides or any_changed:
        elsewhere = [n for n in overrides if m.cell(n).sheet != args.sheet]
        note = "\n* changed from the default"
        if elsewhere:
            note += " (overrides on other sheets: " + ", ".join(elsewhere[:6]) + (", …" if len(elsewhere) > 6 else "") + ")"
        print(note)
    return 0


def cmd_get(args) -> int:
    from model import cell_dict

    m = model_from_args(args)
    if args.json:
        print_json(cell_dict(m, args.name))
        return 0
    c = m.cell(args.name)
    mark = "*" if _changed(m, c) else " "
    print(f"{mark}{c.short:<28} {value_text(m, c, colour=_use_colour())}  {c.doc}".strip())
    formula = None if c.kind.value == "input" else c.formula
    if formula:
        print(f"  = {formula}")
    if c.source:
        print(f"  source: {c.source}")
    return 0


def cmd_trace(args) -> int:
    from model import trace_latex, trace_text

    m = model_from_args(args)
    m.cell(args.name)
    print(trace_latex(m, args.name, args.depth) if args.latex else trace_text(m, args.name, args.depth))
    return 0


__all__ = ["register", "tone_of", "value_text"]
