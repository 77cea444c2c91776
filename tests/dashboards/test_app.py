"""The dashboard as Panel objects, without a browser: widgets from metadata, edits, errors,
spec edits reaching other sheets, traces, deep links, scenarios, session isolation, and the
call count of one edit (one parse, one recompute, each affected card redrawn once)."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile

import pytest

from dashboards.app import NapkinApp, create_app, derivation_latex, workbook_writer
from dashboards.logic import css_class
from model import Kind, format_number, trace
from sheets import default_graph

GRAPH = default_graph()
SHEETS = list(GRAPH.sheets)

# p03 by hand: 25.6e6 params x 2 B / 2,039 GB/s; 4.1 GFLOP / 312 TFLOP/s
T_MEM_MS = 25.6e6 * 2 / 2039e9 * 1e3  # 0.02511 ms
T_COMPUTE_MS = 4.1e9 / 312e12 * 1e3  # 0.01314 ms


@pytest.fixture
def app():
    a = create_app(GRAPH, query={"sheet": "p03"})
    for name in DEFERRED:  # as a served page asks for them once it is on screen
        getattr(a, name)
    return a


DEFERRED = ("roofline", "compare", "sensitivity", "regimes", "sweep")


def test_a_new_session_builds_the_deferred_cards_only_when_the_page_asks_for_them():
    a = create_app(GRAPH, query={"sheet": "p18"})
    assert not set(DEFERRED) & set(vars(a))
    assert a.derivation.graph_chart is None  # no derivation shown yet: no graph drawn
    assert a.sweep is a.sweep and "sweep" in vars(a)  # built once, on first read
    assert a.sweep.computes == 1 and a.sweep.choice[0] in GRAPH.index  # drawn for the open sheet when built
    a.show_trace("p18.act_train")
    assert a.derivation.graph_chart is not None and a.derivation.graph_chart.levels == 1


def plain(html_text: str) -> str:
    """The text a person reads in an HTML pane (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def rows(app):
    return {r["name"]: r for r in app.outputs.rows}


@pytest.mark.parametrize("sid", SHEETS)
def test_every_sheet_renders_from_the_model(sid):
    app = NapkinApp(GRAPH, query={"sheet": sid})
    assert app.sheet_id == sid and app.nav.selected == sid
    assert not any(c.problem.visible for c in (app.inputs, app.results, app.roofline, app.sensitivity,
                                               app.regimes, app.sweep))
    cells = GRAPH.sheet_cells(sid)
    inputs = [c for c in cells if c.kind is Kind.INPUT]
    assert list(app.rows) == [c.name for c in inputs]
    for c in inputs:
        w = app.rows[c.name].widget
        assert css_class(c.name) in w.css_classes  # contract
        v = app.model.value(c.name)
        if c.choice is not None:  # a device choice: a drop-down of the family's members
            assert w.value == v and set(w.options.values()) == set(c.labels)
            continue
        assert w.value == ("" if v is None else format_number(v, 10))
    out = rows(app)
    assert list(out) == [c.name for c in cells if c.kind is not Kind.INPUT]
    for c in cells:
        if c.kind is Kind.INPUT:
            continue
        r = out[c.name]
        assert r["cls"] == css_class(c.name)  # contract: the value element's class
        if app.model.error(c.name):
            assert r["text"] == "#ERROR" and r["error"]
        elif c.kind is Kind.VERDICT:
            assert r["text"] == app.model.value(c.name) and r["text"] in c.labels
        else:
            assert r["value"] == app.model.value(c.name)
    assert sid in app.link.value


def test_p03_numbers_and_verdicts(app):
    r = rows(app)
    assert r["p03.t_memory_gpu"]["value"] == pytest.approx(T_MEM_MS, rel=1e-12)
    assert r["p03.t_memory_gpu"]["text"] == "0.02511"
    assert r["p03.t_compute_gpu"]["value"] == pytest.approx(T_COMPUTE_MS, rel=1e-12)
    assert r["p03.verdict_gpu"]["text"] == "memory-bound"


def test_edit_moves_dependents_and_highlights_them(app):
    w = app.rows["p03.bytes_per_param_gpu"].widget
    w.value = "20"
    r = rows(app)
    assert r["p03.t_memory_gpu"]["value"] == pytest.approx(T_MEM_MS * 10, rel=1e-12)
    assert r["p03.t_memory_gpu"]["text"] == "0.2511"
    assert "p03.t_memory_gpu" in app.outputs.changed
    assert "p03.t_compute_gpu" not in app.outputs.changed  # does not depend on the bytes
    assert app.model.is_overridden("p03.bytes_per_param_gpu")
    assert app.rows["p03.bytes_per_param_gpu"].reset_shown
    assert "p03" in app.link.value and "p03.bytes_per_param_gpu=20" in app.link.value


def test_number_with_unit_is_converted_and_the_box_keeps_what_was_typed(app):
    app.rows["p03.mem_bw_gpu"].widget.value = "1.5 TB/s"
    assert app.model.value("p03.mem_bw_gpu") == pytest.approx(1500)
    assert app.rows["p03.mem_bw_gpu"].widget.value == "1.5 TB/s"  # never written back
    assert "edited" in app.rows["p03.mem_bw_gpu"].widget.css_classes


def test_verdict_flips_when_bandwidth_grows(app):
    app.rows["p03.mem_bw_gpu"].widget.value = "10 TB/s"
    r = rows(app)
    # 51.2 MB / 10 TB/s = 0.00512 ms < 0.01314 ms of compute
    assert r["p03.t_memory_gpu"]["value"] == pytest.approx(0.00512, rel=1e-12)
    assert r["p03.verdict_gpu"]["text"] == "compute-bound"
    assert r["p03.verdict_gpu"]["tone"] == GRAPH.cell("p03.verdict_gpu").tones["compute-bound"]
    assert "p03.verdict_gpu" in app.outputs.changed


def test_bad_input_shows_message_and_keeps_last_good_value(app):
    row = app.rows["p03.bytes_per_param_gpu"]
    row.widget.value = "4"
    row.widget.value = "-3"
    assert row.error == "Input 'p03.bytes_per_param_gpu' must be at least 0 B/param, not -3."
    assert "invalid" in row.widget.css_classes and css_class(row.name) in row.widget.css_classes
    assert "must be at least 0" in plain(row.foot)
    assert row.widget.value == "-3" and app.model.value(row.name) == 4  # kept in the box to be fixed
    row.widget.value = "3 GB/s"  # wrong dimension
    assert "dimension" in row.error and app.model.value(row.name) == 4
    row.widget.value = "5"
    assert row.error is None and "invalid" not in row.widget.css_classes


def test_spec_edit_reaches_other_problems_and_says_where(app):
    app.show_sheet("gpu_a100")
    assert "p03" in app.rows["gpu_a100.mem_bw"].users
    assert "used by nothing" in plain(app.rows["gpu_a100.embodied_carbon"].foot) or all(
        app.rows[n].users for n in app.rows)
    app.rows["gpu_a100.mem_bw"].widget.value = "10 TB/s"
    chips = {c["key"]: c for c in app.status.chips.items}
    assert {"gpu_a100", "p03"} <= set(chips)
    changed_other = len(app.session.changed) - 1
    assert f"{changed_other} other cells changed in {len(chips)} sheets" in plain(app.status.text.object)
    app.status._on_chip({"open": "p03"})
    assert app.sheet_id == "p03"
    assert rows(app)["p03.verdict_gpu"]["text"] == "compute-bound"
    assert app.rows["p03.mem_bw_gpu"].widget.value == "10,000"


def test_reset_one_and_all(app):
    app.rows["p03.bytes_per_param_gpu"].widget.value = "8"
    app.rows["p03.mem_bw_gpu"].widget.value = "100"
    app.reset_inputs(["p03.bytes_per_param_gpu"])
    assert not app.model.is_overridden("p03.bytes_per_param_gpu")
    assert app.rows["p03.bytes_per_param_gpu"].widget.value == "2"
    assert app.model.is_overridden("p03.mem_bw_gpu")
    app.reset_all.clicks += 1
    assert "edited" not in app.rows["p03.mem_bw_gpu"].widget.css_classes
    assert app.model.overrides() == {}
    assert rows(app)["p03.t_memory_gpu"]["value"] == pytest.approx(T_MEM_MS, rel=1e-12)


def test_sessions_are_independent():
    a = create_app(GRAPH, query={"sheet": "p03"})
    b = create_app(GRAPH, query={"sheet": "p03"})
    a.rows["p03.mem_bw_gpu"].widget.value = "10 TB/s"
    assert b.model.overrides() == {}
    assert rows(b)["p03.verdict_gpu"]["text"] == "memory-bound"
    assert a.model is not b.model and a.model.graph is b.model.graph


def test_trace_shows_latex_with_values_and_links(app):
    app.results._on_click({"trace": "p03.t_memory_gpu"})
    d = app.derivation
    assert app.session.trace == "p03.t_memory_gpu" and d.content.visible
    tex = d.latex.object
    assert tex.startswith("$$\\begin{aligned}") and tex.endswith("\\end{aligned}$$")
    steps = trace(app.model, "p03.t_memory_gpu", 1)
    for s in steps:
        assert s.latex_result in tex
    assert r"\frac{\mathrm{weight\_bytes\_gpu}}{\mathrm{mem\_bw\_gpu}}" in tex
    assert r"2{,}039\,\mathrm{GB/s}" in tex and r"0.02511\,\mathrm{ms}" in tex
    keys = [c["key"] for c in d.inputs.items]
    assert "gpu_a100.mem_bw" in keys and "model_resnet50.params" in keys
    assert [c["key"] for c in d.deps.items] == ["p03.weight_bytes_gpu", "p03.mem_bw_gpu"]
    assert "p03.verdict_gpu" in [c["key"] for c in d.users.items]
    assert app.outputs.selected == "p03.t_memory_gpu"
    assert d.graph_chart.levels == 1
    # the graph, from p03's formulas: t_memory_gpu = weight_bytes_gpu / mem_bw_gpu, read by
    # latency_gpu, slowdown_gpu and verdict_gpu (sheets/p03.py)
    view = d.graph_chart.view
    at = {n["name"]: (n["x"], n["label"]) for n in view.nodes}
    assert at["p03.t_memory_gpu"][0] == 0
    assert {n for n, (x, _) in at.items() if x == -1} == {"p03.weight_bytes_gpu", "p03.mem_bw_gpu"}
    assert {n for n, (x, _) in at.items() if x == 1} == {"p03.latency_gpu", "p03.slowdown_gpu", "p03.verdict_gpu"}
    assert at["p03.mem_bw_gpu"][1] == "mem_bw_gpu" and len(view.edges) == 5
    app.session.depth = 2  # weight_bytes_gpu = n_params * bytes_per_param_gpu; mem_bw_gpu reads the chosen device
    second = {n["name"] for n in view.nodes if n["x"] == -2}
    assert {"p03.n_params", "p03.bytes_per_param_gpu", "p03.gpu"} <= second and "p03.mem_bw_gpu" not in second
    assert d.graph_chart.levels == 2 and view.x_range[0] == -2.9
    app.session.depth = 1
    # the trace follows edits
    app.rows["p03.bytes_per_param_gpu"].widget.value = "20"
    assert r"0.2511\,\mathrm{ms}" in d.latex.object
    # the dependency graph follows the depth
    d.depth.value = 2
    assert app.session.depth == 2 and d.graph_chart.levels == 2
    # following a link up to a spec input opens its sheet
    d._on_chip({"open": "gpu_a100.mem_bw"})
    assert app.sheet_id == "gpu_a100" and app.session.trace == "gpu_a100.mem_bw"
    d.depth.value = None
    assert d.latex.object.count("&=") >= 1


def test_used_by_says_nothing_when_nothing_uses_a_verdict(app):
    app.show_trace("p03.verdict_gpu")
    assert [c["label"] for c in app.derivation.users.items] == ["nothing"]


def test_derivation_latex_layout():
    from model import Model

    m = Model(GRAPH)
    tex = derivation_latex(trace(m, "p03.ridge_gpu", 1))
    assert tex.count("\\\\[10pt]") == 2  # three steps
    assert tex.count("&=") == 3 * 3  # formula, substituted, result; linked inputs show their link


def test_deep_link_applies_values_or_explains(graph):
    app = create_app(graph, query={"sheet": [b"p03"], "p03.bytes_per_param_gpu": [b"8"]})
    assert app.sheet_id == "p03" and app.model.overrides() == {"p03.bytes_per_param_gpu": 8}
    assert not app.alert.visible and "p03.bytes_per_param_gpu=8" in app.link.value
    bad = create_app(graph, query={"sheet": "p03", "p03.bytes_per_param_gpu": "8", "p03.n_params": "-1"})
    assert bad.model.overrides() == {}  # all or nothing
    assert bad.alert.visible and "must be at least 0" in plain(bad.alert.object)
    lost = create_app(graph, query={"sheet": "nope"})
    assert lost.alert.visible and "Unknown sheet 'nope'" in plain(lost.alert.object)
    traced = create_app(graph, query={"sheet": "p03", "trace": "p03.ridge_gpu"})
    assert traced.session.trace == "p03.ridge_gpu" and "trace=p03.ridge_gpu" in traced.link.value


def test_navigator_search_and_open(app):
    app.search.value_input = "roofline"
    assert "p03" in app.nav.shown and "p01" not in app.nav.shown
    assert app.nav.visible is True  # the list filters; it is never hidden
    app.search.value_input = ""
    assert app.nav.shown is None
    groups = app.nav.groups
    assert groups[-1]["heading"] == "Spec sheets"
    assert sum(len(g["items"]) for g in groups) == len(GRAPH.sheets)
    app._on_nav({"open": "gpu_a100"})  # a click in the navigator
    assert app.sheet_id == "gpu_a100" and app.nav.selected == "gpu_a100"
    assert "gpu_a100" in app.header.object and "Spec sheet" in app.header.object


def test_roofline_chart_on_p03_follows_the_model(app):
    chart = app.roofline.chart
    assert app.roofline.card.visible and chart is not None
    line, ridge, point = chart.sources[0]
    assert ridge.data["x"] == [pytest.approx(312e12 / 2039e9)]  # ridge 153 FLOP/byte
    assert point.data["x"] == [pytest.approx(4.1e9 / 51.2e6)]  # 80.08 FLOP/byte
    app.rows["p03.bytes_per_param_gpu"].widget.value = "1"
    assert point.data["x"] == [pytest.approx(4.1e9 / 25.6e6)]
    app.show_sheet("p01")
    assert app.roofline.card.visible == bool(app.roofline.chart)


def test_sweep_chart_fills_from_the_model(app):
    app.sweep.output.value = "p03.t_memory_gpu"
    app.sweep.input.value = "p03.bytes_per_param_gpu"
    data = app.sweep.chart.source.data
    assert len(data["x"]) >= 2
    for x, y in zip(data["x"], data["y"], strict=True):
        assert y == pytest.approx(25.6e6 * x / 2039e9 * 1e3, rel=1e-12)
    assert set(data["label"]) <= set(GRAPH.cell("p03.verdict_gpu").labels)


CARDS = ("status", "inputs", "results", "derivation", "roofline", "sensitivity", "regimes", "sweep")


def _count_calls(monkeypatch, app) -> dict:
    """Count the session model's parses and recomputes made by the edit itself (the analyses of the
    heavy cards run on a snapshot model in a server session; here they run inline, so their own
    calls are left out)."""
    calls = {"parse": 0, "recompute": 0}
    inside = []
    for key, meth in (("parse", "parse"), ("recompute", "_apply")):
        real = getattr(app.model, meth)
        monkeypatch.setattr(app.model, meth, lambda *a, _real=real, _key=key, **k: (
            None if inside else calls.__setitem__(_key, calls[_key] + 1), _real(*a, **k))[1])
    for card in (app.sensitivity, app.regimes, app.sweep):
        real = card.compute

        def compute(*a, _real=real):
            inside.append(1)
            try:
                return _real(*a)
            finally:
                inside.pop()
        monkeypatch.setattr(card, "compute", compute)
    return calls


def test_one_edit_is_one_parse_one_recompute_and_one_redraw_per_affected_card(app, monkeypatch):
    app.show_trace("p03.t_memory_gpu")
    calls = _count_calls(monkeypatch, app)
    before = {k: getattr(app, k).redraws for k in CARDS}
    app.rows["p03.bytes_per_param_gpu"].widget.value = "1"  # as the box does on Enter
    assert calls == {"parse": 1, "recompute": 1}
    after = {k: getattr(app, k).redraws - before[k] for k in CARDS}
    assert after == {k: 1 for k in CARDS}  # every card here shows something the bytes reach
    assert app.sweep.computes and app.regimes.computes
    # an edit none of the cards' cells depend on: the status line, and Results only to clear the
    # previous edit's highlight
    name = next(c.name for c in GRAPH.cells if c.kind is Kind.INPUT and c.sheet == "p01")
    before = {k: getattr(app, k).redraws for k in CARDS}
    assert app.edit(name, 2 * app.model.value(name))
    after = {k: getattr(app, k).redraws - before[k] for k in CARDS}
    assert after == {k: (1 if k in ("status", "results") else 0) for k in CARDS}
    assert app.outputs.changed == []
    assert calls == {"parse": 2, "recompute": 2}


def test_charts_redraw_only_when_what_they_show_changes(app, monkeypatch):
    calls = {"roofline": 0, "sweep": 0}
    real_roof = app.roofline.chart.update
    monkeypatch.setattr(app.roofline.chart, "update",
                        lambda: (calls.__setitem__("roofline", calls["roofline"] + 1), real_roof())[1])
    real_sweep = app.sweep.chart.show
    monkeypatch.setattr(app.sweep.chart, "show",
                        lambda *a: (calls.__setitem__("sweep", calls["sweep"] + 1), real_sweep(*a))[1])
    shown = set(app.roofline.chart.cells) | set(app.sweep.choice)
    upstream = {n for c in shown for n in app.model.upstream_inputs(c)} | shown
    name = next(c.name for c in GRAPH.cells
                if c.kind is Kind.INPUT and c.name not in upstream and c.sheet != "p03"
                and (app.model.value(c.name) or 0) > 0 and (c.decl.hi is None or c.decl.hi >= 2 * app.model.value(c.name)))
    assert app.edit(name, 2 * app.model.value(name))
    assert calls == {"roofline": 0, "sweep": 0}  # nothing either chart shows depends on it
    assert app.edit("p03.bytes_per_param_gpu", "1")
    assert calls == {"roofline": 1, "sweep": 1}
    assert app.roofline.chart.sources[0][2].data["x"] == [pytest.approx(4.1e9 / 25.6e6)]


def test_a_failing_card_shows_a_message_and_the_rest_keeps_working(app, monkeypatch):
    def boom(*_a):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(app.regimes, "compute", boom)
    assert app.edit("p03.bytes_per_param_gpu", "1")
    msg = plain(app.regimes.problem.object)
    assert app.regimes.problem.visible and "Regimes card cannot be drawn" in msg and "division by zero" in msg
    assert "Traceback" not in msg and "File " not in msg
    assert rows(app)["p03.verdict_gpu"]["text"] == "compute-bound"  # the results moved regardless
    monkeypatch.undo()
    assert app.edit("p03.bytes_per_param_gpu", "2")
    assert not app.regimes.problem.visible


@pytest.mark.parametrize("query", [{"sheet": "p03", "p03.mem_bw_gpu": "0"}, {"sheet": "p03"}])
def test_zero_at_a_bound_never_breaks_a_card(query):
    app = create_app(GRAPH, query=query)
    app.edit("p03.mem_bw_gpu", "0")
    assert app.model.value("p03.mem_bw_gpu") == 0
    assert rows(app)["p03.t_memory_gpu"]["text"] == "#ERROR"  # division by zero is the cell's state
    app.show_trace("p03.verdict_gpu")
    for card in (app.inputs, app.results, app.derivation, app.roofline, app.sensitivity, app.regimes, app.sweep):
        assert "Traceback" not in card.problem.object
    assert app.edit("p03.mem_bw_gpu", "2039")  # and the link keeps updating
    assert "p03.mem_bw_gpu=2039" in app.link.value


def test_verdict_badges_take_the_declared_tone():
    app = create_app(GRAPH, query={"sheet": "p18"})
    r = rows(app)
    assert r["p18.verdict_fit_train"]["text"] == "does not fit" and r["p18.verdict_fit_train"]["tone"] == "bad"
    assert r["p18.verdict_fit_infer"]["text"] == "fits" and r["p18.verdict_fit_infer"]["tone"] == "good"


def test_replace_graph_keeps_overrides_of_inputs_that_still_exist(app):
    assert app.edit("p03.bytes_per_param_gpu", "1")
    app.show_trace("p03.t_memory_gpu")
    old_model = app.model
    app.session.replace_graph(default_graph())
    assert app.model is not old_model and app.model.overrides() == {"p03.bytes_per_param_gpu": 1}
    assert rows(app)["p03.verdict_gpu"]["text"] == "compute-bound"
    assert app.session.trace == "p03.t_memory_gpu" and app.sheet_id == "p03"
    assert app.edit("p03.bytes_per_param_gpu", "2") and rows(app)["p03.verdict_gpu"]["text"] == "memory-bound"


def test_scenario_download_and_load(app):
    app.rows["p03.bytes_per_param_gpu"].widget.value = "4"
    data = app.download_scenario.callback().getvalue()
    assert json.loads(data)["overrides"] == {"p03.bytes_per_param_gpu": "4 B/param"}
    other = create_app(GRAPH, query={"sheet": "p03"})
    assert other.load_scenario(data)
    assert other.model.overrides() == {"p03.bytes_per_param_gpu": 4}
    assert other.rows["p03.bytes_per_param_gpu"].widget.value == "4"
    assert "Scenario loaded" in plain(other.session_msg.object)
    assert other.rows["p03.bytes_per_param_gpu"].widget.value == "4"
    assert not other.load_scenario(b'{"napkin_scenario": 1, "name": "x", "overrides": {"p03.n_params": "3 GB/s"}}')
    assert "Nothing was applied" in plain(other.session_msg.object)
    assert other.model.overrides() == {"p03.bytes_per_param_gpu": 4}
    other.upload.filename = "broken.json"
    other.upload.value = b"{"
    assert "broken.json" in plain(other.session_msg.object) and "not valid JSON" in plain(other.session_msg.object)


def test_workbook_download_holds_the_session_values(app):
    if workbook_writer() is None:
        pytest.skip("exports.workbook.write_workbook is not installed")
    import openpyxl
    from excel_helpers import value_cell

    app.rows["p03.bytes_per_param_gpu"].widget.value = "20"
    data = app.download_xlsx.callback().getvalue()
    assert zipfile.is_zipfile(io.BytesIO(data))
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    assert value_cell(wb, "p03.bytes_per_param_gpu").value == 20
    assert value_cell(wb, "p03.t_memory_gpu").value == pytest.approx(T_MEM_MS * 10, rel=1e-9)


def test_undo_and_redo_step_through_edits_with_one_recompute_each(app, monkeypatch):
    assert app.edit("p03.bytes_per_param_gpu", "1") and app.edit("p03.mem_bw_gpu", "100")
    calls = _count_calls(monkeypatch, app)
    assert app.session.undo()
    assert calls["recompute"] == 1
    assert app.model.overrides() == {"p03.bytes_per_param_gpu": 1}
    assert app.rows["p03.mem_bw_gpu"].widget.value == "2,039"
    assert app.session.undo() and app.model.overrides() == {} and app.undo.disabled
    assert rows(app)["p03.verdict_gpu"]["text"] == "memory-bound"
    assert app.session.redo() and app.model.overrides() == {"p03.bytes_per_param_gpu": 1}
    assert rows(app)["p03.verdict_gpu"]["text"] == "compute-bound"
    assert app.edit("p03.mem_bw_gpu", "50") and not app.session.can_redo  # a new edit clears redo
    assert not app.edit("p03.mem_bw_gpu", "-1") and app.session.undo()  # a refused value is no step
    assert app.model.overrides() == {"p03.bytes_per_param_gpu": 1}


def test_compare_shows_changed_results_a_to_b_with_attribution(app):
    app.compare.pin_now()
    assert app.edit("p03.bytes_per_param_gpu", "1")
    by = {o.name: o for o in app.compare.diff.outputs}
    o = by["p03.weight_bytes_gpu"]  # 25.6e6 params x 2 B = 51.2 MB -> x 1 B = 25.6 MB, all from the bytes
    assert (o.a, o.b) == (pytest.approx(51.2), pytest.approx(25.6)) and o.ratio == pytest.approx(0.5)
    assert [c.input for c in o.contributions] == ["p03.bytes_per_param_gpu"]
    assert (by["p03.verdict_gpu"].a, by["p03.verdict_gpu"].b) == ("memory-bound", "compute-bound")
    assert "p03.t_compute_gpu" not in by  # unchanged results are not listed
    text = plain(app.compare.html.object)
    assert "51.2 MB → 25.6 MB" in text and "memory-bound → compute-bound" in text
