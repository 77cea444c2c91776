"""The Sensitivity and Regimes cards and the regime marks on the Sweep chart, as Panel objects
(outside a server session the heavy cards compute inline, so results are there on return)."""

from __future__ import annotations

import html
import re

import pytest

from dashboards.app import create_app
from model import Kind, Model
from model.analysis.regimes import has_switch, regimes
from model.analysis.sensitivity import sensitivity
from sheets import default_graph

GRAPH = default_graph()
SHEETS = list(GRAPH.sheets)
# p03 by hand: compute-bound once 25.6e6 params x 2 B / BW <= 4.1 GFLOP / 312 TFLOP/s
BW_BOUNDARY_GBPS = 25.6e6 * 2 * 312e12 / 4.1e9 / 1e9  # 3,896.2 GB/s


def plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_tornado_bars_are_the_sensitivity_ends_for_p01_days_base():
    app = create_app(GRAPH, query={"sheet": "p01"})
    app.show_trace("p01.days_base")
    ins = app
    assert ins.sensitivity.output == "p01.days_base"
    s = sensitivity(Model(GRAPH), "p01.days_base")
    data = ins.sensitivity.chart.source.data
    by_name = {n: (lo, hi) for n, lo, hi in zip(data["name"], data["y_low"], data["y_high"], strict=True)}
    assert set(by_name) == {i.name for i in s.inputs}
    for i in s.inputs:
        assert by_name[i.name] == (pytest.approx(i.y_low, rel=1e-12), pytest.approx(i.y_high, rel=1e-12))
    assert data["centre"] == [pytest.approx(s.value)] * len(s.inputs)
    assert ins.sensitivity.chart.centre.location == pytest.approx(s.value)
    # sorted by swing: the top bar (last factor on a categorical axis) swings most
    swings = [abs(hi - lo) for lo, hi in zip(data["y_low"], data["y_high"], strict=True)]
    assert swings == sorted(swings)
    # days = ops / (n x peak x eta) / 86,400: elasticity -1 in n_gpus; table shows it with its unit
    table = plain(ins.sensitivity.table.object)
    n = next(i for i in s.inputs if i.name == "p01.n_gpus")
    assert n.elasticity == pytest.approx(-1.0)
    assert "day/GPU" in table and "n_gpus" in table
    by_hand = -3.14e23 / (1024 ** 2 * 312e12 * 0.45) / 86400
    assert n.derivative == pytest.approx(by_hand, rel=1e-9)


def test_default_selection_and_regimes_for_p03_verdict_gpu():
    app = create_app(GRAPH, query={"sheet": "p03"})
    ins = app
    assert ins.sensitivity.output == "p03.t_memory_gpu"  # the first verdict's first calc parent
    assert ins.regimes.cell == "p03.verdict_gpu"
    view = ins.regimes.view
    sw = view["switches"][0]
    assert sw["kind"] == "verdict" and sw["active"] == "memory-bound"
    bw = next(b for b in sw["boundaries"] if b["input"] == "gpu_a100.mem_bw")
    assert bw["value"] == pytest.approx(BW_BOUNDARY_GBPS, rel=1e-9)
    assert bw["unit"] == "GB/s" and bw["side"] == "below"  # 2,039 GB/s today
    shown = plain(ins.regimes.html.object)
    assert "3,896 GB/s" in shown and "below it" in shown and "memory-bound" in shown
    assert "1. Threshold:" in shown  # each group is numbered and names its threshold
    assert r"\mathrm{gpu\_a100.mem\_bw} = \frac" in ins.regimes.latex.object
    # the margin is t_memory / t_compute, by hand
    assert sw["margin"] == pytest.approx((25.6e6 * 2 / 2039e9) / (4.1e9 / 312e12), rel=1e-9)


def test_sweep_marks_the_bandwidth_at_which_p03_turns_compute_bound():
    app = create_app(GRAPH, query={"sheet": "p03"})
    app.sweep.input.value = "gpu_a100.mem_bw"
    marks = app.sweep.marks.marks
    assert [m["value"] for m in marks] == [pytest.approx(BW_BOUNDARY_GBPS, rel=1e-9)]
    spans = [s for s in app.sweep.marks.spans if s.visible]
    assert [s.location for s in spans] == [pytest.approx(BW_BOUNDARY_GBPS, rel=1e-9)]
    assert spans[0] in app.sweep.chart.fig.center
    assert app.sweep.chart.today.data["text"] == ["today: 2,039 GB/s"]  # the dashed line is labelled
    xs = app.sweep.chart.source.data["x"]
    assert min(xs) < BW_BOUNDARY_GBPS < max(xs)  # inside the swept range


def test_cards_follow_edits_and_selection():
    app = create_app(GRAPH, query={"sheet": "p03"})
    app.sweep.input.value = "gpu_a100.mem_bw"
    assert app.edit("p03.bytes_per_param_gpu", "4")
    sw = app.regimes.view["switches"][0]
    # with 4 B per weight (an overridden link: now a free input) the boundary bandwidth doubles
    bound = {b["input"]: b["value"] for b in sw["boundaries"]}
    assert bound["gpu_a100.mem_bw"] == pytest.approx(2 * BW_BOUNDARY_GBPS, rel=1e-9)
    assert app.sweep.marks.spans[0].location == pytest.approx(2 * BW_BOUNDARY_GBPS, rel=1e-9)
    t_mem = 25.6e6 * 4 / 2039e9 * 1e3
    assert app.sensitivity.chart.centre.location == pytest.approx(t_mem, rel=1e-12)
    # an edit elsewhere leaves the cards alone
    before = app.sensitivity.chart.source.data
    app.edit("p03.mem_bw_npu", "60")
    assert app.sensitivity.chart.source.data is before
    # selecting another output moves both cards to it
    app.show_trace("p03.latency_gpu")
    assert app.sensitivity.output == "p03.latency_gpu" and app.regimes.cell == "p03.latency_gpu"
    assert app.regimes.view["switches"][0]["kind"] == "max"
    assert app.regimes.view["switches"][0]["active"] == "t_memory_gpu"
    # a verdict selected: sensitivity of the calc it compares, regimes of the verdict
    app.show_trace("p03.verdict_npu")
    assert app.sensitivity.output == "p03.t_memory_npu" and app.regimes.cell == "p03.verdict_npu"
    # a calc without a switch: a single regime, said in words
    app.show_trace("p03.weight_bytes_gpu")
    assert app.regimes.view is None
    assert "single regime" in plain(app.regimes.html.object)


def test_bad_edit_keeps_the_cards():
    app = create_app(GRAPH, query={"sheet": "p03"})
    before = app.regimes.html.object
    assert not app.edit("p03.bytes_per_param_gpu", "-3")
    assert app.regimes.html.object == before


@pytest.mark.parametrize("sid", SHEETS)
def test_every_sheet_gets_cards_from_the_model(sid):
    app = create_app(GRAPH, query={"sheet": sid})
    ins = app
    cells = GRAPH.sheet_cells(sid)
    assert not ins.sensitivity.problem.visible and not ins.regimes.problem.visible and not app.sweep.problem.visible
    if ins.sensitivity.output is None:
        assert not any(c.kind is Kind.CALC for c in cells)
    else:
        out = ins.sensitivity.output
        assert GRAPH.cell(out).kind is Kind.CALC and GRAPH.cell(out).sheet == sid
        view = ins.sensitivity.view
        if view is not None:
            assert len(ins.sensitivity.chart.source.data["name"]) == min(len(view["bars"]), 12)
    cell = ins.regimes.cell
    if cell is not None and has_switch(GRAPH.cell(cell)) and ins.regimes.view is not None:
        r = regimes(app.model, cell)
        assert [s["kind"] for s in ins.regimes.view["switches"]] == [s.kind for s in r.switches]


def test_regimes_are_redone_on_every_edit_whatever_they_took_last_time(monkeypatch):
    """Whether the Regimes card refreshes never depends on how long it took before."""
    import time

    app = create_app(GRAPH, query={"sheet": "p03"})
    real = app.regimes.compute

    def slow(*a):
        time.sleep(0.4)
        return real(*a)

    monkeypatch.setattr(app.regimes, "compute", slow)
    app.edit("p03.bytes_per_param_gpu", "4")
    n = app.regimes.computes
    app.edit("p03.bytes_per_param_gpu", "8")
    assert app.regimes.computes == n + 1
    bound = {b["input"]: b["value"] for b in app.regimes.view["switches"][0]["boundaries"]}
    assert bound["gpu_a100.mem_bw"] == pytest.approx(4 * BW_BOUNDARY_GBPS, rel=1e-9)


def test_sweep_defaults_are_not_flat_and_pick_the_main_ridge():
    p34 = create_app(GRAPH, query={"sheet": "p34"})
    ys = [y for y in p34.sweep.chart.source.data["y"] if y is not None]
    assert len(ys) > 2 and max(ys) > min(ys)
    a100 = create_app(GRAPH, query={"sheet": "gpu_a100"})
    assert a100.sweep.choice[0] == "gpu_a100.ridge_fp16"
