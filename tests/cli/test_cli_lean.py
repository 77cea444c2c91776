"""The CLI as a new user meets it (#12, #16): no SymPy on the text path, --scenario everywhere,
the changed marker, long labels, sheet suggestions, plain-text solve, constants, zeros, umask."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from napkin.cli import main

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from napkin.cli import main
rc = main(sys.argv[1:])
sys.stderr.write("\\nMODULES " + json.dumps({m: m in sys.modules for m in ("sympy", "pint", "numpy")}) + "\\n")
raise SystemExit(rc)
"""


def _modules_after(args: list[str], **env: str) -> dict:
    e = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    r = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=e, timeout=120)
    assert r.returncode == 0, r.stderr
    line = [x for x in r.stderr.splitlines() if x.startswith("MODULES ")][-1]
    return json.loads(line[len("MODULES "):])


@pytest.mark.parametrize("args", [["get", "p03.verdict_gpu"], ["show", "p03"], ["list"], ["list", "--json"],
                                  ["get", "p01.days_base", "--set", "p01.n_gpus=2048"],
                                  ["show", "p03", "--set", "gpu_a100.mem_bw=1.5 TB/s"],
                                  ["trace", "p03.t_memory_gpu", "--depth", "all"]])
@pytest.mark.parametrize("cache", ["1", "0"])
def test_text_commands_do_not_import_sympy_or_pint(args, cache, tmp_path):
    env = {"NAPKIN_CACHE_DIR": str(tmp_path)} if cache == "1" else {"NAPKIN_NO_CACHE": "1"}
    if cache == "1":
        _modules_after(["list"], **env)  # warm the cache
    loaded = _modules_after(args, **env)
    assert loaded == {"sympy": False, "pint": False, "numpy": False}


def test_json_output_still_carries_latex_via_sympy():
    loaded = _modules_after(["get", "p03.t_memory_gpu", "--json"])
    assert loaded["sympy"] is True


def run(capsys, *args) -> tuple[int, str, str]:
    rc = main(list(args))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.fixture
def scenario(tmp_path, capsys):
    path = tmp_path / "s.json"
    rc, _, err = run(capsys, "scenario", "save", str(path), "--name", "big", "--set", "gpu_a100.mem_bw=1000 GB/s",
                     "--set", "p01.n_gpus=2048")
    assert rc == 0, err
    return path


def test_scenario_option_on_show_get_trace_export(capsys, scenario, tmp_path):
    rc, out, err = run(capsys, "get", "p03.t_memory_gpu", "--scenario", str(scenario), "--json")
    assert rc == 0, err
    assert json.loads(out)["value"] == pytest.approx(51.2e6 / 1000e9 * 1e3)  # 51.2 MB at 1,000 GB/s, in ms
    rc, out, _ = run(capsys, "get", "p03.t_memory_gpu", "--scenario", str(scenario), "--set", "gpu_a100.mem_bw=2000 GB/s", "--json")
    assert json.loads(out)["value"] == pytest.approx(51.2e6 / 2000e9 * 1e3)  # --set after the scenario wins
    rc, out, _ = run(capsys, "show", "p01", "--scenario", str(scenario))
    assert rc == 0 and re.search(r"^ \*n_gpus\s+2,048 GPU", out, re.M)
    rc, out, _ = run(capsys, "trace", "p03.t_memory_gpu", "--scenario", str(scenario))
    assert rc == 0 and "(1,000 GB/s)" in out
    book = tmp_path / "b.xlsx"
    rc, out, err = run(capsys, "export", str(book), "--sheet", "p03", "--scenario", str(scenario))
    assert rc == 0, err
    assert "differ from the defaults" in out and book.exists()


def test_changed_marker_follows_overrides_on_other_sheets(capsys):
    rc, out, _ = run(capsys, "show", "p03", "--set", "gpu_a100.mem_bw=1000 GB/s")
    assert rc == 0
    marked = {m.group(1) for m in re.finditer(r"^ \*(\w+)", out, re.M)}
    # the linked input follows gpu_a100.mem_bw; t_memory = 51.2 MB / 1,000 GB/s and what reads it change
    assert {"mem_bw_gpu", "t_memory_gpu", "latency_gpu", "ridge_gpu", "bw_gap"} <= marked
    assert "peak_gpu" not in marked and "t_compute_gpu" not in marked
    assert "* changed from the default (overrides on other sheets: gpu_a100.mem_bw)" in out
    rc, out, _ = run(capsys, "show", "p03")
    assert "*" not in "".join(line[:2] for line in out.splitlines()) and "changed from the default" not in out


def test_long_verdict_label_does_not_run_into_its_description(capsys):
    rc, out, _ = run(capsys, "show", "p18")
    lines = out.splitlines()
    k = next(i for i, line in enumerate(lines) if line.strip().startswith("verdict_ratio"))
    assert lines[k].rstrip().endswith("→ training needs 2–5× the inference memory")
    assert lines[k + 1].strip() == "How much more memory training takes than inference"
    for line in lines:  # elsewhere: at least two spaces between a value and its description
        if line.strip().startswith("verdict_fit_train"):
            assert re.search(r"→ does not fit {2,}Does training fit", line)


def test_zero_padded_sheet_suggestion(capsys):
    rc, _, err = run(capsys, "show", "p3")
    assert rc == 2 and "did you mean 'p03'?" in err
    rc, _, err = run(capsys, "show", "ex01")
    assert rc == 2 and "did you mean 'ex1'?" in err


def test_solve_prints_plain_text_and_latex_on_request(capsys):
    rc, out, _ = run(capsys, "solve", "p01.days_base=10", "--for", "p01.n_gpus")
    assert rc == 0
    formula = next(line for line in out.splitlines() if "formula:" in line)
    assert "\\" not in formula and "p01.n_gpus = model_gpt3.training_ops/(" in formula
    rc, out, _ = run(capsys, "solve", "p01.days_base=10", "--for", "p01.n_gpus", "--latex")
    assert "\\frac{" in next(line for line in out.splitlines() if "formula:" in line)


def test_sensitivity_and_mc_leave_out_constants_unless_asked(capsys):
    rc, out, _ = run(capsys, "sensitivity", "p01.days_base", "--json")
    names = [r["name"] for r in json.loads(out)["inputs"]]
    assert "cal.seconds_per_day" not in names and "p01.n_gpus" in names
    rc, out, _ = run(capsys, "sensitivity", "p01.days_base", "--json", "--include-constants")
    rows = {r["name"]: r for r in json.loads(out)["inputs"]}
    # days = ops / (n · peak · η · s_per_day): elasticity −1 in seconds per day
    assert rows["cal.seconds_per_day"]["elasticity"] == pytest.approx(-1.0)
    rc, _, err = run(capsys, "mc", "p01", "--range", "cal.seconds_per_day=uniform:86000:87000", "-n", "100")
    assert rc == 2 and "definitional constant" in err and "--include-constants" in err
    rc, out, err = run(capsys, "mc", "p01.days_base", "--range", "cal.seconds_per_day=uniform:86000:87000", "-n", "100",
                       "--include-constants")
    assert rc == 0, err


def test_exactly_zero_derivative_prints_zero(capsys):
    # speedup = rate_improved / rate_base = η_improved / η_base: the GPU count cancels exactly
    rc, out, _ = run(capsys, "sensitivity", "p01.speedup", "--json")
    rows = {r["name"]: r for r in json.loads(out)["inputs"]}
    assert rows["p01.n_gpus"]["derivative"] == 0.0 and rows["p01.n_gpus"]["elasticity"] == 0.0
    assert rows["p01.eta_base"]["elasticity"] == pytest.approx(-1.0)
    rc, out, _ = run(capsys, "sensitivity", "p01.speedup")
    line = next(x for x in out.splitlines() if x.startswith("p01.n_gpus"))
    assert " 0 1/GPU " in line and "e-" not in line


def test_written_files_respect_the_umask(capsys, tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "s.json"
        assert run(capsys, "scenario", "save", str(path), "--name", "x", "--set", "p01.n_gpus=2048")[0] == 0
        book = tmp_path / "b.xlsx"
        assert run(capsys, "export", str(book), "--sheet", "p01")[0] == 0
        os.umask(0o077)
        private = tmp_path / "p.json"
        assert run(capsys, "scenario", "save", str(private), "--name", "x", "--set", "p01.n_gpus=2048")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE(book.stat().st_mode) == 0o644
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_verdict_colour_uses_declared_tones_only_on_request():
    from model import Model
    from napkin.cmd_core import value_text
    from sheets import default_graph

    m = Model(default_graph())
    c = m.cell("p03.verdict_gpu")
    # p03 declares memory-bound as bad (red), compute-bound as good (green)
    assert value_text(m, c, colour=True) == "→ \x1b[31mmemory-bound\x1b[0m"
    assert value_text(m, c, colour=False) == "→ memory-bound"

    class Toned:
        def __init__(self, cell, tones):
            self._c, self.tones = cell, tones

        def __getattr__(self, k):
            return getattr(self._c, k)

    toned = Toned(c, {"memory-bound": "bad", "compute-bound": "good"})
    assert value_text(m, toned, colour=True) == "→ \x1b[31mmemory-bound\x1b[0m"
    assert value_text(m, toned, colour=False) == "→ memory-bound"


def test_piped_output_has_no_colour_codes():
    r = subprocess.run([sys.executable, "-m", "napkin", "show", "p18"], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert r.returncode == 0 and "\x1b[" not in r.stdout
