"""Monte Carlo percentiles against closed forms; verdict probabilities; seeds; range validation."""

import math

import numpy as np
import pytest
from analysis_helpers import tiny_graph

from model import Calc, Input, InputError, Model, Verdict, initial_values
from model.analysis.montecarlo import Distribution, monte_carlo, parse_range, percentile_rows
from sheets import default_graph

Z95 = 1.6448536269514722

# prod = a * b ; total = u + d ; lg = log(u - 0.5) ; verdict: "big" if u > 0.7
CELLS = [
    ("a", Input(2.0, "TFLOP/s", doc="a")),
    ("b", Input(3.0, "s", doc="b")),
    ("u", Input(0.5, "1", doc="u", hi=1)),
    ("d", Input(0.5, "1", doc="d", hi=1)),
    ("n", Input(4, "GPU", doc="n", lo=1, integer=True)),
    ("prod", Calc("a * b", "TFLOP", doc="product")),
    ("total", Calc("u + d", "1", doc="sum")),
    ("lg", Calc("log(u - 0.5)", "1", doc="log")),
    ("per_gpu", Calc("a / n", "TFLOP/s", doc="per gpu")),
    ("limit", Input(0.7, "1", doc="limit")),
    ("big", Verdict({"big": "u > limit"}, otherwise="small", doc="is u big")),
]


def _model():
    return Model(tiny_graph(CELLS))


def test_product_of_lognormals_matches_closed_form():
    # ln(prod) ~ N(ln(m1 m2), s1^2 + s2^2): percentiles are m1 m2 exp(±1.645 sqrt(s1^2 + s2^2))
    r = monte_carlo(_model(), {"t.a": "lognormal:2:0.3", "t.b": ("lognormal", 3, 0.4)}, n=400_000, seed=7)
    s = r.stats["t.prod"]
    sig = math.hypot(0.3, 0.4)
    assert s.unit == "TFLOP" and s.valid == 1.0
    assert s.p50 == pytest.approx(6.0, rel=0.01)
    assert s.p5 == pytest.approx(6.0 * math.exp(-Z95 * sig), rel=0.01)
    assert s.p95 == pytest.approx(6.0 * math.exp(Z95 * sig), rel=0.01)
    assert s.mean == pytest.approx(6.0 * math.exp(sig ** 2 / 2), rel=0.01)


def test_sum_of_uniforms_is_triangular():
    # u + d with u, d ~ U(0, 1): P5 = sqrt(0.1), P50 = 1, P95 = 2 - sqrt(0.1)
    r = monte_carlo(_model(), {"t.u": "uniform:0:1", "t.d": "uniform:0:1"}, n=400_000, seed=3)
    s = r.stats["t.total"]
    assert (s.p5, s.p50, s.p95) == pytest.approx((math.sqrt(0.1), 1.0, 2 - math.sqrt(0.1)), abs=0.01)


def test_triangular_percentiles_and_verdict_probability():
    # u ~ Tri(0, 0.5, 1): P(u > 0.7) = 0.3^2 / 0.5 = 0.18 ; P5 = sqrt(0.05 * 0.5) = 0.158
    r = monte_carlo(_model(), {"t.u": "triangular:0:0.5:1"}, n=400_000, seed=5)
    assert r.stats["t.u"].p5 == pytest.approx(math.sqrt(0.025), abs=0.005)
    probs = r.stats["t.big"].probabilities
    assert probs["big"] == pytest.approx(0.18, abs=0.005) and probs["small"] == pytest.approx(0.82, abs=0.005)


def test_failing_samples_are_counted_not_fatal():
    r = monte_carlo(_model(), {"t.u": "uniform:0:1"}, n=100_000, seed=1)
    s = r.stats["t.lg"]
    assert s.valid == pytest.approx(0.5, abs=0.01)  # log of a negative for u < 0.5
    assert s.p50 == pytest.approx(math.log(0.25), abs=0.02)  # median of log(U(0, 0.5))


def test_whole_number_input_is_rounded():
    r = monte_carlo(_model(), {"t.n": "uniform:1:3"}, n=10_000, seed=2, keep=["t.n"])
    assert set(np.unique(r.samples["t.n"])) <= {1.0, 2.0, 3.0}


def test_fixed_seed_is_reproducible_and_model_unchanged():
    m = _model()
    spec = {"t.a": "lognormal:2:0.3", "t.u": "triangular:0.2:0.5:0.9"}
    r1 = monte_carlo(m, spec, n=5_000, seed=11)
    r2 = monte_carlo(m, spec, n=5_000, seed=11)
    r3 = monte_carlo(m, spec, n=5_000, seed=12)
    assert r1.to_dict() == r2.to_dict() and r1.to_dict() != r3.to_dict()
    assert m.overrides() == {} and m.value("t.prod") == 6.0


def test_outputs_limit_the_summaries_and_rows_cover_every_cell():
    m = _model()
    r = monte_carlo(m, {"t.a": "uniform:1:3"}, n=1_000, outputs=["t.prod"])
    assert set(r.stats) == {"t.prod"}
    rows = {x["name"]: x for x in percentile_rows(m, r)}
    assert set(rows) == {c.name for c in m.graph.cells}
    assert rows["t.total"]["p5"] == rows["t.total"]["p95"] == 1.0  # not reached: constant
    assert rows["t.big"]["probabilities"] == {"big": 0.0, "small": 1.0}


def test_ranged_linked_input_is_free_and_overridden_link_shields():
    g = tiny_graph([("src", Input(2.0, "1", doc="src")), ("lnk", Input(link="t.src", unit="1", doc="lnk")),
                    ("dbl", Calc("2 * lnk", "1", doc="dbl")), ("tpl", Calc("3 * src", "1", doc="tpl"))])
    m = Model(g)
    r = monte_carlo(m, {"t.lnk": "uniform:1:2"}, n=20_000, seed=0)
    assert r.stats["t.dbl"].p50 == pytest.approx(3.0, abs=0.02) and "t.tpl" not in r.stats
    m.set("t.lnk", 5.0)
    r = monte_carlo(m, {"t.src": "uniform:1:2"}, n=40_000, seed=0)
    assert "t.dbl" not in r.stats and r.stats["t.tpl"].p50 == pytest.approx(4.5, abs=0.05)


@pytest.mark.parametrize("name, spec, rule, text", [
    ("t.u", "uniform:0.8:0.2", "empty range", "is empty: its low 0.8 must be below its high 0.2"),
    ("t.u", "uniform:0.5:0.5", "empty range", "is empty"),
    ("t.u", "uniform:0:2", "above upper bound", "must be at most 1"),
    ("t.u", "triangular:0.1:0.95:0.9", "bad range", "mode 0.95"),
    ("t.u", "normal:0:1", "bad range", "must be uniform:LO:HI, triangular:LO:MODE:HI or lognormal:MEDIAN:SIGMA"),
    ("t.u", "uniform:0", "bad range", "needs LO:HI"),
    ("t.u", "lognormal:0.5:0.2", "range outside bounds", "must stay within [0, 1]"),
    ("t.a", "lognormal:2:-1", "bad range", "must be a positive number"),
    ("t.a", "lognormal:2:x", "bad range", "must be a positive number"),
    ("t.n", "lognormal:4:0.1", "range outside bounds", "spreads over (0, ∞)"),
    ("t.a", "uniform:1 s:2 s", "wrong dimension", "is in TFLOP/s"),
    ("t.prod", "uniform:1:2", "not an input", "needs an input"),
    ("t.aa", "uniform:1:2", "unknown cell", "did you mean 't.a'"),
])
def test_bad_ranges_get_clear_errors(name, spec, rule, text):
    m = _model()
    with pytest.raises(InputError) as e:
        monte_carlo(m, {name: spec}, n=100)
    assert e.value.rule == rule and text in str(e.value)


def test_sample_count_and_empty_ranges_are_refused():
    with pytest.raises(InputError, match="between 2 and"):
        monte_carlo(_model(), {"t.a": "uniform:1:2"}, n=1)
    with pytest.raises(InputError, match="at least one input with a range"):
        monte_carlo(_model(), {}, n=100)


def test_units_in_range_ends_and_tornado_ends():
    m = _model()
    d = parse_range(m, "t.a", "uniform:1000 GFLOP/s:3 TFLOP/s")
    assert d == Distribution("uniform", (1.0, 3.0)) and d.low_high() == (1.0, 3.0)
    lo, hi = parse_range(m, "t.a", "lognormal:2:0.5").low_high()
    assert (lo, hi) == pytest.approx((2 * math.exp(-Z95 * 0.5), 2 * math.exp(Z95 * 0.5)))


def test_whole_model_monte_carlo_runs_and_stays_in_range():
    g = default_graph()
    m = Model(g)
    ranges = {}
    for c in g.cells:
        d = c.decl
        if c.kind.value != "input" or c.link is not None or d.integer or initial_values(g)[c.index] <= 0:
            continue
        x = initial_values(g)[c.index] / c.unit.factor
        if (d.lo is not None and x * 0.95 <= d.lo) or (d.hi is not None and x * 1.05 > d.hi):
            continue
        ranges[c.name] = ("triangular", x * 0.95, x, x * 1.05)
    r = monte_carlo(m, ranges, n=2_000, seed=0)
    for name, s in r.stats.items():
        if s.kind == "verdict":
            assert sum(s.probabilities.values()) == pytest.approx(s.valid), name
        elif s.p50 is not None:
            assert s.p5 <= s.p50 <= s.p95, name
