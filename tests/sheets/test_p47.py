"""p47 — proxy metric vs true goal (Ch. 15, Engineering Responsibility Gap)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin

COLLAPSED = "proxy has decoupled (correlation collapsed) — recalibrate with counterfactual random hold-out evaluation"
OPPOSITE = "proxy has decoupled (proxy and goal move in opposite directions) — recalibrate with counterfactual random hold-out evaluation"
TRACKS = "proxy still tracks the goal"


def test_defaults_by_hand(model):
    assert model.value("p47.r2_before") == pytest.approx(0.8**2 * 100)  # %
    assert model.value("p47.r2_after") == pytest.approx(0.2**2 * 100)
    assert model.value("p47.r2_lost") == pytest.approx((0.64 - 0.04) * 100)
    assert model.value("p47.gap_change") == pytest.approx(0.20 - (-0.05))
    assert model.value("p47.direction_product") < 0
    assert model.value("p47.verdict_proxy") == COLLAPSED


def test_correlation_boundary(model):
    edge = boundary(model, "p47.verdict_proxy", "p47.corr_after")
    assert edge == pytest.approx(0.5)
    model.set("p47.corr_after", edge - 0.01)
    assert model.value("p47.verdict_proxy") == COLLAPSED
    model.set("p47.corr_after", edge + 0.01)
    # correlation is fine now, but clicks still rise while satisfaction falls
    assert model.value("p47.verdict_proxy") == OPPOSITE


def test_direction_boundary(model):
    model.set("p47.corr_after", 0.7)
    model.set("p47.delta_satisfaction", -0.01)
    assert model.value("p47.verdict_proxy") == OPPOSITE
    model.set("p47.delta_satisfaction", 0.01)
    assert model.value("p47.verdict_proxy") == TRACKS
    assert model.value("p47.gap_change") == pytest.approx(0.20 - 0.01)


def test_cli_show_json():
    out = run_napkin("show", "p47", "--json")
    cells = json.loads(out.stdout)["cells"]
    assert all(c["error"] is None for c in cells)
    assert {c["kind"] for c in cells} == {"input", "calc", "verdict"}
