"""p08 — thermal wall: 12 W model vs a passively cooled phone, before and after INT8."""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

OVER = "exceeds the envelope (will throttle)"
AT = "at the limit (no margin)"
WITHIN = "within the envelope"


def test_seed_figures(model):
    assert model.value("p08.model_power") == 12  # seed: 12 W


def test_key_results_by_hand(model):
    limit = 3.0  # W, npu_phone.sustained_power
    assert model.value("p08.overload") == pytest.approx(12 / limit)
    assert model.value("p08.power_quantized") == pytest.approx(12 / 4)
    assert model.value("p08.margin_quantized") == pytest.approx((limit - 12 / 4) / limit * 100)
    assert model.value("p08.temp_rise_to_trip") == pytest.approx(1 * 60)  # degC
    assert model.value("p08.implied_start_temperature") == pytest.approx(80 - 60)
    assert model.value("p08.time_to_trip_model") == pytest.approx(60 * 10 / 12)  # s
    assert model.value("p08.throttle_factor") == pytest.approx(30 / 100 * 100)
    assert model.value("p08.verdict_unoptimized") == OVER
    assert model.value("p08.verdict_quantized") == AT


def test_later_edition_heating_quote(model):
    model.set("p08.heating_rate_ref_power", 12)  # later edition quotes the rise at 12 W
    assert model.value("p08.time_to_trip_model") == pytest.approx(60)


def test_unoptimized_verdict_both_boundaries(model):
    upper = boundary(model, "p08.verdict_unoptimized", "p08.model_power", 0)
    lower = boundary(model, "p08.verdict_unoptimized", "p08.model_power", 1)
    assert upper == pytest.approx(3 * 1.05)
    assert lower == pytest.approx(3 * 0.95)
    for value, label in [(upper * 1.01, OVER), (upper * 0.99, AT), (lower * 1.01, AT), (lower * 0.99, WITHIN)]:
        model.set("p08.model_power", value)
        assert model.value("p08.verdict_unoptimized") == label


def test_quantized_verdict_both_boundaries(model):
    upper = boundary(model, "p08.verdict_quantized", "p08.quant_power_factor", 0)
    lower = boundary(model, "p08.verdict_quantized", "p08.quant_power_factor", 1)
    assert upper == pytest.approx(12 / (3 * 1.05))
    assert lower == pytest.approx(12 / (3 * 0.95))
    for value, label in [(upper * 0.99, OVER), (upper * 1.01, AT), (lower * 0.99, AT), (lower * 1.01, WITHIN)]:
        model.set("p08.quant_power_factor", value)
        assert model.value("p08.verdict_quantized") == label


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p08")
