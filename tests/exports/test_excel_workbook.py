"""The exported workbook's structure, for every registered sheet: rows, styles, formulas, names,
cached values, notes, validation and conditional formats; text that looks like a formula stays text."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from excel_helpers import rows_by_name

from exports.devices_sheet import DEVICES_SHEET
from exports.excel_printer import excel_name, excel_string
from exports.layout import CHANGES_SHEET, INDEX_SHEET, META_SHEET
from exports.workbook import write_workbook
from model import Calc, Input, Kind, Model, SheetDef, Verdict, build_graph, trace_text
from sheets import default_graph

GRAPH = default_graph()
SHEETS = list(GRAPH.sheets)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "model.xlsx"
    m = Model(GRAPH)
    info = write_workbook(m, path)
    return {
        "path": path,
        "info": info,
        "model": m,
        "formulas": openpyxl.load_workbook(path),
        "values": openpyxl.load_workbook(path, data_only=True),
    }


def test_one_worksheet_per_sheet_plus_index(book):
    wb = book["formulas"]
    assert wb.sheetnames[0] == INDEX_SHEET
    assert set(wb.sheetnames) == {INDEX_SHEET, META_SHEET, DEVICES_SHEET, *SHEETS}
    assert wb[META_SHEET].sheet_state == "hidden"
    assert book["info"].cells == len(GRAPH.cells)


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_rows_styles_and_formulas(book, sheet_id):
    wb = book["formulas"]
    ws = wb[sheet_id]
    rows = rows_by_name(ws)
    cells = GRAPH.sheet_cells(sheet_id)
    assert set(rows) == {c.name for c in cells}
    for c in cells:
        r = rows[c.name]
        value = ws.cell(r, 3)
        assert ws.cell(r, 2).value == (c.doc or None)
        shown_unit = "" if c.kind is Kind.VERDICT or c.unit.text == "1" else c.unit.text  # no "1" on screen
        assert (ws.cell(r, 4).value or "") == shown_unit
        if c.choice is not None:  # a device choice: the member id, typed like an input
            assert value.data_type == "s" and value.value == c.decl.member
            assert value.font.color.rgb == "FF0000FF" and ws.cell(r, 7).value == "device choice"
        elif c.kind is Kind.INPUT and c.link is None:
            assert value.data_type == "n" and value.value == c.decl.default, "inputs hold their declared default"
            assert value.font.color.rgb == "FF0000FF", "inputs are blue"
            assert value.fill.fgColor.rgb == "FFFFF2CC", "on a light fill"
            assert ws.cell(r, 7).value == "input"
        elif c.kind is Kind.INPUT:
            assert value.data_type == "f" and value.value.startswith("=")
            assert value.font.color.rgb == "FF00803C", "linked inputs are green"
            assert ws.cell(r, 5).value == f"link: {c.link}"
            if c.lookup is not None:  # through a device choice: INDEX/MATCH on the Devices table
                assert value.value.startswith("=INDEX(") and excel_name(c.lookup.choice_name) in value.value
            else:
                assert excel_name(c.link) in value.value
        else:
            assert value.data_type == "f", c.name
            assert ws.cell(r, 5).value == c.formula
            assert value.comment is not None and c.name in value.comment.text, "the derivation is a note"
            if c.kind is Kind.VERDICT:
                assert value.value.startswith("=IF(")
                for label in c.labels:
                    assert excel_string(label) in value.value


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_cached_values_are_the_engine_values(book, sheet_id):
    """Readers that never recalculate (openpyxl data_only, pandas, previews) see the numbers."""
    m = book["model"]
    ws = book["values"][sheet_id]
    rows = rows_by_name(ws)
    for c in GRAPH.sheet_cells(sheet_id):
        got = ws.cell(rows[c.name], 3).value
        if m.error(c.name) is not None:
            assert isinstance(got, str) and got.startswith("#"), c.name
        elif c.kind is Kind.INPUT and c.link is None:
            assert got == pytest.approx(m.value(c.name), rel=1e-15), c.name  # a number cell: 16 digits
        else:
            assert got == m.value(c.name), c.name  # a formula's cached value: exact


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_defined_names_point_at_value_cells(book, sheet_id):
    wb = book["formulas"]
    rows = rows_by_name(wb[sheet_id])
    for c in GRAPH.sheet_cells(sheet_id):
        dn = wb.defined_names[excel_name(c.name)]
        assert dn.attr_text == f"'{sheet_id}'!$C${rows[c.name]}"


def test_every_name_a_formula_reads_is_defined(book):
    wb = book["formulas"]
    defined = {n.upper() for n in wb.defined_names}
    token = re.compile(r'"[^"]*"|([A-Z][A-Z0-9_]*_[A-Z0-9_]+)(?!\()')
    for sid in SHEETS:
        for row in wb[sid].iter_rows(min_col=3, max_col=3):
            v = row[0].value
            if isinstance(v, str) and v.startswith("="):
                used = {m.group(1) for m in token.finditer(v) if m.group(1)}
                assert used <= defined, (sid, row[0].coordinate, used - defined)


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_inputs_validate_their_bounds(book, sheet_id):
    ws = book["formulas"][sheet_id]
    rows = rows_by_name(ws)
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            rules[rng.coord] = dv
    for c in GRAPH.sheet_cells(sheet_id):
        if c.kind is not Kind.INPUT:
            continue
        d = c.decl
        dv = rules.get(f"C{rows[c.name]}")
        if c.choice is not None:
            assert dv is not None and dv.type == "list" and DEVICES_SHEET in dv.formula1
            continue
        if d.lo is None and d.hi is None and not d.integer:
            assert dv is None
            continue
        assert dv is not None, f"{c.name} has bounds but no validation"
        assert dv.errorStyle in (None, "stop") and c.name in dv.error  # None: the default, stop
        if d.strict_lo and d.lo is not None:
            assert dv.type == "custom" and f">{d.lo:g}".replace("e+", "E+") in dv.formula1
        else:
            assert dv.type == ("whole" if d.integer else "decimal")
            if d.lo is not None:
                assert float(dv.formula1) == d.lo


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_conditional_formats_flag_changes(book, sheet_id):
    ws = book["formulas"][sheet_id]
    rows = rows_by_name(ws)
    formulas = {}
    for rng, rules in ws.conditional_formatting._cf_rules.items():
        for rule in rules:
            formulas[str(rng.sqref)] = rule.formula[0]
    kinds = {k for k in (c.kind for c in GRAPH.sheet_cells(sheet_id))}
    for kind, pattern in ((Kind.INPUT, r"\$C(\d+)<>\$H\1"), (Kind.CALC, r"ABS\(\$C(\d+)-\$I\1\)>1E-9\*ABS\(\$I\1\)"),
                          (Kind.VERDICT, r"\$C(\d+)<>\$I\1")):
        if kind not in kinds:
            continue
        group = [c for c in GRAPH.sheet_cells(sheet_id) if c.kind is kind]
        rng = f"C{rows[group[0].name]}:C{rows[group[-1].name]}" if len(group) > 1 else f"C{rows[group[0].name]}"
        m = re.fullmatch(pattern, formulas.get(rng, ""))
        assert m and int(m.group(1)) == rows[group[0].name], (rng, formulas.get(rng))


def test_calc_note_is_its_derivation(book):
    m = book["model"]
    c = next(c for c in GRAPH.cells if c.kind is Kind.CALC)
    ws = book["formulas"][c.sheet]
    note = ws.cell(rows_by_name(ws)[c.name], 3).comment.text
    assert note.strip() == trace_text(m, c.name, depth=1).strip()


def test_index_lists_sheets_with_links_and_live_verdicts(book):
    ws = book["formulas"][INDEX_SHEET]
    vals = book["values"][INDEX_SHEET]
    m = book["model"]
    by_sheet = {}
    for row in ws.iter_rows(min_row=6):
        if row[0].value in GRAPH.sheets:
            by_sheet[row[0].value] = row
    assert set(by_sheet) == set(SHEETS)
    for sid, row in by_sheet.items():
        assert row[0].hyperlink is not None and row[0].hyperlink.location == f"'{sid}'!A1"
        verdicts = [c for c in GRAPH.sheet_cells(sid) if c.kind is Kind.VERDICT]
        cached = vals.cell(row[0].row, 2).value  # the answer leads, right of the sheet's link
        if verdicts:
            assert row[1].value.startswith("=") and excel_name(verdicts[0].name) in row[1].value
            assert cached == "; ".join(f"{c.short}: {m.value(c.name)}" for c in verdicts)
        assert vals.cell(row[0].row, 4).value in (0, None)


def test_index_shows_inputs_set_at_export(tmp_path):
    m = Model(GRAPH)
    name = next(c.name for c in GRAPH.cells if c.kind is Kind.INPUT and c.link is None and not c.decl.integer)
    new = m.value(name) * 1.5 or 1.0
    m.set(name, new)
    path = tmp_path / "set.xlsx"
    write_workbook(m, path)
    wb = openpyxl.load_workbook(path, data_only=True)
    changes = [[c.value for c in row] for row in wb[CHANGES_SHEET].iter_rows()]
    hit = [r for r in changes if r[0] == name]
    assert hit and hit[0][3] == new and hit[0][2] == GRAPH.cell(name).decl.default
    texts = [[c.value for c in row] for row in wb[INDEX_SHEET].iter_rows()]
    sid = name.split(".")[0]
    count = next(r[3] for r in texts if r[0] == sid)
    assert count == 1


def test_subset_export_brings_the_sheets_it_reads(tmp_path):
    problem = next(s for s in SHEETS if GRAPH.sheets[s].kind == "problem")
    info = write_workbook(Model(GRAPH), tmp_path / "one.xlsx", sheets=[problem])
    wb = openpyxl.load_workbook(tmp_path / "one.xlsx")
    needed = {GRAPH.cells[p].sheet for c in GRAPH.sheet_cells(problem) if c.lookup is None
              for p in GRAPH.parents[c.index]}
    assert problem in wb.sheetnames and needed <= set(wb.sheetnames)
    assert info.worksheets < len(SHEETS) + 1


def test_subset_export_carries_only_the_chosen_device_sheet(tmp_path):
    """p03 picks a GPU from a 26-member family: only the chosen one's spec sheet is exported; the
    others' figures are plain numbers on the Devices table, so switching the drop-down still works."""
    m = Model(GRAPH)
    write_workbook(m, tmp_path / "a.xlsx", sheets=["p03"])
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    specs = [s for s in wb.sheetnames if s in GRAPH.sheets and GRAPH.sheets[s].kind == "spec"]
    # read by hand from p03's sheet file: two chosen devices, the model and the two reference sheets
    assert sorted(specs) == ["gpu_a100", "model_resnet50", "npu_phone", "ref_interconnect", "ref_precision"]
    dev = wb[DEVICES_SHEET]
    h100 = next(r for r in dev.iter_rows(min_row=1) if r[0].value == "gpu_h100")
    a100 = next(r for r in dev.iter_rows(min_row=1) if r[0].value == "gpu_a100")
    header = next(r for r in dev.iter_rows(min_row=1) if r[0].value == "member")
    col = [c.value for c in header].index("mem_bw")
    assert h100[col].value == 3350, "not exported: a number (H100 SXM HBM3, 3.35 TB/s, in GB/s)"
    assert str(a100[col].value).startswith("=GPU_A100_"), "exported: a formula over its spec cell"
    m.set_many({"p03.gpu": "gpu_h100"})
    write_workbook(m, tmp_path / "b.xlsx", sheets=["p03"])
    names = openpyxl.load_workbook(tmp_path / "b.xlsx").sheetnames
    assert "gpu_h100" in names and "gpu_a100" not in names


# ---- text that looks like a formula --------------------------------------------------------------
def _tiny_graph():
    sd = SheetDef(
        id="tiny", title="=HYPERLINK(\"http://example.invalid\")", kind="problem", chapter="1", section="+cmd",
        question="@SUM(A1) looks like a formula",
        cells=[
            ("size", Input(2.0, "GB", doc="=1+1", source="-2+3")),
            ("rate", Input(4.0, "GB/s", doc="@rate", source="+SUM(A1:A2)")),
            ("limit", Input(1000.0, "ms", doc="limit")),
            ("time", Calc("size / rate", "ms", doc="-time", source="=cmd|' /C calc'!A0")),
            ("verdict", Verdict({"=fast": "time < limit"}, otherwise='@slow "really"', doc="+verdict")),
        ],
    )
    return build_graph([sd], check_unused=False)


def test_text_starting_with_formula_characters_is_written_as_text(tmp_path):
    g = _tiny_graph()
    m = Model(g)
    path = tmp_path / "tiny.xlsx"
    write_workbook(m, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["tiny"]
    texts = {"=1+1", "-2+3", "@rate", "+SUM(A1:A2)", "-time", "=cmd|' /C calc'!A0", "+verdict"}
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in texts:
                found[cell.value] = cell.data_type
    assert found == {t: "s" for t in texts}
    assert ws["A1"].data_type == "s" and ws["A1"].value.startswith("tiny — =HYPERLINK")
    index = {row[0].value: row for row in wb["Index"].iter_rows()}
    assert index["tiny"][2].data_type == "s" and index["tiny"][2].value.startswith("=HYPERLINK")
    assert ws["A3"].data_type == "s" and ws["A3"].value.startswith("@SUM")  # the question
    # and no formula element anywhere carries them
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    for f in re.findall(r"<f>(.*?)</f>", xml):
        assert "1+1" not in f and "SUM(A1" not in f and "cmd|" not in f
    verdict = ws.cell(rows_by_name(ws)["tiny.verdict"], 3).value
    assert verdict in ('=IF(TINY_TIME<TINY_LIMIT,"=fast","@slow ""really""")',
                       '=IF(TINY_LIMIT>TINY_TIME,"=fast","@slow ""really""")')
    assert openpyxl.load_workbook(path, data_only=True)["tiny"].cell(rows_by_name(ws)["tiny.verdict"], 3).value == "=fast"
