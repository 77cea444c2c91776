"""p39 — scaling efficiency 1 -> 8 GPUs: by hand, both verdicts on both sides of each band."""

import pytest
from sheet_helpers import boundary


def test_seed_figures(model):
    v = model.value
    assert (v("p39.t_single"), v("p39.n_gpus"), v("p39.t_multi")) == (24, 8, 4)


def test_by_hand(model):
    v = model.value
    assert round(v("p39.efficiency")) == round(24 / (8 * 4) * 100)  # 75 %
    assert round(v("p39.speedup"), 1) == 24 / 4  # 6.0x
    assert v("p39.t_ideal") == pytest.approx(24 / 8)  # 3 h
    assert v("p39.lost") == pytest.approx((1 - 24 / 32) * 100)  # 25 %
    assert v("p39.loss_budget_min") == pytest.approx(10 + 3 + 2 + 2)  # 17 %
    assert v("p39.loss_budget_max") == pytest.approx(15 + 5 + 5 + 5)  # 30 %
    assert v("p39.gpu_hours_multi") == pytest.approx(8 * 4)
    assert v("p39.gpu_hour_overhead") == pytest.approx((32 / 24 - 1) * 100)


def test_verdicts_at_defaults(model):
    assert model.value("p39.verdict_scaling") == "reasonable"
    assert model.value("p39.verdict_losses") == "explained by the usual loss sources"


def test_scaling_excellent_edge(model):
    edge = boundary(model, "p39.verdict_scaling", "p39.t_multi", k=0)
    assert edge == pytest.approx(24 / (8 * 0.90))  # 3.33 h
    model.set("p39.t_multi", edge * 0.99)
    assert model.value("p39.verdict_scaling") == "excellent"
    model.set("p39.t_multi", edge * 1.01)
    assert model.value("p39.verdict_scaling") == "reasonable"


def test_scaling_reasonable_edge(model):
    edge = boundary(model, "p39.verdict_scaling", "p39.t_multi", k=1)
    assert edge == pytest.approx(24 / (8 * 0.70))  # 4.29 h
    model.set("p39.t_multi", edge * 0.99)
    assert model.value("p39.verdict_scaling") == "reasonable"
    model.set("p39.t_multi", edge * 1.01)
    assert model.value("p39.verdict_scaling") == "poor"


def test_losses_edges(model):
    high = boundary(model, "p39.verdict_losses", "p39.t_multi", k=0)
    assert high == pytest.approx(24 / (8 * (1 - 0.30)))  # efficiency 70 %
    model.set("p39.t_multi", high * 1.01)
    assert model.value("p39.verdict_losses") == "more loss than the usual sources explain"
    model.set("p39.t_multi", high * 0.99)
    assert model.value("p39.verdict_losses") == "explained by the usual loss sources"
    low = boundary(model, "p39.verdict_losses", "p39.t_multi", k=1)
    assert low == pytest.approx(24 / (8 * (1 - 0.17)))  # efficiency 83 %
    model.set("p39.t_multi", low * 0.99)
    assert model.value("p39.verdict_losses") == "less loss than the usual sources predict"
    model.set("p39.t_multi", low * 1.01)
    assert model.value("p39.verdict_losses") == "explained by the usual loss sources"
