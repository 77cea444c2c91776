"""Python and notebooks: napkin.open, HTML views, sheet_frame, and the README example (run as written)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import napkin
from model import InputError

ROOT = Path(__file__).resolve().parents[2]
WS = ROOT / "tests" / "resources" / "workspace"
COST = 20 / 3600 / (8 * 8 / (140 / 4800)) * 1e6  # see test_workspace.py


def test_readme_example_runs_as_written():
    text = (ROOT / "README.md").read_text()
    section = text.split("## Your own model", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"{COST:.4f}" == "2.5318"
    assert lines[1] == f"[{COST!r}, 'USD']"


def test_import_napkin_is_cheap():
    code = "import sys, napkin; print(sorted(m for m in ('pandas', 'sympy', 'panel', 'model') if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert r.stdout.strip() == "[]"


def test_open_sheet_frame_and_html():
    m = napkin.open(workspace=WS)
    assert m.value("decode.t_memory") == pytest.approx(140 / 4800 * 1e3)
    df = napkin.sheet_frame(m, "decode")
    assert list(df.index) == ["mem_bw", "peak", "weights", "flop_per_token", "batch", "t_memory", "t_compute",
                              "tokens_per_s", "bound"]
    assert df.loc["t_compute", "unit"] == "ms" and df.loc["t_compute", "formula"] == \
        "decode.batch * decode.flop_per_token / decode.peak"
    assert df.loc["mem_bw", "link"] == "gpu_h200.mem_bw" and df.loc["bound", "value"] == "memory-bound"
    html = napkin.sheet(m, "decode")._repr_html_()
    assert "<table>" in html and "<td>GB/s</td>" in html and "29.17" in html and "memory-bound" in html
    cell = napkin.cell(m, "serving.cost_per_mtok", depth=None)._repr_html_()
    assert "2.532" in cell and "USD" in cell and "= serving.cost / (serving.tps * fleet.n_gpus) * 1000000" in cell
    assert "gpu_h200.mem_bw" in cell  # the trace, to the inputs
    with pytest.raises(InputError, match="did you mean 'serving'"):
        napkin.sheet(m, "servng")


def test_open_with_sets():
    m = napkin.open(workspace=WS, sets={"decode.batch": 16})
    assert m.value("serving.cost_per_mtok") == pytest.approx(COST / 2)
