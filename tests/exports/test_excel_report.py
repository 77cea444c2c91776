"""The workbook as a document: answer first, key results, number formats, tabs, print set-up,
live charts, the Changes sheet, a stream target, and the import's --save-scenario."""

from __future__ import annotations

import io
import json
import math
import re

import openpyxl
import pytest
import sympy
from excel_helpers import rows_by_name

from exports.layout import CHANGES_SHEET, INDEX_SHEET, blocks, key_results
from exports.styles import number_format
from exports.workbook import write_workbook
from model import Calc, Input, Kind, Model, SheetDef, Verdict, build_graph, format_number
from napkin.cli import main
from sheets import default_graph

GRAPH = default_graph()
PROBLEMS = [s for s, sd in GRAPH.sheets.items() if sd.kind != "spec"]


@pytest.fixture(scope="module")
def p03(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "p03.xlsx"
    write_workbook(Model(GRAPH), path, sheets=["p03"])
    return path


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "all.xlsx"
    write_workbook(Model(GRAPH), path)
    return {"formulas": openpyxl.load_workbook(path), "values": openpyxl.load_workbook(path, data_only=True)}


def test_every_declared_key_names_a_result_of_its_sheet():
    for sid, sd in GRAPH.sheets.items():
        declared = tuple(getattr(sd, "key", ()) or ())
        got = [c.short for c in key_results(GRAPH, sid)]
        if declared:
            assert got == list(declared[:5]), sid
        if sd.kind != "spec":
            assert 1 <= len(got) <= 5, sid


def test_p03_declares_its_key_results():
    assert [c.short for c in key_results(GRAPH, "p03")] == ["latency_gpu", "latency_npu", "speed_ratio", "bw_gap", "peak_gap"]


@pytest.mark.parametrize("sid", PROBLEMS)
def test_problem_sheets_read_answer_first(whole, sid):
    ws = whole["formulas"][sid]
    vals = whole["values"][sid]
    m = Model(GRAPH)
    assert ws["A3"].value == GRAPH.sheets[sid].question  # the question opens the sheet
    rows = rows_by_name(ws)
    kinds = {Kind.VERDICT: [], Kind.INPUT: [], Kind.CALC: []}
    for c in GRAPH.sheet_cells(sid):
        kinds[c.kind].append(rows[c.name])
    order = [r for k in (Kind.VERDICT, Kind.INPUT, Kind.CALC) for r in kinds[k]]
    assert order == sorted(order), "verdicts, then inputs, then the derivation"
    bl = {b.kind: b for b in blocks(GRAPH, sid)}
    if kinds[Kind.VERDICT]:
        assert ws.cell(min(kinds[Kind.VERDICT]) - 1, 1).value == "Answer"
    key = bl["key"]
    assert ws.cell(key.first, 1).value == "Key results"
    assert key.first + len(key.cells) < min(kinds[Kind.INPUT] or [10**6])
    for k, c in enumerate(key.cells):
        r = key.first + 1 + k
        assert ws.cell(r, 3).value == f"={c.name.replace('.', '_').upper()}", "a live reference to the calc"
        want = m.value(c.name) if m.error(c.name) is None else None
        if want is not None:
            assert vals.cell(r, 3).value == want
        assert ws.cell(r, 1).value == c.short  # never a full cell name: the importer cannot mistake it


def _excel_shows(fmt: str, x: float) -> str:
    """Render x with the subset of Excel number formats the exporter writes (independently of it)."""
    prefix = "$" if fmt.startswith('"$"') else ""
    suffix = "%" if fmt.endswith('"%"') else ""
    core = fmt.removeprefix('"$"').removesuffix('"%"')
    if "E+" in core:
        decimals = len(core.split(".")[1].split("E")[0]) if "." in core else 0
        mant, exp = f"{x:.{decimals}e}".split("e")
        return f"{prefix}{mant}e{int(exp)}{suffix}"
    decimals = len(core.split(".")[1]) if "." in core else 0
    return f"{prefix}{x:,.{decimals}f}{suffix}"


@pytest.mark.parametrize("sid", ["p03", "p11", "p34", "p50", "gpu_a100"])
def test_number_formats_show_what_the_cli_shows_and_keep_full_precision(whole, sid):
    ws = whole["formulas"][sid]
    vals = whole["values"][sid]
    m = Model(GRAPH)
    rows = rows_by_name(ws)
    seen = 0
    for c in GRAPH.sheet_cells(sid):
        v = m.value(c.name) if m.error(c.name) is None else None
        if c.kind is Kind.VERDICT or not isinstance(v, float) or not math.isfinite(v) or v == 0:
            continue
        cell = ws.cell(rows[c.name], 3)
        want = format_number(v)
        shown = _excel_shows(cell.number_format, v)
        core = shown.removeprefix("$").removesuffix("%")
        assert core == want, (c.name, cell.number_format, shown, want)
        if c.unit.text == "USD":
            assert shown.startswith("$")
        if c.unit.text == "%":
            assert shown.endswith("%")
        stored = vals.cell(rows[c.name], 3).value
        assert stored == pytest.approx(v, rel=1e-15), "the stored value is not rounded"
        seen += 1
    assert seen >= 3


def test_number_format_examples():
    assert number_format(0.01314102564103, "ms") == "#,##0.00000"
    assert number_format(25600000.0, "param") == "#,##0"
    assert number_format(1234.5, "USD") == '"$"#,##0'
    assert number_format(45.0, "%") == '#,##0"%"'
    assert number_format(3.2e-7, "s") == "0.0E+00"
    assert number_format("memory-bound", "label") == "General"


def test_one_problem_export_opens_on_it_with_its_specs_after(p03):
    wb = openpyxl.load_workbook(p03)
    names = wb.sheetnames
    assert names[0] == "p03" and wb.active.title == "p03"
    specs = [s for s in names if s in GRAPH.sheets and GRAPH.sheets[s].kind == "spec"]
    assert names[1:1 + len(specs)] == specs and INDEX_SHEET in names[1 + len(specs):]


def test_whole_export_opens_on_the_index_with_problems_before_specs(whole):
    wb = whole["formulas"]
    names = [s for s in wb.sheetnames if s in GRAPH.sheets]
    assert wb.sheetnames[0] == INDEX_SHEET and wb.active.title == INDEX_SHEET
    kinds = [GRAPH.sheets[s].kind == "spec" for s in names]
    assert kinds == sorted(kinds), "problems and exercises first, then spec sheets"
    index = wb[INDEX_SHEET]
    assert [c.value for c in index[5]][:2] == ["sheet", "answer (live verdicts)"]


@pytest.mark.parametrize("sid", ["p03", "gpu_a100", INDEX_SHEET])
def test_print_setup(whole, sid):
    ws = whole["formulas"][sid]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, None)
    assert ws.print_title_rows == "$5:$5"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.oddHeader.left.text  # the sheet's title


def _ref_cells(wb, ref: str):
    m = re.fullmatch(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?", ref)
    sheet, c1, r1, c2, r2 = m.groups()
    ws = wb[sheet]
    return [cell for row in ws[f"{c1}{r1}:{c2 or c1}{r2 or r1}"] for cell in row]


@pytest.mark.parametrize("sid", ["p03", "p34", "p01"])
def test_charts_series_reference_live_formula_cells(whole, sid):
    wb = whole["formulas"]
    charts = wb[sid]._charts
    assert charts, "a sweep chart at least"
    kinds = []
    for ch in charts:
        for s in ch.series:
            for ref in (s.xVal.numRef.f, s.yVal.numRef.f):
                cells = _ref_cells(wb, ref)
                assert cells and all(c.data_type == "f" for c in cells), ref
        kinds.append(ch.tagname)
    if sid in ("p03", "p34"):
        assert len(charts) == 2, "sweep and roofline"


def test_sweep_table_is_the_engine_over_the_input(whole):
    """The sweep's cached values equal the engine with the main input set to each x."""
    wb, vals = whole["formulas"], whole["values"]
    ch = wb["p03"]._charts[0]
    s = ch.series[0]
    xs = [c.value for c in _ref_cells(vals, s.xVal.numRef.f)]
    ys = [c.value for c in _ref_cells(vals, s.yVal.numRef.f)]
    m = Model(GRAPH)
    base = m.value("p03.ops_per_image")
    assert xs[3] == pytest.approx(base)  # the multipliers include 1
    for x, y in zip(xs, ys, strict=False):
        m.set("p03.ops_per_image", x)
        assert y == pytest.approx(m.value("p03.latency_gpu"), rel=1e-12)


def test_tones_colour_the_verdicts(tmp_path):
    sd = SheetDef(id="t", title="tones", kind="problem", chapter="1", section="s", question="q?", cells=[
        ("a", Input(2.0, "GB", doc="a")),
        ("b", Calc("a * 2", "GB", doc="b")),
        ("lim", Input(10.0, "GB", doc="limit")),
        ("v", Verdict({"fits": "b < lim"}, otherwise="too big", doc="v", tones={"fits": "good", "too big": "bad"})),
    ])
    g = build_graph([sd], check_unused=False)
    path = tmp_path / "t.xlsx"
    write_workbook(Model(g), path)
    ws = openpyxl.load_workbook(path)["t"]
    row = rows_by_name(ws)["t.v"]
    fills = {}
    for rng in ws.conditional_formatting:
        if f"C{row}" in str(rng.sqref):
            for rule in rng.rules:
                if rule.formula and rule.type == "cellIs":
                    fills[rule.formula[0]] = rule.dxf.fill.bgColor.rgb
    assert fills['"fits"'].endswith("C6EFCE") and fills['"too big"'].endswith("FFC7CE")


def test_changes_sheet_lists_inputs_and_flipped_verdicts(tmp_path):
    m = Model(GRAPH)
    before = m.value("p03.verdict_gap")
    m.set("p03.mem_bw_gpu", 100)
    assert m.value("p03.verdict_gap") != before
    path = tmp_path / "set.xlsx"
    write_workbook(m, path, sheets=["p03"])
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(path)[CHANGES_SHEET].iter_rows()]
    inp = next(r for r in rows if r[0] == "p03.mem_bw_gpu")
    assert inp[2] == 2039 and inp[3] == 100 and inp[5] == "=P03_MEM_BW_GPU"
    flip = next(r for r in rows if r[0] == "p03.verdict_gap")
    assert flip[2] == before and flip[3] == m.value("p03.verdict_gap")
    assert CHANGES_SHEET not in openpyxl.load_workbook(tmp_path / "set.xlsx").sheetnames[:1]
    write_workbook(Model(GRAPH), tmp_path / "plain.xlsx", sheets=["p03"])
    assert CHANGES_SHEET not in openpyxl.load_workbook(tmp_path / "plain.xlsx").sheetnames


def test_a_binary_stream_gets_the_workbook(tmp_path):
    buf = io.BytesIO()
    info = write_workbook(Model(GRAPH), buf, sheets=["p03"])
    assert info.path is None and info.bytes == len(buf.getvalue()) > 10_000
    buf.seek(0)
    wb = openpyxl.load_workbook(buf)
    assert "p03" in wb.sheetnames


def test_export_builds_no_latex(monkeypatch, tmp_path):
    def no_latex(*a, **k):
        raise AssertionError("LaTeX built during an export")

    monkeypatch.setattr(sympy, "latex", no_latex)
    write_workbook(Model(GRAPH), tmp_path / "p03.xlsx", sheets=["p03"])


def test_import_save_scenario_round_trip(tmp_path, capsys):
    book = tmp_path / "set.xlsx"
    assert main(["export", str(book), "--sheet", "p03", "--set", "p03.mem_bw_gpu=100"]) == 0
    target = tmp_path / "edits.json"
    assert main(["import", str(book), "--save-scenario", str(target)]) == 0
    data = json.loads(target.read_text())
    assert list(data["overrides"]) == ["p03.mem_bw_gpu"]
    from model.analysis import apply_scenario, load_scenario

    m = Model(GRAPH)
    apply_scenario(m, load_scenario(GRAPH, target))
    assert m.overrides() == {"p03.mem_bw_gpu": 100.0}
    again = tmp_path / "again.xlsx"
    assert main(["export", str(again), "--sheet", "p03", "--scenario", str(target)]) == 0
    assert "p03.mem_bw_gpu" in [r[0].value for r in openpyxl.load_workbook(again)[CHANGES_SHEET].iter_rows()]
    assert main(["import", str(book), "--save-scenario", str(tmp_path / "edits.txt")]) == 2
    assert "ending in .json" in capsys.readouterr().err
