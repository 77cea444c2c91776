"""`napkin check` on a folder of ten deliberately broken sheet files: every mistake, file:line, one run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "resources" / "broken_workspace"
GOOD = ROOT / "tests" / "resources" / "workspace"

# (file:line, cell, rule, words the message must hold) — lines counted by hand in each file
EXPECTED = [
    ("bounds.toml:6", "bounds.batch", "bad bounds", "lower bound 10 above upper bound 1"),
    ("bounds.toml:6", "bounds.batch", "bad bounds", "outside its bounds"),
    ("broken.py:7", "broken.total", "unknown name", "did you mean 'broken.price'"),
    ("clash.toml:1", "p03", "name clash", "built-in sheet 'p03'"),
    ("cycle.toml:5", "cycle.a", "cycle", "cycle.a -> cycle.b -> cycle.a"),
    ("excel.toml:4", "excel.fp16", "bad name", "cell-address"),
    ("syntax.toml:6", "syntax", "file format", "not valid TOML"),
    ("units.toml:13", "units.t", "unit mismatch", "'ms' ([time])"),
    ("units_again.toml:1", "units", "duplicate name", "units.toml:1"),
    ("unknown.toml:9", "unknown.t", "unknown name", "did you mean 'unknown.bw'"),
    ("unused.toml:7", "unused.spare", "unused input", "not used by any formula"),
]


def napkin(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NAPKIN_WORKSPACE", None)
    return subprocess.run([sys.executable, "-m", "napkin", *args], check=False, capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=env)


def test_check_reports_every_mistake_with_file_and_line():
    r = napkin("--workspace", str(BROKEN), "check", "--json")
    assert r.returncode == 1, r.stderr
    errors = json.loads(r.stdout)["errors"]
    got = [(Path(e["where"].rsplit(":", 1)[0]).name + ":" + e["where"].rsplit(":", 1)[1], e["cell"], e["rule"],
            e["message"]) for e in errors]
    assert len(got) == len(EXPECTED), "\n".join(map(str, got))
    for where, cell, rule, words in EXPECTED:
        hits = [g for g in got if g[:3] == (where, cell, rule) and words in g[3]]
        assert hits, f"missing {where} {cell} [{rule}] '{words}' in:\n" + "\n".join(map(str, got))
    assert len({g[0].split(":")[0] for g in got}) == 10  # all ten files, one run


def test_unit_mismatch_names_both_dimensions():
    r = napkin("--workspace", str(BROKEN), "check")
    assert r.returncode == 1
    line = next(x for x in r.stdout.splitlines() if "[unit mismatch]" in x)
    assert "[time]" in line and "[information]^2 / [time]" in line
    assert line.startswith(str(BROKEN / "units.toml") + ":13: units.t: ")
    assert "11 error(s) in 10 file(s)" in r.stdout


def test_other_commands_refuse_a_broken_workspace_in_one_line():
    r = napkin("--workspace", str(BROKEN), "show", "p03")
    assert r.returncode == 2
    assert "11 definition error(s)" in r.stderr and "napkin check" in r.stderr and len(r.stderr.splitlines()) == 1


def test_check_clean_workspace_exit_0():
    r = napkin("--workspace", str(GOOD), "check")
    assert r.returncode == 0, r.stdout
    assert r.stdout.startswith("ok: 3 sheet file(s), 17 cell(s)")


def test_missing_workspace_folder():
    r = napkin("--workspace", str(ROOT / "no_such_dir"), "list")
    assert r.returncode == 2 and "does not exist" in r.stderr


def test_format_mistakes_point_at_the_key_line(tmp_path):
    from model.sheetfile import read_toml_sheet

    (tmp_path / "k.toml").write_text('[sheet]\ntitle = "k"\n\n[cells.x]\ninput = 1\nunti = "GB"\nhi = "lots"\n\n'
                                     '[cells.y]\ncalc = "2 * x"\n')
    sf = read_toml_sheet(tmp_path / "k.toml")
    got = sorted((line, e.rule, e.message) for line, e in sf.errors)
    assert got[0][:2] == (6, "file format") and "unknown key 'unti'; did you mean 'unit'?" in got[0][2]
    assert got[1][:2] == (7, "file format") and "'hi' must be number, got 'lots'" in got[1][2]
    assert sf.line_of("y", "unknown name") == 10 and sf.line_of("y") == 9


def test_cell_named_like_a_sheet_and_a_failing_python_module(tmp_path):
    (tmp_path / "a.toml").write_text('[sheet]\ntitle = "a"\n\n[cells.gpu_h200]\ninput = 1\n\n[cells.y]\n'
                                     'calc = "2 * gpu_h200"\n')
    (tmp_path / "b.py").write_text('"""B."""\nfrom napkin import Input\n\nx = Input(1)\nraise ValueError("oops")\n')
    r = napkin("--workspace", str(tmp_path), "check")
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert any(x.startswith(f"{tmp_path / 'a.toml'}:4: a.gpu_h200: [name clash] Cell name 'gpu_h200' is also a "
                            f"sheet's id") for x in lines), r.stdout
    assert any(x.startswith(f"{tmp_path / 'b.py'}:5: b: [file format] File 'b.py' raised ValueError: oops")
               for x in lines), r.stdout
