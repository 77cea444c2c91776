"""User workspaces: three user sheets (TOML linking specs, Python, TOML linking both) seen by the CLI.

Hand values (decode.toml, fleet.py, serving.toml in tests/resources/workspace):
  t_memory   = 140 GB / 4800 GB/s                  = 29.1667 ms
  t_compute  = 8 × 140 GFLOP / 989 TFLOP/s          = 1.13246 ms  -> memory-bound
  tokens/s   = 8 / 29.1667 ms                       = 274.2857 token/s
  cost/hour  = 8 GPUs × 2.5 USD/h                   = 20 USD/h
  cost/Mtok  = 20/3600 USD/s / (274.2857 × 8 /s) × 1e6 = 2.531829 USD  (≤ 3 USD: within budget)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WS = ROOT / "tests" / "resources" / "workspace"
COST = 20 / 3600 / (8 * 8 / (140 / 4800)) * 1e6


def napkin(*args, cwd=ROOT, env=None):
    e = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    e.pop("NAPKIN_WORKSPACE", None) if env is None or "NAPKIN_WORKSPACE" not in env else None
    return subprocess.run([sys.executable, "-m", "napkin", *args], check=False, capture_output=True, text=True, cwd=cwd,
                          timeout=120, env=e)


def _cells(stdout: str) -> dict:
    return {c["name"]: c for c in json.loads(stdout)["cells"]}


def test_cost_by_hand():
    assert pytest.approx(2.531829, rel=1e-6) == COST


def test_show_user_sheets_with_hand_values():
    r = napkin("--workspace", str(WS), "show", "decode", "--json")
    assert r.returncode == 0, r.stderr
    d = _cells(r.stdout)
    assert json.loads(r.stdout)["kind"] == "user"
    assert d["decode.mem_bw"]["value"] == 4800 and d["decode.mem_bw"]["link"] == "gpu_h200.mem_bw"
    assert d["decode.t_memory"]["value"] == pytest.approx(140 / 4800 * 1e3)
    assert d["decode.t_compute"]["value"] == pytest.approx(8 * 140e9 / 989e12 * 1e3)
    assert d["decode.tokens_per_s"]["value"] == pytest.approx(8 / (140 / 4800))
    assert d["decode.bound"]["value"] == "memory-bound"
    r = napkin("--workspace", str(WS), "show", "serving", "--json")
    s = _cells(r.stdout)
    assert s["serving.cost"]["value"] == pytest.approx(20.0)
    assert s["serving.cost_per_mtok"]["value"] == pytest.approx(COST)
    assert s["serving.verdict"]["value"] == "within budget"


def test_set_reaches_user_sheets_through_links():
    # 4 GPUs at 2.5 USD/h: 10 USD/h for 4 × 274.29 token/s -> the same cost per token; a spec edit
    # (mem_bw 2400 GB/s) halves the throughput and doubles the cost.
    r = napkin("--workspace", str(WS), "get", "serving.cost_per_mtok", "--set", "gpu_h200.mem_bw=2400", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["value"] == pytest.approx(2 * COST)


def test_trace_names_user_and_builtin_cells():
    r = napkin("--workspace", str(WS), "trace", "serving.cost_per_mtok", "--depth", "all")
    assert r.returncode == 0, r.stderr
    assert "= serving.cost / (serving.tps * fleet.n_gpus) * 1000000" in r.stdout
    assert "= 2.532 USD" in r.stdout
    assert "gpu_h200.mem_bw" in r.stdout and "fleet.gpu_price" in r.stdout


def test_sensitivity_and_solve_on_user_sheets():
    r = napkin("--workspace", str(WS), "sensitivity", "serving.cost_per_mtok", "--json")
    assert r.returncode == 0, r.stderr
    rows = {x["name"]: x for x in json.loads(r.stdout)["inputs"]}
    # memory-bound: cost ∝ weights / batch × price -> d/dweights = cost/140, elasticity +1; batch -1
    assert rows["decode.weights"]["derivative"] == pytest.approx(COST / 140)
    assert rows["decode.weights"]["elasticity"] == pytest.approx(1.0)
    assert rows["decode.batch"]["elasticity"] == pytest.approx(-1.0)
    assert rows["fleet.n_gpus"]["derivative"] == pytest.approx(0.0, abs=1e-12)
    r = napkin("--workspace", str(WS), "solve", "serving.cost_per_mtok=2", "--for", "fleet.gpu_price", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["value"] == pytest.approx(2.5 * 2 / COST)


def test_env_var_and_list():
    r = napkin("list", "--json", env={"NAPKIN_WORKSPACE": str(WS)})
    assert r.returncode == 0, r.stderr
    kinds = {x["id"]: x["kind"] for x in json.loads(r.stdout)}
    assert kinds["decode"] == kinds["fleet"] == kinds["serving"] == "user" and kinds["p03"] == "problem"
    r = napkin("list")
    assert "Your sheets" not in r.stdout  # the repository root has no sheet files


def test_napkin_toml_names_extra_folders(tmp_path):
    (tmp_path / "more").mkdir()
    for f in WS.iterdir():
        (tmp_path / "more" / f.name).write_text(f.read_text())
    (tmp_path / "napkin.toml").write_text('[workspace]\nfolders = ["more"]\n')
    r = napkin("get", "serving.cost_per_mtok", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["value"] == pytest.approx(COST)


@pytest.mark.parametrize("py", [False, True])
def test_new_writes_a_working_sheet(tmp_path, py):
    r = napkin("new", "llm_serving", *(["--py"] if py else []), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / f"llm_serving.{'py' if py else 'toml'}").exists()
    r = napkin("show", "llm_serving", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = _cells(r.stdout)
    assert d["llm_serving.mem_bw"]["link"] == "gpu_h200.mem_bw"
    assert d["llm_serving.peak"]["link"] == "gpu_h200.peak_fp16_tensor"
    assert d["llm_serving.tokens_per_s"]["value"] == pytest.approx(8 / (140 / 4800))
    assert d["llm_serving.bound"]["value"] == "memory-bound"
    assert napkin("check", cwd=tmp_path).returncode == 0
    again = napkin("new", "llm_serving", cwd=tmp_path)
    assert again.returncode == 2 and "already" in again.stderr
    bad = napkin("new", "gpu_h200", cwd=tmp_path)
    assert bad.returncode == 2 and "built-in" in bad.stderr


def test_toml_and_python_forms_give_the_same_sheetdef(tmp_path):
    from model.sheetfile import read_python_sheet, read_toml_sheet
    from napkin.cmd_workspace import PY_TEMPLATE, TOML_TEMPLATE

    (tmp_path / "a.toml").write_text(TOML_TEMPLATE.format(name="a"))
    (tmp_path / "a.py").write_text(PY_TEMPLATE.format(name="a"))
    t, p = read_toml_sheet(tmp_path / "a.toml"), read_python_sheet(tmp_path / "a.py")
    assert t.errors == [] and p.errors == []

    def shape(sd):
        return (sd.id, sd.title, sd.kind, sd.question.split(), [(n, type(d).__name__, vars(d)) for n, d in sd.cells])

    assert shape(t.sheet) == shape(p.sheet)
    assert len(t.sheet.cells) == 9
    # line numbers point at each cell's table / assignment
    toml_lines = (tmp_path / "a.toml").read_text().splitlines()
    py_lines = (tmp_path / "a.py").read_text().splitlines()
    assert toml_lines[t.lines["t_memory"] - 1] == "[cells.t_memory]"
    assert py_lines[p.lines["t_memory"] - 1].startswith("t_memory = Calc(")


def test_serve_starts_on_a_broken_workspace_and_says_so():
    broken = ROOT / "tests" / "resources" / "broken_workspace"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NAPKIN_WORKSPACE", None)
    proc = subprocess.Popen([sys.executable, "-m", "napkin", "--workspace", str(broken), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        first = proc.stdout.readline()
        second = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "definition errors (run `napkin check`)" in first
    assert second.startswith("napkin: dashboard at http://127.0.0.1:")


def test_regimes_and_sweep_on_user_sheets():
    # decode flips to compute-bound where batch × 140 GFLOP / 989 TFLOP/s = 140 GB / 4800 GB/s,
    # i.e. batch = 140 × 989 / (140 × 4.8) = 206.04 tokens
    r = napkin("--workspace", str(WS), "regimes", "decode.bound", "--for", "decode.batch", "--json")
    assert r.returncode == 0, r.stderr
    sw = json.loads(r.stdout)["switches"][0]
    assert sw["active_text"] == "memory-bound"
    assert sw["boundaries"][0]["value"] == pytest.approx(989 / 4.8)
    r = napkin("--workspace", str(WS), "sweep", "serving.cost_per_mtok", "--over", "decode.batch=8:32:4")
    assert r.returncode == 0, r.stderr
    rows = [line.split(",") for line in r.stdout.strip().splitlines()[1:]]
    assert [int(b) for b, _ in rows] == [8, 16, 24, 32]
    assert [float(c) for _, c in rows] == pytest.approx([COST * 8 / b for b in (8, 16, 24, 32)], rel=1e-8)


def test_cached_workspace_graph_follows_edits(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    for f in WS.iterdir():
        (ws / f.name).write_text(f.read_text())
    env = {"NAPKIN_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the second run loads the cached graph
        r = napkin("--workspace", str(ws), "get", "decode.t_memory", "--json", env=env)
        assert json.loads(r.stdout)["value"] == pytest.approx(140 / 4800 * 1e3)
    assert any((tmp_path / "cache").glob("graph-ws-*.bin"))
    text = (ws / "decode.toml").read_text().replace('calc = "weights / mem_bw"', 'calc = "2 * weights / mem_bw"')
    (ws / "decode.toml").write_text(text)
    r = napkin("--workspace", str(ws), "get", "decode.t_memory", "--json", env=env)
    assert json.loads(r.stdout)["value"] == pytest.approx(2 * 140 / 4800 * 1e3)
    (ws / "decode.toml").write_text(text.replace("mem_bw\"\nunit = \"ms\"", "mem_bww\"\nunit = \"ms\""))
    r = napkin("--workspace", str(ws), "get", "decode.t_memory", env=env)
    assert r.returncode == 2 and "unknown name" in r.stderr  # a broken edit is never served from the cache
