"""Regimes: the active branch and the boundary of every switch; on every sheet each verdict's
boundary is crossed and its comparison flips on the two sides."""


import pytest
import sympy as sp
from analysis_helpers import engine_value, tiny_graph

from model import Calc, Input, InputError, Model, Verdict, initial_values
from model.analysis.regimes import has_switch, regimes, switch_cells
from sheets import default_graph

# sheets with a verdict
SHEETS = sorted({c.sheet for c in default_graph().cells if c.kind.value == "verdict"})

# t_c = ops / peak ; t_m = nbytes / bw ; lat = Max(t_c, t_m) ; verdict: memory-bound if t_m > t_c
ROOFLINE = [
    ("ops", Input(4.0, "GFLOP", doc="ops per image")),
    ("peak", Input(100, "TFLOP/s", doc="peak")),
    ("nbytes", Input(50, "MB", doc="bytes per image")),
    ("bw", Input(1000, "GB/s", doc="memory bandwidth")),
    ("t_c", Calc("ops / peak", "ms", doc="compute time")),
    ("t_m", Calc("nbytes / bw", "ms", doc="memory time")),
    ("lat", Calc("Max(t_c, t_m)", "ms", doc="latency")),
    ("bound", Verdict({"memory-bound": "t_m > t_c"}, otherwise="compute-bound", doc="what limits")),
]


def test_roofline_max_reports_active_branch_and_boundary_by_hand():
    m = Model(tiny_graph(ROOFLINE))
    r = regimes(m, "t.lat")
    (sw,) = r.switches
    assert sw.kind == "max" and sw.active_text == "t.t_m" and sw.condition == "t.t_m = t.t_c"
    assert sw.margin == pytest.approx((50e6 / 1000e9) / (4e9 / 100e12))  # 1.25
    by = {b.input: b for b in sw.boundaries}
    # t_m = t_c  <=>  bw = nbytes * peak / ops = 50e6 * 100e12 / 4e9 = 1250 GB/s
    assert by["t.bw"].value == pytest.approx(1250.0) and by["t.bw"].method == "symbolic"
    assert by["t.bw"].formula == r"\mathrm{t.bw} = \frac{\mathrm{t.nbytes} \cdot \mathrm{t.peak}}{\mathrm{t.ops}}"
    assert by["t.ops"].value == pytest.approx(5.0) and by["t.ops"].unit == "GFLOP"
    assert by["t.bw"].current == 1000.0


def test_verdict_boundary_flips_the_label():
    m = Model(tiny_graph(ROOFLINE))
    r = regimes(m, "t.bound", inputs=["t.bw"])
    (sw,) = r.switches
    assert sw.kind == "verdict" and sw.active_text == "memory-bound" and sw.branches == ["memory-bound", "compute-bound"]
    (b,) = sw.boundaries
    m.set("t.bw", b.value * 1.001)
    assert m.value("t.bound") == "compute-bound"
    m.set("t.bw", b.value * 0.999)
    assert m.value("t.bound") == "memory-bound"


def test_if_inside_a_calc_and_min():
    # fee = if_(load > cap, 2 * load, load) ; floor_ = Min(load, cap)
    g = tiny_graph([("load", Input(3.0, "1", doc="load")), ("cap", Input(5.0, "1", doc="cap")),
                    ("fee", Calc("if_(load > cap, 2 * load, load)", "1", doc="fee")),
                    ("low", Calc("Min(load, cap)", "1", doc="low"))])
    m = Model(g)
    (sw,) = regimes(m, "t.fee").switches
    assert sw.kind == "piecewise" and sw.active == 1 and sw.active_text == "t.load"
    assert {b.input: b.value for b in sw.boundaries} == pytest.approx({"t.load": 5.0, "t.cap": 3.0})
    (sw,) = regimes(m, "t.low").switches
    assert sw.kind == "min" and sw.active_text == "t.load" and sw.margin == pytest.approx(0.6)


def test_cell_without_switch_and_bad_input_are_refused():
    m = Model(tiny_graph(ROOFLINE))
    with pytest.raises(InputError) as e:
        regimes(m, "t.t_c")
    assert e.value.rule == "no switch"
    with pytest.raises(InputError) as e:
        regimes(m, "t.lat", inputs=["t.t_m"])
    assert e.value.rule == "not an input"
    with pytest.raises(InputError) as e:
        regimes(m, "t.latt")
    assert "did you mean 't.lat'" in str(e.value)


def _relation_values(g, cell, overrides):
    """Evaluate each comparison of a verdict (lhs - rhs) with the engine at overridden inputs."""
    env = {g.cells[p].symbol: sp.Float(engine_value(g, g.cells[p].name, overrides)) for p in g.parents[cell.index]}
    rels = [r for cond in cell.conditions for r in sp.preorder_traversal(cond) if isinstance(r, sp.core.relational.Relational)]
    return [float((r.lhs - r.rhs).xreplace(env)) for r in rels]


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_verdict_flips_across_its_boundary(sheet):
    g = default_graph()
    m = Model(g)
    verdicts = [c for c in g.sheet_cells(sheet) if c.kind.value == "verdict" and m.error(c.name) is None]
    if not verdicts:
        pytest.skip("no verdict")
    crossed = 0
    for v in verdicts:
        # limit the solving to two inputs per verdict to keep the suite fast
        from model.analysis.compose import free_inputs

        cands = [g.cells[i].name for i in free_inputs(g, v.name) if initial_values(g)[i] != 0][:2]
        sw = regimes(m, v.name, inputs=cands).switches[0]
        assert sw.active == int(m.si_value(v.name))
        for b in sw.boundaries:
            if b.value is None or b.value == 0:
                continue
            c = g.cell(b.input)
            f = c.unit.factor
            lo, hi = b.value * (1 - 1e-6), b.value * (1 + 1e-6)
            if c.decl.hi is not None and hi > c.decl.hi or c.decl.lo is not None and lo < c.decl.lo:
                continue
            below = _relation_values(g, v, {b.input: lo * f})
            above = _relation_values(g, v, {b.input: hi * f})
            assert any(a * z < 0 or (a == 0) != (z == 0) for a, z in zip(below, above, strict=True)), (v.name, b.input, b.value)
            crossed += 1
    if not crossed:
        pytest.skip("no boundary inside the inputs' bounds")


@pytest.mark.parametrize("sheet", SHEETS)
def test_switch_cells_report_an_active_branch(sheet):
    g = default_graph()
    m = Model(g)
    for name in switch_cells(m, sheet):
        c = g.cell(name)
        if c.kind.value == "verdict" or m.error(name) is not None:
            continue
        for sw in regimes(m, name, inputs=[]).switches:
            assert sw.active is not None and 0 <= sw.active < len(sw.branches)
            assert sw.boundaries == []
    assert all(has_switch(g.cell(n)) for n in switch_cells(m, sheet))
