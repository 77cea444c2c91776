"""`napkin specs`, `show --use/--compare`, sweeps over a device choice, scenarios with a choice."""

from __future__ import annotations

import json

import pytest

from napkin.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_specs_json_sorted_by_memory_bandwidth(capsys):
    rc, out, _ = run(capsys, "specs", "accelerator", "--json", "--sort", "mem_bw", "--desc")
    assert rc == 0
    t = json.loads(out)
    bws = [r["cells"]["mem_bw"]["value"] for r in t["rows"]]
    assert bws == sorted(bws, reverse=True) and bws[0] == 8000  # B200 / GB200 at 8 TB/s
    rows = {r["member"]: r["cells"] for r in t["rows"]}
    assert rows["gpu_t4"]["peak_fp8_tensor"] == {"value": None, "unit": "TFLOP/s", "na": "Turing Tensor Cores have no FP8 mode"}
    assert rows["tpu_v5e"]["mem_bw"]["value"] == 819 and "TPU" in rows["tpu_v5e"]["mem_bw"]["source"]
    assert "sparsity" in rows["gpu_l4"]["peak_fp16_tensor"]["source"]  # dense figure, sparse headline named
    assert rows["gpu_h200"]["mem_bw"]["value"] == 4800


def test_specs_sort_puts_na_last_and_table_prints_na(capsys):
    rc, out, _ = run(capsys, "specs", "accelerator", "--sort", "peak_fp8_tensor")
    assert rc == 0
    lines = [ln for ln in out.splitlines() if ln.startswith(("gpu_", "tpu_", "hpu_", "soc_", "npu_", "edge_", "ws_"))]
    first_na = next(k for k, ln in enumerate(lines) if ln.split()[3] == "n/a")
    assert all(ln.split()[3] == "n/a" for ln in lines[first_na:])
    assert lines[0].startswith("gpu_l4")  # 242.5 TFLOP/s dense FP8, the smallest defined


def test_specs_unknown_family_and_column(capsys):
    rc, _, err = run(capsys, "specs", "accelerators")
    assert rc == 2 and "Unknown device family 'accelerators'" in err
    rc, _, err = run(capsys, "specs", "accelerator", "--sort", "bogus")
    assert rc == 2 and "Cannot sort family 'accelerator' by 'bogus'" in err


def test_show_use_relinks_every_input(capsys):
    rc, out, _ = run(capsys, "show", "p03", "--use", "p03.gpu=gpu_h100", "--json")
    cells = {c["name"]: c for c in json.loads(out)["cells"]}
    assert cells["p03.gpu"]["value"] == "gpu_h100" and cells["p03.gpu"]["overridden"]
    assert cells["p03.peak_gpu"]["value"] == 989 and cells["p03.peak_gpu"]["link"] == "gpu_h100.peak_fp16_tensor"
    assert cells["p03.peak_gpu"]["via"] == "p03.gpu" and not cells["p03.peak_gpu"]["overridden"]
    assert cells["p03.mem_bw_gpu"]["value"] == 3350


def test_show_compare_one_column_per_device(capsys):
    rc, out, _ = run(capsys, "show", "p03", "--compare", "gpu=gpu_a100,gpu_h100,gpu_b200,tpu_v5e", "--json")
    assert rc == 0
    res = json.loads(out)
    row = {c["name"]: c for c in res["cells"]}
    assert row["p03.verdict_gpu"]["values"] == {m: "memory-bound" for m in res["members"]}
    assert row["p03.latency_gpu"]["values"]["tpu_v5e"] == pytest.approx(51.2e6 / 819e9 * 1e3)
    assert row["p03.latency_gpu"]["values"]["gpu_b200"] == pytest.approx(51.2e6 / 8000e9 * 1e3)
    rc, out, _ = run(capsys, "show", "p03", "--compare", "gpu=gpu_a100,soc_m4_max")
    assert "n/a: soc_m4_max has no FP16 matrix unit (peak_fp16_tensor is n/a" in out
    rc, _, err = run(capsys, "show", "p03", "--compare", "gpu=gpu_a100,gpu_zz")
    assert rc == 2 and "gpu_zz" in err


def test_sweep_over_every_member(capsys):
    rc, out, _ = run(capsys, "sweep", "p01.days_base", "--over", "p01.gpu=*", "--json")
    rows = dict(json.loads(out)["rows"])
    assert rows["gpu_b200"] == pytest.approx(3.14e23 / (1024 * 2250e12 * 0.45) / 86400)
    assert rows["soc_m4_max"] is None  # n/a: no FP16 peak
    assert rows["tpu_v6e"] == pytest.approx(3.14e23 / (1024 * 918e12 * 0.45) / 86400)


def test_scenario_with_a_choice_round_trips_and_diffs(capsys, tmp_path):
    path = tmp_path / "h100.json"
    rc, _, _ = run(capsys, "scenario", "save", str(path), "--name", "h100", "--use", "p03.gpu=gpu_h100")
    assert rc == 0 and json.loads(path.read_text())["overrides"] == {"p03.gpu": "gpu_h100"}
    rc, out, _ = run(capsys, "diff", "default", str(path), "p03.latency_gpu")
    assert "p03.gpu: gpu_a100 → gpu_h100" in out
    assert "from p03.gpu (gpu_a100 → gpu_h100)" in out
