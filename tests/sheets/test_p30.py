"""p30 — selection inequality: hand-worked totals and both sides of the verdict."""

import pytest
from sheet_helpers import boundary


def test_seed_figures(model):
    assert model.value("p30.subset_fraction") == pytest.approx(0.10)  # "the best 10 percent"
    # the full model scores the whole pool once: one epoch-equivalent
    assert model.value("p30.t_select") == pytest.approx(1.0)


def test_epoch_equivalents_by_hand(model):
    v = model.value
    t_subset = 100 * 0.10  # epochs
    assert v("p30.t_subset") == pytest.approx(t_subset)
    assert v("p30.t_total") == pytest.approx(1 + t_subset)  # 11 epochs
    assert round(v("p30.speedup")) == round(100 / 11)  # ~9x, displayed with 0 decimals
    assert v("p30.selection_budget") == pytest.approx(100 - t_subset)  # 90 epochs
    assert v("p30.t_total_reselect") == pytest.approx(100 * 1 + t_subset)  # 110 epochs
    assert v("p30.t_total_proxy") == pytest.approx(1 * 0.1 + t_subset)  # 10.1 epochs


def test_seconds_block_by_hand(model):
    v = model.value
    baseline = 1e6 * 100 * 0.01 / 3600  # h
    subset = 1e6 * 0.10 * 100 * 0.01 / 3600
    assert round(v("p30.baseline_hours"), 1) == round(baseline, 1)  # 277.8 h
    assert round(v("p30.scoring_full"), 1) == round(1e6 * 0.01 / 3600, 1)  # 2.8 h
    assert round(v("p30.scoring_proxy"), 1) == round(1e6 * 0.002 / 3600, 1)  # 0.6 h
    assert round(v("p30.total_full_scorer"), 1) == round(1e6 * 0.01 / 3600 + subset, 1)
    assert round(v("p30.trap_total"), 1) == round(50 + subset, 1)  # 77.8 h
    assert v("p30.saving_proxy_scorer_share") == pytest.approx((baseline - 1e6 * 0.002 / 3600 - subset) / baseline * 100)


def test_switches(model):
    model.set("p30.use_proxy", 1)
    assert model.value("p30.t_total") == pytest.approx(0.1 + 10)
    model.set_many({"p30.use_proxy": 0, "p30.reselect_every_epoch": 1})
    assert model.value("p30.t_total") == pytest.approx(100 + 10)
    assert model.value("p30.verdict_selection") == "selection is slower than training on everything"
    model.set("p30.use_proxy", 1)  # re-scoring every epoch with the proxy: 10 + 10 < 100
    assert model.value("p30.verdict_selection") == "selection pays off"


def test_verdict_flips_with_selection_cost(model):
    assert model.value("p30.verdict_selection") == "selection pays off"
    edge = boundary(model, "p30.verdict_selection", "p30.selection_cost")
    assert edge == pytest.approx(100 - 100 * 0.10)  # selection may cost at most the 90 epochs saved
    model.set("p30.selection_cost", edge * 0.99)
    assert model.value("p30.verdict_selection") == "selection pays off"
    model.set("p30.selection_cost", edge * 1.01)
    assert model.value("p30.verdict_selection") == "selection is slower than training on everything"


def test_verdict_flips_with_subset_fraction_when_reselecting(model):
    model.set("p30.reselect_every_epoch", 1)
    model.set("p30.use_proxy", 1)
    edge = boundary(model, "p30.verdict_selection", "p30.subset_fraction")
    assert edge == pytest.approx((100 - 100 * 1 * 0.1) / 100)  # 0.9
    model.set("p30.subset_fraction", edge - 0.01)
    assert model.value("p30.verdict_selection") == "selection pays off"
    model.set("p30.subset_fraction", edge + 0.01)
    assert model.value("p30.verdict_selection") == "selection is slower than training on everything"
