"""p44 — optimal retraining interval (Ch. 14, Development Infrastructure)."""

import json
import math

import pytest
from sheet_helpers import boundary, run_napkin

VALUE_RATE = 1_000_000 * 0.50 * 0.95  # USD/day of a fresh model
DECAY_VALUE = VALUE_RATE * 0.02  # USD/day^2
T_STAR = math.sqrt(2 * 5000 / DECAY_VALUE)  # days


def exact_cost_rate(t, c=5000, v=VALUE_RATE, g=0.02):
    """Average cost per day for retraining every t days (lost value plus retrain cost)."""
    return (v * (t - (1 - math.exp(-g * t)) / g) + c) / t


def test_defaults_by_hand(model):
    assert model.value("p44.decay_value_rate") == pytest.approx(9500)
    assert model.value("p44.t_star") == pytest.approx(T_STAR)
    assert model.value("p44.t_star_hours") == pytest.approx(T_STAR * 24)
    assert round(model.value("p44.t_star"), 1) == 1.0
    assert model.value("p44.cost_rate_at_star") == pytest.approx(exact_cost_rate(T_STAR))
    for k, t in enumerate([0.5, 1, 2, 7, 30], start=1):
        assert model.value(f"p44.cost_rate_{k}") == pytest.approx(exact_cost_rate(t))
    assert model.value("p44.verdict_cadence") == "about daily"
    assert model.value("p44.verdict_automation") == "automate the pipeline"


def test_square_root_law_sits_near_the_exact_minimum(model):
    at_star = model.value("p44.cost_rate_at_star")
    assert all(at_star <= model.value(f"p44.cost_rate_{k}") for k in range(1, 6))
    # the exact minimum, found by a fine scan, is within 0.1 % of the cost at T*
    best = min(exact_cost_rate(0.5 + i / 1000) for i in range(2000))
    assert at_star == pytest.approx(best, rel=1e-3)


@pytest.mark.parametrize(
    "k, edge_days, below, above",
    [
        (0, 1.5, "about daily", "about weekly"),
        (1, 10, "about weekly", "about monthly"),
        (2, 45, "about monthly", "quarterly or less"),
    ],
)
def test_cadence_bands(model, k, edge_days, below, above):
    # T* = edge  <=>  retrain_cost = edge^2 * decay_value_rate / 2
    edge = boundary(model, "p44.verdict_cadence", "p44.retrain_cost", k=k)
    assert edge == pytest.approx(edge_days**2 * DECAY_VALUE / 2)
    model.set("p44.retrain_cost", edge * 0.98)
    assert model.value("p44.verdict_cadence") == below
    model.set("p44.retrain_cost", edge * 1.02)
    assert model.value("p44.verdict_cadence") == above


def test_automation_verdict_flips_at_manual_cycle(model):
    edge = boundary(model, "p44.verdict_automation", "p44.manual_cycle_days")
    assert edge == pytest.approx(T_STAR)
    model.set("p44.manual_cycle_days", edge * 1.02)
    assert model.value("p44.verdict_automation") == "automate the pipeline"
    model.set("p44.manual_cycle_days", edge * 0.98)
    assert model.value("p44.verdict_automation") == "manual cadence is feasible"


def test_automation_verdict_flips_with_decay(model):
    # slower decay stretches T*: T* = 7 days when decay_rate = 2C / (V * 49)
    edge = boundary(model, "p44.verdict_automation", "p44.decay_rate")
    assert edge == pytest.approx(2 * 5000 / (VALUE_RATE * 7**2))
    model.set("p44.decay_rate", edge * 1.05)
    assert model.value("p44.verdict_automation") == "automate the pipeline"
    model.set("p44.decay_rate", edge * 0.95)
    assert model.value("p44.verdict_automation") == "manual cadence is feasible"


def test_cli_show_json():
    out = run_napkin("show", "p44", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["p44.t_star"]["si_value"] == pytest.approx(T_STAR * 86400)
