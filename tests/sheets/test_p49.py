"""p49 — price of fairness in a hiring model (Ch. 15, Responsible Engineering Checklist)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin


def test_seed_figure(model):
    assert model.value("p49.delta_tpr") == pytest.approx(0.20)  # a 20 percent TPR disparity


def test_defaults_by_hand(model):
    gain = 0.20 * 0.20 * 100_000  # extra good hires per group-B applicant
    cost = 0.15 * (1 - 0.20) * 50_000  # extra bad hires
    base = 0.70 * 0.20 * 100_000 - 0.10 * (1 - 0.20) * 50_000
    assert model.value("p49.gain_tp") == pytest.approx(gain)
    assert model.value("p49.cost_fp") == pytest.approx(cost)
    assert model.value("p49.delta_utility") == pytest.approx(gain - cost)
    assert model.value("p49.baseline_utility_b") == pytest.approx(base)
    assert model.value("p49.loss_within_b") == pytest.approx(-(gain - cost) / base * 100)
    assert model.value("p49.aggregate_tax") == pytest.approx(-(gain - cost) / base * 0.30 * 100)
    assert model.value("p49.accuracy_after") == pytest.approx((0.85 + 0.30 * (0.20 * 0.20 - 0.15 * 0.80)) * 100)
    assert model.value("p49.verdict_fairness") == "fairness costs utility"


def test_earlier_revision_counts_only_bad_hires(model):
    model.set("p49.count_tp_gain", 0)
    assert model.value("p49.delta_utility") == pytest.approx(-0.15 * 0.80 * 50_000)
    assert model.value("p49.verdict_fairness") == "fairness costs utility"


def test_verdict_flips_with_hire_value(model):
    # 0.2 * 0.2 * V = 6,000  ->  V = 150,000
    edge = boundary(model, "p49.verdict_fairness", "p49.hire_value")
    assert edge == pytest.approx(6000 / 0.04)
    model.set("p49.hire_value", edge * 0.99)
    assert model.value("p49.verdict_fairness") == "fairness costs utility"
    model.set("p49.hire_value", edge * 1.01)
    assert model.value("p49.verdict_fairness") == "fairness is free or pays"


def test_verdict_flips_with_false_positive_price(model):
    # 4,000 = d * 0.8 * 50,000  ->  d = 0.1
    edge = boundary(model, "p49.verdict_fairness", "p49.delta_fpr_b")
    assert edge == pytest.approx(4000 / (0.8 * 50_000))
    model.set("p49.delta_fpr_b", edge * 1.02)
    assert model.value("p49.verdict_fairness") == "fairness costs utility"
    model.set("p49.delta_fpr_b", edge * 0.98)
    assert model.value("p49.verdict_fairness") == "fairness is free or pays"


def test_cli_show_json():
    out = run_napkin("show", "p49", "--json")
    cells = json.loads(out.stdout)["cells"]
    assert all(c["error"] is None for c in cells)
    assert {c["kind"] for c in cells} == {"input", "calc", "verdict"}
