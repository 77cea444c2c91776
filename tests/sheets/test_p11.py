"""p11 — 500 clinics: cloud per-image inference vs an edge box per clinic."""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary


def test_seed_figures(model):
    assert model.value("p11.n_clinics") == 500  # seed: 500 clinics
    assert model.value("p11.images_per_clinic_day") == 50  # one image per patient
    # seed: "about 760,000 billable screening images per month"
    assert round(model.value("p11.images_month"), -4) == 760_000


def test_key_results_by_hand(model):
    images_year = 500 * 50 * 365
    assert model.value("p11.images_year") == pytest.approx(images_year)
    assert model.value("p11.images_month") == pytest.approx(images_year / 12)
    cloud_inf = images_year * 0.01
    cloud = cloud_inf + 45_000
    capex = 500 * 500
    opex = 25_000 + images_year * 0.001
    saving = cloud - opex
    payback = capex / saving
    assert model.value("p11.cloud_inference_annual") == pytest.approx(cloud_inf)
    assert model.value("p11.cloud_annual") == pytest.approx(cloud)
    assert model.value("p11.edge_capex") == pytest.approx(capex)
    assert model.value("p11.edge_opex") == pytest.approx(opex)
    assert model.value("p11.annual_saving") == pytest.approx(saving)
    assert model.value("p11.payback_years") == pytest.approx(payback)
    assert round(model.value("p11.payback_years"), 1) == 2.4
    assert model.value("p11.payback_years_rounded") == 2  # "~2 years"
    assert model.value("p11.latency_advantage") == pytest.approx(200 / 50)
    for n, word in enumerate(["one", "two", "three", "four", "five"], start=1):
        assert model.value(f"p11.cloud_cum_year_{word}") == pytest.approx(n * cloud)
        assert model.value(f"p11.edge_cum_year_{word}") == pytest.approx(capex + n * opex)
    assert model.value("p11.cloud_cost_horizon") == pytest.approx(3 * cloud)
    assert model.value("p11.edge_cost_horizon") == pytest.approx(capex + 3 * opex)
    assert model.value("p11.verdict_deploy") == "edge"


def test_energy_switch(model):
    model.set("p11.include_edge_energy", 0)  # callout display: maintenance only
    assert model.value("p11.edge_opex") == pytest.approx(25_000)
    assert model.value("p11.payback_years") == pytest.approx(250_000 / (500 * 50 * 365 * 0.01 + 45_000 - 25_000))


def test_verdict_flips_with_horizon(model):
    b = boundary(model, "p11.verdict_deploy", "p11.planning_horizon")
    images_year = 500 * 50 * 365
    assert b == pytest.approx(250_000 / (images_year * 0.01 + 45_000 - 25_000 - images_year * 0.001))
    model.set("p11.planning_horizon", b * 0.99)
    assert model.value("p11.verdict_deploy") == "cloud"
    model.set("p11.planning_horizon", b * 1.01)
    assert model.value("p11.verdict_deploy") == "edge"


def test_verdict_flips_with_cloud_price(model):
    b = boundary(model, "p11.verdict_deploy", "p11.cloud_price_per_image")
    images_year = 500 * 50 * 365
    edge_3y = 250_000 + 3 * (25_000 + images_year * 0.001)
    assert b == pytest.approx((edge_3y / 3 - 45_000) / images_year)  # USD per image
    model.set("p11.cloud_price_per_image", b * 0.99)
    assert model.value("p11.verdict_deploy") == "cloud"
    model.set("p11.cloud_price_per_image", b * 1.01)
    assert model.value("p11.verdict_deploy") == "edge"


def test_never_pays_back_is_cloud(model):
    model.set_many({"p11.cloud_price_per_image": 0.001, "p11.cloud_network_cost": 0})  # cloud cheaper to run
    assert model.value("p11.annual_saving") == pytest.approx(500 * 50 * 365 * (0.001 - 0.001) - 25_000)
    assert model.value("p11.payback_years") < 0  # never pays back
    assert model.value("p11.verdict_deploy") == "cloud"


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p11")
