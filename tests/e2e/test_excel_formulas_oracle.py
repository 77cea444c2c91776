"""A second, in-process oracle: the `formulas` package recalculates exported workbooks of a few
sheets (with the sheets they read), before and after an input edit."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import require_module
from excel_helpers import mismatch, rows_by_name

from exports.workbook import write_workbook
from model import Kind, Model
from sheets import default_graph

GRAPH = default_graph()
PROBLEMS = [s for s, sd in GRAPH.sheets.items() if sd.kind != "spec"]
FEW = PROBLEMS[:2] + PROBLEMS[-1:]  # the first two problems and the last exercise (or problem)


def _value(sol, ref):
    v = sol[ref].value[0][0]
    if hasattr(v, "item"):
        v = v.item()
    return str(v) if type(v).__name__ == "XlError" else v


def _busiest_input(sheet_id: str):
    """The input (on the sheet or upstream of it) with the most dependents on the sheet."""
    g = GRAPH
    on_sheet = {c.index for c in g.sheet_cells(sheet_id)}
    best, count = None, -1
    m = Model(g)
    for c in g.cells:
        if c.kind is not Kind.INPUT or c.link is not None:
            continue
        n = len({g.index[d] for d in m.downstream(c.name)} & on_sheet)
        if n > count:
            best, count = c, n
    return best


@pytest.mark.parametrize("sheet_id", FEW)
def test_formulas_package_recalculates_like_the_engine(sheet_id, tmp_path):
    formulas = require_module("formulas")
    m = Model(GRAPH)
    path = tmp_path / f"{sheet_id}.xlsx"
    write_workbook(m, path, sheets=[sheet_id])
    xl = formulas.ExcelModel().loads(str(path)).finish()
    book = f"[{path.name}]"

    wb = openpyxl.load_workbook(path)
    where = {}
    for ws in wb.worksheets:
        if ws.title not in GRAPH.sheets:
            continue
        for name, row in rows_by_name(ws).items():
            where[name] = f"'{book}{ws.title.upper()}'!C{row}"

    def check(model):
        sol = xl.calculate() if not model.overrides() else xl.calculate(inputs={
            where[n]: v for n, v in model.overrides().items()})
        bad = [why for name in where if GRAPH.cell(name).kind is not Kind.INPUT or GRAPH.cell(name).link
               for why in [mismatch(model, name, _value(sol, where[name]))] if why]
        assert bad == []

    check(m)
    c = _busiest_input(sheet_id)
    m.set(c.name, (m.value(c.name) or 1.0) * 1.5 if not c.decl.integer else m.value(c.name) + 1)
    assert any(m.value(x) != Model(GRAPH).value(x) for x in where if x.startswith(sheet_id + "."))
    check(m)
