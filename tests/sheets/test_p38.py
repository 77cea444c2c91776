"""p38 — auditing a vendor claim: checklist, exposures by hand, both verdicts both sides."""

import pytest
from sheet_helpers import boundary

FLAGS = ["p38.spec_batch", "p38.spec_precision", "p38.spec_boundary", "p38.spec_accuracy",
         "p38.spec_hardware", "p38.spec_power"]


def test_seed_figures(model):
    v = model.value
    assert v("p38.claimed_throughput") == 10_000  # 10,000 images/second
    assert (v("p38.example_batch_large"), v("p38.example_latency_large")) == (256, 256)  # batch 256 => 256 ms
    assert (v("p38.int8_speedup_min"), v("p38.int8_speedup_max")) == (2, 4)  # INT8 2-4x vs FP32
    assert round(v("p38.ref_top1") * 100, 1) == 76.1  # original Top-1
    assert round(v("p38.claimed_top1") * 100, 1) == 76.0  # complete specification: 76.0 %
    assert v("p38.example_batch") == 32 and v("p38.example_power") == 700  # batch 32, H100 at 700 W


def test_by_hand(model):
    v = model.value
    assert (v("p38.fp32_equiv_low"), v("p38.fp32_equiv_high")) == (pytest.approx(10_000 / 4), pytest.approx(10_000 / 2))
    assert round(v("p38.accuracy_drop"), 1) == round((0.761 - 0.760) * 100, 1)  # 0.1 pp
    assert v("p38.per_image_latency_large") == pytest.approx(256 / 256)  # ms per image
    assert v("p38.batch_latency_floor") == pytest.approx(32 / 10_000 * 1e3)  # 3.2 ms
    assert v("p38.images_per_joule") == pytest.approx(10_000 / 700)
    assert v("p38.devices_needed") == 5  # ceil(50,000 / 10,000)
    model.set("p38.target_load", 50_001)
    assert model.value("p38.devices_needed") == 6


def test_bare_claim_is_not_plannable(model):
    assert model.value("p38.spec_count") == 0 and model.value("p38.missing") == 6
    assert model.value("p38.verdict_claim") == "not plannable: specifications missing"


def test_complete_specification_flips_the_claim(model):
    model.set_many({f: 1 for f in FLAGS})  # the book's complete example
    assert model.value("p38.spec_score") == pytest.approx(100)
    assert model.value("p38.verdict_claim") == "usable for planning"
    model.set("p38.spec_power", 0)  # one missing item is enough
    assert model.value("p38.missing") == 1
    assert model.value("p38.verdict_claim") == "not plannable: specifications missing"


def test_accuracy_side(model):
    model.set_many({f: 1 for f in FLAGS})
    edge = boundary(model, "p38.verdict_claim", "p38.claimed_top1", k=1)
    assert edge == pytest.approx(0.761 - 0.005)  # 75.6 %
    model.set("p38.claimed_top1", edge + 0.001)
    assert model.value("p38.verdict_claim") == "usable for planning"
    model.set("p38.claimed_top1", edge - 0.001)
    assert model.value("p38.verdict_claim") == "specified, but accuracy below tolerance"
    assert model.value("p38.accuracy_ok") == 0


def test_latency_verdict(model):
    assert model.value("p38.verdict_latency") == "large-batch latency violates the SLO"
    edge = boundary(model, "p38.verdict_latency", "p38.latency_slo")
    assert edge == pytest.approx(256)
    model.set("p38.latency_slo", 255)
    assert model.value("p38.verdict_latency") == "large-batch latency violates the SLO"
    model.set("p38.latency_slo", 257)
    assert model.value("p38.verdict_latency") == "large-batch latency meets the SLO"
