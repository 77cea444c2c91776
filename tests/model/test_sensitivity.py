"""Exact derivatives agree with finite differences of the engine on every sheet; elasticities,
display units and tornado bars are checked by hand on small graphs."""

import math

import pytest
import sympy as sp
from analysis_helpers import engine_value, sheet_outputs, tiny_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from model import Calc, Input, InputError, Model, Verdict, initial_values
from model.analysis.compose import free_inputs
from model.analysis.montecarlo import Distribution
from model.analysis.sensitivity import derivative_latex, gradient, sensitivity
from sheets import default_graph

# sheets with numeric outputs (spec sheets of plain inputs have none)
SHEETS = [s for s in sorted(default_graph().sheets) if sheet_outputs(default_graph(), s)]


def _fd(g, name, x, x0, lo, hi, rel=1e-6):
    """Central (or one-sided at a bound) difference and its left/right halves, in base units."""
    h = rel * abs(x0)
    up = x0 + h if hi is None or x0 + h <= hi else x0
    dn = x0 - h if lo is None or x0 - h >= lo else x0
    y0 = engine_value(g, name)
    yu = engine_value(g, name, {x: up})
    yd = engine_value(g, name, {x: dn})
    right = (yu - y0) / (up - x0) if up != x0 else None
    left = (y0 - yd) / (x0 - dn) if dn != x0 else None
    central = (yu - yd) / (up - dn)
    return central, left, right


@pytest.mark.parametrize("sheet", SHEETS)
def test_gradient_matches_finite_differences(sheet):
    g = default_graph()
    outputs = sheet_outputs(g, sheet)
    point = list(initial_values(g))
    checked = 0
    for out in outputs:
        grad = gradient(g, out, point)
        y0 = point[g.index[out]]
        for i, d in grad.items():
            c = g.cells[i]
            x0 = point[i]
            if x0 == 0 or not math.isfinite(d):
                continue
            f = c.unit.factor
            lo = None if c.decl.lo is None else c.decl.lo * f
            hi = None if c.decl.hi is None else c.decl.hi * f
            central, left, right = _fd(g, out, c.name, x0, lo, hi)
            if not math.isfinite(central):
                continue
            sides = [s for s in (left, right) if s is not None]
            tol = 1e-4 * abs(d) + 1e-6 * abs(y0 / x0) + 1e-300
            if len(sides) == 2 and abs(sides[0] - sides[1]) > tol:
                continue  # a kink or a step at this point: the one-sided slopes differ
            if abs(_fd(g, out, c.name, x0, lo, hi, 1e-7)[0] - central) > tol:
                continue  # a step right next to the point (e.g. at a bound): the slope depends on h
            assert central == pytest.approx(d, abs=tol), (out, c.name, d, central)
            checked += 1
    assert checked, "no smooth (output, input) pair to check"


# p = n * r * e ; t = w / p ; days = t / s   (all products: elasticities are the exponents)
PRODUCT = [
    ("w", Input(3.0e21, "FLOP", doc="work")),
    ("n", Input(64, "GPU", doc="gpus", lo=1, integer=True)),
    ("rate", Input(300, "TFLOP/s", doc="peak per gpu")),
    ("eta", Input(0.5, "1", doc="utilisation", hi=1)),
    ("per_day", Input(86400, "s/day", doc="seconds per day")),
    ("p", Calc("n * rate * eta", "PFLOP/s", doc="cluster")),
    ("t", Calc("w / p", "s", doc="time")),
    ("days", Calc("t / per_day", "day", doc="days")),
]


def test_product_elasticities_are_exponents_and_derivatives_in_display_units():
    g = tiny_graph(PRODUCT)
    m = Model(g)
    s = sensitivity(m, "t.days")
    days = 3.0e21 / (64 * 300e12 * 0.5) / 86400
    assert s.value == pytest.approx(days) and s.unit == "day"
    by = {r.name: r for r in s.inputs}
    assert set(by) == {"t.w", "t.n", "t.rate", "t.eta", "t.per_day"}
    for name, k in (("t.w", 1), ("t.n", -1), ("t.rate", -1), ("t.eta", -1), ("t.per_day", -1)):
        assert by[name].elasticity == pytest.approx(k, rel=1e-12)
    # d days / d n = -days / n, in day per GPU
    assert by["t.n"].derivative == pytest.approx(-days / 64) and by["t.n"].derivative_unit == "day/GPU"
    # d days / d rate: rate in TFLOP/s, so day per (TFLOP/s)
    assert by["t.rate"].derivative == pytest.approx(-days / 300) and by["t.rate"].derivative_unit == "day/(TFLOP/s)"
    assert by["t.eta"].derivative_unit == "day"


def test_tornado_uses_swing_bounds_and_ranges():
    g = tiny_graph(PRODUCT)
    m = Model(g)
    s = sensitivity(m, "t.days", swing=0.5, ranges={"t.rate": Distribution("uniform", (200.0, 400.0))})
    by = {r.name: r for r in s.inputs}
    days = s.value
    assert (by["t.eta"].x_low, by["t.eta"].x_high) == pytest.approx((0.25, 0.75))
    assert by["t.eta"].y_low == pytest.approx(days * 2) and by["t.eta"].y_high == pytest.approx(days * 2 / 3)
    assert (by["t.rate"].x_low, by["t.rate"].x_high) == (200.0, 400.0)
    assert by["t.rate"].y_high == pytest.approx(days * 300 / 400)
    assert (by["t.n"].x_low, by["t.n"].x_high) == (32, 96)  # whole numbers
    s2 = sensitivity(m, "t.days", swing=0.9)
    eta = {r.name: r for r in s2.inputs}["t.eta"]
    assert eta.x_high == pytest.approx(0.95) and eta.x_low == pytest.approx(0.05)  # 0.5 × (1 ± 0.9), within [0, 1]
    s3 = Model(g)
    s3.set("t.eta", 0.9)
    eta = {r.name: r for r in sensitivity(s3, "t.days", swing=0.5).inputs}["t.eta"]
    assert eta.x_high == 1.0  # clipped to the input's upper bound


def test_max_takes_the_active_branch_and_ceiling_is_flat():
    # t_c = ops / peak ; t_m = bytes / bw ; lat = Max(t_c, t_m) ; steps = ceiling(lat / quantum)
    g = tiny_graph([
        ("ops", Input(4.0, "GFLOP", doc="ops")), ("peak", Input(100, "TFLOP/s", doc="peak")),
        ("nbytes", Input(50, "MB", doc="bytes")), ("bw", Input(1000, "GB/s", doc="bw")),
        ("quantum", Input(0.01, "ms", doc="quantum")),
        ("t_c", Calc("ops / peak", "ms", doc="compute")), ("t_m", Calc("nbytes / bw", "ms", doc="memory")),
        ("lat", Calc("Max(t_c, t_m)", "ms", doc="latency")),
        ("steps", Calc("ceiling(lat / quantum)", "1", doc="steps")),
    ])
    m = Model(g)
    by = {r.name: r for r in sensitivity(m, "t.lat").inputs}
    assert by["t.ops"].derivative == 0 and by["t.peak"].derivative == 0  # compute term inactive
    assert by["t.bw"].elasticity == pytest.approx(-1) and by["t.nbytes"].elasticity == pytest.approx(1)
    assert all(r.derivative == 0 for r in sensitivity(m, "t.steps").inputs)


def test_overridden_link_becomes_the_input():
    g = tiny_graph([("a", Input(2.0, "s", doc="a")), ("b", Input(link="t.a", unit="s", doc="b")),
                    ("sq", Calc("b * b", "s^2", doc="sq"))])
    m = Model(g)
    assert [r.name for r in sensitivity(m, "t.sq").inputs] == ["t.a"]
    m.set("t.b", 3.0)
    s = sensitivity(m, "t.sq")
    assert [r.name for r in s.inputs] == ["t.b"] and s.inputs[0].derivative == pytest.approx(6.0)


def test_derivative_latex_of_a_quotient():
    g = tiny_graph(PRODUCT)
    tex = derivative_latex(Model(g), "t.t", "t.eta")
    assert r"\mathrm{t.eta}^{2}" in tex and tex.startswith("-")


@pytest.mark.parametrize("name, rule", [("t.n", "not an output"), ("t.nope", "unknown cell"),
                                        ("t.verdict", "verdict")])
def test_bad_requests(name, rule):
    g = tiny_graph(PRODUCT + [("limit", Input(1, "day", doc="limit")),
                              ("verdict", Verdict({"fast": "days < limit"}, otherwise="slow", doc="v"))])
    with pytest.raises(InputError) as e:
        sensitivity(Model(g), name)
    assert e.value.rule == rule


def test_error_cell_and_bad_swing_are_refused():
    g = tiny_graph([("a", Input(0.0, "1", doc="a")), ("inv", Calc("1 / a", "1", doc="inv"))])
    with pytest.raises(InputError, match="has no value"):
        sensitivity(Model(g), "t.inv")
    with pytest.raises(InputError, match="swing"):
        sensitivity(Model(tiny_graph(PRODUCT)), "t.days", swing=1.5)


# ---- random graphs: the reverse-mode gradient equals SymPy's diff of the composed expression
OPS = ["+", "-", "*", "/", "max", "min", "if", "sqrt", "log"]


@st.composite
def graphs(draw):
    n_in = draw(st.integers(1, 4))
    cells = [(f"in_{k}", Input(draw(st.floats(0.5, 20)), "1", doc="x")) for k in range(n_in)]
    names = [c[0] for c in cells]
    for k in range(draw(st.integers(1, 10))):
        a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        op = draw(st.sampled_from(OPS))
        f = {"max": f"Max({a}, 2 * {b})", "min": f"Min({a}, {b} + 1)", "if": f"if_({a} > {b}, {a} * {b}, {a} + {b})",
             "sqrt": f"sqrt({a} * {a} + {b})", "log": f"log({a} * {a} + 1) * {b}"}.get(op, f"{a} {op} ({b} * {b} + 1)")
        cells.append((f"calc_{k}", Calc(f, "1", doc="y")))
        names.append(f"calc_{k}")
    return cells


@settings(max_examples=40, deadline=None)
@given(graphs())
def test_gradient_equals_sympy_diff_on_random_graphs(cells):
    g = tiny_graph(cells, sheet="rnd")
    point = list(initial_values(g))
    for c in g.cells:
        if c.expr is None:
            continue
        # compose by plain SymPy substitution, a separate path from model.analysis.compose
        expr = c.symbol
        for i in sorted(g.order, key=g.pos.__getitem__, reverse=True):
            if g.cells[i].expr is not None:
                expr = expr.subs(g.cells[i].symbol, g.cells[i].expr)
        env = {g.cells[i].symbol: sp.Float(point[i], 30) for i in free_inputs(g, c.name)}
        for i, d in gradient(g, c.name, point).items():
            if not math.isfinite(d):
                continue  # a cell at a singular point (sqrt(0)): the chain rule meets inf·0; reported as None
            want = sp.diff(expr, g.cells[i].symbol).subs(env).evalf(30)
            if want.has(sp.Heaviside, sp.Subs, sp.Derivative, sp.nan) or not want.is_real:
                continue  # a tie of Max/Min exactly at this point: no unique derivative
            assert d == pytest.approx(float(want), rel=1e-9, abs=1e-12), (c.name, g.cells[i].name)
