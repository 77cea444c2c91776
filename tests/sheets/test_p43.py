"""p43 — cost of slow drift detection (Ch. 14, Development Infrastructure)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin


def test_seed_figures(model):
    # seed: USD 50M x 0.05 x 28/365 ~ USD 191,781 and USD 50M x 0.05 x 1/365 ~ USD 6,849
    assert round(model.value("p43.loss_manual")) == 191_781
    assert round(model.value("p43.loss_auto")) == 6_849


def test_defaults_by_hand(model):
    manual = 50e6 * 0.05 * 28 / 365
    auto = 50e6 * 0.05 * 1 / 365
    assert model.value("p43.saving_per_incident") == pytest.approx(manual - auto)
    assert model.value("p43.annual_saving") == pytest.approx(4 * (manual - auto))
    assert model.value("p43.net_benefit") == pytest.approx(4 * (manual - auto) - 100_000)
    assert model.value("p43.verdict_monitoring") == "automate drift detection"


@pytest.mark.parametrize(
    "name, by_hand, above",
    [
        ("p43.automation_cost_per_year", 4 * 50e6 * 0.05 * 27 / 365, "manual review suffices"),
        ("p43.incidents_per_year", 100_000 / (50e6 * 0.05 * 27 / 365), "automate drift detection"),
        ("p43.annual_revenue", 100_000 / (4 * 0.05 * 27 / 365), "automate drift detection"),
    ],
)
def test_verdict_flips(model, name, by_hand, above):
    edge = boundary(model, "p43.verdict_monitoring", name)
    assert edge == pytest.approx(by_hand)
    model.set(name, edge * 0.99)
    below_label = model.value("p43.verdict_monitoring")
    model.set(name, edge * 1.01)
    assert model.value("p43.verdict_monitoring") == above
    assert below_label != above


def test_cli_show_json():
    out = run_napkin("show", "p43", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["p43.loss_manual"]["unit"] == "USD"
    assert cells["p43.verdict_monitoring"]["value"] == "automate drift detection"
