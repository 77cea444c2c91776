"""Command line of the analyses: JSON contracts, CSV, scenario files, exit statuses and errors."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from napkin.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_sensitivity_json_contract(capsys):
    code, out, _ = run(capsys, "sensitivity", "p03.latency_gpu", "--json")
    assert code == 0
    d = json.loads(out)
    assert set(d) == {"output", "value", "unit", "inputs"} and d["output"] == "p03.latency_gpu" and d["unit"] == "ms"
    assert d["inputs"] and {"name", "value", "unit", "derivative", "elasticity"} <= set(d["inputs"][0])
    by = {x["name"]: x for x in d["inputs"]}
    # memory-bound: latency = params * bytes / bw, so its elasticity to the A100 bandwidth is -1
    assert by["gpu_a100.mem_bw"]["elasticity"] == pytest.approx(-1.0)
    assert by["gpu_a100.mem_bw"]["derivative"] == pytest.approx(-d["value"] / by["gpu_a100.mem_bw"]["value"])


def test_sensitivity_text_with_set_and_range(capsys):
    code, out, _ = run(capsys, "sensitivity", "p01.days_base", "--set", "p01.n_gpus=2048",
                       "--range", "p01.eta_base=uniform:0.3:0.6", "--top", "4")
    assert code == 0 and out.startswith("p01.days_base = ") and "elasticity" in out
    body = out.splitlines()[3:]  # headline, column names, rule
    # elasticities tie at ±1, so rows sort by name; the eta row shows its range's ends
    assert len(body) == 4 and any(ln.startswith("p01.eta_base") and "18.96 … 9.479 day" in ln for ln in body)


def test_solve_json_contract_and_substitution(capsys):
    code, out, _ = run(capsys, "solve", "p01.days_base=10", "--for", "p01.eta_base", "--set", "p01.n_gpus=2048", "--json")
    d = json.loads(out)
    assert code == 0 and {"input", "value", "unit", "method", "formula", "solutions"} <= set(d)
    assert d["input"] == "p01.eta_base" and d["method"] == "symbolic" and d["formula"].startswith(r"\mathrm{p01.eta\_base}")
    code, out, _ = run(capsys, "get", "p01.days_base", "--set", "p01.n_gpus=2048", "--set", f"p01.eta_base={d['value']!r}", "--json")
    assert json.loads(out)["value"] == pytest.approx(10.0)


def test_solve_target_with_unit(capsys):
    code, out, _ = run(capsys, "solve", "p01.days_base=240 h", "--for", "p01.n_gpus", "--json")
    d = json.loads(out)
    code2, out2, _ = run(capsys, "solve", "p01.days_base=10", "--for", "p01.n_gpus", "--json")
    assert code == code2 == 0 and d["value"] == pytest.approx(json.loads(out2)["value"])


def test_solve_without_solution_exits_1(capsys):
    code, out, err = run(capsys, "solve", "p01.days_base=0.001", "--for", "p01.eta_base")
    assert code == 1 and out == "" and "No value of 'p01.eta_base' within its bounds" in err


@pytest.mark.parametrize("args, text", [
    (("solve", "p01.days_base=10", "--for", "p01.days_improved"), "needs an input, but 'p01.days_improved' is a calc"),
    (("solve", "p01.days_base=10 GB", "--for", "p01.n_gpus"), "has dimension [information]"),
    (("solve", "p01.days_bse=10", "--for", "p01.n_gpus"), "did you mean 'p01.days_base'"),
    (("solve", "p01.days_base", "--for", "p01.n_gpus"), "solve needs OUTPUT=TARGET"),
    (("sweep", "p01.days_base", "--over", "p01.n_gpus=4096:256"), "is empty"),
    (("sweep", "p01.days_base", "--over", "p01.n_gpus"), "NAME=LO:HI[:N]"),
    (("sensitivity", "p01.verdict_training_time"), "is a verdict"),
    (("mc", "--range", "p01.eta_base=uniform:0.6:0.3"), "is empty"),
    (("mc", "--range", "p01.eta_base"), "--range needs NAME=KIND"),
    (("regimes", "p01.days_base"), "single regime"),
])
def test_bad_requests_exit_2_with_one_line(capsys, args, text):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and text in err and err.startswith("napkin: error: ")


def test_sweep_csv_and_json(capsys, tmp_path):
    code, out, _ = run(capsys, "sweep", "p01.days_base", "--over", "p01.n_gpus=512:2048:4")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["p01.n_gpus [GPU]", "p01.days_base [day]"] and len(rows) == 5
    assert float(rows[1][1]) == pytest.approx(2 * float(rows[4][1]) * 2)  # 512 GPUs take 4x as long as 2048
    code, out, _ = run(capsys, "sweep", "p01.days_base", "--over", "p01.n_gpus=512:2048:4", "--json")
    d = json.loads(out)
    assert d["output"] == "p01.days_base" and d["input"] == "p01.n_gpus" and len(d["rows"]) == 4
    assert d["rows"][0][0] == 512 and d["rows"][0][1] == pytest.approx(float(rows[1][1]))
    path = tmp_path / "grid.csv"
    code, _, err = run(capsys, "sweep", "p03.verdict_gpu", "--over", "gpu_a100.mem_bw=1 TB/s:8 TB/s:3",
                       "--over", "p03.peak_gpu=100:1000:2", "-o", str(path))
    grid = list(csv.reader(path.open()))
    assert code == 0 and len(grid) == 7 and grid[0][2] == "p03.verdict_gpu" and "wrote 6 rows" in err


def test_mc_json_and_text(capsys):
    args = ("mc", "p01", "--range", "p01.eta_base=triangular:0.3:0.45:0.6", "-n", "20000", "--seed", "3")
    code, out, _ = run(capsys, *args, "--json")
    d = json.loads(out)
    assert code == 0 and d["n"] == 20000 and d["seed"] == 3
    cells = {c["name"]: c for c in d["cells"]}
    assert set(cells) <= {n for n in cells if n.startswith("p01.")}
    v = cells["p01.verdict_training_time"]["probabilities"]
    assert sum(v.values()) == pytest.approx(1.0)
    code, out2, _ = run(capsys, *args, "--json")
    assert out2 == out  # a fixed seed gives identical results
    code, text, _ = run(capsys, *args)
    assert "P5" in text and "p01.days_base" in text and "P('within a month')" in text


def test_regimes_text_and_json(capsys):
    code, out, _ = run(capsys, "regimes", "p03.verdict_gpu", "--for", "gpu_a100.mem_bw", "--json")
    d = json.loads(out)
    (sw,) = d["switches"]
    assert code == 0 and sw["active_text"] in sw["branches"] and sw["boundaries"][0]["input"] == "gpu_a100.mem_bw"
    code, out, _ = run(capsys, "regimes", "p03", "--for", "gpu_a100.mem_bw")
    assert code == 0 and "p03.verdict_gpu" in out and "gpu_a100.mem_bw = " in out


def test_scenario_save_show_diff(capsys, tmp_path):
    a = tmp_path / "a.json"
    code, out, _ = run(capsys, "scenario", "save", str(a), "--name", "more-gpus", "--set", "p01.n_gpus=2048",
                       "--set", "p01.eta_base=0.6")
    assert code == 0 and json.loads(a.read_text())["overrides"] == {"p01.n_gpus": "2048 GPU", "p01.eta_base": 0.6}
    code, out, _ = run(capsys, "scenario", "show", str(a))
    assert code == 0 and "2 overrides (valid)" in out
    code, out, _ = run(capsys, "diff", "default", str(a), "p01.days_base", "--json")
    d = json.loads(out)
    (o,) = d["outputs"]
    assert o["name"] == "p01.days_base" and o["ratio"] == pytest.approx(0.5 * 0.75)
    f = {c["input"]: c["factor"] for c in o["contributions"]}
    assert f == pytest.approx({"p01.n_gpus": 0.5, "p01.eta_base": 0.75}) and o["method"].startswith("exact")
    code, out, _ = run(capsys, "diff", "default", str(a), "p01.days_base")
    assert "×0.5" in out and "from p01.n_gpus" in out
    code, out, _ = run(capsys, "sensitivity", "p01.days_base", "--scenario", str(a), "--json")
    assert json.loads(out)["value"] == pytest.approx(json.loads(run(capsys, "get", "p01.days_base", "--set",
                                                     "p01.n_gpus=2048", "--set", "p01.eta_base=0.6", "--json")[1])["value"])


def test_bad_scenario_file_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"napkin_scenario": 1, "name": "x", "overrides": {"p01.eta_base": 3}}')
    code, out, err = run(capsys, "diff", "default", str(bad))
    assert code == 2 and "must be at most 1, not 3" in err and "Nothing was applied" in err
    code, out, err = run(capsys, "scenario", "save", str(tmp_path / "empty.json"), "--name", "x")
    assert code == 2 and "Nothing to save" in err and not (tmp_path / "empty.json").exists()


def test_exit_status_through_the_console_entry_point():
    r = subprocess.run([sys.executable, "-m", "napkin", "solve", "p01.days_base=10", "--for", "p01.nope"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2 and "Unknown cell 'p01.nope'" in r.stderr and r.stdout == ""


def test_bench_analysis_rows_contract():
    from bench.analysis import rows

    out = rows(quick=True)
    metrics = " | ".join(r["metric"] for r in out)
    assert "sweep" in metrics and "Monte Carlo" in metrics and "sensitivity of" in metrics
    for r in out:
        assert set(r) == {"metric", "value", "unit", "baseline", "ratio"} and r["value"] > 0
        assert r["baseline"] is not None and r["ratio"] == r["baseline"] / r["value"]
