"""p02 — sensor: radio the raw data or run the model on the device."""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

LOCAL = "process locally (TinyML)"
CLOUD = "send to cloud"


def test_seed_gives_only_the_question(graph):
    # the seed states no figures for p02; check the sheet carries the question and section
    sd = graph.sheets["p02"]
    assert sd.chapter == "2" and sd.section == "Analyzing Workloads"
    assert "cloud" in sd.question and "battery" in sd.question


def test_key_results_by_hand(model):
    e_cloud_mj = 1 * 100  # 1 MB × 100 mJ/MB
    e_local_mj = 0.1  # one MobileNet inference
    assert model.value("p02.energy_cloud") == pytest.approx(e_cloud_mj)
    assert model.value("p02.energy_local") == pytest.approx(e_local_mj)
    assert round(model.value("p02.energy_ratio")) == 1000
    assert model.value("p02.daily_energy_cloud") == pytest.approx(e_cloud_mj * 1e-3 * 86400)  # J/day
    assert model.value("p02.daily_energy_local") == pytest.approx(e_local_mj * 1e-3 * 86400)
    assert model.value("p02.verdict_where") == LOCAL


def test_verdict_flips_with_data_size(model):
    b = boundary(model, "p02.verdict_where", "p02.data_per_decision")
    assert b == pytest.approx(0.1 / 100)  # MB: sending costs as much as one inference at 1 KB
    model.set("p02.data_per_decision", b * 1.01)
    assert model.value("p02.verdict_where") == LOCAL
    model.set("p02.data_per_decision", b * 0.99)
    assert model.value("p02.verdict_where") == CLOUD


def test_verdict_flips_with_inference_energy(model):
    b = boundary(model, "p02.verdict_where", "p02.local_inference_energy")
    assert b == pytest.approx(100)  # mJ
    model.set("p02.local_inference_energy", b * 0.99)
    assert model.value("p02.verdict_where") == LOCAL
    model.set("p02.local_inference_energy", b * 1.01)
    assert model.value("p02.verdict_where") == CLOUD


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p02")
