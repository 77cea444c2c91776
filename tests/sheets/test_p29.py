"""p29 — active learning ROI: seed figures, hand-worked results and both sides of each verdict."""

import pytest
from sheet_helpers import boundary


def test_seed_figures(model):
    v = model.value
    assert v("p29.cost_all") == pytest.approx(1_000_000 * 5.00)  # USD 5,000,000
    assert v("p29.over_budget") == pytest.approx(10)  # "10x over budget"
    assert v("p29.random_affordable") == pytest.approx(500_000 / 5.00)  # 100,000 random scans
    assert round(v("p29.random_share")) == 10  # "the random 10 percent"
    assert v("p29.cost_active") == pytest.approx(50_000 * 5.00)  # USD 250,000
    assert round(v("p29.budget_left_share")) == 50  # "50 percent under budget"
    assert v("p29.reduction_vs_pool") == pytest.approx(20)  # "20x less data"
    assert v("p29.saving_vs_pool") == pytest.approx(4.75e6)  # "USD 4.75 Million"
    assert round(v("p29.xray_label_rate")) == 1  # 500 of 50,000 X-rays labeled


def test_fixmatch_table(model):
    v = model.value
    assert v("p29.label_efficiency_4000") == pytest.approx(50_000 / 4_000)  # 12.5x
    assert v("p29.label_efficiency_250") == pytest.approx(50_000 / 250)  # 200x
    assert v("p29.label_efficiency_40") == pytest.approx(50_000 / 40)  # 1250x
    assert round(v("p29.gap_250"), 1) == 1.2  # "within 1.2 points"
    assert v("p29.gap_4000") == pytest.approx((0.961 - 0.957) * 100)  # pp
    assert v("p29.gap_40") == pytest.approx((0.961 - 0.886) * 100)


def test_fairer_baseline(model):
    v = model.value
    assert v("p29.reduction_vs_random") == pytest.approx((500_000 / 5.00) / 50_000)  # 2x
    assert v("p29.saving_vs_random") == pytest.approx(500_000 - 50_000 * 5.00)
    assert v("p29.active_label_rate") == pytest.approx(50_000 / 30)  # scans per day in a 30-day month


def test_verdicts_at_defaults(model):
    assert model.value("p29.verdict_full_labeling") == "labeling everything is over budget"
    assert model.value("p29.verdict_active") == "active learning fits the budget"


def test_full_labeling_flips_with_budget(model):
    edge = boundary(model, "p29.verdict_full_labeling", "p29.budget")
    assert edge == pytest.approx(1_000_000 * 5.00)
    model.set("p29.budget", edge * 1.01)
    assert model.value("p29.verdict_full_labeling") == "labeling everything is within budget"
    model.set("p29.budget", edge * 0.99)
    assert model.value("p29.verdict_full_labeling") == "labeling everything is over budget"


def test_active_flips_with_selected_count(model):
    edge = boundary(model, "p29.verdict_active", "p29.active_count")
    assert edge == pytest.approx(500_000 / 5.00)
    model.set("p29.active_count", 99_000)
    assert model.value("p29.verdict_active") == "active learning fits the budget"
    model.set("p29.active_count", 101_000)
    assert model.value("p29.verdict_active") == "active learning over budget"
