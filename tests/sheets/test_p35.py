"""p35 — CPU vs NPU fleet: energy and carbon by hand, every verdict branch on both sides."""

import pytest
from sheet_helpers import boundary

E_CPU = 1000 * 100 * 24 / 1e3  # kWh/day
E_NPU = 100 * 5 * 24 / 1e3  # kWh/day


def test_by_hand(model):
    v = model.value
    assert v("p35.eff_cpu") == pytest.approx(1 / 100)  # TFLOP/s per W
    assert v("p35.eff_npu") == pytest.approx(10 / 5)
    assert v("p35.efficiency_gap") == pytest.approx((10 / 5) / (1 / 100))  # 200x
    assert v("p35.capacity_cpu") == pytest.approx(1000 * 1) and v("p35.capacity_npu") == pytest.approx(100 * 10)
    assert round(v("p35.energy_cpu_day")) == E_CPU  # 2,400 kWh/day
    assert round(v("p35.energy_npu_day")) == E_NPU  # 12 kWh/day
    assert v("p35.energy_ratio") == pytest.approx(E_CPU / E_NPU)
    saved = (E_CPU - E_NPU) * 365  # kWh/year
    assert v("p35.energy_saved_year") == pytest.approx(saved)
    assert round(v("p35.co2_saved_year"), 1) == round(saved * 0.429 / 1e3, 1)  # t CO2/year
    assert v("p35.required_rate") == pytest.approx(1e9 * 4.1e9 / 86_400 / 1e12)  # TFLOP/s
    assert v("p35.energy_per_inference_cpu") == pytest.approx(E_CPU * 3.6e6 / 1e9)  # J


def test_verdicts_at_defaults(model):
    assert model.value("p35.verdict_fleet") == "NPU fleet"
    assert model.value("p35.verdict_capacity") == "NPU fleet carries the load"


def test_fleet_workload_switch(model):
    model.set("p35.workload_matches_npu", 0)
    assert model.value("p35.verdict_fleet") == "CPU fleet (the workload does not suit the NPU)"


def test_fleet_flips_with_npu_count(model):
    edge = boundary(model, "p35.verdict_fleet", "p35.n_npu", k=1)
    assert edge == pytest.approx(1000 * 1 / 10)  # 100 NPUs match 1,000 CPUs
    model.set("p35.n_npu", 99)
    assert model.value("p35.verdict_fleet") == "CPU fleet (the NPU fleet has less capacity)"
    model.set("p35.n_npu", 101)
    assert model.value("p35.verdict_fleet") == "NPU fleet"


def test_fleet_flips_with_npu_power(model):
    edge = boundary(model, "p35.verdict_fleet", "p35.npu_power", k=2)
    assert edge == pytest.approx(1000 * 100 / 100)  # W per NPU at which the fleets draw the same
    model.set("p35.npu_power", edge * 0.99)
    assert model.value("p35.verdict_fleet") == "NPU fleet"
    model.set("p35.npu_power", edge * 1.01)
    assert model.value("p35.verdict_fleet") == "CPU fleet (the NPU fleet uses no less energy)"


def test_capacity_flips_with_load(model):
    edge = boundary(model, "p35.verdict_capacity", "p35.inferences_per_day")
    assert edge == pytest.approx(100 * 10e12 / 4.1e9 * 86_400)  # inferences/day the NPUs can carry
    model.set("p35.inferences_per_day", edge * 0.99)
    assert model.value("p35.verdict_capacity") == "NPU fleet carries the load"
    model.set("p35.inferences_per_day", edge * 1.01)
    assert model.value("p35.verdict_capacity") == "NPU fleet too small for the load"
