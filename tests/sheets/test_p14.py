"""p14 — ETL vs ELT for 10 TB/day of clickstream feeding 3 models."""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

ETL_TOTAL = 10 * 5 * 30 + 3 * 2 * 23  # Spark pass + curated storage, USD/month
ELT_TOTAL = 10 * 30 * 23 + 3 * 1 * 5 * 30  # a month of raw data + daily queries, USD/month


def test_seed_figures(model, graph):
    assert model.value("p14.raw_per_day") == 10  # seed: 10 TB daily
    assert model.value("p14.n_models") == 3  # seed: 3 models
    q = graph.sheets["p14"].question
    assert "1-hour" in q and "24-hour" in q and "7-day" in q


def test_key_results_by_hand(model):
    assert model.value("p14.etl_compute") == pytest.approx(10 * 5 * 30)
    assert model.value("p14.etl_storage") == pytest.approx(3 * 2 * 23)
    assert round(model.value("p14.etl_total")) == ETL_TOTAL
    assert model.value("p14.elt_storage") == pytest.approx(10 * 30 * 23)
    assert model.value("p14.elt_query") == pytest.approx(3 * 5 * 30)
    assert round(model.value("p14.elt_total")) == ELT_TOTAL
    assert model.value("p14.storage_saving") == pytest.approx(10 * 30 * 23 - 3 * 2 * 23)
    assert model.value("p14.cloud_saving") == pytest.approx(ELT_TOTAL - ETL_TOTAL)
    assert model.value("p14.schema_effort_ratio") == pytest.approx(4 / (30 / 60))
    assert model.value("p14.labour_etl") == pytest.approx(2 * 4 * 100)
    assert model.value("p14.labour_elt") == pytest.approx(2 * 0.5 * 100)
    assert model.value("p14.etl_total_with_labour") == pytest.approx(ETL_TOTAL + 800)
    assert model.value("p14.elt_total_with_labour") == pytest.approx(ELT_TOTAL + 100)
    assert model.value("p14.verdict_cloud_cost") == "ETL cheaper"
    assert model.value("p14.verdict_with_labour") == "ETL cheaper"


def test_cloud_verdict_flips_with_retention(model):
    b = boundary(model, "p14.verdict_cloud_cost", "p14.retention_days")
    assert b == pytest.approx((ETL_TOTAL - 3 * 5 * 30) / (10 * 23))  # days of raw data ELT can afford
    model.set("p14.retention_days", b * 1.01)
    assert model.value("p14.verdict_cloud_cost") == "ETL cheaper"
    model.set("p14.retention_days", b * 0.99)
    assert model.value("p14.verdict_cloud_cost") == "ELT cheaper"


def test_labour_verdict_flips_with_change_rate(model):
    b = boundary(model, "p14.verdict_with_labour", "p14.schema_changes_per_month")
    # ETL_TOTAL + c·4 h·100 = ELT_TOTAL + c·0.5 h·100
    assert b == pytest.approx((ELT_TOTAL - ETL_TOTAL) / (4 * 100 - 0.5 * 100))
    model.set("p14.schema_changes_per_month", b * 0.99)
    assert model.value("p14.verdict_with_labour") == "ETL cheaper"
    model.set("p14.schema_changes_per_month", b * 1.01)
    assert model.value("p14.verdict_with_labour") == "ELT cheaper"
    assert model.value("p14.verdict_cloud_cost") == "ETL cheaper"  # cloud bill alone unchanged


def test_labour_verdict_flips_with_engineer_rate(model):
    b = boundary(model, "p14.verdict_with_labour", "p14.engineer_rate")
    assert b == pytest.approx((ELT_TOTAL - ETL_TOTAL) / (2 * 4 - 2 * 0.5))  # USD/h
    model.set("p14.engineer_rate", b * 0.99)
    assert model.value("p14.verdict_with_labour") == "ETL cheaper"
    model.set("p14.engineer_rate", b * 1.01)
    assert model.value("p14.verdict_with_labour") == "ELT cheaper"


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p14")
