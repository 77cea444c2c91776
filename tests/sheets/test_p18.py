"""p18: MNIST MLP (784 → 128 → 64 → 10) memory, training at batch 32 vs inference, FP32."""

import math

import pytest
from sheet_helpers import boundary

KIB = 1024
WEIGHTS = 784 * 128 + 128 * 64 + 64 * 10  # 109,184
PARAMS = WEIGHTS + 128 + 64 + 10  # + biases = 109,386
P_BYTES = PARAMS * 4
A_BYTES = (784 + 128 + 64 + 10) * 4  # one sample's activations, input layer included
TRAIN = 4 * P_BYTES + 32 * A_BYTES  # params + grads + 2 Adam moments + batch-32 activations
INFER = P_BYTES + A_BYTES


def test_seed_figures(model):
    assert model.value("p18.n_weights") == 109_184
    assert model.value("p18.forward_macs") == 109_184
    assert model.value("p18.macs_per_weight") == pytest.approx(1)
    assert model.value("p18.batch_train") == 32
    assert model.value("p18.bytes_per_value") == 4
    assert (model.value("p18.width_in"), model.value("p18.width_h1"), model.value("p18.width_h2"),
            model.value("p18.width_out")) == (784, 128, 64, 10)


def test_components_by_hand(model):
    assert model.value("p18.params_l1") == 784 * 128 + 128
    assert model.value("p18.n_params") == PARAMS
    assert model.value("p18.param_mem") == pytest.approx(P_BYTES / KIB)
    assert round(model.value("p18.param_mem"), 1) == 427.3
    assert model.value("p18.act_train") == pytest.approx(32 * A_BYTES / KIB)
    assert round(model.value("p18.act_train"), 1) == 123.2  # 123.25 KiB
    assert model.value("p18.grad_mem") == pytest.approx(P_BYTES / KIB)
    assert model.value("p18.opt_mem") == pytest.approx(2 * P_BYTES / KIB)


def test_totals_by_hand(model):
    assert model.value("p18.train_total") == pytest.approx(TRAIN / KIB)
    assert round(model.value("p18.train_total"), 1) == 1832.4
    assert model.value("p18.train_total_mib") == pytest.approx(TRAIN / KIB / KIB)
    assert round(model.value("p18.train_total_mib"), 1) == 1.8
    assert model.value("p18.act_infer") == pytest.approx(A_BYTES / KIB)
    assert model.value("p18.infer_total") == pytest.approx(INFER / KIB)
    assert round(model.value("p18.infer_total"), 1) == 431.1
    assert model.value("p18.train_to_infer") == pytest.approx(TRAIN / INFER)
    assert round(model.value("p18.train_to_infer"), 1) == 4.3  # 4.25


def test_verdicts_default(model):
    assert model.value("p18.verdict_ratio") == "training needs 2–5× the inference memory"
    assert model.value("p18.verdict_fit_train") == "does not fit"  # 1,832 KiB > 512 KiB
    assert model.value("p18.verdict_fit_infer") == "fits"  # 431 KiB ≤ 512 KiB


@pytest.mark.parametrize(
    ("k", "expected", "below", "above"),
    [
        # 4P + bA = 5(P + A)  →  b = P/A + 5
        (1, P_BYTES / A_BYTES + 5, "training needs 2–5× the inference memory", "training needs 5–10× the inference memory"),
        # 4P + bA = 10(P + A)  →  b = 6P/A + 10
        (2, 6 * P_BYTES / A_BYTES + 10, "training needs 5–10× the inference memory", "training needs over 10× the inference memory"),
    ],
)
def test_ratio_flips_with_batch(model, k, expected, below, above):
    x = boundary(model, "p18.verdict_ratio", "p18.batch_train", k)
    assert x == pytest.approx(expected)
    model.set("p18.batch_train", math.floor(x))
    assert model.value("p18.verdict_ratio") == below
    model.set("p18.batch_train", math.ceil(x))
    assert model.value("p18.verdict_ratio") == above


def test_ratio_under_two_without_gradients(model):
    # Only with no gradient memory and a small optimizer can training stay under 2×:
    # (P(1 + m) + 32A) / (P + A) = 2  →  m = 1 − 30A/P
    model.set("p18.grad_multiplier", 0)
    x = boundary(model, "p18.verdict_ratio", "p18.adam_multiplier", 0)
    assert x == pytest.approx(1 - 30 * A_BYTES / P_BYTES)
    model.set("p18.adam_multiplier", x * 0.99)
    assert model.value("p18.verdict_ratio") == "training needs under 2× the inference memory"
    model.set("p18.adam_multiplier", x * 1.01)
    assert model.value("p18.verdict_ratio") == "training needs 2–5× the inference memory"


@pytest.mark.parametrize(("verdict", "need"), [("p18.verdict_fit_train", TRAIN), ("p18.verdict_fit_infer", INFER)])
def test_fit_flips_with_device_memory(model, verdict, need):
    x = boundary(model, verdict, "p18.device_budget")
    assert x == pytest.approx(need / KIB)
    model.set("p18.device_budget", x * 0.99)
    assert model.value(verdict) == "does not fit"
    model.set("p18.device_budget", x * 1.01)
    assert model.value(verdict) == "fits"
