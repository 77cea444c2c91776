"""LibreOffice as the oracle: the exported workbook, recalculated by a real spreadsheet engine.

One LibreOffice run (seconds of start-up) converts three workbooks together:

- `defaults.xlsx`: the whole model as exported; every calc and verdict must equal the engine;
- `edited.xlsx`: the same file with a sample of inputs changed on every sheet (openpyxl, which
  drops the cached values); LibreOffice must reproduce the engine given the same overrides,
  which proves the formulas are live, and `napkin import` must report exactly those edits;
- `random.xlsx`: random expressions printed by the Excel printer, against SymPy at 30 digits.
"""

from __future__ import annotations

import random

import openpyxl
import pytest
import sympy as sp
import xlsxwriter
from conftest import require_tool
from excel_helpers import (
    clear_of_jumps,
    edit_workbook,
    mismatch,
    random_expression,
    rows_by_name,
    sample_edits,
    sympy_reference,
)

from exports.excel_printer import to_excel_formula
from exports.recalc import recalculate
from exports.workbook import INDEX_SHEET, write_workbook
from exports.workbook_import import import_workbook
from model import InputError, Kind, Model
from sheets import default_graph

pytestmark = pytest.mark.external

GRAPH = default_graph()
SHEETS = list(GRAPH.sheets)
lo_paths: dict = {}
SYMS = sp.symbols("r.x r.y r.z", real=True)
N_RANDOM = 150


def _random_cases(seed: int = 2024) -> list[tuple[sp.Basic, dict]]:
    rng = random.Random(seed)
    cases = []
    while len(cases) < N_RANDOM:
        expr = random_expression(rng, SYMS, depth=3)
        env = {s: round(rng.uniform(-50, 50), 3) for s in SYMS}
        if expr.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or not expr.free_symbols:
            continue
        want = sympy_reference(expr, env)
        if not (want.is_real and want.is_finite and abs(want) < 1e12) or not clear_of_jumps(expr, env):
            continue
        cases.append((expr, env))
    return cases


def _write_random_book(path, cases) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("r")
    names = {s: f"R_{s.name.split('.')[1].upper()}_{k}" for k in range(len(cases)) for s in SYMS}
    for k, (expr, env) in enumerate(cases):
        row_names = {}
        for j, s in enumerate(SYMS):
            name = f"R{k}_{s.name.split('.')[1].upper()}"
            ws.write_number(k, j, env[s])
            wb.define_name(name, f"='r'!${'ABC'[j]}${k + 1}")
            row_names[s] = name
        ws.write_formula(k, 4, to_excel_formula(expr, row_names), None, "")
    del names
    wb.close()


@pytest.fixture(scope="module")
def lo(tmp_path_factory):
    require_tool("soffice", "libreoffice")
    d = tmp_path_factory.mktemp("lo")
    m0 = Model(GRAPH)
    write_workbook(m0, d / "defaults.xlsx")
    edits = sample_edits(m0, seed=6)
    edit_workbook(d / "defaults.xlsx", d / "edited.xlsx", edits)
    m1 = Model(GRAPH)
    m1.set_many(edits)
    cases = _random_cases()
    _write_random_book(d / "random.xlsx", cases)
    outs = recalculate([d / "defaults.xlsx", d / "edited.xlsx", d / "random.xlsx"], d / "out")
    lo_paths["defaults"] = d / "defaults.xlsx"
    return {
        "m0": m0, "m1": m1, "edits": edits, "cases": cases, "out": dict(zip(("defaults", "edited", "random"), outs, strict=True)),
        "defaults": openpyxl.load_workbook(outs[0], data_only=True),
        "edited": openpyxl.load_workbook(outs[1], data_only=True),
        "random": openpyxl.load_workbook(outs[2], data_only=True),
        "cached": openpyxl.load_workbook(d / "defaults.xlsx", data_only=True),
    }


def _sheet_mismatches(model, wb, sheet_id) -> list[str]:
    ws = wb[sheet_id]
    rows = rows_by_name(ws)
    bad = []
    for c in GRAPH.sheet_cells(sheet_id):
        why = mismatch(model, c.name, ws.cell(rows[c.name], 3).value)
        if why:
            bad.append(why)
    return bad


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_libreoffice_recalculation_equals_the_engine(lo, sheet_id):
    assert _sheet_mismatches(lo["m0"], lo["defaults"], sheet_id) == []


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_libreoffice_recalculation_of_edited_inputs_equals_the_engine(lo, sheet_id):
    assert _sheet_mismatches(lo["m1"], lo["edited"], sheet_id) == []


def test_edits_really_moved_the_formulas(lo):
    """Every cell the engine changed, LibreOffice changed too (the formulas are live)."""
    m0, m1 = lo["m0"], lo["m1"]
    moved, stale = 0, []
    for c in GRAPH.cells:
        if c.kind is Kind.INPUT or m0.error(c.name) or m1.error(c.name) or mismatch(m0, c.name, m1.value(c.name)) is None:
            continue  # unchanged (up to rounding)
        ws_old, ws_new = lo["cached"][c.sheet], lo["edited"][c.sheet]
        row = rows_by_name(ws_old)[c.name]
        if ws_old.cell(row, 3).value != ws_new.cell(row, 3).value:
            moved += 1
        else:
            stale.append((c.name, m0.value(c.name), m1.value(c.name), ws_new.cell(row, 3).value))
    assert moved > len(GRAPH.cells) // 10 and stale == []


def test_index_counts_changed_inputs_and_shows_verdicts(lo):
    m1 = lo["m1"]
    ws = lo["edited"][INDEX_SHEET]
    per_sheet: dict[str, int] = {}
    for name, new in lo["edits"].items():
        c = GRAPH.cell(name)
        default = c.decl.default if c.link is None else m1.si_value(c.link) / c.unit.factor
        if new != pytest.approx(default, rel=1e-12):  # an edit can equal the (edited) linked value
            per_sheet[c.sheet] = per_sheet.get(c.sheet, 0) + 1
    seen = 0
    for row in ws.iter_rows(min_row=6):
        sid = row[0].value
        if sid not in GRAPH.sheets:
            continue
        seen += 1
        if any(c.kind is Kind.INPUT for c in GRAPH.sheet_cells(sid)):
            assert row[3].value == per_sheet.get(sid, 0), sid
        verdicts = [c for c in GRAPH.sheet_cells(sid) if c.kind is Kind.VERDICT]
        if verdicts and not any(m1.error(c.name) for c in verdicts):
            assert row[1].value == "; ".join(f"{c.short}: {m1.value(c.name)}" for c in verdicts)
    assert seen == len(SHEETS)


def _chart_refs(sid):
    """The chart tables' (x cells, y cells) of a sheet, from the exported workbook's chart series."""
    wb = openpyxl.load_workbook(lo_paths["defaults"])
    out = []
    for ch in wb[sid]._charts:
        for s in ch.series:
            out.append((s.xVal.numRef.f, s.yVal.numRef.f, str(s.tx.v)))
    return out


def _cells(ws, ref):
    rng = ref.split("!")[1].replace("$", "")
    return [c for row in ws[rng if ":" in rng else f"{rng}:{rng}"] for c in row]


CHART_SHEETS = ["p03", "p34", "p37", "p01", "p19", "ex2", "p11"]


@pytest.mark.parametrize("book", ["defaults", "edited"])
@pytest.mark.parametrize("sheet_id", CHART_SHEETS)
def test_chart_tables_recalculated_by_libreoffice_equal_the_engine(lo, sheet_id, book):
    """Each sweep row is the engine with the main input at LibreOffice's x; each roofline row is MIN(1, x/ridge)."""
    from exports.charts import roofline_table, sweep_table

    model = lo["m0"] if book == "defaults" else lo["m1"]
    ws = lo[book][sheet_id]
    sweep = sweep_table(model, sheet_id, 0)
    roof = roofline_table(model, sheet_id, 0)
    refs = _chart_refs(sheet_id)
    assert refs, "every sheet listed has a chart"
    checked = 0
    for k, (xref, yref, name) in enumerate(refs):
        xs = [c.value for c in _cells(ws, xref)]
        ys = [c.value for c in _cells(ws, yref)]
        if k == 0 and sweep is not None:
            probe = Model(GRAPH)
            probe.set_many(model.overrides())
            base = model.value(sweep.x_input)
            assert xs[SWEEP_ONE_AT(sweep)] == pytest.approx(base, rel=1e-12), "x follows the live input"
            for x, y in zip(xs, ys, strict=False):
                try:
                    probe.set(sweep.x_input, x)
                except InputError:
                    continue  # out of the input's bounds: the engine refuses, Excel just computes
                if probe.error(sweep.y_cell) is None:
                    assert y == pytest.approx(probe.value(sweep.y_cell), rel=1e-9), (sweep.y_cell, x)
                    checked += 1
        else:
            ridge = next(c for c in GRAPH.sheet_cells(sheet_id) if c.short.startswith("ridge") and c.kind is not Kind.VERDICT)
            assert roof is not None
            r = model.value(ridge.name)
            for x, y in zip(xs, ys, strict=False):
                want = min(1.0, x / (model.value(_ridge_of(sheet_id, name)) if name.startswith("intensity") else r))
                assert y == pytest.approx(want, rel=1e-9)
                checked += 1
    assert checked >= 3  # edited inputs can push most sweep points outside an input's bounds (p11)


def _ridge_of(sheet_id, intensity_short):
    cells = {c.short: c for c in GRAPH.sheet_cells(sheet_id)}
    suffix = intensity_short[len("intensity"):]
    r = cells.get("ridge" + suffix) or next(c for s, c in cells.items() if s.startswith("ridge"))
    return r.name


def SWEEP_ONE_AT(table) -> int:  # noqa: N802 - the row whose multiplier is 1
    return next(k for k, ((xf, _), _) in enumerate(table.rows) if xf.endswith("*1.0"))


def test_random_expressions_agree_with_sympy(lo):
    ws = lo["random"]["r"]
    bad = []
    for k, (expr, env) in enumerate(lo["cases"]):
        got = ws.cell(k + 1, 5).value
        want = float(sympy_reference(expr, env))
        if not isinstance(got, (int, float)) or abs(got - want) > 1e-9 * max(1.0, abs(want)):
            bad.append(f"{expr} at {env}: {to_excel_formula(expr, {s: s.name for s in SYMS})} gave {got!r}, SymPy {want!r}")
    assert bad == []


def test_import_of_the_libreoffice_saved_file_reports_exactly_the_edits(lo):
    m = Model(GRAPH)
    report = import_workbook(m, lo["out"]["edited"])
    assert report.formula_edits == [] and report.notes == []
    got = {e.name: e.new for e in report.edits}
    assert set(got) == set(lo["edits"])
    for name, new in lo["edits"].items():
        assert got[name] == pytest.approx(new, rel=1e-15)
    assert m.overrides() == pytest.approx(lo["m1"].overrides(), rel=1e-15)
