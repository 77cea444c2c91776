"""p01 — GPT-3 training time on 1,024 A100s (figures worked by hand from the brief)."""

import pytest
from sheet_helpers import boundary

OPS = 3.14e23  # FLOP, GPT-3 training compute
PEAK = 312e12  # FLOP/s, A100 dense FP16
DAY = 86400.0


def test_seed_peak_and_defaults(model):
    assert model.value("gpu_a100.peak_fp16_tensor") == 312  # seed spec sheet: 312 TFLOPS FP16 Tensor Core
    assert model.value("p01.n_gpus") == 1024


def test_days_by_hand(model):
    base = OPS / (1024 * PEAK * 0.45) / DAY
    improved = OPS / (1024 * PEAK * 0.60) / DAY
    assert model.value("p01.cluster_rate_base") == pytest.approx(1024 * 312 * 0.45 / 1000)  # PFLOP/s
    assert model.value("p01.days_base") == pytest.approx(base, rel=1e-12)
    assert model.value("p01.days_improved") == pytest.approx(improved, rel=1e-12)
    assert model.value("p01.days_saved") == pytest.approx(base - improved, rel=1e-12)
    assert round(model.value("p01.days_base")) == 25 and round(model.value("p01.days_improved")) == 19
    assert model.value("p01.speedup") == pytest.approx(0.60 / 0.45)


def test_sparse_peak_would_halve_the_answer(model):
    model.set("p01.peak_per_gpu", 624)
    assert model.value("p01.days_base") == pytest.approx(OPS / (1024 * 624e12 * 0.45) / DAY)


def test_verdict_flips_at_thirty_days(model):
    n_star = boundary(model, "p01.verdict_training_time", "p01.n_gpus")
    assert n_star == pytest.approx(OPS / (PEAK * 0.45 * 30 * DAY))  # GPUs for exactly 30 days
    assert model.value("p01.verdict_training_time") == "within a month"
    model.set("p01.n_gpus", int(n_star) - 1)
    assert model.value("p01.verdict_training_time") == "longer than a month"
    model.set("p01.n_gpus", int(n_star) + 1)
    assert model.value("p01.verdict_training_time") == "within a month"


def test_utilization_boundary(model):
    eta_star = boundary(model, "p01.verdict_training_time", "p01.eta_base")
    assert eta_star == pytest.approx(OPS / (1024 * PEAK * 30 * DAY))
    model.set("p01.eta_base", eta_star * 0.99)
    assert model.value("p01.verdict_training_time") == "longer than a month"
