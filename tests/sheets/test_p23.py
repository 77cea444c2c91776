"""p23: per-operation dispatch overhead, tiny MLP vs a GPT-3 layer."""

import pytest
from sheet_helpers import boundary


def test_seed_figures(model):
    assert model.value("p23.small_n_ops") == 6
    assert model.value("p23.small_t_hw") == pytest.approx(2.6)  # µs
    assert model.value("p23.dispatch_per_op") == pytest.approx(5.0)  # µs/op
    assert model.value("p23.small_t_sw") == pytest.approx(30)  # 6 × 5.0 µs
    assert round(model.value("p23.small_ratio"), 1) == 11.5  # 30 / 2.6
    assert round(100 * model.value("p23.small_overhead_share")) == 92
    assert round(model.value("p23.compile_speedup_max")) == 13
    assert model.value("p23.verdict_large") == "compute-bound"  # "the GPT-3 layer is compute bound"


def test_by_hand(model):
    assert model.value("p23.small_total") == pytest.approx(6 * 5.0 + 2.6)
    assert model.value("p23.small_ratio") == pytest.approx(30 / 2.6)
    assert model.value("p23.small_overhead_share") == pytest.approx(30 / 32.6)
    assert model.value("p23.compile_speedup_max") == pytest.approx(32.6 / 2.6)
    assert model.value("p23.large_ratio") == pytest.approx(50e-6 / 100e-3)
    assert model.value("p23.large_overhead_share") == pytest.approx(50e-6 / (50e-6 + 100e-3))
    assert model.value("p23.verdict_small") == "overhead-bound"


def test_small_flips_with_dispatch_cost(model):
    x = boundary(model, "p23.verdict_small", "p23.dispatch_per_op")
    assert x == pytest.approx(2.6 / 6)  # µs per op at which 6 dispatches equal the GPU time
    model.set("p23.dispatch_per_op", x * 0.99)
    assert model.value("p23.verdict_small") == "compute-bound"
    model.set("p23.dispatch_per_op", x * 1.01)
    assert model.value("p23.verdict_small") == "overhead-bound"


def test_large_flips_with_overhead(model):
    x = boundary(model, "p23.verdict_large", "p23.large_t_sw")
    assert x == pytest.approx(100e3)  # µs: overhead would have to reach the full 100 ms
    model.set("p23.large_t_sw", x * 0.99)
    assert model.value("p23.verdict_large") == "compute-bound"
    model.set("p23.large_t_sw", x * 1.01)
    assert model.value("p23.verdict_large") == "overhead-bound"
