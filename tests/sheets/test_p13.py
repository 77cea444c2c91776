"""p13 — 1M events/s: hourly batch vs always-on streaming ingestion, cost per day."""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

BATCH = "batch is cheaper"
STREAM = "stream is cheaper"
FRESH = "stream (freshness required)"


def test_seed_figures(model):
    assert model.value("p13.event_rate") == 1_000_000  # seed: 1M events/second
    assert model.value("p13.batches_per_day") == 24  # seed: hourly batch
    assert model.value("p13.batch_interval") == pytest.approx(1)  # h


def test_key_results_by_hand(model):
    rate_b = 1e6 * 1e3  # B/s
    assert model.value("p13.throughput") == pytest.approx(rate_b / 1e9)
    assert model.value("p13.batch_volume") == pytest.approx(rate_b * 3600 / 1e12)  # TB per batch
    assert round(model.value("p13.batch_volume")) == 4  # the book's integer TB
    stream = 100 * 24 * 0.05  # USD/day
    batch_core_h = 200 * (10 / 60) * 24
    batch = batch_core_h * 0.05
    assert model.value("p13.batch_run_time") == pytest.approx(10)
    assert model.value("p13.stream_core_hours_day") == pytest.approx(100 * 24)
    assert model.value("p13.batch_core_hours_day") == pytest.approx(batch_core_h)
    assert model.value("p13.stream_cost_day") == pytest.approx(stream)
    assert model.value("p13.batch_cost_day") == pytest.approx(batch)
    assert model.value("p13.cost_ratio") == pytest.approx(stream / batch)
    assert model.value("p13.verdict_ingest") == BATCH


def test_freshness_override_flips(model):
    b = boundary(model, "p13.verdict_ingest", "p13.freshness_required", 0)
    assert b == pytest.approx(3600)  # s: one batch interval
    model.set("p13.freshness_required", b * 0.99)
    assert model.value("p13.verdict_ingest") == FRESH
    model.set("p13.freshness_required", b * 1.01)
    assert model.value("p13.verdict_ingest") == BATCH


def test_cost_verdict_flips_with_stream_cores(model):
    b = boundary(model, "p13.verdict_ingest", "p13.stream_cores", 1)
    assert b == pytest.approx(200 * (10 / 60) * 24 / 24)  # cores at which streaming matches batch
    model.set("p13.stream_cores", b * 1.01)
    assert model.value("p13.verdict_ingest") == BATCH
    model.set("p13.stream_cores", b * 0.99)
    assert model.value("p13.verdict_ingest") == STREAM


def test_price_cancels(model):
    model.set("p13.core_hour_price", 0.50)
    assert model.value("p13.cost_ratio") == pytest.approx(3.0)
    assert model.value("p13.verdict_ingest") == BATCH


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p13")
