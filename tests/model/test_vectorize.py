"""NumPy evaluation through the graph agrees with the engine's scalar functions on every sheet."""

import math

import numpy as np
import pytest
import sympy as sp
from analysis_helpers import engine_value, tiny_graph

from model import Calc, Input, Model, initial_errors, initial_values
from model.analysis.compose import compose, composed_function, free_inputs
from model.analysis.vectorize import evaluate_points, numpy_source
from sheets import default_graph


def _leaves(g, sheet: str) -> list[int]:
    return sorted({i for c in g.sheet_cells(sheet) if c.expr is not None for i in free_inputs(g, c.name)})


# sheets with computed cells (spec sheets of plain inputs have none)
SHEETS = [s for s in sorted(default_graph().sheets) if _leaves(default_graph(), s)]


def _scale(g, c, values) -> float:
    """Magnitude of a cell's parents: the size of rounding a cancellation can leave behind.

    `values` maps (or indexes) cell index -> value."""
    return max([abs(float(values[p])) for p in g.parents[c.index] if math.isfinite(float(values[p]))] or [1.0])
x, y = sp.symbols("x y", real=True)
IDX = {x: 0, y: 1}


def test_max_min_print_as_pairwise_numpy():
    assert numpy_source(sp.Max(x, y, 2), IDX) == "numpy.maximum(numpy.maximum(2.0, v[0]), v[1])"
    assert numpy_source(sp.Min(x, y), IDX) == "numpy.minimum(v[0], v[1])"


def test_piecewise_prints_as_select_with_pairwise_and():
    src = numpy_source(sp.Piecewise((x, sp.And(x > 1, y < 2)), (y, True)), IDX)
    assert src == ("numpy.select([numpy.logical_and(numpy.greater(v[0], 1.0), numpy.less(v[1], 2.0)),True], "
                   "[v[0],v[1]], default=numpy.nan)")


def test_ceiling_and_abs_print_as_numpy():
    assert numpy_source(sp.ceiling(x / y), IDX) == "numpy.ceil(v[0]/v[1])"
    assert numpy_source(sp.Abs(x - y), IDX) == "numpy.abs(v[0] - v[1])"


def test_compose_follows_links_unless_free():
    # a (input) --link--> b (linked input) --> dbl = 2*b
    g = tiny_graph([("a", Input(3.0, "s", doc="a")), ("b", Input(link="t.a", unit="s", doc="b")),
                    ("dbl", Calc("2 * b", "s", doc="dbl"))])
    a, b = g.cell("t.a").symbol, g.cell("t.b").symbol
    assert compose(g, "t.dbl") == 2 * a
    assert compose(g, "t.dbl", frozenset({"t.b"})) == 2 * b
    assert [g.cells[i].name for i in free_inputs(g, "t.dbl")] == ["t.a"]
    assert [g.cells[i].name for i in free_inputs(g, "t.dbl", frozenset({"t.b"}))] == ["t.b"]


def test_failing_points_are_nan_not_errors():
    # x --> inv = 1/(x - 2); x = 2 fails only at that point
    g = tiny_graph([("x", Input(1.0, "1", doc="x")), ("inv", Calc("1 / (x - 2)", "1", doc="inv")),
                    ("lg", Calc("log(x)", "1", doc="lg"))])
    base = list(initial_values(g))
    out = dict(evaluate_points(g, base, {g.index["t.x"]: np.array([1.0, 2.0, -1.0])}))
    inv, lg = out[g.index["t.inv"]], out[g.index["t.lg"]]
    assert inv[0] == -1.0 and not np.isfinite(inv[1]) and inv[2] == pytest.approx(-1 / 3)
    assert lg[0] == 0.0 and math.isnan(lg[2])


@pytest.mark.parametrize("sheet", SHEETS)
def test_vector_evaluation_matches_engine(sheet):
    g = default_graph()
    m = Model(g)
    rng = np.random.default_rng(len(sheet))
    leaves = _leaves(g, sheet)
    pts = 4
    varying = {}
    for i in leaves:
        c = g.cells[i]
        x0 = initial_values(g)[i]
        scale = rng.uniform(0.8, 1.25, pts)
        xs = x0 * scale if not c.decl.integer else np.round(x0 * scale / c.unit.factor) * c.unit.factor
        if c.decl.hi is not None:
            xs = np.minimum(xs, c.decl.hi * c.unit.factor)
        varying[i] = xs
    got = {k: v for k, v in evaluate_points(g, list(initial_values(g)), varying)}
    for c in g.sheet_cells(sheet):
        if c.expr is None or c.index not in got:
            continue
        for p in range(pts):
            want = engine_value(g, c.name, {g.cells[i].name: float(varying[i][p]) for i in leaves})
            have = float(got[c.index][p])
            if math.isnan(want):
                assert not math.isfinite(have), (c.name, p)
            else:
                vals = {q: (got[q][p] if q in got else varying[q][p] if q in varying else initial_values(g)[q])
                        for q in g.parents[c.index]}
                assert have == pytest.approx(want, rel=1e-9, abs=1e-12 * _scale(g, c, vals)), (c.name, p)
    assert m.overrides() == {}


@pytest.mark.parametrize("sheet", SHEETS)
def test_composed_function_matches_engine(sheet):
    g = default_graph()
    for c in g.sheet_cells(sheet):
        if c.expr is None:
            continue
        want = initial_values(g)[c.index]
        have = float(np.asarray(composed_function(g, c.name)(list(initial_values(g)))))
        if c.index in initial_errors(g):
            assert not math.isfinite(have) or c.kind.value == "verdict", c.name
        else:
            assert have == pytest.approx(want, rel=1e-9, abs=1e-12 * _scale(g, c, initial_values(g))), c.name
