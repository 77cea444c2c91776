"""A user workspace exported to Excel, recalculated by LibreOffice, edited and imported back.

The three user sheets of tests/resources/workspace (hand values in tests/cli/test_workspace.py):
cost per million tokens = 20 USD/h / (8 × 274.2857 token/s) = 2.531829 USD. With decode.batch
16 and fleet.gpu_price 3 USD/h the step stays memory-bound, throughput doubles and the fleet
costs 24 USD/h: 2.531829 × (3/2.5) / 2 = 1.519097 USD.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import require_tool
from excel_helpers import edit_workbook, value_cell

from exports.recalc import recalculate

pytestmark = pytest.mark.external

ROOT = Path(__file__).resolve().parents[2]
WS = ROOT / "tests" / "resources" / "workspace"
COST = 20 / 3600 / (8 * 8 / (140 / 4800)) * 1e6


def napkin(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NAPKIN_WORKSPACE", None)
    r = subprocess.run([sys.executable, "-m", "napkin", "--workspace", str(WS), *args], check=False, capture_output=True,
                       text=True, cwd=ROOT, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    require_tool("soffice", "libreoffice")
    d = tmp_path_factory.mktemp("wslo")
    napkin("export", str(d / "ws.xlsx"), "--sheet", "serving")
    edit_workbook(d / "ws.xlsx", d / "edited.xlsx", {"decode.batch": 16, "fleet.gpu_price": 3})
    outs = recalculate([d / "ws.xlsx", d / "edited.xlsx"], d / "out")
    return {"dir": d, "plain": openpyxl.load_workbook(d / "ws.xlsx"),
            "ws": openpyxl.load_workbook(outs[0], data_only=True),
            "edited": openpyxl.load_workbook(outs[1], data_only=True)}


def test_export_holds_the_user_sheets_and_their_links(books):
    wb = books["plain"]
    assert {"serving", "decode", "fleet", "gpu_h200"} <= set(wb.sheetnames)
    linked = value_cell(wb, "decode.mem_bw")
    assert str(linked.value).startswith("=") and linked.font.color.rgb == "FF00803C"  # green linked cell
    assert str(value_cell(wb, "serving.cost_per_mtok").value).startswith("=")


def test_libreoffice_recalculates_the_hand_values(books):
    wb = books["ws"]
    assert value_cell(wb, "decode.t_memory").value == pytest.approx(140 / 4800 * 1e3, rel=1e-9)
    assert value_cell(wb, "decode.tokens_per_s").value == pytest.approx(8 / (140 / 4800), rel=1e-9)
    assert value_cell(wb, "serving.cost_per_mtok").value == pytest.approx(COST, rel=1e-9)
    assert value_cell(wb, "decode.bound").value == "memory-bound"
    assert value_cell(wb, "serving.verdict").value == "within budget"


def test_libreoffice_recalculates_edited_inputs(books):
    wb = books["edited"]
    assert value_cell(wb, "fleet.cost_per_hour").value == pytest.approx(24.0, rel=1e-9)
    assert value_cell(wb, "serving.cost_per_mtok").value == pytest.approx(COST * 3 / 2.5 / 2, rel=1e-9)


def test_import_reads_the_edits_back(books):
    report = json.loads(napkin("import", str(books["dir"] / "edited.xlsx"), "--json"))
    edits = {e["name"]: (e["old"], e["new"]) for e in report["edits"]}
    assert edits == {"decode.batch": (8, 16), "fleet.gpu_price": (2.5, 3)}
    changed = {c["name"]: c["new"] for c in report["changed"]}
    assert changed["serving.cost_per_mtok"] == pytest.approx(COST * 0.6)
