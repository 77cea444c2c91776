"""p07 — battery tax: does a 2 W always-on detector last a day on a 15 Wh battery?"""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary


def test_seed_figures(model):
    # seed: 2 W continuous, 15 Wh battery
    assert model.value("p07.feature_power") == 2
    assert model.value("p07.battery_energy") == 15


def test_key_results_by_hand(model):
    runtime_h = 15 / 2  # Wh / W = h
    assert round(model.value("p07.runtime"), 1) == 7.5
    assert model.value("p07.runtime") == pytest.approx(runtime_h)
    assert model.value("p07.share_used") == pytest.approx(100.0)  # % of the battery
    assert model.value("p07.energy_full_day") == pytest.approx(2 * 24)  # Wh
    assert round(model.value("p07.share_full_day")) == 320  # 48 Wh / 15 Wh
    assert model.value("p07.max_avg_power_full_day") == pytest.approx(15 / 24)  # W
    assert model.value("p07.duty_cycle_full_day") == pytest.approx(15 / 24 / 2 * 100)
    assert model.value("p07.runtime_at_target") == pytest.approx(15 / 0.1)  # h
    assert model.value("p07.verdict_all_day") == "cannot stay on all day"
    assert model.value("p07.verdict_at_target") == "can stay on all day"


def test_all_day_flips_at_power_boundary(model):
    b = boundary(model, "p07.verdict_all_day", "p07.feature_power")
    assert b == pytest.approx(15 / 24)  # W: battery / day
    model.set("p07.feature_power", b * 1.01)
    assert model.value("p07.verdict_all_day") == "cannot stay on all day"
    model.set("p07.feature_power", b * 0.99)
    assert model.value("p07.verdict_all_day") == "can stay on all day"


def test_all_day_flips_at_day_length_boundary(model):
    b = boundary(model, "p07.verdict_all_day", "p07.day_length")
    assert b == pytest.approx(7.5)  # h
    model.set("p07.day_length", b * 0.99)
    assert model.value("p07.verdict_all_day") == "can stay on all day"
    model.set("p07.day_length", b * 1.01)
    assert model.value("p07.verdict_all_day") == "cannot stay on all day"


def test_target_verdict_flips(model):
    b = boundary(model, "p07.verdict_at_target", "p07.target_power")
    assert b == pytest.approx(15 / 24)
    model.set("p07.target_power", b * 0.99)
    assert model.value("p07.verdict_at_target") == "can stay on all day"
    model.set("p07.target_power", b * 1.01)
    assert model.value("p07.verdict_at_target") == "cannot stay on all day"


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p07")
