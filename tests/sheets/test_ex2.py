"""ex2 — iron-law analysis of 7B batch-1 decode on an H100 (appendix A exercises, D·A·M)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin

OPS = 7e9 * 2  # FLOP per token
WEIGHTS = 7e9 * 2  # bytes (FP16)
CANDIDATE = "Data-bound candidate — HBM not saturated; check overhead and latency with a profiler"
SATURATED = "Data-bound (HBM saturated)"


def test_seed_figures(model):
    assert model.value("ex2.n_params") == 7e9
    assert model.value("ex2.flops_per_param") == 2
    assert round(model.value("ex2.ops"), 3) == 0.014  # 0.014 TFLOPs per step
    assert model.value("ex2.peak") == 989
    assert model.value("ex2.latency") == 50


def test_evidence_by_hand(model):
    achieved = OPS / 0.050  # FLOP/s
    assert model.value("ex2.achieved") == pytest.approx(achieved / 1e12)
    assert model.value("ex2.eta_hw") == pytest.approx(achieved / 989e12 * 100)  # %, about 0.028 %
    assert model.value("ex2.weight_bytes") == pytest.approx(WEIGHTS / 1e9)
    assert model.value("ex2.intensity") == pytest.approx(OPS / WEIGHTS)
    assert model.value("ex2.ridge") == pytest.approx(989e12 / 3350e9)
    assert model.value("ex2.t_memory_floor") == pytest.approx(WEIGHTS / 3350e9 * 1e3)  # ms
    assert model.value("ex2.achieved_bw") == pytest.approx(WEIGHTS / 0.050 / 1e9)
    assert model.value("ex2.bw_util") == pytest.approx(WEIGHTS / 0.050 / 3350e9 * 100)
    assert model.value("ex2.unexplained_share") == pytest.approx((1 - WEIGHTS / 3350e9 / 0.050) * 100)
    assert model.value("ex2.verdict_axis") == CANDIDATE
    assert model.value("ex2.verdict_remedies").startswith("Data: batch requests")


def test_machine_boundary_in_latency(model):
    edge = boundary(model, "ex2.verdict_axis", "ex2.latency", k=0)
    assert edge == pytest.approx(OPS / (0.5 * 989e12) * 1e3)  # ms at 50 % of peak
    model.set("ex2.latency", edge * 0.99)
    assert model.value("ex2.verdict_axis") == "Machine-bound"
    assert model.value("ex2.verdict_remedies") == "Machine: faster hardware, lower precision, better kernels"
    model.set("ex2.latency", edge * 1.01)
    assert model.value("ex2.verdict_axis") == SATURATED


def test_saturation_boundary_in_latency(model):
    edge = boundary(model, "ex2.verdict_axis", "ex2.latency", k=2)
    assert edge == pytest.approx(WEIGHTS / (0.70 * 3350e9) * 1e3)  # ms at 70 % of HBM bandwidth
    model.set("ex2.latency", edge * 0.99)
    assert model.value("ex2.verdict_axis") == SATURATED
    model.set("ex2.latency", edge * 1.01)
    assert model.value("ex2.verdict_axis") == CANDIDATE


def test_ridge_boundary(model):
    # intensity = flops_per_param / bytes_per_param reaches the ridge at 2 * 295.2 FLOP/param
    edge = boundary(model, "ex2.verdict_axis", "ex2.flops_per_param", k=1)
    assert edge == pytest.approx(2 * 989e12 / 3350e9)
    model.set("ex2.flops_per_param", edge * 0.99)
    assert model.value("ex2.verdict_axis") == CANDIDATE
    model.set("ex2.flops_per_param", edge * 1.01)
    assert model.value("ex2.verdict_axis") == "Algorithm-bound (work shaped badly for the hardware)"
    assert model.value("ex2.verdict_remedies").startswith("Algorithm:")


def test_cli_show_json():
    out = run_napkin("show", "ex2", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["ex2.ops"]["si_value"] == pytest.approx(OPS)
