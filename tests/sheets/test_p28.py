"""p28 — compute outgrows data: hand-worked rates and budget, verdict on both sides."""

import pytest
from sheet_helpers import boundary

# the worked example by hand: 10,000 H100 x 989 TFLOP/s x 90 days x 40 % MFU
BUDGET = 10_000 * 989e12 * (3 * 30 * 86_400) * 0.40  # FLOP
TOKENS = BUDGET / (6 * 70e9)  # tokens a 70B model can train on
TOKENS_T = TOKENS / 1e12


def test_annual_rates(model):
    v = model.value
    assert round(v("p28.compute_rate"), 2) == round(10 ** (1 / 3), 2)  # 2.15x per year
    assert round(v("p28.web_data_rate"), 2) == round(2 ** (1 / 5), 2)  # 1.15x per year
    assert round(v("p28.label_rate"), 2) == round(1.5 ** (1 / 5), 2)  # 1.08x per year
    assert v("p28.divergence") == pytest.approx(10 ** (1 / 3) / 2 ** (1 / 5))


def test_worked_example(model):
    v = model.value
    assert v("p28.budget_flops") == pytest.approx(BUDGET)
    assert round(v("p28.tokens_affordable"), 1) == round(TOKENS_T, 1)  # trillions, 1 decimal
    assert v("p28.reuse_ratio") == pytest.approx(TOKENS / 5e12)
    assert v("p28.stock_share") == pytest.approx(TOKENS / 300e12 * 100)
    assert round(v("p28.run_cost"), 1) == round(10_000 * 3 * 30 * 24 * 4.0 / 1e6, 1)  # USD millions


def test_seed_framing_at_defaults(model):
    # the seed: "the field has become compute-rich and data-poor"
    assert model.value("p28.verdict_regime") == "compute-rich, data-poor"


def test_verdict_flips_with_corpus_size(model):
    edge = boundary(model, "p28.verdict_regime", "p28.corpus_tokens")
    assert edge == pytest.approx(TOKENS_T / 3)  # corpus that 3 passes would exhaust the budget on
    model.set("p28.corpus_tokens", edge * 0.99)
    assert model.value("p28.verdict_regime") == "compute-rich, data-poor"
    model.set("p28.corpus_tokens", edge * 1.01)
    assert model.value("p28.verdict_regime") == "data sufficient for this budget"


def test_verdict_flips_with_cluster_size(model):
    edge = boundary(model, "p28.verdict_regime", "p28.n_gpus")
    assert edge == pytest.approx(10_000 * 3 / (TOKENS / 5e12))
    model.set("p28.n_gpus", round(edge * 0.95))
    assert model.value("p28.verdict_regime") == "data sufficient for this budget"
    model.set("p28.n_gpus", round(edge * 1.05))
    assert model.value("p28.verdict_regime") == "compute-rich, data-poor"


def test_longer_month_alternative(model):
    model.set("cal.days_per_month", 30.44)
    assert model.value("p28.duration") == pytest.approx(3 * 30.44)
