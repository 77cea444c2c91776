"""The command line contract: list/show/get/trace, --set, --json, exit status 2 on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def napkin(*args):
    return subprocess.run([sys.executable, "-m", "napkin", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_list_json_shape():
    r = napkin("list", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"id", "title", "kind", "chapter", "section"} == set(rows[0])
    by_id = {x["id"]: x for x in rows}
    assert by_id["p03"]["kind"] == "problem" and by_id["gpu_a100"]["kind"] == "spec"
    assert by_id["p03"]["chapter"] == "2"


def test_show_p03_with_spec_override_json():
    r = napkin("show", "p03", "--set", "gpu_a100.mem_bw=1.0 TB/s", "--json")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert {"id", "title", "kind", "chapter", "section", "question", "cells"} <= set(info)
    cells = {c["name"]: c for c in info["cells"]}
    t_mem = cells["p03.t_memory_gpu"]
    # 25.6e6 params x 2 B / 1e12 B/s = 51.2 us
    assert t_mem["value"] == pytest.approx(0.0512) and t_mem["unit"] == "ms"
    assert t_mem["si_value"] == pytest.approx(5.12e-5) and t_mem["si_unit"] == "s"
    assert t_mem["formula"] == "p03.weight_bytes_gpu / p03.mem_bw_gpu"
    assert t_mem["depends_on"] == ["p03.weight_bytes_gpu", "p03.mem_bw_gpu"]
    assert cells["p03.mem_bw_gpu"]["value"] == pytest.approx(1000.0)
    assert cells["p03.mem_bw_gpu"]["formula"] is None and cells["p03.mem_bw_gpu"]["latex"] is None
    assert cells["p03.verdict_gpu"]["value"] == "memory-bound" and cells["p03.verdict_gpu"]["si_value"] is None
    for key in ("name", "kind", "doc", "value", "unit", "si_value", "si_unit", "formula", "latex", "depends_on", "source", "error"):
        assert key in t_mem


def test_get_json_and_plain_number_set():
    r = napkin("get", "p01.days_base", "--set", "p01.n_gpus=2048", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    # 3.14e23 / (2048 x 312e12 x 0.45) / 86400
    assert d["value"] == pytest.approx(3.14e23 / (2048 * 312e12 * 0.45) / 86400)
    assert d["unit"] == "day"


def test_trace_text_and_latex():
    r = napkin("trace", "p03.t_memory_gpu")
    assert r.returncode == 0
    assert "= p03.weight_bytes_gpu / p03.mem_bw_gpu" in r.stdout
    assert "= (51.2 MB) / (2,039 GB/s)" in r.stdout
    assert "= 0.02511 ms" in r.stdout
    r = napkin("trace", "p03.verdict_gpu", "--depth", "all", "--latex")
    assert r.returncode == 0
    assert r.stdout.startswith("\\begin{aligned}") and "\\text{memory-bound}" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["show", "p03", "--set", "gpu_a100.mem_bw=3 GB"],
     "napkin: error: Input 'gpu_a100.mem_bw' is in GB/s ([information] / [time]); '3 GB' has dimension [information]. "
     "Give a value like '2039 GB/s'."),
    (["get", "p03.t_memory_gpu", "--set", "gpu_a100.mem_bandwidth=2"],
     "napkin: error: Unknown cell 'gpu_a100.mem_bandwidth'; did you mean 'gpu_a100.mem_bw'?"),
    (["show", "p01", "--set", "p01.n_gpus=0"], "napkin: error: Input 'p01.n_gpus' must be at least 1 GPU, not 0."),
    (["show", "p01", "--set", "p01.eta_base=-0.5"], "napkin: error: Input 'p01.eta_base' must be above 0, not -0.5."),
    (["show", "p01", "--set", "p01.eta_base=1.5"], "napkin: error: Input 'p01.eta_base' must be at most 1, not 1.5."),
    (["show", "p01", "--set", "p01.n_gpus=inf"], "napkin: error: Input 'p01.n_gpus' must be a finite number, not 'inf'."),
    (["show", "p01", "--set", "p01.n_gpus=lots"],
     "napkin: error: Input 'p01.n_gpus' needs a number, optionally with a unit (e.g. '1024 GPU'); got 'lots'."),
    (["show", "p01", "--set", "p01.n_gpus=__import__('os').system('touch /tmp/napkin_pwned')"],
     "napkin: error: Input 'p01.n_gpus' needs a number, optionally with a unit (e.g. '1024 GPU'); "
     "got \"__import__('os').system('touch /tmp/nap…\"."),
    (["show", "gpu_a1000"], "napkin: error: Unknown sheet 'gpu_a1000'; did you mean 'gpu_a100'?"),
    (["show", "p01", "--set", "p01.n_gpus"], "napkin: error: --set needs NAME=VALUE (e.g. --set p01.n_gpus=2048), got 'p01.n_gpus'."),
])
def test_bad_input_one_line_exit_2_nothing_on_stdout(args, message):
    r = napkin(*args)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.strip() == message
    assert not Path("/tmp/napkin_pwned").exists()
