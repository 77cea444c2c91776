"""p05 — 100 factory cameras: does raw 1080p/30 video fit a 10 Gbit/s line, and what would it cost?"""

import math

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

EDGE = "process at the edge"
FITS = "streaming fits the link — weigh the cost"


def test_seed_figures(model):
    assert model.value("p05.n_cameras") == 100  # seed: 100 cameras
    assert model.value("p05.frame_rate") == 30  # seed: 30 FPS
    assert (model.value("p05.frame_width"), model.value("p05.frame_height")) == (1920, 1080)  # 1080p


def test_key_results_by_hand(model):
    frame_b = 1920 * 1080 * 3  # B
    per_cam = frame_b * 30  # B/s
    total = 100 * per_cam  # B/s
    link = 10e9 / 8  # B/s
    assert model.value("p05.frame_bytes") == pytest.approx(frame_b / 1e6)
    assert round(model.value("p05.rate_per_camera")) == 187  # seed-era digest, 0 decimals
    assert round(model.value("p05.rate_per_camera"), 1) == 186.6  # later render, 1 decimal
    assert round(model.value("p05.rate_total"), 1) == round(total / 1e9, 1) == 18.7
    assert model.value("p05.uplink_bytes") == pytest.approx(1.25)
    assert model.value("p05.shortfall") == pytest.approx(total / link)
    assert round(model.value("p05.shortfall")) == 15
    month_b = total * 30 * 86400
    assert model.value("p05.monthly_volume") == pytest.approx(month_b / 1e15)  # PB/month
    cost = month_b / 1e9 * 0.09  # USD/month
    assert model.value("p05.monthly_egress_cost") == pytest.approx(cost / 1e6)
    assert round(model.value("p05.monthly_egress_cost"), 1) == 4.4  # millions of USD
    assert model.value("p05.metadata_rate") == pytest.approx(20 * 1)  # KB/s
    assert model.value("p05.bandwidth_reduction") == pytest.approx(total / (20 * 1e3))
    assert model.value("p05.verdict_where") == EDGE


def test_verdict_flips_with_camera_count(model):
    b = boundary(model, "p05.verdict_where", "p05.n_cameras")
    assert b == pytest.approx(10e9 / 8 / (1920 * 1080 * 3 * 30))  # ≈ 6.7 cameras fill the line
    model.set("p05.n_cameras", math.floor(b))
    assert model.value("p05.verdict_where") == FITS
    model.set("p05.n_cameras", math.ceil(b))
    assert model.value("p05.verdict_where") == EDGE


def test_verdict_flips_with_link_rate(model):
    b = boundary(model, "p05.verdict_where", "p05.uplink_rate")
    assert b == pytest.approx(100 * 1920 * 1080 * 3 * 30 * 8 / 1e9)  # Gbit/s
    model.set("p05.uplink_rate", b * 0.99)
    assert model.value("p05.verdict_where") == EDGE
    model.set("p05.uplink_rate", b * 1.01)
    assert model.value("p05.verdict_where") == FITS


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p05")
