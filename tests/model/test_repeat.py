"""Repeat: rows of cells declared once, named with each row's suffix, built like hand-written cells."""

import types

import pytest

from model import Calc, Input, Model, Repeat, Row, Verdict, build_graph, sheet_from_module


def _module(**attrs) -> types.ModuleType:
    mod = types.ModuleType("rows_demo")
    mod.__doc__ = "Rows demo.\n\nA question."
    for k, v in attrs.items():
        setattr(mod, k, v)
    return mod


ROWS = [Row("b1", n=1, t=2.0), Row("b4", n=4, t=5.0)]


def test_rows_expand_in_place_with_suffixes_and_formatted_text():
    mod = _module(
        rate=Input(10, "1/s", doc="a rate"),
        table=Repeat(ROWS, size=lambda r: Input(r.n, "1", doc=f"size {r.n}"),
                     time=lambda r: Input(r.t, "s")),
        per=Repeat(ROWS, speed=Calc("size_{k} / time_{k}", "1/s", doc="speed at {n}"),
                   gain=Calc("speed_{k} / speed_b1", "1"),
                   fast=Verdict({"fast at {n}": "speed_{k} > rate"}, otherwise="slow")),
        tail=Calc("speed_b4 - speed_b1", "1/s"),
    )
    sd = sheet_from_module(mod, "rows")
    assert [n for n, _ in sd.cells] == ["rate", "size_b1", "time_b1", "size_b4", "time_b4", "speed_b1", "gain_b1",
                                        "fast_b1", "speed_b4", "gain_b4", "fast_b4", "tail"]
    decls = dict(sd.cells)
    assert decls["speed_b4"].formula == "size_b4 / time_b4" and decls["speed_b4"].doc == "speed at 4"
    assert decls["fast_b4"].labels == ("fast at 4", "slow")
    assert len({id(d) for d in decls.values()}) == len(decls)  # a fresh declaration per cell
    m = Model(build_graph([sd], check_unused=False))
    # by hand: speed_b1 = 1/2 = 0.5, speed_b4 = 4/5 = 0.8; gain_b4 = 0.8/0.5 = 1.6
    assert m.value("rows.speed_b1") == 0.5 and m.value("rows.speed_b4") == 0.8
    assert m.value("rows.gain_b4") == pytest.approx(1.6) and m.value("rows.tail") == pytest.approx(0.3)
    m.set("rows.rate", 0.6)
    assert m.value("rows.fast_b4") == "fast at 4" and m.value("rows.fast_b1") == "slow"


def test_a_template_naming_a_missing_row_value_is_a_clear_error():
    with pytest.raises(ValueError, match=r"Repeated cell 'speed_b1' uses 'width', which row 'b1' does not define"):
        list(Repeat(ROWS, speed=Calc("size_{k} / {width}", "1")).expand())


def test_p40_rows_are_the_cells_it_always_had():
    from sheets import default_graph

    g = default_graph()
    for k in ("b1", "b4", "b8", "b16", "b32"):
        for base in ("batch", "latency", "util", "gpu_throughput", "per_request", "worst_latency", "service_throughput",
                     "fill_time", "gain", "raw_gain", "ok", "verdict_slo"):
            assert f"p40.{base}_{k}" in g.index
    assert g.cell("p40.gain_b8").formula == "p40.service_throughput_b8 / p40.service_throughput_b1"
    assert g.cell("p40.ok_b1").formula == "if_(p40.worst_latency_b1 <= p40.latency_slo, 1, 0)"
