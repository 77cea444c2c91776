"""p26: can a 7B model train with Adam on one 24 GB GPU?"""

import math

import pytest
from sheet_helpers import boundary

STATIC = 7e9 * (2 + 2 + 8)  # bytes: FP16 weights + FP16 grads + FP32 Adam moments
ACT_LAYER = 34 * 2048 * 1 * 4096 * 2  # 34·s·b·h·bytes
ACT = 32 * ACT_LAYER
ACT_LAYER_ALT = (34 * 2048 * 1 * 4096 + 5 * 32 * 2048**2 * 1) * 2 / 2


def test_seed_figures(model):
    assert model.value("p26.n_params") == 7e9
    assert model.value("p26.gpu_capacity") == 24


def test_by_hand(model):
    assert model.value("p26.weights") == pytest.approx(14)
    assert model.value("p26.grads") == pytest.approx(14)
    assert model.value("p26.optimizer") == pytest.approx(56)
    assert model.value("p26.static_total") == pytest.approx(STATIC / 1e9)
    assert model.value("p26.static_over") == pytest.approx(STATIC / 24e9)  # 3.5×
    assert model.value("p26.act_per_layer") == pytest.approx(ACT_LAYER / 1e9)
    assert model.value("p26.activations") == pytest.approx(ACT / 1e9)
    assert round(model.value("p26.activations"), 1) == 18.3
    assert model.value("p26.total") == pytest.approx((STATIC + ACT) / 1e9)
    assert model.value("p26.admin_ratio") == pytest.approx((14 + 56) / 14)
    assert model.value("p26.gpus_if_sharded") == math.ceil((STATIC + ACT) / 24e9)


def test_alternative_activation_formula_same_verdict(model):
    model.set("p26.activation_formula", 1)
    assert model.value("p26.act_per_layer") == pytest.approx(ACT_LAYER_ALT / 1e9)
    assert model.value("p26.activations") == pytest.approx(32 * ACT_LAYER_ALT / 1e9)
    assert model.value("p26.verdict_fit") == "does not fit, even before activations"


def test_verdict_bands_with_capacity(model):
    assert model.value("p26.verdict_fit") == "does not fit, even before activations"
    x0 = boundary(model, "p26.verdict_fit", "p26.gpu_capacity", 0)
    assert x0 == pytest.approx(STATIC / 1e9)  # 84 GB
    model.set("p26.gpu_capacity", x0 * 0.99)
    assert model.value("p26.verdict_fit") == "does not fit, even before activations"
    model.set("p26.gpu_capacity", x0 * 1.01)
    assert model.value("p26.verdict_fit") == "does not fit once activations are added"
    x1 = boundary(model, "p26.verdict_fit", "p26.gpu_capacity", 1)
    assert x1 == pytest.approx((STATIC + ACT) / 1e9)  # ≈ 102 GB
    model.set("p26.gpu_capacity", x1 * 0.99)
    assert model.value("p26.verdict_fit") == "does not fit once activations are added"
    model.set("p26.gpu_capacity", x1 * 1.01)
    assert model.value("p26.verdict_fit") == "fits"


def test_static_flips_with_model_size(model):
    x = boundary(model, "p26.verdict_fit", "p26.n_params", 0)
    assert x == pytest.approx(24e9 / 12)  # 2B parameters fill 24 GB at 12 B/param
    model.set("p26.n_params", x * 1.01)
    assert model.value("p26.verdict_fit") == "does not fit, even before activations"
    model.set("p26.n_params", x * 0.99)
    assert model.value("p26.verdict_fit") == "does not fit once activations are added"
