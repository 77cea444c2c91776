"""Native, live charts beside a sheet's table: a sweep of the main result and a roofline.

Both charts draw from small tables of formulas written right of the sheet's table, so
a person who edits an input in Excel or LibreOffice sees the tables and the charts move:

- **sweep**: the sheet's main result (its first key result) over its main input (the first of
  the sheet's own inputs that result depends on). The x column holds the input's current value times
  fixed multipliers (`=P03_BATCH_SIZE*0.5`); column B the result's formula with the cells between
  the input and the result inlined and the main input replaced by the x cell on its left.
- **roofline** (sheets with a `ridge*` cell and `intensity*` calcs): attainable share of peak,
  `MIN(1, I/ridge)`, over intensities from ridge/100 to ridge×100, plus one point per intensity.
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass

from xlsxwriter.utility import xl_rowcol_to_cell

from exports.excel_printer import excel_name
from exports.layout import key_results
from model import CellDef, Graph, InputError, Kind, Model

__all__ = ["ChartTable", "roofline_table", "sweep_table"]

SWEEP_UP = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)
SWEEP_CAPPED = (0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0)  # inputs with an upper bound: below the current value
ROOF_MULT = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


@dataclass(frozen=True)
class ChartTable:
    """A chart's table: heading, column heads, rows of (formula, cached value) pairs, and points."""

    kind: str  # "sweep" | "roofline"
    title: str
    heads: tuple[str, str]
    x_unit: str
    y_unit: str
    rows: tuple[tuple[tuple[str, float], tuple[str, float]], ...]  # ((x formula, x), (y formula, y))
    points: tuple[tuple[str, tuple[str, float], tuple[str, float]], ...] = ()  # (label, x, y) for a roofline
    x_input: str | None = None  # the swept input's full name
    y_cell: str | None = None  # the swept result's full name


def _num(x: float) -> str:
    return repr(float(x))


def _value(model: Model, name: str) -> float | None:
    if model.error(name) is not None:
        return None
    v = model.value(name)
    return float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None


_PLANS: dict[int, tuple[weakref.ref, dict]] = {}
_X = "NAPKIN_SWEEP_X"  # placeholder for the x cell in the printed formula


_NAME_TOKEN = re.compile(r"(?<![A-Za-z0-9_.$\"])([A-Z_][A-Z0-9_]*)(?![A-Za-z0-9_(])")


def _sweep_plan(g: Graph, sid: str, formulas: dict[str, str]) -> tuple[CellDef, CellDef, str] | None:
    """(main input, main result, y formula with the placeholder _X) for a sheet; built once per graph.

    The y formula is the result's own Excel formula with every cell between the main input and
    the result inlined, in parentheses, from its own formula (each already in its display unit),
    and the main input's name replaced by the x cell: text substitution over printed formulas,
    no SymPy. Everything off that path stays a live defined name.
    """
    ref, plans = _PLANS.get(id(g), (None, None))
    if ref is None or ref() is not g:
        plans = {}
        _PLANS[id(g)] = (weakref.ref(g), plans)
        weakref.finalize(g, _PLANS.pop, id(g), None)
    if sid in plans:
        return plans[sid]
    plans[sid] = None
    results = [c for c in key_results(g, sid) if c.kind is Kind.CALC and c.name in formulas]
    if not results:
        return None
    out = results[0]
    ancestors: set[int] = set()
    todo = [out.index]
    while todo:
        i = todo.pop()
        for p in g.parents[i]:
            if p not in ancestors:
                ancestors.add(p)
                todo.append(p)
    main = next((c for c in g.sheet_cells(sid) if c.kind is Kind.INPUT and c.index in ancestors), None)
    if main is None:
        return None
    on_path: dict[int, bool] = {}

    def reaches(i: int) -> bool:
        if i not in on_path:
            on_path[i] = False  # no cycles in a built graph; guards the recursion anyway
            on_path[i] = i == main.index or any(reaches(p) for p in g.parents[i])
        return on_path[i]

    by_defined = {excel_name(g.cells[i].name): i for i in ancestors if reaches(i)}
    memo: dict[int, str] = {}

    def inline(i: int) -> str:
        if i == main.index:
            return _X
        if i not in memo:
            text = formulas[g.cells[i].name].lstrip("=")
            memo[i] = _NAME_TOKEN.sub(lambda m: (m.group(1) if m.group(1) not in by_defined
                                                 else _wrap(inline(by_defined[m.group(1)]))), text)
        return memo[i]

    y = "=" + inline(out.index)
    if len(y) > 8000:
        return None
    plans[sid] = (main, out, y)
    return plans[sid]


def _wrap(text: str) -> str:
    return text if text == _X else f"({text})"


def sweep_table(model: Model, sid: str, first_row: int, x_col: int = 0, *,
                formulas: dict[str, str] | None = None) -> ChartTable | None:
    """Return the sweep table of a sheet's main result over its main input, or None if it has none.

    `first_row` and `x_col` are the 0-based row and column of the table's first x cell (y is right of it).
    """
    if formulas is None:  # the exporter passes its printed formulas; tests may let them be printed here
        from exports.workbook import exported_formulas

        formulas = exported_formulas(model.graph)
    plan = _sweep_plan(model.graph, sid, formulas)
    if plan is None:
        return None
    main, out, template = plan
    v = _value(model, main.name)
    if not v:
        return None
    mults = SWEEP_CAPPED if main.decl.hi is not None and v * SWEEP_UP[-1] > main.decl.hi else SWEEP_UP
    probe = Model(model.graph)
    probe.set_many(model.overrides())
    rows = []
    for k, m in enumerate(mults):
        x = v * m
        x_ref = xl_rowcol_to_cell(first_row + k, x_col, col_abs=True)
        rows.append(((f"={excel_name(main.name)}*{_num(m)}", x), (template.replace(_X, x_ref), _sweep_value(probe, main, x, out))))
    title = f"{out.doc} vs {main.doc}"
    return ChartTable("sweep", title, (f"{main.short} ({main.unit.text})", f"{out.short} ({out.unit.text})"),
                      main.unit.text, out.unit.text, tuple(rows), x_input=main.name, y_cell=out.name)


def _sweep_value(model: Model, main: CellDef, x: float, out: CellDef) -> float:
    """The engine's value of `out` with `main` set to x (NaN if the engine refuses x or errs)."""
    m = model
    try:
        m.set(main.name, x)
    except InputError:
        return math.nan
    v = _value(m, out.name)
    return math.nan if v is None else v


def _ridge_for(cells: list[CellDef], intensity: CellDef) -> CellDef | None:
    ridges = [c for c in cells if c.short.startswith("ridge") and c.kind is not Kind.VERDICT]
    suffix = intensity.short[len("intensity"):]
    return next((r for r in ridges if r.short == "ridge" + suffix), ridges[0] if ridges else None)


def roofline_table(model: Model, sid: str, first_row: int, x_col: int = 0, **_) -> ChartTable | None:
    """Return the roofline table of a sheet with a ridge point and arithmetic intensities, or None."""
    g: Graph = model.graph
    cells = g.sheet_cells(sid)
    intensities = [c for c in cells if c.short.startswith("intensity") and c.kind is Kind.CALC]
    if not intensities:
        return None
    ridge = _ridge_for(cells, intensities[0])
    r = _value(model, ridge.name) if ridge is not None else None
    if ridge is None or not r or r <= 0:
        return None
    rn = excel_name(ridge.name)
    rows = []
    for k, m in enumerate(ROOF_MULT):
        x_ref = xl_rowcol_to_cell(first_row + k, x_col, col_abs=True)
        rows.append(((f"={rn}*{_num(m)}", r * m), (f"=MIN(1,{x_ref}/{rn})", min(1.0, m))))
    points = []
    for c in intensities:
        rc = _ridge_for(cells, c)
        i, rv = _value(model, c.name), _value(model, rc.name)
        if i is None or not rv or c.unit.text != rc.unit.text:
            continue
        name = excel_name(c.name)
        points.append((c.short, (f"={name}", i), (f"=MIN(1,{name}/{excel_name(rc.name)})", min(1.0, i / rv))))
    return ChartTable("roofline", f"Roofline: share of peak reachable at each arithmetic intensity (ridge {ridge.short})",
                      ("intensity (FLOP/byte)", "share of peak"), ridge.unit.text, "1", tuple(rows), tuple(points))
