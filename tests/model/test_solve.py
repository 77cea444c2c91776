"""Goal seek: solutions substituted back reproduce the target on every sheet; closed forms,
several roots, no root, jumps and bad requests on small graphs."""

import math
import random

import pytest
import sympy as sp
from analysis_helpers import engine_value, sheet_outputs, tiny_graph

from model import Calc, Input, InputError, Model, Verdict, initial_values
from model.analysis.compose import compose, free_inputs
from model.analysis.sensitivity import gradient
from model.analysis.solve import in_bounds, solve
from sheets import default_graph

SHEETS = sorted(default_graph().sheets)


def _cases(g, sheet, n=3):
    """Pick up to n (output, input, new input value) triples whose output responds to the input."""
    point = list(initial_values(g))
    rnd = random.Random(sheet)
    cases = []
    for out in sheet_outputs(g, sheet):
        grad = gradient(g, out, point)
        y = point[g.index[out]]
        movers = [i for i, d in grad.items() if math.isfinite(d) and point[i] != 0 and y != 0
                  and abs(d * point[i] / y) > 1e-6]
        if movers:
            cases.append((out, rnd.choice(movers)))
    rnd.shuffle(cases)
    return cases[:n]


@pytest.mark.parametrize("sheet", SHEETS)
def test_solutions_substituted_back_hit_the_target(sheet):
    g = default_graph()
    cases = _cases(g, sheet)
    if not cases:
        pytest.skip("no output responds to an input")
    m = Model(g)
    for out, i in cases:
        c = g.cells[i]
        x0 = initial_values(g)[i] / c.unit.factor
        x1 = x0 * 1.1 if c.decl.hi is None or x0 * 1.1 <= c.decl.hi else x0 * 0.9
        if c.decl.integer:
            x1 = float(round(x1) if round(x1) != x0 else x0 + 1)
            if c.decl.hi is not None and x1 > c.decl.hi:
                x1 = x0 - 1
        if not in_bounds(c.decl, x1):
            continue
        y1 = engine_value(g, out, {c.name: x1 * c.unit.factor})
        if not math.isfinite(y1) or y1 == initial_values(g)[g.index[out]]:
            continue
        oc = g.cell(out)
        r = solve(m, out, y1 / oc.unit.factor, c.name)
        if not r.solutions and compose(g, out, frozenset({c.name})).has(sp.floor, sp.ceiling):
            assert any("jumps past" in n for n in r.notes), (out, c.name, r.message)
            continue  # a staircase can step over the target
        assert r.solutions, (out, c.name, r.message)
        for x in r.solutions:
            back = engine_value(g, out, {c.name: x * c.unit.factor})
            assert back == pytest.approx(y1, rel=1e-6, abs=1e-9 * abs(y1)), (out, c.name, x, r.method)
        assert any(x == pytest.approx(x1, rel=1e-6) for x in r.solutions) or len(r.solutions) >= 1
    assert m.overrides() == {}


PRODUCT = [
    ("w", Input(3.0e21, "FLOP", doc="work")),
    ("n", Input(64, "GPU", doc="gpus", lo=1, integer=True)),
    ("rate", Input(300, "TFLOP/s", doc="peak per gpu")),
    ("eta", Input(0.5, "1", doc="utilisation", hi=1, strict_lo=True)),
    ("days", Calc("w / (n * rate * eta)", "day", doc="days")),
    ("limit", Input(30, "day", doc="limit")),
    ("verdict", Verdict({"fast": "days < limit"}, otherwise="slow", doc="v")),
]


def test_closed_form_with_units_and_whole_number_note():
    m = Model(tiny_graph(PRODUCT))
    r = solve(m, "t.days", "48 h", "t.n")
    want = 3.0e21 / (300e12 * 0.5 * 2 * 86400)  # 115.74 GPUs for two days
    assert r.method == "symbolic" and r.value == pytest.approx(want) and r.unit == "GPU"
    assert r.formula.startswith(r"\mathrm{t.n} = ") and r"\mathrm{t.days}" in r.formula
    assert r.target == pytest.approx(2.0) and r.output_unit == "day"
    assert any("whole number" in n and "115" in n and "116" in n for n in r.notes)
    assert m.overrides() == {}


def test_no_solution_within_bounds_says_what_the_output_covers():
    m = Model(tiny_graph(PRODUCT))
    r = solve(m, "t.days", 0.1, "t.eta")  # would need eta = 11.6
    assert r.value is None and r.solutions == []
    assert "No value of 't.eta' within its bounds [0, 1]" in r.message and "goes from" in r.message


def test_several_solutions_are_all_reported():
    # y = (x - 3)^2 : y = 1 at x = 2 and x = 4 (closed form)
    g = tiny_graph([("x", Input(3.5, "1", doc="x", lo=None)), ("y", Calc("(x - 3) ** 2", "1", doc="y"))])
    r = solve(Model(g), "t.y", 1, "t.x")
    assert r.method == "symbolic" and r.solutions == pytest.approx([2.0, 4.0]) and r.value == pytest.approx(4.0)
    assert any("2 values" in n for n in r.notes)


def test_kinked_output_uses_bracketed_roots():
    # y = Max(x, 10 - x): y = 7 at x = 3 and x = 7
    g = tiny_graph([("x", Input(4.0, "1", doc="x", hi=20)), ("y", Calc("Max(x, 10 - x)", "1", doc="y"))])
    r = solve(Model(g), "t.y", 7, "t.x")
    assert r.method == "numeric" and r.formula is None
    assert r.solutions == pytest.approx([3.0, 7.0], rel=1e-9)


def test_a_step_is_reported_as_a_jump_not_a_root():
    g = tiny_graph([("x", Input(1.2, "1", doc="x", hi=10)), ("y", Calc("ceiling(x)", "1", doc="y"))])
    r = solve(Model(g), "t.y", 2.5, "t.x")
    assert r.value is None and any("jumps past 2.5" in n and "≈ 2" in n for n in r.notes)


def test_linked_input_can_be_solved_for():
    g = tiny_graph([("a", Input(2.0, "s", doc="a")), ("b", Input(link="t.a", unit="s", doc="b")),
                    ("sq", Calc("b * b", "s^2", doc="sq"))])
    r = solve(Model(g), "t.sq", 9, "t.b")
    assert r.value == pytest.approx(3.0)


@pytest.mark.parametrize("output, target, inp, rule, text", [
    ("t.days", "10", "t.verdict", "not an input", "needs an input, but 't.verdict' is a verdict"),
    ("t.days", "10 GB", "t.n", "wrong dimension", "The target for 't.days' is in day ([time]); '10 GB' has dimension [information]"),
    ("t.days", "ten", "t.n", "not a number", "The target for 't.days' needs a number, optionally with a unit"),
    ("t.dayz", "10", "t.n", "unknown cell", "did you mean 't.days'"),
    ("t.days", "10", "t.limit", "not upstream", "does not depend on 't.limit'"),
    ("t.verdict", "1", "t.n", "verdict", "is a verdict"),
    ("t.n", "1", "t.w", "not an output", "is an input"),
])
def test_bad_requests_get_clear_errors(output, target, inp, rule, text):
    m = Model(tiny_graph(PRODUCT))
    with pytest.raises(InputError) as e:
        solve(m, output, target, inp)
    assert e.value.rule == rule and text in str(e.value)
    assert m.overrides() == {}


def test_p01_n_gpus_for_ten_days_by_hand():
    g = default_graph()
    m = Model(g)
    live = set(m.upstream_inputs("p01.days_base"))  # through p01.gpu: the chosen A100's cells only
    need = [g.cells[i].name for i in free_inputs(g, "p01.days_base")
            if g.cells[i].name in live and g.cells[i].choice is None]
    assert sorted(need) == sorted(["model_gpt3.training_ops", "gpu_a100.peak_fp16_tensor", "p01.n_gpus",
                                   "p01.eta_base", "cal.seconds_per_day"])
    v = {n: m.si_value(n) for n in need}
    # days_base = ops / (n * peak * eta) / seconds_per_day; in base units 10 days are 864,000 s
    # and seconds_per_day (s/day) is the pure number 1
    want = v["model_gpt3.training_ops"] / (v["gpu_a100.peak_fp16_tensor"] * v["p01.eta_base"] * 864_000
                                           * v["cal.seconds_per_day"])
    r = solve(m, "p01.days_base", "10 day", "p01.n_gpus")
    assert r.method == "symbolic" and r.value == pytest.approx(want)
