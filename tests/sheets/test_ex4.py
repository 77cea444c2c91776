"""ex4 — anti-pattern check before a 4×A100 → 8×H100 purchase (appendix A exercises, D·A·M)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin

HOLD = "hold — measure first"
DATA = "fix the Data pipeline first (step time waits on input)"
ALGO = "fix the Algorithm first (the batch cannot grow with the GPU count)"
MACHINE = "fix Machine utilization first (today's GPUs are not busy)"


def test_seed_figures(model):
    assert model.value("ex4.n_gpus_old") == 4
    assert model.value("ex4.n_gpus_new") == 8
    assert model.value("ex4.upgrade_cost") == 200_000
    assert model.value("ex4.peak_old") == 312  # A100
    assert model.value("ex4.peak_new") == 989  # H100


def test_evidence_by_hand(model):
    assert model.value("ex4.per_gpu_ratio") == pytest.approx(989 / 312)
    nominal = (8 * 989) / (4 * 312)
    assert model.value("ex4.nominal_cluster_ratio") == pytest.approx(nominal)
    assert model.value("ex4.cost_per_nominal_x") == pytest.approx(200_000 / nominal)
    assert model.value("ex4.scaling_eff_old") == pytest.approx(3 / 4 * 100)  # %
    assert model.value("ex4.projected_speedup_new_count") == pytest.approx(8 * 3 / 4)
    assert model.value("ex4.achieved_old") == pytest.approx(4 * 312 * 0.60)  # TFLOP/s
    assert model.value("ex4.idle_cost") == pytest.approx(200_000 * (1 - 0.60))
    assert model.value("ex4.checks_passed") == 0
    assert model.value("ex4.verdict_purchase") == HOLD


def test_hold_until_measured(model):
    edge = boundary(model, "ex4.verdict_purchase", "ex4.measurements_available")
    assert edge == pytest.approx(1)
    model.set("ex4.measurements_available", 0)
    assert model.value("ex4.verdict_purchase") == HOLD
    model.set("ex4.measurements_available", 1)
    assert model.value("ex4.verdict_purchase") == DATA  # 15 % data wait > 10 %


def test_checks_in_dam_order(model):
    model.set("ex4.measurements_available", 1)
    # Data: the threshold is the scorecard's 10 % itself (a step, not a closed-form root)
    model.set("ex4.measured_data_wait", 10.1)
    assert model.value("ex4.verdict_purchase") == DATA
    model.set("ex4.measured_data_wait", 9.9)
    assert model.value("ex4.data_ok") == 1
    assert model.value("ex4.verdict_purchase") == ALGO
    model.set("ex4.batch_can_double", 1)
    assert model.value("ex4.verdict_purchase") == MACHINE  # 60 % < 80 % busy
    model.set("ex4.measured_util", 79.9)
    assert model.value("ex4.verdict_purchase") == MACHINE
    model.set("ex4.measured_util", 80.1)
    assert model.value("ex4.checks_passed") == 3
    assert model.value("ex4.verdict_purchase") == "approve the purchase"


def test_cli_show_json():
    out = run_napkin("show", "ex4", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    placeholders = {n for n, c in cells.items() if c.get("illustrative")}
    assert {"ex4.measured_util", "ex4.measured_data_wait", "ex4.batch_can_double"} <= placeholders


def test_axis_verdict_follows_the_numbers(model):
    # on the placeholder numbers: 15 % data wait fails the Data check first
    assert model.value("ex4.verdict_axis") == "Data axis: input pipeline is the bottleneck"
    model.set("ex4.measured_data_wait", 5)
    assert model.value("ex4.verdict_axis") == "Algorithm axis: the training recipe does not scale to more GPUs"
    model.set("ex4.batch_can_double", 1)
    assert model.value("ex4.verdict_axis") == "Machine axis: GPUs underused — faster GPUs would idle faster"
    model.set("ex4.measured_util", 90)
    assert model.value("ex4.verdict_axis").startswith("Machine-bound: GPUs saturated")
