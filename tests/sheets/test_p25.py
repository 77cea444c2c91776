"""p25: FP16 gradient all-reduce of a 7B model on 8 GPUs over 100 Gbit/s."""

import pytest
from sheet_helpers import boundary

GRAD = 7e9 * 2  # bytes
TRAFFIC = 2 * GRAD  # flat factor 2 (seed edition)
LINK = 100e9 / 8  # bytes/s


def test_seed_figures(model):
    assert model.value("p25.n_gpus") == 8
    assert model.value("p25.nvlink_bw") == 900


def test_by_hand(model):
    assert model.value("p25.grad_bytes") == pytest.approx(GRAD / 1e9)
    assert model.value("p25.allreduce_factor") == 2
    assert model.value("p25.traffic") == pytest.approx(TRAFFIC / 1e9)
    assert model.value("p25.t_comm") == pytest.approx(TRAFFIC / LINK)  # 2.24 s
    assert round(model.value("p25.t_comm"), 2) == 2.24
    assert model.value("p25.t_comm_nvlink") == pytest.approx(TRAFFIC / 900e9 * 1e3)  # ms
    assert model.value("p25.comm_to_compute") == pytest.approx(TRAFFIC / LINK / 1)
    assert model.value("p25.t_step_serial") == pytest.approx(1 + TRAFFIC / LINK)
    assert model.value("p25.t_step_overlap") == pytest.approx(TRAFFIC / LINK)
    assert model.value("p25.compute_share_serial") == pytest.approx(1 / (1 + TRAFFIC / LINK))


def test_ring_formula_switch_same_verdict(model):
    model.set("p25.use_ring_formula", 1)
    assert model.value("p25.allreduce_factor") == pytest.approx(2 * 7 / 8)
    assert model.value("p25.t_comm") == pytest.approx(1.75 * GRAD / LINK)  # 1.96 s
    assert model.value("p25.verdict_link") == "network-bound"


def test_verdicts_default(model):
    assert model.value("p25.verdict_link") == "network-bound"
    assert model.value("p25.verdict_nvlink") == "compute-bound"


def test_link_flips_with_link_rate(model):
    x = boundary(model, "p25.verdict_link", "p25.link_rate")
    assert x == pytest.approx(TRAFFIC * 8 / 1 / 1e9)  # Gbit/s that moves 28 GB in 1 s: 224
    model.set("p25.link_rate", x * 0.99)
    assert model.value("p25.verdict_link") == "network-bound"
    model.set("p25.link_rate", x * 1.01)
    assert model.value("p25.verdict_link") == "compute-bound"


def test_link_flips_with_compute_time(model):
    x = boundary(model, "p25.verdict_link", "p25.t_compute")
    assert x == pytest.approx(TRAFFIC / LINK)
    model.set("p25.t_compute", x * 1.01)
    assert model.value("p25.verdict_link") == "compute-bound"
    model.set("p25.t_compute", x * 0.99)
    assert model.value("p25.verdict_link") == "network-bound"


def test_nvlink_flips_with_compute_time(model):
    x = boundary(model, "p25.verdict_nvlink", "p25.t_compute")
    assert x == pytest.approx(TRAFFIC / 900e9)  # ≈ 31 ms
    model.set("p25.t_compute", x * 1.01)
    assert model.value("p25.verdict_nvlink") == "compute-bound"
    model.set("p25.t_compute", x * 0.99)
    assert model.value("p25.verdict_nvlink") == "network-bound"
