"""p42 — feature store against training–serving skew (Ch. 14, Development Infrastructure)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin


def test_seed_figures(model):
    assert model.value("p42.n_features") == 5000  # 5,000+ features
    assert model.value("p42.n_teams") == 100  # 100+ ML teams
    assert model.value("p42.impls_without_store") == 2  # Spark + Java


def test_defaults_by_hand(model):
    assert model.value("p42.definitions_without") == 5000 * 2
    assert model.value("p42.definitions_with") == 5000 * 1
    assert model.value("p42.sync_reduction") == pytest.approx(2)
    assert model.value("p42.features_per_team") == pytest.approx(5000 / 100)
    assert model.value("p42.relative_gap") == pytest.approx((45 - 12) / 45 * 100)  # %
    assert model.value("p42.skew_incidents") == pytest.approx(40 * 0.30)
    avoided = 40 * 0.30 * (1 - 0.05) * 50_000
    assert model.value("p42.avoided_cost") == pytest.approx(avoided)
    assert model.value("p42.net_benefit") == pytest.approx(avoided - 250_000)
    assert model.value("p42.checklist_score") == pytest.approx(100)
    assert model.value("p42.verdict_store") == "feature store pays off"
    assert model.value("p42.verdict_example") == "skew detected — and it cost accuracy"
    assert model.value("p42.verdict_design") == "complete"


def test_store_verdict_flips_at_platform_cost(model):
    edge = boundary(model, "p42.verdict_store", "p42.store_cost_per_year")
    assert edge == pytest.approx(40 * 0.30 * 0.95 * 50_000)
    model.set("p42.store_cost_per_year", edge * 0.99)
    assert model.value("p42.verdict_store") == "feature store pays off"
    model.set("p42.store_cost_per_year", edge * 1.01)
    assert model.value("p42.verdict_store") == "not yet justified"


def test_store_verdict_flips_with_skew_share(model):
    edge = boundary(model, "p42.verdict_store", "p42.skew_share")
    assert edge == pytest.approx(250_000 / (40 * 0.95 * 50_000))
    model.set("p42.skew_share", edge * 0.99)
    assert model.value("p42.verdict_store") == "not yet justified"
    model.set("p42.skew_share", edge * 1.01)
    assert model.value("p42.verdict_store") == "feature store pays off"


def test_example_verdict_flips_at_threshold(model):
    # gap (45 - s) / 45 = 0.10  ->  serving mean 40.5 min
    edge = boundary(model, "p42.verdict_example", "p42.serve_mean_session")
    assert edge == pytest.approx(45 * (1 - 0.10))
    model.set("p42.serve_mean_session", edge + 0.5)
    assert model.value("p42.verdict_example") == "no skew"
    model.set("p42.serve_mean_session", edge - 0.5)
    assert model.value("p42.verdict_example") == "skew detected — and it cost accuracy"
    model.set("p42.example_accuracy_drop", 0)
    assert model.value("p42.verdict_example") == "skew detected (no accuracy loss measured yet)"


def test_design_verdict_names_first_gap(model):
    model.set("p42.has_versioning", 0)
    assert model.value("p42.checklist_score") == pytest.approx(75)
    assert model.value("p42.verdict_design") == "gap: no feature versioning"
    model.set("p42.has_point_in_time", 0)
    assert model.value("p42.verdict_design") == "gap: no point-in-time correctness (leakage risk)"
    model.reset()
    model.set("p42.has_catalog", 0)
    assert model.value("p42.verdict_design") == "gap: no central catalog"
    model.reset()
    model.set("p42.has_single_definition", 0)
    assert model.value("p42.verdict_design") == "gap: separate offline and online definitions"


def test_cli_show_json():
    out = run_napkin("show", "p42", "--json")
    cells = json.loads(out.stdout)["cells"]
    assert {c["kind"] for c in cells} == {"input", "calc", "verdict"}
    assert all(c["error"] is None for c in cells)
    illustrative = {c["name"] for c in cells if c.get("illustrative")}
    assert "p42.cost_per_incident" in illustrative and "p42.store_cost_per_year" in illustrative
