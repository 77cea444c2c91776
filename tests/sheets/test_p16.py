"""p16: USD 50K to go from 85 % to 95 % — random labels or active learning?"""

import pytest
from sheet_helpers import boundary


def test_seed_givens(model):
    assert model.value("p16.pool_size") == 10_000_000
    assert model.value("p16.budget") == 50  # kUSD
    assert model.value("p16.baseline_acc") == 0.85
    assert model.value("p16.baseline_labels") == 100_000
    assert model.value("p16.target_acc") == 0.95


def test_costs_by_hand(model):
    assert model.value("p16.label_price") == 0.50  # linked to econ.label_expert_low
    assert model.value("p16.random_cost") == pytest.approx(1_000_000 * 0.50 / 1e3)  # 500 kUSD
    assert model.value("p16.active_label_cost_low") == pytest.approx(100_000 * 0.50 / 1e3)  # 50 kUSD
    assert model.value("p16.active_label_cost_high") == pytest.approx(200_000 * 0.50 / 1e3)  # 100 kUSD
    assert model.value("p16.scoring_cost_full") == pytest.approx(10_000_000 * 0.01 / 1e3)  # 100 kUSD
    assert model.value("p16.active_total_low") == pytest.approx((50_000 + 100_000) / 1e3)
    assert model.value("p16.active_total_high") == pytest.approx((100_000 + 100_000) / 1e3)
    assert model.value("p16.random_multiplier") == pytest.approx(10)
    assert model.value("p16.accuracy_gap") == pytest.approx(0.10)
    assert (model.value("p16.random_fits"), model.value("p16.active_low_fits"), model.value("p16.active_high_fits")) == (0, 0, 0)


def test_constrained_plan_by_hand(model):
    assert model.value("p16.scored_images") == pytest.approx(0.10 * 50_000 / 0.01)  # 500,000 images
    assert model.value("p16.pool_share_scored") == pytest.approx(500_000 / 10_000_000)  # 5 %
    assert model.value("p16.labels_affordable") == pytest.approx(0.90 * 50_000 / 0.50)  # 90,000 labels
    assert model.value("p16.label_shortfall") == pytest.approx(100_000 - 90_000)


def test_verdict_default_and_labels_only_switch(model):
    assert model.value("p16.verdict_budget") == "neither fits as stated"
    model.set("p16.include_scoring_cost", 0)  # labels-only telling: 100K labels × 0.50 = exactly 50K
    assert model.value("p16.active_total_low") == pytest.approx(50)
    assert model.value("p16.verdict_budget") == "active learning fits only at its best case"


@pytest.mark.parametrize(
    ("k", "expected_usd", "below", "above"),
    [
        (0, 1_000_000 * 0.50, "active learning fits", "random fits"),
        (1, 200_000 * 0.50 + 10_000_000 * 0.01, "active learning fits only at its best case", "active learning fits"),
        (2, 100_000 * 0.50 + 10_000_000 * 0.01, "neither fits as stated", "active learning fits only at its best case"),
    ],
)
def test_verdict_flips_on_budget(model, k, expected_usd, below, above):
    x = boundary(model, "p16.verdict_budget", "p16.budget", k)
    assert x == pytest.approx(expected_usd / 1e3)  # kUSD
    model.set("p16.budget", x * 0.99)
    assert model.value("p16.verdict_budget") == below
    model.set("p16.budget", x * 1.01)
    assert model.value("p16.verdict_budget") == above


def test_verdict_flips_on_label_price(model):
    # At crowd-level prices random sampling fits: 1M labels × p = USD 50K → p = USD 0.05 per label.
    x = boundary(model, "p16.verdict_budget", "p16.label_price", 0)
    assert x == pytest.approx(50_000 / 1_000_000)
    model.set("p16.label_price", x * 1.01)
    assert model.value("p16.verdict_budget") == "neither fits as stated"
    model.set("p16.label_price", x * 0.99)
    assert model.value("p16.verdict_budget") == "random fits"
