"""Compiled evaluation agrees with SymPy's subs/evalf (a slow second implementation) on random graphs."""

import math

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from model import Calc, Input, Model, SheetDef, build_graph

OPS = ["+", "-", "*", "/"]


@st.composite
def graphs(draw):
    n_in = draw(st.integers(1, 4))
    n_calc = draw(st.integers(1, 12))
    cells = [(f"in_{k}", Input(draw(st.floats(0.1, 100)), "1", doc="x")) for k in range(n_in)]
    names = [c[0] for c in cells]
    for k in range(n_calc):
        a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        op = draw(st.sampled_from(OPS + ["max", "min", "if"]))
        if op == "max":
            f = f"Max({a}, {b})"
        elif op == "min":
            f = f"Min({a}, {b}) + 1"
        elif op == "if":
            f = f"if_({a} > {b}, {a} - {b}, ({b} - {a}) * 2)"  # continuous at ties: float noise cannot flip it
        else:
            f = f"{a} {op} ({b} * {b} + 1)"  # denominators stay >= 1
        cells.append((f"calc_{k}", Calc(f, "1", doc="y")))
        names.append(f"calc_{k}")
    edits = draw(st.lists(st.tuples(st.integers(0, n_in - 1), st.floats(0.1, 100)), min_size=1, max_size=5))
    return cells, edits


def _slow(g, values):
    """Evaluate every calc by substituting input values into the composed SymPy expression."""
    # 53-bit Floats round like IEEE doubles, so ties in if_ resolve the same way
    subs = {c.symbol: sp.Float(values[c.name], 15) for c in g.cells if c.expr is None}
    out = {}
    for i in g.order:
        c = g.cells[i]
        if c.expr is not None:
            v = c.expr.subs(subs).evalf(15)
            out[c.name] = float(v)
            subs[c.symbol] = sp.Float(float(v), 15)
    return out


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_incremental_engine_matches_sympy_evalf(case):
    cells, edits = case
    g = build_graph([SheetDef("rnd", "random", "spec", "", "", "", cells)])
    m = Model(g)
    inputs = {c.name: m.value(c.name) for c in g.cells if c.expr is None}
    for k, v in edits:
        name = f"rnd.in_{k}"
        m.set(name, v)
        inputs[name] = v
        slow = _slow(g, inputs)
        for cname, expected in slow.items():
            got = m.value(cname)
            assert got is not None, (cname, m.error(cname))
            assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9), (cname, got, expected)
