"""p27: rent or buy 1,024 H100s to train Llama-2-70B."""

import pytest
from sheet_helpers import boundary

FLOPS = 6 * 70e9 * 2e12  # 8.4e23 FLOP
EFF = 989e12 * 0.50  # FLOP/s per GPU
T1 = FLOPS / EFF  # seconds on one GPU
GPU_HOURS = T1 / 3600
RENT = GPU_HOURS * 3.0
BUY = 1024 * 30_000


def test_seed_figures(model):
    assert model.value("p27.peak_per_gpu") == 989  # H100 dense FP16
    assert model.value("p27.n_params") == 70e9  # Llama-2-70B


def test_by_hand(model):
    assert model.value("p27.total_flops") == pytest.approx(FLOPS)
    assert model.value("p27.effective_per_gpu") == pytest.approx(EFF / 1e12)
    assert model.value("p27.t_single_gpu") == pytest.approx(T1)
    assert model.value("p27.gpu_years") == pytest.approx(T1 / (365.25 * 86400))
    assert model.value("p27.cluster_days") == pytest.approx(T1 / 1024 / 86400)
    assert round(model.value("p27.cluster_days"), 1) == 19.2
    assert model.value("p27.gpu_hours") == pytest.approx(GPU_HOURS)
    assert model.value("p27.rent_cost") == pytest.approx(RENT / 1e6)
    assert round(model.value("p27.rent_cost"), 2) == 1.42
    assert model.value("p27.buy_cost") == pytest.approx(BUY / 1e6)
    assert round(model.value("p27.buy_cost"), 1) == 30.7
    assert model.value("p27.breakeven_runs") == pytest.approx(BUY / RENT)
    assert round(model.value("p27.breakeven_runs"), 1) == 21.7


def test_365_day_year_changes_only_gpu_years(model):
    model.set("p27.days_per_year", 365)
    assert model.value("p27.gpu_years") == pytest.approx(T1 / (365 * 86400))
    assert model.value("p27.rent_cost") == pytest.approx(RENT / 1e6)


def test_verdict_flips_with_rent_rate(model):
    assert model.value("p27.verdict_rent_buy") == "rent"
    x = boundary(model, "p27.verdict_rent_buy", "p27.rent_rate")
    assert x == pytest.approx(BUY / GPU_HOURS)  # ≈ USD 65 per GPU-hour
    model.set("p27.rent_rate", x * 0.99)
    assert model.value("p27.verdict_rent_buy") == "rent"
    model.set("p27.rent_rate", x * 1.01)
    assert model.value("p27.verdict_rent_buy") == "buy"


def test_verdict_flips_with_training_tokens(model):
    x = boundary(model, "p27.verdict_rent_buy", "p27.n_tokens")
    assert x == pytest.approx(2e12 * BUY / RENT)  # a run ≈ 21.7× longer would justify buying
    model.set("p27.n_tokens", x * 0.99)
    assert model.value("p27.verdict_rent_buy") == "rent"
    model.set("p27.n_tokens", x * 1.01)
    assert model.value("p27.verdict_rent_buy") == "buy"
