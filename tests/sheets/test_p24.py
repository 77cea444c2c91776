"""p24: the administrative tax of training a 1B-parameter model with Adam."""

import math

import pytest
from sheet_helpers import boundary

ACT_PER_SAMPLE = 100 * 1024**2 * 2  # bytes: layers × width² × FP16
ACT = 32 * ACT_PER_SAMPLE  # 6,710,886,400 B
STATIC = 1e9 * (2 + 2 + 8)  # weights + grads + Adam state


def test_seed_figures(model):
    assert model.value("p24.weights") == pytest.approx(2)  # GB
    assert model.value("p24.grads") == pytest.approx(2)
    assert model.value("p24.optimizer") == pytest.approx(8)
    assert model.value("p24.optimizer_vs_weights") == pytest.approx(4)  # "4× FP16 weight memory"
    assert (model.value("p24.batch"), model.value("p24.n_layers"), model.value("p24.width")) == (32, 100, 1024)
    assert model.value("p24.bytes_activation") == 2
    assert round(model.value("p24.activations"), 1) == 6.7  # decimal GB


def test_totals_by_hand(model):
    assert model.value("p24.activations") == pytest.approx(ACT / 1e9)
    assert model.value("p24.total") == pytest.approx((STATIC + ACT) / 1e9)
    assert round(model.value("p24.total"), 1) == 18.7
    assert model.value("p24.admin_tax") == pytest.approx((STATIC + ACT - 2e9) / 1e9)
    assert model.value("p24.tax_ratio") == pytest.approx((STATIC + ACT - 2e9) / 2e9)
    assert model.value("p24.total_vs_weights") == pytest.approx((STATIC + ACT) / 2e9)
    assert model.value("p24.activation_traffic_time") == pytest.approx(2 * ACT / 2039e9 * 1e3)  # ms


def test_verdicts_default(model):
    assert model.value("p24.verdict_tax") == "training holds 5–10× the weight memory"
    assert model.value("p24.verdict_fit") == "fits"


def test_tax_flips_with_batch(model):
    # (12 GB + b · 209.7 MB) / 2 GB = 10  →  b = 8e9 / ACT_PER_SAMPLE ≈ 38.1
    x = boundary(model, "p24.verdict_tax", "p24.batch", 2)
    assert x == pytest.approx(8e9 / ACT_PER_SAMPLE)
    model.set("p24.batch", math.floor(x))
    assert model.value("p24.verdict_tax") == "training holds 5–10× the weight memory"
    model.set("p24.batch", math.ceil(x))
    assert model.value("p24.verdict_tax") == "training holds over 10× the weight memory"


def test_smaller_models_pay_a_bigger_tax(model):
    # (12 n + ACT) / (2 n) = 10  →  n = ACT / 8 ≈ 0.84 B parameters; below that, over 10×.
    x = boundary(model, "p24.verdict_tax", "p24.n_params", 2)
    assert x == pytest.approx(ACT / 8)
    model.set("p24.n_params", x * 0.99)
    assert model.value("p24.verdict_tax") == "training holds over 10× the weight memory"
    model.set("p24.n_params", x * 1.01)
    assert model.value("p24.verdict_tax") == "training holds 5–10× the weight memory"


def test_under_two_only_without_gradients_and_optimizer(model):
    model.set_many({"p24.bytes_grad": 0, "p24.bytes_optimizer": 0})
    x = boundary(model, "p24.verdict_tax", "p24.n_params", 0)
    assert x == pytest.approx(ACT / 2)  # (2 n + ACT) / (2 n) = 2
    model.set("p24.n_params", x * 0.99)
    assert model.value("p24.verdict_tax") == "training holds 2–5× the weight memory"
    model.set("p24.n_params", x * 1.01)
    assert model.value("p24.verdict_tax") == "training holds under 2× the weight memory"


def test_fit_flips_with_batch(model):
    x = boundary(model, "p24.verdict_fit", "p24.batch")
    assert x == pytest.approx((80e9 - STATIC) / ACT_PER_SAMPLE)  # ≈ 324 samples
    model.set("p24.batch", math.floor(x))
    assert model.value("p24.verdict_fit") == "fits"
    model.set("p24.batch", math.ceil(x))
    assert model.value("p24.verdict_fit") == "does not fit"
