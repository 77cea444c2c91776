"""p10 — rural clinic: can a 2 Mbit/s link carry a day of retinal images?"""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

CLOUD = "cloud upload feasible"
EDGE = "process locally on edge hardware"


def test_seed_gives_only_the_question(graph):
    sd = graph.sheets["p10"]
    assert sd.chapter == "3" and sd.section == "Data Collection"


def test_key_results_by_hand(model):
    daily_b = 150 * 10 * 5e6  # B/day
    link = 2e6 / 8  # B/s
    hours = daily_b / link / 3600
    assert model.value("p10.daily_volume") == pytest.approx(daily_b / 1e9)
    assert round(model.value("p10.daily_volume"), 1) == 7.5  # 1 decimal, not rounded to 8
    assert model.value("p10.uplink_bytes") == pytest.approx(0.25)
    assert model.value("p10.upload_time") == pytest.approx(hours)
    assert round(model.value("p10.upload_time"), 1) == 8.3
    assert round(model.value("p10.share_of_day")) == round(hours / 8 * 100) == 104
    assert model.value("p10.summary_volume") == pytest.approx(150 * 10e3 / 1e6)  # MB/day
    assert model.value("p10.bandwidth_reduction") == pytest.approx(daily_b / (150 * 10e3))
    assert model.value("p10.verdict_where") == EDGE


def test_verdict_flips_with_patients(model):
    b = boundary(model, "p10.verdict_where", "p10.patients_per_day")
    assert b == pytest.approx(8 * 3600 * 2e6 / 8 / (10 * 5e6))  # 144 patients fill the day
    model.set("p10.patients_per_day", b * 0.99)
    assert model.value("p10.verdict_where") == CLOUD
    model.set("p10.patients_per_day", b * 1.01)
    assert model.value("p10.verdict_where") == EDGE


def test_verdict_flips_with_link(model):
    b = boundary(model, "p10.verdict_where", "p10.uplink_rate")
    assert b == pytest.approx(150 * 10 * 5e6 * 8 / (8 * 3600) / 1e6)  # Mbit/s
    model.set("p10.uplink_rate", b * 0.99)
    assert model.value("p10.verdict_where") == EDGE
    model.set("p10.uplink_rate", b * 1.01)
    assert model.value("p10.verdict_where") == CLOUD


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p10")
