"""p36 — 95 % vs 94 % on 1,000 images: the binomial band by hand, verdict on both sides."""

import math

import pytest
from sheet_helpers import boundary

SIGMA = math.sqrt(1000 * 0.05 * 0.95)  # 6.9 errors
HIGH = 50 + 1.96 * round(SIGMA)  # band with sigma rounded to 7, as the book does
LOW = 50 - 1.96 * round(SIGMA)


def test_seed_figures(model):
    assert model.value("p36.acc_base") == 0.95 and model.value("p36.acc_new") == 0.94
    assert model.value("p36.n_test") == 1000


def test_by_hand(model):
    v = model.value
    assert round(v("p36.errors_base")) == 50 and round(v("p36.errors_new")) == 60
    assert round(v("p36.sigma_errors"), 1) == round(SIGMA, 1)  # 6.9
    assert v("p36.sigma_used") == 7
    assert round(v("p36.band_low")) == round(LOW)  # 36
    assert round(v("p36.band_high")) == round(HIGH)  # 64
    assert round(v("p36.n_for_margin")) == round(1.96**2 * 0.05 * 0.95 / 0.01**2)  # 1,825 images
    pooled = (50 + 60) / 2000
    assert v("p36.z_two_proportion") == pytest.approx(0.01 / math.sqrt(pooled * (1 - pooled) * 2 / 1000))


def test_exact_sigma_switch(model):
    model.set("p36.round_sigma", 0)
    assert model.value("p36.band_high") == pytest.approx(50 + 1.96 * SIGMA)


def test_verdict_at_defaults(model):
    assert model.value("p36.verdict_regression") == "indistinguishable from noise"


def test_regression_side(model):
    edge = boundary(model, "p36.verdict_regression", "p36.acc_new", k=0)
    assert edge == pytest.approx(1 - HIGH / 1000)  # 93.6 %
    model.set("p36.acc_new", edge - 0.001)
    assert model.value("p36.verdict_regression") == "real regression"
    model.set("p36.acc_new", edge + 0.001)
    assert model.value("p36.verdict_regression") == "indistinguishable from noise"


def test_improvement_side(model):
    edge = boundary(model, "p36.verdict_regression", "p36.acc_new", k=1)
    assert edge == pytest.approx(1 - LOW / 1000)  # 96.4 %
    model.set("p36.acc_new", edge + 0.001)
    assert model.value("p36.verdict_regression") == "real improvement"
    model.set("p36.acc_new", edge - 0.001)
    assert model.value("p36.verdict_regression") == "indistinguishable from noise"


def test_bigger_test_set_makes_the_same_drop_real(model):
    model.set("p36.round_sigma", 0)  # exact sigma, so the boundary has a closed form
    edge = boundary(model, "p36.verdict_regression", "p36.n_test", k=0)
    # n * 0.01 = 1.96 * sqrt(n * 0.05 * 0.95)  ->  n = 1.96^2 * 0.0475 / 0.01^2
    assert edge == pytest.approx(1.96**2 * 0.05 * 0.95 / 0.01**2)
    model.set("p36.n_test", math.floor(edge * 0.98))
    assert model.value("p36.verdict_regression") == "indistinguishable from noise"
    model.set("p36.n_test", math.ceil(edge * 1.02))
    assert model.value("p36.verdict_regression") == "real regression"
