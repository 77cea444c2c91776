"""The dashboard's Panel-free logic: navigation groups, search, deep links, affected sheets,
roofline detection, scenarios and sweeps."""

from __future__ import annotations

import json

import pytest

from dashboards.logic import (
    affected_sheets,
    apply_scenario,
    css_class,
    link_query,
    parse_query,
    rooflines,
    scenario_bytes,
    search_sheets,
    sheet_groups,
    sweep,
    sweep_range,
)
from model import InputError, Kind, Model, parse_unit
from sheets import default_graph

GRAPH = default_graph()
SHEETS = list(GRAPH.sheets)


def test_css_class_contract():
    assert css_class("p03.batch_size") == "cell-p03--batch_size"
    assert css_class("gpu_a100.mem_bw") == "cell-gpu_a100--mem_bw"


def test_groups_hold_every_sheet_once_with_specs_apart(graph):
    groups = sheet_groups(graph)
    ids = [sid for _, g in groups for sid in g]
    assert sorted(ids) == sorted(graph.sheets)
    assert len(ids) == len(set(ids))
    heading, specs = groups[-1]
    assert heading == "Spec sheets"
    assert set(specs) == {s for s, sd in graph.sheets.items() if sd.kind == "spec"}
    for heading, g in groups[:-1]:
        chapters = {graph.sheets[s].chapter for s in g}
        assert len(chapters) == 1 and heading == f"Chapter {chapters.pop()}"
    numbers = [int(h.split()[1]) for h, _ in groups[:-1] if h.split()[1].isdigit()]
    assert numbers == sorted(numbers)


def test_search_by_id_title_and_cell_name(graph):
    assert "p03" in search_sheets(graph, "p03")
    assert search_sheets(graph, "") == list(graph.sheets)
    assert "p03" in search_sheets(graph, "ResNet-50 ROOFLINE")  # title words, any case
    hits = search_sheets(graph, "intensity_gpu")  # a cell name
    assert "p03" in hits
    for sid in hits:
        assert any("intensity_gpu" in c.name for c in graph.sheet_cells(sid)) or "intensity_gpu" in graph.sheets[sid].title.lower()
    assert search_sheets(graph, "no-such-thing-anywhere") == []


def test_deep_link_round_trip(graph):
    q = link_query("p03", {"gpu_a100.mem_bw": 1500.0, "p03.bytes_per_param_gpu": 4.0}, trace="p03.t_memory_gpu")
    assert q == "?sheet=p03&gpu_a100.mem_bw=1500&p03.bytes_per_param_gpu=4&trace=p03.t_memory_gpu"
    args = {k: [v.encode()] for k, v in (part.split("=", 1) for part in q[1:].split("&"))}
    link = parse_query(graph, args)
    assert link.sheet == "p03"
    assert link.overrides == {"gpu_a100.mem_bw": "1500", "p03.bytes_per_param_gpu": "4"}
    assert link.problems == ()


def test_deep_link_reports_unknown_sheet_and_keys(graph):
    link = parse_query(graph, {"sheet": [b"p3x"], "colour": [b"blue"]})
    assert link.sheet is None
    assert any("Unknown sheet 'p3x'" in p for p in link.problems)
    assert any("'colour'" in p for p in link.problems)


def test_affected_sheets_follow_the_engine(graph):
    m = Model(graph)
    changed = m.set("gpu_a100.mem_bw", "10 TB/s")
    by_sheet = affected_sheets(graph, changed)
    assert "p03" in by_sheet and "gpu_a100" in by_sheet
    assert sorted(n for names in by_sheet.values() for n in names) == sorted(changed)
    # every changed cell is the edited input or downstream of it
    assert set(changed) <= set(m.downstream("gpu_a100.mem_bw")) | {"gpu_a100.mem_bw"}


def test_rooflines_on_p03(graph):
    roofs = rooflines(graph, "p03")
    assert [(r.intensity, r.ridge, r.peak, r.mem_bw) for r in roofs] == [
        ("p03.intensity_gpu", "p03.ridge_gpu", "p03.peak_gpu", "p03.mem_bw_gpu"),
        ("p03.intensity_npu", "p03.ridge_npu", "p03.peak_npu", "p03.mem_bw_npu"),
    ]


@pytest.mark.parametrize("sid", SHEETS)
def test_roofline_rule_is_sound_on_every_sheet(sid):
    want = {"intensity": "FLOP/byte", "ridge": "FLOP/byte", "peak": "FLOP/s", "mem_bw": "byte/s"}
    for roof in rooflines(GRAPH, sid):
        sfx = roof.intensity.split(".", 1)[1][len("intensity"):]
        for field, unit in want.items():
            c = GRAPH.cell(getattr(roof, field))
            assert c.sheet == sid and c.short == field + sfx
            assert c.unit.dims == parse_unit(unit).dims
        assert GRAPH.cell(roof.intensity).kind is Kind.CALC


def test_scenario_round_trip_and_bad_file_changes_nothing(graph):
    a = Model(graph)
    a.set("gpu_a100.mem_bw", "1.5 TB/s")
    a.set("p03.bytes_per_param_gpu", 4)
    data = scenario_bytes(a, "mine")
    assert json.loads(data)["napkin_scenario"] == 1
    b = Model(graph)
    b.set("p01.n_gpus", 2048)  # replaced by the scenario
    apply_scenario(b, data)
    assert b.overrides() == pytest.approx(a.overrides())
    assert b.value("p03.t_memory_gpu") == pytest.approx(a.value("p03.t_memory_gpu"))
    before = b.overrides()
    for bad in (b"not json", b'{"napkin_scenario": 2, "name": "x", "overrides": {}}',
                b'{"napkin_scenario": 1, "name": "x", "overrides": {"p03.bytes_per_param_gpu": -1}}',
                b'{"napkin_scenario": 1, "name": "x", "overrides": {"p03.nope": 1}}'):
        with pytest.raises(InputError) as exc:
            apply_scenario(b, bad, source="Scenario file 'bad.json'")
        assert "Scenario file 'bad.json'" in str(exc.value)
        assert b.overrides() == before


def test_sweep_matches_the_engine_point_by_point(graph):
    m = Model(graph)
    s = sweep(m, "p03.bytes_per_param_gpu", "p03.t_memory_gpu", verdict="p03.verdict_gpu", n=9)
    lo, hi = sweep_range(m, "p03.bytes_per_param_gpu")
    assert s.xs[0] == pytest.approx(lo) and s.xs[-1] == pytest.approx(hi)
    assert s.current == 2
    for x, y, label in zip(s.xs, s.ys, s.labels, strict=True):
        probe = Model(graph)
        probe.set("p03.bytes_per_param_gpu", x)
        # by hand: 25.6e6 params x bytes / 2039 GB/s, in ms
        assert y == pytest.approx(25.6e6 * x / 2039e9 * 1e3, rel=1e-12)
        assert label == probe.value("p03.verdict_gpu")
    assert m.overrides() == {}
