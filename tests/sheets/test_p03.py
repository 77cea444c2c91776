"""p03 — ResNet-50 at batch 1 on an A100 (FP16) and a phone NPU (INT8), by hand from the brief."""

import pytest
from sheet_helpers import boundary

PARAMS = 25.6e6
OPS = 4.1e9


def test_seed_figures(model):
    assert round(model.value("gpu_a100.ridge_fp16")) == 153  # seed: ridge 153 FLOP/byte
    assert model.value("gpu_a100.peak_fp16_tensor") == 312
    assert round(model.value("gpu_a100.mem_bw") / 1000, 1) == 2.0  # seed shows 2.0 TB/s


def test_a100_by_hand(model):
    t_compute = OPS / 312e12 * 1e3  # ms
    t_memory = PARAMS * 2 / 2039e9 * 1e3  # ms
    assert model.value("p03.t_compute_gpu") == pytest.approx(t_compute, rel=1e-12)
    assert model.value("p03.t_memory_gpu") == pytest.approx(t_memory, rel=1e-12)
    assert round(model.value("p03.t_memory_gpu"), 3) == 0.025
    assert model.value("p03.latency_gpu") == pytest.approx(max(t_compute, t_memory))
    assert model.value("p03.intensity_gpu") == pytest.approx(OPS / (PARAMS * 2))  # 80 FLOP/byte < 153
    assert model.value("p03.verdict_gpu") == "memory-bound"


def test_npu_by_hand(model):
    t_compute = OPS / 35e12 * 1e3
    t_memory = PARAMS * 1 / 100e9 * 1e3
    assert model.value("p03.t_compute_npu") == pytest.approx(t_compute)
    assert model.value("p03.t_memory_npu") == pytest.approx(t_memory)  # 0.256 ms
    assert model.value("p03.verdict_npu") == "memory-bound"
    assert model.value("p03.speed_ratio") == pytest.approx(t_memory / (PARAMS * 2 / 2039e9 * 1e3))
    assert model.value("p03.bw_gap") == pytest.approx(20.39)
    assert model.value("p03.peak_gap") == pytest.approx(312 / 35)


def test_gpu_verdict_flips_at_the_bandwidth_where_terms_balance(model):
    bw_star = boundary(model, "p03.verdict_gpu", "gpu_a100.mem_bw")
    assert bw_star == pytest.approx(PARAMS * 2 * 312e12 / OPS / 1e9)  # GB/s
    model.set("gpu_a100.mem_bw", bw_star * 0.99)
    assert model.value("p03.verdict_gpu") == "memory-bound"
    model.set("gpu_a100.mem_bw", bw_star * 1.01)
    assert model.value("p03.verdict_gpu") == "compute-bound"


def test_alternative_edition_8_2_gflop_moves_the_a100_closer_to_the_ridge(model):
    model.set("p03.ops_per_image", 8.2)
    assert model.value("p03.intensity_gpu") == pytest.approx(8.2e9 / (PARAMS * 2))  # 160 > 153
    assert model.value("p03.verdict_gpu") == "compute-bound"


def test_npu_verdict_flips(model):
    peak_star = boundary(model, "p03.verdict_npu", "npu_phone.peak_int8")
    assert peak_star == pytest.approx(OPS * 100e9 / PARAMS / 1e12)  # TOPS
    model.set("npu_phone.peak_int8", peak_star * 1.01)
    assert model.value("p03.verdict_npu") == "memory-bound"
    model.set("npu_phone.peak_int8", peak_star * 0.99)
    assert model.value("p03.verdict_npu") == "compute-bound"


def test_gap_verdict_flips_when_bandwidth_dominates(model):
    model.set("npu_phone.peak_int8", 300)  # NPU compute-rich: only the bandwidth gap remains
    assert model.value("p03.verdict_gap") == "bandwidth gap explains it"
