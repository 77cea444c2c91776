"""ex1 — component identification: 25 % GPU, 100 % disk (appendix A exercises, D·A·M)."""

import json

import pytest
from sheet_helpers import run_napkin

DATA_REMEDY = (
    "Data: store samples as sequential binary shards (TFRecord, WebDataset); "
    "add loader workers and prefetch (or cache on local NVMe)"
)


def test_seed_figures(model):
    assert model.value("ex1.gpu_util") == 0.25  # 25 percent GPU utilization
    assert model.value("ex1.disk_util") == 1.00  # disk saturated at 100 percent
    assert model.value("ex1.peak") == 312  # A100


def test_evidence_by_hand(model):
    assert model.value("ex1.gpu_idle") == pytest.approx((1 - 0.25) * 100)  # %
    assert model.value("ex1.speedup_ceiling_if_fed") == pytest.approx(1 / 0.25)
    assert model.value("ex1.achieved_upper") == pytest.approx(0.25 * 312)  # TFLOP/s at most
    assert model.value("ex1.rule_data") == 1
    assert model.value("ex1.verdict_axis") == "Data-bound"
    assert model.value("ex1.verdict_remedies") == DATA_REMEDY


def test_disk_threshold(model):
    # the rule's edge is the saturation threshold itself (0.90): a step, not a closed-form root
    model.set("ex1.disk_util", 0.91)
    assert model.value("ex1.verdict_axis") == "Data-bound"
    model.set("ex1.disk_util", 0.89)
    assert model.value("ex1.verdict_axis") == "inconclusive — profile"


def test_gpu_busy_threshold(model):
    model.set("ex1.gpu_util", 0.79)
    assert model.value("ex1.verdict_axis") == "Data-bound"
    model.set("ex1.gpu_util", 0.81)  # busy GPU: nvidia-smi alone cannot name the axis
    assert model.value("ex1.verdict_axis") == "inconclusive — profile"


def test_profile_separates_machine_from_algorithm(model):
    model.set_many({"ex1.profile_available": 1, "ex1.gpu_util": 0.9, "ex1.disk_util": 0.4, "ex1.io_wait_share": 0.05})
    model.set("ex1.mfu_measured", 0.51)
    assert model.value("ex1.verdict_axis") == "Machine-bound"
    assert model.value("ex1.verdict_remedies") == "Machine: faster or more hardware; lower precision"
    model.set("ex1.mfu_measured", 0.49)
    assert model.value("ex1.verdict_axis") == "inconclusive — profile"
    model.set("ex1.mfu_measured", 0.31)
    assert model.value("ex1.verdict_axis") == "inconclusive — profile"
    model.set("ex1.mfu_measured", 0.29)
    assert model.value("ex1.verdict_axis") == "Algorithm-bound"
    assert model.value("ex1.verdict_remedies") == "Algorithm: better data or objective; change batch size or schedule"


def test_measured_data_wait(model):
    model.set_many({"ex1.profile_available": 1, "ex1.gpu_util": 0.9, "ex1.disk_util": 0.4, "ex1.mfu_measured": 0.6})
    model.set("ex1.io_wait_share", 0.11)
    assert model.value("ex1.verdict_axis") == "Data-bound"
    model.set("ex1.io_wait_share", 0.09)
    assert model.value("ex1.verdict_axis") == "Machine-bound"
    # without the profile switch, the same measurements are ignored
    model.set("ex1.profile_available", 0)
    assert model.value("ex1.verdict_axis") == "inconclusive — profile"


def test_cli_show_json():
    out = run_napkin("show", "ex1", "--json")
    sheet = json.loads(out.stdout)
    assert sheet["kind"] == "exercise"
    cells = {c["name"]: c for c in sheet["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["ex1.verdict_axis"]["value"] == "Data-bound"
