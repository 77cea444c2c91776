"""p50 — carbon of a GPT-3-scale training run (Ch. 15, Environmental and Cost Awareness)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin

CO2_T = 1300 * 1000 * 0.429 / 1000  # MWh -> kWh, kg -> t


def test_seed_figure(model):
    assert model.value("p50.train_energy") == 1300  # 1,300 MWh


def test_defaults_by_hand(model):
    assert model.value("p50.co2_us") == pytest.approx(CO2_T)
    assert round(model.value("p50.co2_us")) == 558
    assert model.value("p50.car_years") == pytest.approx(CO2_T / 4.6)
    assert round(model.value("p50.car_years")) == 121
    assert model.value("p50.saving_per_gain") == pytest.approx(0.01 * CO2_T / 4.6)
    assert model.value("p50.co2_saved_per_gain") == pytest.approx(0.01 * CO2_T)
    for cell, g in [("quebec", 0.020), ("norway", 0.010), ("france", 0.050), ("eu", 0.270), ("poland", 0.820)]:
        assert model.value(f"p50.co2_{cell}") == pytest.approx(1300 * g)
    assert model.value("p50.co2_lowest") == pytest.approx(1300 * 0.010)
    assert model.value("p50.siting_factor") == pytest.approx(0.429 / 0.010)
    assert model.value("p50.verdict_impact") == "lowest-carbon siting: Norway (hydro)"


def test_registry_energy_moves_the_result_by_about_one_percent(model):
    model.set("p50.train_energy", 1287)
    assert model.value("p50.co2_us") == pytest.approx(1287 * 0.429)
    assert model.value("p50.co2_us") / CO2_T == pytest.approx(1287 / 1300)


def test_extra_pue_scales_every_site(model):
    model.set("p50.pue_extra", 1.1)
    assert model.value("p50.co2_us") == pytest.approx(CO2_T * 1.1)
    assert model.value("p50.co2_france") == pytest.approx(1300 * 1.1 * 0.05)


def test_siting_verdict_flips_between_norway_and_quebec(model):
    edge = boundary(model, "p50.verdict_impact", "p50.grid_norway")
    assert edge == pytest.approx(0.020)  # Norway stays cleanest until it matches Québec
    model.set("p50.grid_norway", edge * 0.95)
    assert model.value("p50.verdict_impact") == "lowest-carbon siting: Norway (hydro)"
    model.set("p50.grid_norway", edge * 1.05)
    assert model.value("p50.verdict_impact") == "lowest-carbon siting: Québec (hydro)"


def test_siting_verdict_other_labels(model):
    model.set_many({"p50.grid_norway": 0.9, "p50.grid_quebec": 0.9})
    assert model.value("p50.verdict_impact") == "lowest-carbon siting: France (nuclear)"
    model.set("p50.grid_france", 0.9)
    assert model.value("p50.verdict_impact") == "lowest-carbon siting: EU average"
    model.set("p50.grid_eu", 0.9)
    assert model.value("p50.verdict_impact") == "lowest-carbon siting: the US grid already"
    model.set("p50.carbon_intensity", 0.85)
    assert model.value("p50.verdict_impact") == "lowest-carbon siting: Poland (coal)"


def test_cli_show_json():
    out = run_napkin("show", "p50", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["p50.co2_us"]["si_value"] == pytest.approx(CO2_T * 1000)  # kgCO2e
    assert cells["p50.carbon_intensity"]["link"] == "grid.us_avg"
