"""Sweeps: vectorised values equal the engine at the same points; grids, labels, bad requests."""

import math

import numpy as np
import pandas as pd
import pytest
from analysis_helpers import engine_value, sheet_outputs, tiny_graph

from model import Calc, Input, InputError, Model, Verdict, initial_values
from model.analysis.compose import free_inputs
from model.analysis.sweep import Axis, parse_axis, sweep
from sheets import default_graph

# sheets with something to sweep (spec sheets of plain inputs have nothing)
SHEETS = [s for s in sorted(default_graph().sheets) if sheet_outputs(default_graph(), s, limit=4, verdicts=True)]


@pytest.mark.parametrize("sheet", SHEETS)
def test_sweep_matches_engine_pointwise(sheet):
    g = default_graph()
    m = Model(g)
    outs = sheet_outputs(g, sheet, limit=4, verdicts=True)
    for out in outs:
        leaves = [g.cells[i] for i in free_inputs(g, out) if initial_values(g)[i] > 0]
        if not leaves:
            continue
        c = leaves[len(leaves) // 2]
        x0 = initial_values(g)[c.index] / c.unit.factor
        lo, hi = x0 * 0.5, x0 * 1.5
        if c.decl.hi is not None:
            hi = min(hi, c.decl.hi)
        if c.decl.lo is not None:
            lo = max(lo, c.decl.lo + (1e-9 if c.decl.strict_lo else 0))
        if c.decl.integer:
            lo, hi = math.ceil(lo), math.floor(hi)
        if not lo < hi:
            continue
        df = sweep(m, out, Axis(c.name, lo, hi, 7))
        assert list(df.columns) == [c.name, out]
        oc = g.cell(out)
        finite = [abs(v) for v in df[out] if isinstance(v, float) and math.isfinite(v)]
        scale = max(finite or [1.0])  # rounding left by a cancellation is relative to this
        for x, y in df.itertuples(index=False, name=None):
            want = engine_value(g, out, {c.name: x * c.unit.factor})
            if oc.kind.value == "verdict":
                assert y == (oc.labels[int(want)] if math.isfinite(want) else None), (out, x)
            elif math.isfinite(want):
                assert y == pytest.approx(want / oc.unit.factor, rel=1e-9, abs=1e-12 * scale), (out, x)
            else:
                assert math.isnan(y), (out, x)
    assert m.overrides() == {}


ROOFLINE = [
    ("ops", Input(4.0, "GFLOP", doc="ops")), ("peak", Input(100, "TFLOP/s", doc="peak")),
    ("nbytes", Input(50, "MB", doc="bytes")), ("bw", Input(1000, "GB/s", doc="bw")),
    ("batch", Input(8, "sample", doc="batch", lo=1, integer=True)),
    ("t_c", Calc("batch * ops / peak", "ms", doc="compute")), ("t_m", Calc("nbytes / bw", "ms", doc="memory")),
    ("lat", Calc("Max(t_c, t_m)", "ms", doc="latency")),
    ("bound", Verdict({"memory-bound": "t_m > t_c"}, otherwise="compute-bound", doc="what limits")),
]


def test_one_axis_by_hand_with_units_in_the_ends():
    m = Model(tiny_graph(ROOFLINE))
    df = sweep(m, "t.lat", Axis("t.bw", "0.5 TB/s", "2 TB/s", 4))
    assert df["t.bw"].tolist() == pytest.approx([500, 1000, 1500, 2000])
    # lat = max(8 * 4e9 / 100e12, 50e6 / bw) = max(0.32 ms, 0.1, 0.05, 0.033, 0.025 ms)
    assert df["t.lat"].tolist() == pytest.approx([0.32, 0.32, 0.32, 0.32])
    df = sweep(m, "t.lat", Axis("t.bw", 50, 200, 4))
    assert df["t.lat"].tolist() == pytest.approx([1.0, 0.5, 1 / 3, 0.32])
    assert df.attrs["units"] == {"t.bw": "GB/s", "t.lat": "ms"}


def test_two_axes_give_a_long_form_regime_map():
    m = Model(tiny_graph(ROOFLINE))
    df = sweep(m, "t.bound", Axis("t.batch", 1, 4, 4), Axis("t.bw", 100, 1000, 2))
    assert list(df.columns) == ["t.batch", "t.bw", "t.bound"] and len(df) == 8
    assert df["t.batch"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    # t_m = 0.5 ms at 100 GB/s, 0.05 ms at 1000 GB/s; t_c = 0.04 ms per sample
    want = ["memory-bound", "memory-bound", "memory-bound", "compute-bound",
            "memory-bound", "compute-bound", "memory-bound", "compute-bound"]
    assert df["t.bound"].tolist() == want


def test_whole_number_axis_is_rounded_and_log_spacing():
    m = Model(tiny_graph(ROOFLINE))
    assert sweep(m, "t.t_c", Axis("t.batch", 1, 3, 10))["t.batch"].tolist() == [1, 2, 3]
    xs = sweep(m, "t.t_m", Axis("t.bw", 10, 1000, 3, log=True))["t.bw"].tolist()
    assert xs == pytest.approx([10, 100, 1000])


def test_failing_points_are_nan():
    g = tiny_graph([("x", Input(1.0, "1", doc="x", lo=None)), ("inv", Calc("1 / x", "1", doc="inv"))])
    df = sweep(Model(g), "t.inv", Axis("t.x", -1, 1, 3))
    assert df["t.inv"].tolist()[0] == -1 and math.isnan(df["t.inv"].tolist()[1])


def test_parse_axis():
    assert parse_axis("p01.n_gpus=256:4096:16") == Axis("p01.n_gpus", "256", "4096", 16)
    assert parse_axis("gpu.bw=1 TB/s:2 TB/s", log=True) == Axis("gpu.bw", "1 TB/s", "2 TB/s", 101, True)
    for bad in ("p01.n_gpus", "p01.n_gpus=1", "p01.n_gpus=1:2:x", "=1:2"):
        with pytest.raises(InputError):
            parse_axis(bad)


@pytest.mark.parametrize("output, axis, rule, text", [
    ("t.lat", Axis("t.bw", 100, 100, 5), "empty range", "is empty: LO 100 GB/s must be below HI 100 GB/s"),
    ("t.lat", Axis("t.bw", 200, 100, 5), "empty range", "is empty"),
    ("t.lat", Axis("t.bw", 100, 200, 1), "bad axis", "at least 2 points"),
    ("t.lat", Axis("t.bw", -1, 200, 5), "below lower bound", "must be at least 0"),
    ("t.lat", Axis("t.bw", "1 s", 200, 5), "wrong dimension", "is in GB/s"),
    ("t.lat", Axis("t.t_m", 1, 2, 5), "not an input", "needs an input"),
    ("t.t_m", Axis("t.peak", 1, 2, 5), "not upstream", "does not depend on 't.peak'"),
    ("t.latt", Axis("t.bw", 1, 2, 5), "unknown cell", "did you mean 't.lat'"),
    ("t.lat", Axis("t.bw", 0, 2, 5, log=True), "bad axis", "needs LO above 0"),
])
def test_bad_requests_get_clear_errors(output, axis, rule, text):
    m = Model(tiny_graph(ROOFLINE))
    with pytest.raises(InputError) as e:
        sweep(m, output, axis)
    assert e.value.rule == rule and text in str(e.value)


def test_million_points_return_a_dataframe():
    m = Model(tiny_graph(ROOFLINE))
    df = sweep(m, "t.lat", Axis("t.bw", 10, 10_000, 1_000_000))
    assert isinstance(df, pd.DataFrame) and len(df) == 1_000_000
    assert np.all(np.diff(df["t.lat"].to_numpy()) <= 0)
