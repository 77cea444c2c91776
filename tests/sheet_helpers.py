"""Helpers for sheet tests: find a verdict's boundary with SymPy on the engine's own symbols."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sympy as sp

from model import Model, closure, sheet_dict
from model.cells import Kind

ROOT = Path(__file__).resolve().parent.parent


def run_napkin(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI as `python -m napkin ARGS` (no venv on PATH needed); raise if it fails."""
    return subprocess.run([sys.executable, "-m", "napkin", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=300)


def composed(model: Model, name: str, input_name: str, x: sp.Symbol) -> sp.Basic:
    """Return cell `name` as an expression of `x` (standing for `input_name`, in base units).

    Cells that do not depend on the input are replaced by their current values.
    """
    g = model.graph
    target = g.index[input_name]
    live = closure([target], g.children, include_start=True)
    memo: dict[int, sp.Basic] = {}

    def expand(i: int) -> sp.Basic:
        if i == target:
            return x
        if i not in live or model.is_overridden(g.cells[i].name) or g.cells[i].expr is None:
            return sp.Float(model.si_value(g.cells[i].name))
        if i not in memo:
            c = g.cells[i]
            memo[i] = c.expr.xreplace({g.cells[p].symbol: expand(p) for p in g.parents[i]})
        return memo[i]

    c = g.cells[g.index[name]]
    if c.kind is Kind.VERDICT:
        raise ValueError("compose a verdict's condition with condition_sides()")
    return expand(c.index)


def condition_sides(model: Model, verdict_name: str, input_name: str, x: sp.Symbol, k: int = 0):
    """Return (lhs, rhs) of verdict condition k as expressions of x."""
    g = model.graph
    v = g.cell(verdict_name)
    cond = v.conditions[k]
    if not isinstance(cond, sp.core.relational.Relational):
        raise ValueError(f"condition {k} of {verdict_name} is not a single comparison: {cond}")
    subs = {}
    for p in g.parents[v.index]:
        pc = g.cells[p]
        subs[pc.symbol] = composed(model, pc.name, input_name, x) if pc.name != input_name else x
    return cond.lhs.xreplace(subs), cond.rhs.xreplace(subs)


def boundary(model: Model, verdict_name: str, input_name: str, k: int = 0) -> float:
    """Return the value of `input_name` (display unit) where verdict condition k turns over.

    Solved symbolically (sympy.solve of lhs = rhs); with several real roots, the one nearest
    the input's current value.
    """
    x = sp.Symbol("x", positive=True)
    lhs, rhs = condition_sides(model, verdict_name, input_name, x, k)
    try:
        sols = sp.solve(sp.Eq(lhs, rhs), x)
    except NotImplementedError:  # Max/Min: solve the equivalent Piecewise instead
        sols = sp.solve(sp.piecewise_fold((lhs - rhs).rewrite(sp.Piecewise)), x)
    roots = [complex(r) for r in sols if not r.free_symbols]
    real = [r.real for r in roots if abs(r.imag) < 1e-12 * max(1.0, abs(r.real))]
    if not real:
        raise ValueError(f"no closed-form boundary of {verdict_name} in {input_name}")
    current = model.si_value(input_name)
    best = min(real, key=lambda r: abs(r - current))
    return best / model.cell(input_name).unit.factor


def assert_sheet_json_clean(model: Model, sheet_id: str) -> None:
    """Assert `show --json` of a sheet has inputs, calcs and a verdict, with units and no error."""
    d = sheet_dict(model, sheet_id)
    assert {c["kind"] for c in d["cells"]} == {"input", "calc", "verdict"}
    for c in d["cells"]:
        assert c["error"] is None and c["unit"]
        if c["kind"] == "verdict":
            assert c["value"] in c["labels"]
        else:
            assert c["si_value"] is not None
