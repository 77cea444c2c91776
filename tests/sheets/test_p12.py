"""p12 — data gravity: ship 1 PB from US East to a TPU pod in US West, or move the job?"""

import pytest
from sheet_helpers import assert_sheet_json_clean, boundary

COMPUTE = "move the compute to the data"
DATA = "move the data"


def test_seed_figures(model, graph):
    assert model.value("p12.dataset_size") == 1  # seed: 1 PB
    assert "US East" in graph.sheets["p12"].question and "US West" in graph.sheets["p12"].question


def test_key_results_by_hand(model):
    size_b = 1e15
    t_fast_h = size_b / (100e9 / 8) / 3600
    t_slow_days = size_b / (10e9 / 8) / 86400
    assert model.value("p12.t_transfer") == pytest.approx(t_fast_h)
    assert round(model.value("p12.t_transfer")) == 22
    assert model.value("p12.t_transfer_alt") == pytest.approx(t_slow_days)
    assert round(model.value("p12.t_transfer_alt"), 1) == 9.3
    egress = size_b / 1e9 * 0.09  # USD
    assert model.value("p12.egress_cost") == pytest.approx(egress)
    assert model.value("p12.egress_in_tpu_hours") == pytest.approx(egress / 4.0)
    assert model.value("p12.verdict_move") == COMPUTE
    assert model.value("p12.verdict_vs_job") == "no job size entered"


def test_move_verdict_flips_with_relocation_cost(model):
    b = boundary(model, "p12.verdict_move", "p12.compute_relocation_cost")
    assert b == pytest.approx(1e6 * 0.09)  # USD: relocation must cost less than the egress bill
    model.set("p12.compute_relocation_cost", b * 0.99)
    assert model.value("p12.verdict_move") == COMPUTE
    model.set("p12.compute_relocation_cost", b * 1.01)
    assert model.value("p12.verdict_move") == DATA


def test_move_verdict_flips_with_dataset_size(model):
    model.set("p12.compute_relocation_cost", 1000)  # say relocating costs USD 1,000
    b = boundary(model, "p12.verdict_move", "p12.dataset_size")
    assert b == pytest.approx(1000 / 0.09 * 1e9 / 1e15)  # PB (about 11 TB)
    model.set("p12.dataset_size", b * 1.01)
    assert model.value("p12.verdict_move") == COMPUTE
    model.set("p12.dataset_size", b * 0.99)
    assert model.value("p12.verdict_move") == DATA


def test_faster_verdict_flips_with_relocation_time(model):
    assert model.value("p12.verdict_faster") == "moving the compute is faster"
    b = boundary(model, "p12.verdict_faster", "p12.compute_relocation_time")
    assert b == pytest.approx(1e15 / (100e9 / 8) / 3600)  # h, the fast-line transfer time
    model.set("p12.compute_relocation_time", b * 0.99)
    assert model.value("p12.verdict_faster") == "moving the compute is faster"
    model.set("p12.compute_relocation_time", b * 1.01)
    assert model.value("p12.verdict_faster") == "moving the data is faster"


def test_job_verdict_both_sides(model):
    b = boundary(model, "p12.verdict_vs_job", "p12.job_tpu_hours", 1)
    assert b == pytest.approx(90_000 / 4.0)  # chip-hours
    model.set("p12.job_tpu_hours", b * 0.99)
    assert model.value("p12.verdict_vs_job") == "data move costs more than the job"
    model.set("p12.job_tpu_hours", b * 1.01)
    assert model.value("p12.verdict_vs_job") == "data move costs less than the job"


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p12")
