"""p20: attention score memory at N = 100,000 tokens."""

import math

import pytest
from sheet_helpers import boundary

N = 100_000
NO_FIT = "does not fit — tile it (FlashAttention) or compute fewer scores (sparse/approximate attention)"


def test_seed_figure(model):
    assert model.value("p20.seq_len") == N


def test_memory_by_hand(model):
    elements = N**2 * 12  # 12 heads, batch 1
    assert model.value("p20.elements_layer") == pytest.approx(elements)
    assert model.value("p20.bytes_layer") == pytest.approx(elements * 2 / 1e9)  # GB, FP16
    assert round(model.value("p20.bytes_layer")) == 240
    assert model.value("p20.bytes_model") == pytest.approx(elements * 2 * 32 / 1e12)  # TB, 32 layers
    assert model.value("p20.bytes_per_head") == pytest.approx(N**2 * 2 / 1e9)  # 20 GB
    assert model.value("p20.share_of_gpu") == pytest.approx(elements * 2 / 80e9)  # 3× an A100
    assert model.value("p20.scaling") == pytest.approx((4096 / 512) ** 2)


def test_per_head_is_one_edit_away(model):
    model.set("p20.n_heads", 1)
    assert model.value("p20.bytes_layer") == pytest.approx(N**2 * 2 / 1e9)
    assert model.value("p20.verdict_fit") == "fits on one GPU"


def test_verdict_flips_with_context(model):
    assert model.value("p20.verdict_fit") == NO_FIT
    x = boundary(model, "p20.verdict_fit", "p20.seq_len")
    assert x == pytest.approx(math.sqrt(80e9 / (12 * 2)))  # ≈ 57,735 tokens
    model.set("p20.seq_len", math.floor(x))
    assert model.value("p20.verdict_fit") == "fits on one GPU"
    model.set("p20.seq_len", math.ceil(x))
    assert model.value("p20.verdict_fit") == NO_FIT


def test_verdict_flips_with_gpu_memory(model):
    x = boundary(model, "p20.verdict_fit", "p20.gpu_capacity")
    assert x == pytest.approx(N**2 * 12 * 2 / 1e9)
    model.set("p20.gpu_capacity", x * 0.99)
    assert model.value("p20.verdict_fit") == NO_FIT
    model.set("p20.gpu_capacity", x * 1.01)
    assert model.value("p20.verdict_fit") == "fits on one GPU"
