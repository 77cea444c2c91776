"""p32 — FP16 to INT8 speedup: hand-worked ratios, switch and intensity both sides of the ridge."""

import pytest

RIDGE = 312e12 / 2039e9  # A100 FP16 ridge, FLOP/byte (153)


def test_seed_figures(model):
    # FP16 -> INT8, compute-bound; the precision table's INT8 4-8x is against FP32
    assert model.value("p32.compute_bound") == 1
    assert model.value("p32.speedup_int8_vs_fp32_min") == 4
    assert model.value("p32.speedup_int8_vs_fp32_max") == 8
    assert round(model.value("p32.ridge")) == 153


def test_by_hand(model):
    v = model.value
    assert v("p32.speedup_compute") == int(624 / 312)  # 2x, truncated like the book
    assert v("p32.speedup_memory") == pytest.approx(2 / 1)
    assert v("p32.expected_speedup") == 2
    assert v("p32.sparse_ratio_trap") == pytest.approx(1248 / 312)  # 4x: the wrong, sparse comparison
    assert (v("p32.table_vs_fp16_low"), v("p32.table_vs_fp16_high")) == (4 / 2, 8 / 2)


def test_truncation(model):
    model.set("p32.peak_int8", 700)  # 700 / 312 = 2.24 -> 2
    assert model.value("p32.speedup_compute") == 2


def test_verdict_switch_both_sides(model):
    assert model.value("p32.verdict_speedup") == "set by INT8 vs FP16 throughput (compute-bound)"
    model.set("p32.compute_bound", 0)
    assert model.value("p32.verdict_speedup") == "set by fewer bytes moved (memory-bound)"
    model.set_many({"p32.bytes_fp16": 4, "p32.compute_bound": 0})  # FP32 -> INT8 when memory-bound: 4x
    assert model.value("p32.expected_speedup") == pytest.approx(4)


def test_verdict_from_intensity_around_ridge(model):
    model.set("p32.use_intensity", 1)
    model.set("p32.op_intensity", RIDGE * 0.99)
    assert model.value("p32.verdict_speedup") == "set by fewer bytes moved (memory-bound)"
    model.set("p32.op_intensity", RIDGE * 1.01)
    assert model.value("p32.verdict_speedup") == "set by INT8 vs FP16 throughput (compute-bound)"
    model.set("p32.compute_bound", 0)  # the switch is ignored while use_intensity = 1
    assert model.value("p32.is_compute_bound") == 1
