"""Reading an edited workbook back: the edits a person made, and clear errors for what cannot be read.

Workbooks are edited with openpyxl, the way a script (or a person in Excel) would change them.
"""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from excel_helpers import edit_workbook, rows_by_name, sample_edits, value_cell

from exports.workbook import write_workbook
from exports.workbook_import import WorkbookError, import_workbook, normalise_formula, read_workbook
from model import Kind, Model
from napkin.cli import main
from sheets import default_graph

GRAPH = default_graph()


def _first(pred):
    return next(c for c in GRAPH.cells if pred(c))


PLAIN = _first(lambda c: c.kind is Kind.INPUT and c.link is None and c.decl.lo is not None and not c.decl.integer
               and c.decl.hi is None and c.decl.default > c.decl.lo)
LINKED = _first(lambda c: c.kind is Kind.INPUT and c.link is not None and GRAPH.cell(c.link).link is None)
CALC = _first(lambda c: c.kind is Kind.CALC)


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    """The whole model's workbook."""
    path = tmp_path_factory.mktemp("imp") / "model.xlsx"
    write_workbook(Model(GRAPH), path)
    return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A few sheets (and those they read): enough for each case, and quick to edit."""
    path = tmp_path_factory.mktemp("imp") / "some.xlsx"
    write_workbook(Model(GRAPH), path, sheets=sorted({PLAIN.sheet, LINKED.sheet, CALC.sheet, "gpu_a100"}))
    return path


def _edited(exported, tmp_path, values, name="edited.xlsx"):
    return edit_workbook(exported, tmp_path / name, values)


def _where(path, name):
    ws = openpyxl.load_workbook(path)[name.split(".")[0]]
    return f"'{name.split('.')[0]}'!C{rows_by_name(ws)[name]}"


def test_untouched_workbook_has_no_edits(whole):
    report = read_workbook(Model(GRAPH), whole)
    assert report.edits == [] and report.formula_edits == [] and report.notes == []


def test_round_trip_reports_exactly_the_edits(whole, tmp_path):
    m = Model(GRAPH)
    edits = sample_edits(m, seed=11)
    assert len({n.split(".")[0] for n in edits}) > len(GRAPH.sheets) // 2
    path = _edited(whole, tmp_path, edits)
    report = import_workbook(m, path)
    got = {e.name: e.new for e in report.edits}
    assert set(got) == set(edits)
    for name, new in edits.items():
        assert got[name] == pytest.approx(new, rel=1e-15)
    # the model now holds the edits, and the changed outputs are those an independent model shows
    assert set(m.overrides()) == set(edits)
    ref = Model(GRAPH)
    ref.set_many(edits)
    fresh = Model(GRAPH)
    expect = {c.name for c in GRAPH.cells if c.kind is not Kind.INPUT and ref.value(c.name) != fresh.value(c.name)
              and not (isinstance(ref.value(c.name), float) and ref.value(c.name) == pytest.approx(fresh.value(c.name), rel=1e-12))}
    assert {c.name for c in report.changed} == expect
    for ch in report.changed:
        assert ch.new == ref.value(ch.name) and ch.old == fresh.value(ch.name)


def test_old_and_new_values_with_units(exported, tmp_path):
    new = PLAIN.decl.default * 2
    report = read_workbook(Model(GRAPH), _edited(exported, tmp_path, {PLAIN.name: new}))
    (e,) = report.edits
    assert (e.name, e.old, e.new, e.unit) == (PLAIN.name, pytest.approx(PLAIN.decl.default), new, PLAIN.unit.text)
    assert e.cell == _where(exported, PLAIN.name)


def test_text_with_a_unit_is_converted(exported, tmp_path):
    c = GRAPH.cell("gpu_a100.mem_bw")
    report = read_workbook(Model(GRAPH), _edited(exported, tmp_path, {c.name: "2.5 TB/s"}))
    (e,) = report.edits
    assert e.new == pytest.approx(2500.0) and e.unit == "GB/s"


def test_number_typed_over_a_link_is_an_override(exported, tmp_path):
    m = Model(GRAPH)
    linked_value = m.value(LINKED.name)
    report = read_workbook(m, _edited(exported, tmp_path, {LINKED.name: linked_value * 3}))
    (e,) = report.edits
    assert e.name == LINKED.name and e.old == pytest.approx(linked_value) and e.new == pytest.approx(linked_value * 3)


def test_edited_formula_is_reported_not_imported(exported, tmp_path):
    m = Model(GRAPH)
    before = m.value(CALC.name)
    report = import_workbook(m, _edited(exported, tmp_path, {CALC.name: "=1+1"}))
    (f,) = report.formula_edits
    assert f.name == CALC.name and f.found == "=1+1" and f.cell == _where(exported, CALC.name)
    assert report.edits == [] and m.value(CALC.name) == before and m.overrides() == {}


def test_number_over_a_formula_is_reported(exported, tmp_path):
    report = read_workbook(Model(GRAPH), _edited(exported, tmp_path, {CALC.name: 42}))
    (f,) = report.formula_edits
    assert f.found == "42"


def test_formula_comparison_ignores_spacing_case_and_quotes():
    assert normalise_formula("='p03'!$C$5 * 1E+24") == normalise_formula("=P03!$C$5*1e24")


# ---- errors, each naming the cell; the model stays unchanged -------------------------------------
def _refused(model, path) -> str:
    with pytest.raises(WorkbookError) as info:
        import_workbook(model, path)
    assert model.overrides() == {}
    return str(info.value)


def test_formula_in_an_input_cell(exported, tmp_path):
    m = Model(GRAPH)
    msg = _refused(m, _edited(exported, tmp_path, {PLAIN.name: "=2*3"}))
    assert f"{_where(exported, PLAIN.name)} (input {PLAIN.name}, in {PLAIN.unit.text}) holds the formula '=2*3'" in msg
    assert "type a number" in msg and "nothing was applied" in msg


def test_other_formula_in_a_linked_input(exported, tmp_path):
    msg = _refused(Model(GRAPH), _edited(exported, tmp_path, {LINKED.name: "=GPU_A100_MEM_BW*2"}))
    assert f"(input {LINKED.name}," in msg and "holds the formula '=GPU_A100_MEM_BW*2'" in msg


def test_unit_less_text(exported, tmp_path):
    msg = _refused(Model(GRAPH), _edited(exported, tmp_path, {PLAIN.name: "2048"}))
    assert f"{_where(exported, PLAIN.name)} (input {PLAIN.name}, in {PLAIN.unit.text}) holds the text '2048' with no unit" in msg


def test_words_instead_of_a_number(exported, tmp_path):
    msg = _refused(Model(GRAPH), _edited(exported, tmp_path, {PLAIN.name: "a lot"}))
    assert _where(exported, PLAIN.name) in msg and "needs a number" in msg and "'a lot'" in msg


def test_text_that_looks_like_a_formula_is_not_evaluated(exported, tmp_path):
    src = tmp_path / "text.xlsx"
    wb = openpyxl.load_workbook(exported)
    cell = value_cell(wb, PLAIN.name)
    cell.value = "=1+1"
    cell.data_type = "s"  # typed as text ('=1+1), not a formula
    wb.save(src)
    msg = _refused(Model(GRAPH), src)
    assert _where(exported, PLAIN.name) in msg and "'=1+1'" in msg


def test_wrong_dimension_in_text(exported, tmp_path):
    msg = _refused(Model(GRAPH), _edited(exported, tmp_path, {"gpu_a100.mem_bw": "3 ms"}))
    assert _where(exported, "gpu_a100.mem_bw") in msg and "dimension" in msg


def test_out_of_bounds_names_cell_and_rule(exported, tmp_path):
    msg = _refused(Model(GRAPH), _edited(exported, tmp_path, {PLAIN.name: PLAIN.decl.lo - 1}))
    assert f"{_where(exported, PLAIN.name)}: Input '{PLAIN.name}' must be" in msg


def test_empty_input(exported, tmp_path):
    msg = _refused(Model(GRAPH), _edited(exported, tmp_path, {PLAIN.name: None}))
    assert f"{_where(exported, PLAIN.name)} (input {PLAIN.name}, in {PLAIN.unit.text}) is empty" in msg


def test_every_problem_is_listed(exported, tmp_path):
    msg = _refused(Model(GRAPH), _edited(exported, tmp_path, {PLAIN.name: "=1", "gpu_a100.mem_bw": "fast"}))
    assert "2 problems" in msg and PLAIN.name in msg and "gpu_a100.mem_bw" in msg


def test_deleted_row(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    ws = wb[PLAIN.sheet]
    ws.delete_rows(rows_by_name(ws)[PLAIN.name])
    wb.save(tmp_path / "deleted.xlsx")
    msg = _refused(Model(GRAPH), tmp_path / "deleted.xlsx")
    assert f"the row of '{PLAIN.name}' is missing from worksheet '{PLAIN.sheet}' (deleted?)" in msg


def test_inserted_rows_do_not_matter(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    ws = wb[PLAIN.sheet]
    ws.insert_rows(6, amount=3)
    value_cell(wb, PLAIN.name).value = PLAIN.decl.default * 2
    wb.save(tmp_path / "inserted.xlsx")
    (e,) = read_workbook(Model(GRAPH), tmp_path / "inserted.xlsx").edits
    assert e.name == PLAIN.name and e.cell == f"'{PLAIN.sheet}'!C{rows_by_name(ws)[PLAIN.name]}"


def test_renamed_sheet(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    wb[PLAIN.sheet].title = "renamed"
    wb.save(tmp_path / "renamed.xlsx")
    msg = _refused(Model(GRAPH), tmp_path / "renamed.xlsx")
    assert f"worksheet '{PLAIN.sheet}' is missing (renamed or deleted?)" in msg and f"rename it back to '{PLAIN.sheet}'" in msg


def test_workbook_not_from_napkin(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    wb.save(tmp_path / "other.xlsx")
    msg = _refused(Model(GRAPH), tmp_path / "other.xlsx")
    assert "is not a Napkin workbook" in msg and "napkin export" in msg


def test_file_that_is_not_a_workbook(tmp_path):
    (tmp_path / "notes.xlsx").write_text("name,value\n")
    msg = _refused(Model(GRAPH), tmp_path / "notes.xlsx")
    assert "is not an Excel .xlsx workbook" in msg


def test_missing_file(tmp_path):
    assert "No such file" in _refused(Model(GRAPH), tmp_path / "nope.xlsx")


# ---- command line --------------------------------------------------------------------------------
def test_cli_export_then_import_json(tmp_path, capsys):
    path = tmp_path / "cli.xlsx"
    assert main(["export", str(path), "--sheet", PLAIN.sheet, "--set", f"{PLAIN.name}={PLAIN.decl.default * 3}"]) == 0
    assert "live formulas" in capsys.readouterr().out
    assert main(["import", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(e["name"], e["new"]) for e in out["edits"]] == [(PLAIN.name, pytest.approx(PLAIN.decl.default * 3))]
    assert set(out) == {"file", "edits", "formula_edits", "changed", "notes"}


def test_cli_import_text(exported, tmp_path, capsys):
    path = _edited(exported, tmp_path, {PLAIN.name: PLAIN.decl.default * 2, CALC.name: "=1"})
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 input differs from the defaults" in out and PLAIN.name in out and "→" in out
    assert "reported, not imported" in out and CALC.name in out


def test_cli_errors_exit_2_and_write_nothing(tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    assert main(["export", str(path), "--set", f"{PLAIN.name}=-5"]) == 2
    assert not path.exists()
    assert "must be" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "x.csv")]) == 2
    assert main(["import", str(tmp_path / "missing.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("napkin: error:") == 2 and "No such file" in err


def test_cli_import_error_names_the_cell(exported, tmp_path, capsys):
    path = _edited(exported, tmp_path, {PLAIN.name: "=A1"})
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and _where(exported, PLAIN.name) in err


def test_export_overwrites_atomically(exported, tmp_path):
    path = tmp_path / "again.xlsx"
    shutil.copy(exported, path)
    write_workbook(Model(GRAPH), path, sheets=[PLAIN.sheet])
    assert openpyxl.load_workbook(path).sheetnames[0] == "Index"
    assert [p.name for p in tmp_path.iterdir()] == ["again.xlsx"]
