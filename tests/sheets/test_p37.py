"""p37 — BERT-Base roofline on an A100: by hand at batch 1 and 32, every verdict both sides."""

import pytest
from sheet_helpers import boundary

RIDGE = 312e12 / 2039e9  # FLOP/byte
W = 110e6 * 4  # FP32 weight bytes
I1 = 22e9 / W  # 50 FLOP/byte
PERF1 = I1 * 2039e9  # FLOP/s, memory-bound


def test_seed_figures(model):
    assert model.value("p37.peak_gpu") == 312  # spec sheet: 312 TFLOPS
    assert round(model.value("p37.ridge_gpu")) == 153  # ridge 153 FLOP/byte


def test_batch_one_by_hand(model):
    v = model.value
    assert v("p37.weight_bytes") == pytest.approx(W / 1e6)  # 440 MB
    assert v("p37.intensity_gpu") == pytest.approx(I1)
    assert round(v("p37.perf_single"), 1) == round(PERF1 / 1e12, 1)  # 102.0 TFLOP/s
    assert round(v("p37.util_single"), 1) == round(PERF1 / 312e12 * 100, 1)  # 32.7 %
    assert v("p37.latency_single") == pytest.approx(22e9 / PERF1 * 1e3)  # ms
    assert v("p37.batch_at_ridge") == pytest.approx(RIDGE * W / 22e9)


def test_batch_32_by_hand(model):
    v = model.value
    assert v("p37.intensity_batched") == pytest.approx(32 * 22e9 / W)  # 1,600 FLOP/byte
    assert round(v("p37.perf_batched"), 1) == round(0.85 * 312, 1)  # 265.2 TFLOP/s
    assert round(v("p37.util_batched"), 1) == 85.0
    assert v("p37.throughput_batched") == pytest.approx(32 / (32 * 22e9 / (0.85 * 312e12)))


def test_roofline_cells_named_for_the_chart(graph):
    from model import parse_unit

    want = {"intensity_gpu": "FLOP/byte", "ridge_gpu": "FLOP/byte", "peak_gpu": "FLOP/s", "mem_bw_gpu": "B/s"}
    for short, unit in want.items():
        assert graph.cell(f"p37.{short}").unit.dims == parse_unit(unit).dims


def test_verdicts_at_defaults(model):
    assert model.value("p37.verdict_b1") == "memory-bound"
    assert model.value("p37.verdict_b32") == "compute-bound"
    assert model.value("p37.verdict_expectation") == "expectation unrealistic at batch 1"


def test_fp16_bytes_alternative(model):
    model.set("p37.bytes_per_param", 2)
    assert model.value("p37.intensity_gpu") == pytest.approx(2 * I1)  # doubles
    assert model.value("p37.verdict_b1") == "memory-bound"  # label unchanged


def test_b1_flips_with_batch(model):
    edge = boundary(model, "p37.verdict_b1", "p37.batch_single")
    assert edge == pytest.approx(RIDGE / I1)  # ~3.06 requests
    model.set("p37.batch_single", 3)
    assert model.value("p37.verdict_b1") == "memory-bound"
    model.set("p37.batch_single", 4)
    assert model.value("p37.verdict_b1") == "compute-bound"


def test_b32_flips_with_batch(model):
    edge = boundary(model, "p37.verdict_b32", "p37.batch_opt")
    assert edge == pytest.approx(RIDGE / I1)
    model.set("p37.batch_opt", 3)
    assert model.value("p37.verdict_b32") == "memory-bound"
    model.set("p37.batch_opt", 4)
    assert model.value("p37.verdict_b32") == "compute-bound"


def test_expectation_flips(model):
    edge = boundary(model, "p37.verdict_expectation", "p37.util_expectation")
    assert edge == pytest.approx(PERF1 / 312e12 * 100)  # 32.7 %
    model.set("p37.util_expectation", edge - 1)
    assert model.value("p37.verdict_expectation") == "expectation met"
    model.set("p37.util_expectation", edge + 1)
    assert model.value("p37.verdict_expectation") == "expectation unrealistic at batch 1"
