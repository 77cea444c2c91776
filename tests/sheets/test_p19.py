"""p19: operation count of a batch-32 forward pass through the MNIST MLP."""

import math

import pytest
from sheet_helpers import boundary

ROWS = [
    2 * 32 * 784 * 128, 2 * 32 * 128,  # layer 1 MatMul, bias + ReLU
    2 * 32 * 128 * 64, 2 * 32 * 64,  # layer 2
    2 * 32 * 64 * 10, 2 * 32 * 10,  # layer 3 MatMul, bias + softmax (simplified)
]
BOOK = 2 * 109_184 * 32 + (128 + 64 + 10) * 32  # the book's total: bias once, no activation term
FOOTPRINT = (109_386 + 784 + 128 + 64 + 10) * 4  # p18's inference footprint in bytes


def test_seed_table_rows(model):
    assert model.value("p19.batch") == 32
    assert model.value("p19.matmul_l1") == 6_422_528
    assert model.value("p19.bias_act_l1") == 8_192  # 2 × 4,096
    assert model.value("p19.matmul_l2") == 524_288
    assert model.value("p19.bias_act_l2") == 4_096  # 2 × 2,048


def test_layer3_and_totals_by_hand(model):
    assert model.value("p19.matmul_l3") == ROWS[4]
    assert model.value("p19.bias_act_l3") == ROWS[5]
    assert model.value("p19.total_ops_rows") == pytest.approx(sum(ROWS) / 1e6)
    assert model.value("p19.total_ops_book") == pytest.approx(BOOK / 1e6)
    # the two totals differ by a few thousand ops but read the same in millions
    assert round(model.value("p19.total_ops_rows"), 1) == round(model.value("p19.total_ops_book"), 1) == 7.0
    assert model.value("p19.ops_per_image") == pytest.approx(BOOK / 32 / 1e3)
    assert round(model.value("p19.ops_per_image")) == 219


def test_share_intensity_time_by_hand(model):
    assert model.value("p19.layer1_share") == pytest.approx(784 * 128 / 109_184)
    assert round(100 * model.value("p19.layer1_share")) == 92
    assert model.value("p19.inference_footprint") == FOOTPRINT  # linked to p18.infer_total
    assert model.value("p19.intensity") == pytest.approx(BOOK / FOOTPRINT)
    assert model.value("p19.t_per_image") == pytest.approx(BOOK / 32 / 10e12 * 1e9)  # ns


def test_doubling_hidden_widths_does_not_quadruple(model):
    scaled = (2 * 32 * (784 * 256 + 256 * 128 + 128 * 10) + 2 * 32 * (256 + 128 + 10))
    assert model.value("p19.total_ops_scaled") == pytest.approx(scaled / 1e6)
    assert model.value("p19.growth") == pytest.approx(scaled / sum(ROWS))
    assert 2 < model.value("p19.growth") < 4


def test_follows_p18(model):
    model.set("p18.batch_infer", 2)  # a bigger inference footprint lowers the intensity
    assert model.value("p19.inference_footprint") == FOOTPRINT + 986 * 4
    assert model.value("p19.intensity") == pytest.approx(BOOK / (FOOTPRINT + 986 * 4))


def test_verdict_flips_with_batch(model):
    assert model.value("p19.verdict_bound") == "memory-bound"
    ridge = 312e12 / 2039e9
    x = boundary(model, "p19.verdict_bound", "p19.batch")
    # batch · (2·109,184 + 202) / footprint = ridge
    assert x == pytest.approx(ridge * FOOTPRINT / (2 * 109_184 + 202))
    model.set("p19.batch", math.floor(x))
    assert model.value("p19.verdict_bound") == "memory-bound"
    model.set("p19.batch", math.ceil(x))
    assert model.value("p19.verdict_bound") == "compute-bound"


def test_verdict_flips_with_ridge(model):
    x = boundary(model, "p19.verdict_bound", "p19.ridge_ref")
    assert x == pytest.approx(BOOK / FOOTPRINT)
    model.set("p19.ridge_ref", x * 1.01)
    assert model.value("p19.verdict_bound") == "memory-bound"
    model.set("p19.ridge_ref", x * 0.99)
    assert model.value("p19.verdict_bound") == "compute-bound"


def test_editing_a_width_reaches_the_layer_share_and_footprint(model):
    # 1000-wide input: layer 1 = 1000·128 = 128,000 MACs; all layers 128,000 + 8,192 + 640 = 136,832.
    assert model.value("p19.layer1_share") == pytest.approx(784 * 128 / 109_184)
    model.set("p19.width_in", 1000)
    assert model.value("p19.forward_macs") == 136_832
    assert model.value("p19.layer1_share") == pytest.approx(128_000 / 136_832)  # 93.5 %, never above 100 %
    # footprint: params (128,128 + 8,256 + 650 = 137,034) + one sample's activations (1,202), 4 B each
    assert model.value("p19.inference_footprint") == (137_034 + 1_202) * 4
    assert model.value("p18.infer_total") == pytest.approx(FOOTPRINT / 1024)  # p18 is not edited
