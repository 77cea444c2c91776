"""p04 — distance penalty: a 10 ms safety loop served from 1,500 km away."""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

YES = "cloud can meet the budget"
NO = "cloud cannot — run it at the edge"


def test_seed_figures(model):
    assert model.value("p04.safety_budget") == 10  # seed: 10 ms
    assert model.value("p04.distance") == 1500  # seed: 1,500 km


def test_key_results_by_hand(model):
    rtt_ms = 2 * 1500 / 200_000 * 1e3  # km / (km/s) -> s -> ms
    assert round(model.value("p04.rtt")) == 15
    assert model.value("p04.rtt") == pytest.approx(rtt_ms)
    assert model.value("p04.headroom") == pytest.approx(10 - rtt_ms)
    assert round(model.value("p04.headroom")) == -5
    assert model.value("p04.max_distance") == pytest.approx(200_000 * 10e-3 / 2)  # km
    assert model.value("p04.verdict_cloud") == NO


def test_verdict_flips_with_distance(model):
    b = boundary(model, "p04.verdict_cloud", "p04.distance")
    assert b == pytest.approx(200_000 * 0.010 / 2)  # 1,000 km
    model.set("p04.distance", b * 0.99)
    assert model.value("p04.verdict_cloud") == YES
    model.set("p04.distance", b * 1.01)
    assert model.value("p04.verdict_cloud") == NO


def test_verdict_flips_with_other_latency(model):
    model.set("p04.distance", 500)  # rtt 5 ms, leaves 5 ms for everything else
    b = boundary(model, "p04.verdict_cloud", "p04.other_latency")
    assert b == pytest.approx(10 - 2 * 500 / 200_000 * 1e3)
    model.set("p04.other_latency", b * 0.99)
    assert model.value("p04.verdict_cloud") == YES
    model.set("p04.other_latency", b * 1.01)
    assert model.value("p04.verdict_cloud") == NO


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p04")
