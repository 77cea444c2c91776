"""Monte Carlo in the workbook: `napkin export --range ...` adds a Ranges sheet and P5/P50/P95
columns; the numbers match a second monte_carlo run with the same seed, a closed form worked out
by hand, and the importer never mistakes them for edits."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from excel_helpers import edit_workbook, rows_by_name

from exports.excel_printer import ExcelPrintError
from exports.layout import (
    COL_MC_NOTE,
    COL_MC_P5,
    COL_MC_P50,
    COL_MC_P95,
    COLUMNS,
    HEADER_ROW,
    INDEX_SHEET,
    MC_COLUMNS,
    RANGES_SHEET,
    exported_cells,
)
from exports.workbook import write_workbook
from exports.workbook_import import import_workbook, read_workbook
from model import Kind, Model
from model.analysis.montecarlo import monte_carlo
from napkin.cli import main
from sheets import default_graph

GRAPH = default_graph()
ROOT = Path(__file__).resolve().parents[2]
N, SEED = 20_000, 11
RANGES = {"p01.eta_base": "uniform:0.4:0.5", "p01.n_gpus": "triangular:512:1024:2048"}
REL = 1e-15  # XlsxWriter stores 16 significant digits


def _napkin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "napkin", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The whole model exported through the CLI with two ranges, and a second run of the same Monte Carlo."""
    path = tmp_path_factory.mktemp("mc") / "ranges.xlsx"
    ranges = [a for k, v in RANGES.items() for a in ("--range", f"{k}={v}")]
    done = _napkin("export", str(path), *ranges, "--samples", str(N), "--seed", str(SEED))
    assert done.returncode == 0, done.stderr
    assert "Monte Carlo: 20,000 samples, seed 11" in done.stdout
    m = Model(GRAPH)
    return {"path": path, "wb": openpyxl.load_workbook(path), "model": m, "mc": monte_carlo(m, RANGES, n=N, seed=SEED)}


def _row_values(ws, row: int, cols) -> list:
    return [ws.cell(row, col + 1).value for col in cols]


def test_sheet_order_and_index_line(book):
    wb = book["wb"]
    assert wb.sheetnames[0] == INDEX_SHEET and wb.sheetnames[-2:] == [RANGES_SHEET, "napkin_meta"]  # annex last
    line = wb[INDEX_SHEET]["A4"]
    assert "Monte Carlo run: 20,000 samples, seed 11" in line.value
    for k, v in RANGES.items():
        assert f"{k} ~ {v}" in line.value
    assert line.hyperlink.location == f"'{RANGES_SHEET}'!A1"


def test_percentile_columns_match_a_second_run_on_every_sheet(book):
    """Every calc's P5/P50/P95 (and each verdict's probabilities) beside its value, on all sheets."""
    wb, m, mc = book["wb"], book["model"], book["mc"]
    reached = 0
    for sid in GRAPH.sheets:
        ws = wb[sid]
        heads = _row_values(ws, HEADER_ROW + 1, range(COL_MC_P5, COL_MC_NOTE + 1))
        assert heads == list(MC_COLUMNS)
        assert "not live formulas" in ws.cell(HEADER_ROW, COL_MC_P5 + 1).value.lower()
        rows = rows_by_name(ws)
        for c in GRAPH.sheet_cells(sid):
            r = rows[c.name]
            p5, p50, p95, valid, note = _row_values(ws, r, range(COL_MC_P5, COL_MC_NOTE + 1))
            s = mc.stats.get(c.name)
            if c.kind is Kind.VERDICT:
                assert p5 is p50 is p95 is None
                if s is None:
                    shown = "an error" if m.error(c.name) else repr(m.value(c.name))
                    assert note == f"constant: {shown}; no ranged input reaches it"
                else:
                    reached += 1
                    for lab, p in s.probabilities.items():
                        assert f"P({lab}) = {p:.1%}" in note
                continue
            if s is None:
                if c.kind is Kind.INPUT:
                    assert (p5, p50, p95, valid, note) == (None,) * 5, c.name
                elif m.error(c.name) is None:
                    want = m.value(c.name)
                    assert [p5, p50, p95] == [pytest.approx(want, rel=REL)] * 3, c.name
                    assert note == "constant: no ranged input reaches it"
                continue
            reached += 1
            assert [p5, p50, p95] == [pytest.approx(x, rel=REL) for x in (s.p5, s.p50, s.p95)], c.name
            assert valid == pytest.approx(s.valid, rel=REL)
            if c.name in RANGES:
                assert note == f"range {RANGES[c.name]}"
    assert reached == len(mc.stats), "every reached cell has its columns"


def test_ranges_sheet_lists_inputs_calcs_and_verdict_labels(book):
    ws, mc, m = book["wb"][RANGES_SHEET], book["mc"], book["model"]
    table = [list(r) for r in ws.iter_rows(values_only=True)]
    names = [r[0] for r in table]
    # ranged inputs: distribution and its parameters in display units
    head = names.index("input")
    assert table[head][:10] == ["input", "doc", "unit", "distribution", "low", "mode", "high", "median", "σ of ln",
                                "value in export"]
    eta = table[names.index("p01.eta_base")]
    assert eta[3:7] == ["uniform:0.4:0.5", 0.4, None, 0.5] and eta[9] == 0.45
    gpus = table[names.index("p01.n_gpus")]
    assert gpus[2:7] == ["GPU", "triangular:512:1024:2048", 512, 1024, 2048]
    # calcs: one row each, P5/P50/P95/mean/valid share and unit
    calcs = [s for s in mc.stats.values() if s.kind == "calc"]
    assert calcs and all(names.count(s.name) == 1 for s in calcs)
    assert table[names.index("cell")][:8] == ["cell", "doc", "unit", "P5", "P50", "P95", "mean", "valid share"]
    for s in calcs:
        row = table[names.index(s.name)]
        assert row[2] == s.unit
        assert row[3:8] == [pytest.approx(x, rel=REL) for x in (s.p5, s.p50, s.p95, s.mean, s.valid)]
    # verdicts: one row per label with its probability
    verdicts = [s for s in mc.stats.values() if s.kind == "verdict"]
    assert verdicts
    for s in verdicts:
        got = {r[2]: r[3] for r in table if r[0] == s.name}
        want = dict(s.probabilities)
        if s.valid < 1:
            want["(error: no label)"] = 1 - s.valid
        assert got == pytest.approx(want, rel=REL)
        exported = [r[2] for r in table if r[0] == s.name and r[4]]
        assert exported == [m.value(s.name)]
    # no cell a range does not reach is listed
    listed = {n for n in names if isinstance(n, str) and n in GRAPH.index}
    assert listed == set(mc.stats)


def test_import_of_the_exported_workbook_reports_no_edits(book, capsys):
    report = read_workbook(Model(GRAPH), book["path"])
    assert report.edits == [] and report.formula_edits == []
    assert any("Monte Carlo run (20,000 samples, seed 11" in n for n in report.notes)
    assert main(["import", str(book["path"]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["edits"] == [] and out["formula_edits"] == [] and out["changed"] == []


def test_an_edit_beside_the_monte_carlo_columns_is_read_alone(tmp_path):
    m = Model(GRAPH)
    src = tmp_path / "small.xlsx"
    write_workbook(m, src, sheets=["p01"], mc=monte_carlo(m, RANGES, n=1000, seed=1))
    path = edit_workbook(src, tmp_path / "edited.xlsx", {"p01.eta_improved": 0.7})
    report = import_workbook(m, path)
    assert [(e.name, e.new) for e in report.edits] == [("p01.eta_improved", 0.7)]
    assert m.value("p01.eta_improved") == 0.7


def test_percentiles_match_the_closed_form(tmp_path):
    """days_base = K/η with η ~ U(0.4, 0.5): days falls as η rises, so P_q(days) = K/η_(1-q),
    η_(1-q) = 0.4 + 0.1·(1-q), and the mean is K·ln(0.5/0.4)/0.1. n_gpus is overridden (2048)
    to check the run sees the export's overrides."""
    m = Model(GRAPH)
    m.set("p01.n_gpus", 2048)
    mc = monte_carlo(m, {"p01.eta_base": "uniform:0.4:0.5"}, n=N, seed=3)
    path = tmp_path / "closed.xlsx"
    write_workbook(m, path, sheets=["p01"], mc=mc)
    # K by hand: FLOP / (GPU · FLOP/s) = s, then ÷ 86,400 s/day (read in its display unit) = days
    assert m.cell("p01.seconds_per_day").unit.text == "s/day"
    k = m.si_value("p01.training_ops") / (2048 * m.si_value("p01.peak_per_gpu") * m.value("p01.seconds_per_day"))
    want = [k / (0.4 + 0.1 * (1 - q)) for q in (0.05, 0.50, 0.95)]
    wb = openpyxl.load_workbook(path)
    ws = wb["p01"]
    r = rows_by_name(ws)["p01.days_base"]
    got = _row_values(ws, r, (COL_MC_P5, COL_MC_P50, COL_MC_P95))
    assert got == pytest.approx(want, rel=3e-3)  # sampling error of a 20,000-sample percentile: ~0.05 %
    table = {row[0]: row for row in wb[RANGES_SHEET].iter_rows(values_only=True) if row[0] == "p01.days_base"}
    mean = table["p01.days_base"][6]
    assert mean == pytest.approx(k * math.log(0.5 / 0.4) / 0.1, rel=3e-3)
    assert ws.cell(rows_by_name(ws)["p01.days_improved"], COL_MC_P50 + 1).value == pytest.approx(m.value("p01.days_improved"))


def test_bad_range_is_one_line_exit_2_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.xlsx"
    done = _napkin("export", str(path), "--range", "p01.eta_base=uniform:0.5:0.4", "--samples", "100")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "napkin: error: Range for 'p01.eta_base' is empty: its low 0.5 must be below its high 0.4."]
    assert not path.exists()


@pytest.mark.parametrize("args, says", [
    (["--range", "p01.eta_base=normal:0.4:0.5"], "must be uniform:LO:HI, triangular:LO:MODE:HI or lognormal"),
    (["--range", "p01.eta_base=uniform:0.4:1.5"], "p01.eta_base"),
    (["--range", "p01.eta_base=lognormal:0.4:0.2"], "log-normal range spreads over (0, ∞)"),
    (["--range", "p01.days_base=uniform:1:2"], "needs an input"),
    (["--range", "p01.nope=uniform:1:2"], "p01.nope"),
    (["--range", "p01.eta_base"], "--range needs NAME=KIND"),
    (["--range", "p01.eta_base=uniform:0.4:0.5", "--samples", "1"], "between 2 and 10,000,000 samples"),
    (["--seed", "4"], "needs at least one --range"),
])
def test_bad_monte_carlo_options_in_process(tmp_path, capsys, args, says):
    path = tmp_path / "bad.xlsx"
    assert main(["export", str(path), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("napkin: error: ") and says in err[0], err
    assert not path.exists()


def test_without_ranges_the_workbook_is_unchanged(tmp_path):
    path = tmp_path / "plain.xlsx"
    info = write_workbook(Model(GRAPH), path, sheets=["p01"])
    wb = openpyxl.load_workbook(path)
    assert RANGES_SHEET not in wb.sheetnames and info.worksheets == len(wb.sheetnames) - 1  # the hidden meta sheet
    heads = [c.value for c in wb["p01"][HEADER_ROW + 1]]
    assert heads[: len(COLUMNS)] == list(COLUMNS)
    assert not any(isinstance(v, str) and "Monte Carlo" in v for row in wb["p01"].iter_rows() for v in (c.value for c in row))
    assert wb[INDEX_SHEET]["A4"].value is None


def test_a_run_that_misses_exported_cells_is_refused(tmp_path):
    m = Model(GRAPH)
    partial = monte_carlo(m, RANGES, n=100, seed=0, outputs=["p01.days_base"])
    with pytest.raises(ExcelPrintError, match="no summary of"):
        write_workbook(m, tmp_path / "partial.xlsx", sheets=["p01"], mc=partial)
    other = next(sid for sid in GRAPH.sheets if "p01.eta_base" not in exported_cells(GRAPH, [sid]))
    with pytest.raises(ExcelPrintError, match="leaves out"):
        write_workbook(m, tmp_path / "other.xlsx", sheets=[other], mc=monte_carlo(m, RANGES, n=100, seed=0))
    assert not list(tmp_path.glob("*.xlsx"))
