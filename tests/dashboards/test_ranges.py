"""Ranges in a box: `3000 to 5000` on an input makes it uncertain; results show P5–P95 bands and
verdicts the probability of each answer, live, and the range travels in the link, the scenario
file and the workbook's Ranges sheet.

Hand values (p03, A100 column): the weights are 25.6e6 x 2 B = 51.2 MB and compute takes
4.1 GFLOP / 312 TFLOP/s = 0.013141 ms, so the GPU is compute-bound when the bandwidth exceeds
51.2e6 x 312e12 / 4.1e9 = 3,896.2 GB/s. With the bandwidth uniform on 3,000-5,000 GB/s:
P(compute-bound) = (5000 - 3896.2) / 2000 = 0.552; t_memory = 51.2e6 / bw has P5 = 51.2e6 /
4900e9 = 0.010449 ms, P50 = 51.2e6 / 4000e9 = 0.0128 ms, P95 = 51.2e6 / 3100e9 = 0.016516 ms;
latency = max(t_compute, t_memory) has P5 = P50 = 0.013141 ms (compute-bound in over half the
samples) and P95 = 0.016516 ms.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from dashboards.app import create_app
from dashboards.cards.results import band, percent
from dashboards.session import Session
from model import InputError
from model.analysis import Distribution, parse_range, range_spec, scenario_from_bytes
from sheets import default_graph

GRAPH = default_graph()
T_COMPUTE = 4.1e9 / 312e12 * 1e3
P_COMPUTE = (5000 - 51.2e6 * 312e12 / 4.1e9 / 1e9) / 2000


@pytest.mark.parametrize("text, want", [
    ("300 to 400", ("uniform", "300", "400")),
    ("300..400", ("uniform", "300", "400")),
    ("300 … 400", ("uniform", "300", "400")),
    ("1.5 to 2 TB/s", ("uniform", "1.5 TB/s", "2 TB/s")),  # the high end's unit applies to a bare low end
    ("1.5 TB/s to 2000 GB/s", ("uniform", "1.5 TB/s", "2000 GB/s")),
    ("0.4 TO 0.6", ("uniform", "0.4", "0.6")),
    ("triangular:1:2:4", "triangular:1:2:4"),
    ("300", None), ("=2*1024", None), ("4 to", None), ("to 5", None), ("100 tokens", None), ("", None),
])
def test_a_range_is_read_from_what_people_type(text, want):
    assert range_spec(text) == want


def test_range_ends_are_validated_like_any_value():
    from model import Model

    m = Model(GRAPH)
    d = parse_range(m, "p03.mem_bw_gpu", range_spec("1.5 to 2 TB/s"))
    assert d == Distribution("uniform", (1500.0, 2000.0)) and d.center() == 1750 and d.box_text() == "1500 to 2000"
    for bad, rule in (("5 to 3", "empty range"), ("-1 to 3", None), ("1 to 3 s", None)):
        with pytest.raises(InputError) as exc:
            parse_range(m, "p03.mem_bw_gpu", range_spec(bad))
        assert rule is None or exc.value.rule == rule


def _p03(query=None) -> Session:
    return Session(GRAPH, query={"sheet": "p03", **(query or {})})


def test_a_range_gives_bands_and_answer_probabilities_worked_by_hand():
    s = _p03()
    assert s.edit("p03.mem_bw_gpu", "3000 to 5000")
    assert s.model.value("p03.mem_bw_gpu") == 4000  # the point value is the range's middle
    st = s.mc.stats
    assert st["p03.verdict_gpu"].probabilities["compute-bound"] == pytest.approx(P_COMPUTE, abs=0.03)
    t = st["p03.t_memory_gpu"]
    assert (t.p5, t.p50, t.p95) == pytest.approx((51.2e6 / 4900e9 * 1e3, 0.0128, 51.2e6 / 3100e9 * 1e3), rel=0.02)
    lat = st["p03.latency_gpu"]
    assert lat.p5 == pytest.approx(T_COMPUTE, rel=1e-12) and lat.p50 == pytest.approx(T_COMPUTE, rel=1e-12)
    assert lat.p95 == pytest.approx(51.2e6 / 3100e9 * 1e3, rel=0.02)
    assert "p03.npu" not in st and "p03.verdict_npu" not in st  # the NPU column does not read the GPU bandwidth


def test_results_card_shows_the_band_and_the_odds():
    app = create_app(GRAPH, query={"sheet": "p03"})
    app.rows["p03.mem_bw_gpu"].widget.value = "3000 to 5000"
    rows = {r["name"]: r for r in app.outputs.rows}
    text = rows["p03.t_memory_gpu"]["band"]
    assert text.startswith("P5–P95 ")
    lo, hi = (float(x) for x in text.removeprefix("P5–P95 ").split(" – "))
    assert (lo, hi) == pytest.approx((51.2e6 / 4900e9 * 1e3, 51.2e6 / 3100e9 * 1e3), rel=0.02)
    verdict = rows["p03.verdict_gpu"]["band"]
    assert verdict.startswith("compute-bound 5") and "memory-bound 4" in verdict
    assert rows["p03.t_compute_gpu"]["band"] == ""  # does not depend on the bandwidth
    assert rows["p03.verdict_npu"]["band"] == ""
    w = app.rows["p03.mem_bw_gpu"]
    assert w.widget.value == "3000 to 5000" and "ranged" in w.widget.css_classes
    assert "range (uniform) 3,000 … 5,000" in w.foot and "4,000" in w.foot
    # a plain value typed over the range removes it, and the bands go
    w.widget.value = "2500"
    rows = {r["name"]: r for r in app.outputs.rows}
    assert app.session.ranges == {} and rows["p03.t_memory_gpu"]["band"] == ""
    assert "ranged" not in w.widget.css_classes


def test_percent_and_band_text():
    assert [percent(p) for p in (0, 0.001, 0.5, 0.999, 1)] == ["0%", "<1%", "50%", ">99%", "100%"]
    assert band(None, 10) == ("", "")


def test_a_refused_range_changes_nothing():
    s = _p03()
    s.edit("p03.mem_bw_gpu", "3000 to 5000")
    before = (s.model.overrides(), dict(s.ranges))
    assert not s.edit("p03.mem_bw_gpu", "5000 to 3000")
    assert (s.model.overrides(), s.ranges) == before
    assert "empty" in s.rejected["p03.mem_bw_gpu"][1]


def test_undo_and_redo_restore_ranges_too():
    s = _p03()
    s.edit("p03.mem_bw_gpu", "3000 to 5000")
    s.edit("p03.mem_bw_gpu", "3000 to 6000")  # the same kind of edit, a wider range
    wide = s.mc.stats["p03.verdict_gpu"].probabilities["compute-bound"]
    assert wide == pytest.approx((6000 - 3896.2) / 3000, abs=0.03)
    s.undo()
    assert s.ranges["p03.mem_bw_gpu"].params == (3000, 5000)
    assert s.mc.stats["p03.verdict_gpu"].probabilities["compute-bound"] == pytest.approx(P_COMPUTE, abs=0.03)
    s.undo()
    assert s.ranges == {} and s.mc is None and s.model.overrides() == {}
    s.redo()
    assert s.ranges["p03.mem_bw_gpu"].params == (3000, 5000) and s.mc is not None
    s.reset(["p03.mem_bw_gpu"])
    assert s.ranges == {} and s.mc is None


def test_the_range_travels_in_the_link():
    s = _p03()
    s.edit("p03.mem_bw_gpu", "3000 to 5000")
    assert "p03.mem_bw_gpu=3000..5000" in s.link
    from urllib.parse import parse_qsl

    again = Session(GRAPH, query=dict(parse_qsl(s.link.lstrip("?"))))
    assert again.ranges == s.ranges and again.model.overrides() == s.model.overrides()
    assert again.mc.stats == s.mc.stats  # the same seed: the very same bands
    bad = Session(GRAPH, query={"sheet": "p03", "p03.mem_bw_gpu": "5..3"})
    assert bad.ranges == {} and bad.model.overrides() == {} and "empty" in " ".join(bad.problems)


def test_the_range_travels_in_the_scenario_file():
    s = _p03()
    s.edit("p03.mem_bw_gpu", "3000 to 5000")
    s.edit("p03.bytes_per_param_gpu", "2")
    data = s.scenario_bytes()
    assert json.loads(data)["ranges"] == {"p03.mem_bw_gpu": "uniform:3000:5000"}
    other = _p03()
    assert other.load_scenario(data)
    assert other.ranges == s.ranges and other.model.overrides() == s.model.overrides()
    assert "1 range" in other.notice[1]
    bad = json.loads(data)
    bad["ranges"]["p03.mem_bw_gpu"] = "uniform:5000:3000"
    assert not other.load_scenario(json.dumps(bad))
    assert other.ranges == s.ranges and "Nothing was applied" in other.notice[1]
    with pytest.raises(InputError):
        scenario_from_bytes(GRAPH, json.dumps({**bad, "ranges": {"p03.mem_bw_gpu": 3}}))


def test_the_workbook_download_carries_the_ranges_sheet():
    app = create_app(GRAPH, query={"sheet": "p03", "p03.mem_bw_gpu": "3000..5000"})
    wb = openpyxl.load_workbook(io.BytesIO(app.workbook_bytes().read()), data_only=True)
    assert "Ranges" in wb.sheetnames
    text = " ".join(str(c.value) for row in wb["Ranges"].iter_rows() for c in row if c.value is not None)
    assert "p03.mem_bw_gpu" in text and "uniform" in text


def test_every_input_takes_a_range_from_its_bound_or_zero_without_a_traceback():
    """For every input of every sheet: a range from its lower bound (or 0) to its upper bound (or
    twice its value) is either taken, with bands for its sheet, or refused with InputError."""
    from dashboards.cards.results import output_row
    from model import Kind

    s = Session(GRAPH)
    cases = 0
    for c in GRAPH.cells:
        if c.kind is not Kind.INPUT or c.choice is not None:
            continue
        d = c.decl
        hi = d.hi if d.hi is not None else abs(s.model.value(c.name)) * 2 + 1
        for lo in {d.lo if d.lo is not None else 0, 0}:
            cases += 1
            if not s.edit(c.name, f"{lo} to {hi}"):  # refused only for a low end its bound forbids
                assert lo == 0 and d.lo is not None and (d.lo > 0 or d.strict_lo), s.rejected[c.name]
            elif c.decl.integer:
                assert s.model.value(c.name) == round(s.model.value(c.name))
            for cc in GRAPH.sheet_cells(c.sheet):
                if cc.kind is not Kind.INPUT:
                    output_row(s.model, cc, s.mc)
            s.reset()
    assert cases > 900


def test_ranges_read_back_exactly_from_the_box_the_link_and_the_scenario():
    """Any uniform range an input accepts is written (box text, link text, scenario spec) and read
    back to the very same floats: no digits lost on the way."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from model import Model

    m = Model(GRAPH)
    name = "p03.mem_bw_gpu"

    @settings(max_examples=300, deadline=None)
    @given(st.floats(min_value=0, max_value=1e15, allow_nan=False), st.floats(min_value=1e-9, max_value=1e15))
    def check(lo, width):
        hi = lo + width
        if not lo < hi:
            return
        d = parse_range(m, name, ("uniform", repr(lo), repr(hi)))
        assert d.params == (lo, hi)
        for text in (d.box_text(), d.box_text(".."), d.text()):
            assert parse_range(m, name, range_spec(text)) == d

    check()
