"""Switching hardware in the exported workbook: LibreOffice recalculates every problem that chose
a device, and its calcs and verdicts equal Napkin's with the same choices; `napkin import` reads
the changed choices back."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import require_tool
from excel_helpers import edit_workbook, mismatch, rows_by_name, value_cell

from exports.devices_sheet import DEVICES_SHEET
from exports.recalc import recalculate
from exports.workbook import write_workbook
from exports.workbook_import import import_workbook, read_workbook
from model import Kind, Model
from sheets import default_graph

pytestmark = pytest.mark.external

GRAPH = default_graph()
SHEETS = ["p01", "p03", "p12", "p34", "ex4"]
CHOICES = {"p03.gpu": "gpu_h100", "p01.gpu": "gpu_b200", "p12.tpu": "tpu_v6e", "ex4.gpu_new": "tpu_v5e",
           "p34.gpu": "soc_m4_max"}  # the M4 Max has no FP16 matrix peak: n/a in both


@pytest.fixture(scope="module")
def lo(tmp_path_factory):
    require_tool("soffice", "libreoffice")
    d = tmp_path_factory.mktemp("lodev")
    m0 = Model(GRAPH)
    write_workbook(m0, d / "dev.xlsx", sheets=SHEETS)
    edit_workbook(d / "dev.xlsx", d / "switched.xlsx", CHOICES)
    m1 = Model(GRAPH)
    m1.set_many(CHOICES)
    outs = recalculate([d / "dev.xlsx", d / "switched.xlsx"], d / "out")
    return {"m0": m0, "m1": m1, "dir": d, "defaults": openpyxl.load_workbook(outs[0], data_only=True),
            "switched": openpyxl.load_workbook(outs[1], data_only=True)}


def _mismatches(model, wb) -> tuple[list[str], int]:
    bad, checked = [], 0
    for sid in SHEETS:
        ws = wb[sid]
        rows = rows_by_name(ws)
        for c in GRAPH.sheet_cells(sid):
            why = mismatch(model, c.name, ws.cell(rows[c.name], 3).value)
            checked += 1
            if why:
                bad.append(why)
    return bad, checked


def test_default_choices_recalculate_to_the_engine(lo):
    bad, checked = _mismatches(lo["m0"], lo["defaults"])
    assert bad == [] and checked > 100


def test_switched_devices_recalculate_to_the_engine(lo):
    bad, _ = _mismatches(lo["m1"], lo["switched"])
    assert bad == []
    ws = lo["switched"]["p03"]
    rows = rows_by_name(ws)
    assert ws.cell(rows["p03.peak_gpu"], 3).value == 989
    assert ws.cell(rows["p03.latency_gpu"], 3).value == pytest.approx(51.2e6 / 3350e9 * 1e3, rel=1e-9)
    assert ws.cell(rows["p03.verdict_gpu"], 3).value == "memory-bound"
    days = lo["switched"]["p01"].cell(rows_by_name(lo["switched"]["p01"])["p01.days_base"], 3).value
    assert days == pytest.approx(3.14e23 / (1024 * 2250e12 * 0.45) / 86400, rel=1e-9)


def test_na_member_is_an_error_in_both(lo):
    m1 = lo["m1"]
    ws = lo["switched"]["p34"]
    rows = rows_by_name(ws)
    assert "soc_m4_max has no FP16 matrix unit" in str(m1.error("p34.peak_gpu"))
    assert str(ws.cell(rows["p34.peak_gpu"], 3).value).startswith("#")
    moved = [c.name for c in GRAPH.sheet_cells("p34") if c.kind is not Kind.INPUT and m1.error(c.name)]
    assert moved and all(str(ws.cell(rows[n], 3).value).startswith("#") for n in moved)


def test_choice_cell_is_a_validated_list_over_the_devices_table(lo):
    wb = openpyxl.load_workbook(lo["dir"] / "dev.xlsx")
    cell = value_cell(wb, "p03.gpu")
    assert cell.value == "gpu_a100"
    dv = [v for v in wb["p03"].data_validations.dataValidation if cell.coordinate in v.sqref]
    assert len(dv) == 1 and dv[0].type == "list" and DEVICES_SHEET in dv[0].formula1
    link = value_cell(wb, "p03.mem_bw_gpu").value
    assert link.startswith("=INDEX(") and "MATCH(P03_GPU," in link
    members = [r[0].value for r in wb[DEVICES_SHEET].iter_rows(min_row=6) if r[0].value]
    assert members == list(GRAPH.cell("p03.gpu").labels)


def test_import_reads_the_changed_choices_back(lo):
    m = Model(GRAPH)
    report = import_workbook(m, lo["dir"] / "switched.xlsx")
    assert {e.name: e.new for e in report.edits} == CHOICES
    assert m.choices()["p03.gpu"] == "gpu_h100" and m.value("p03.peak_gpu") == 989
    edit_workbook(lo["dir"] / "dev.xlsx", lo["dir"] / "bad.xlsx", {"p03.gpu": "gpu_h10"})
    with pytest.raises(Exception) as exc:
        read_workbook(Model(GRAPH), lo["dir"] / "bad.xlsx")
    assert "did you mean 'gpu_h100'" in str(exc.value)
