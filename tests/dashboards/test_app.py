"""The dashboard as Panel objects, without a browser: widgets from metadata, edits, errors,
spec edits reaching other sheets, traces, deep links, scenarios, session isolation."""

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
    return create_app(GRAPH, query={"sheet": "p03"})


def plain(html_text: str) -> str:
    """The text a person reads in an HTML pane (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def rows(app):
    return {r["name"]: r for r in app.outputs.rows}


@pytest.mark.parametrize("sid", SHEETS)
def test_every_sheet_renders_from_the_model(sid):
    app = NapkinApp(GRAPH, query={"sheet": sid})
    assert app.sheet_id == sid and app.nav.selected == sid
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


def test_number_with_unit_is_converted(app):
    app.rows["p03.mem_bw_gpu"].widget.value = "1.5 TB/s"
    assert app.model.value("p03.mem_bw_gpu") == pytest.approx(1500)
    assert app.rows["p03.mem_bw_gpu"].widget.value == "1,500"


def test_verdict_flips_when_bandwidth_grows(app):
    app.rows["p03.mem_bw_gpu"].widget.value = "10 TB/s"
    r = rows(app)
    # 51.2 MB / 10 TB/s = 0.00512 ms < 0.01314 ms of compute
    assert r["p03.t_memory_gpu"]["value"] == pytest.approx(0.00512, rel=1e-12)
    assert r["p03.verdict_gpu"]["text"] == "compute-bound"
    assert r["p03.verdict_gpu"]["badge"] == GRAPH.cell("p03.verdict_gpu").labels.index("compute-bound")
    assert "p03.verdict_gpu" in app.outputs.changed


def test_bad_input_shows_message_and_keeps_last_good_value(app):
    row = app.rows["p03.bytes_per_param_gpu"]
    row.widget.value = "4"
    row.widget.value = "-3"
    assert row.error == "Input 'p03.bytes_per_param_gpu' must be at least 0 B/param, not -3."
    assert "invalid" in row.widget.css_classes and css_class(row.name) in row.widget.css_classes
    assert "must be at least 0" in plain(row.foot.object)
    assert row.widget.value == "4" and app.model.value(row.name) == 4
    row.widget.value = "3 GB/s"  # wrong dimension
    assert "dimension" in row.error and app.model.value(row.name) == 4
    row.widget.value = "5"
    assert row.error is None and "invalid" not in row.widget.css_classes


def test_spec_edit_reaches_other_problems_and_says_where(app):
    app.show_sheet("gpu_a100")
    assert "p03" in app.users["gpu_a100.mem_bw"]
    app.rows["gpu_a100.mem_bw"].widget.value = "10 TB/s"
    chips = {c["key"]: c for c in app.status_chips.items}
    assert {"gpu_a100", "p03"} <= set(chips)
    changed_other = len(app.last_changed) - 1
    assert f"{changed_other} other cells changed in {len(chips)} sheets" in plain(app.status.object)
    app._on_chip({"open": "p03"})
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
    app._on_output({"trace": "p03.t_memory_gpu"})
    assert app.trace_name == "p03.t_memory_gpu" and app.trace_body.visible
    tex = app.latex.object
    assert tex.startswith("$$\\begin{aligned}") and tex.endswith("\\end{aligned}$$")
    steps = trace(app.model, "p03.t_memory_gpu", 1)
    for s in steps:
        assert s.latex_result in tex
    assert r"\frac{\mathrm{weight\_bytes\_gpu}}{\mathrm{mem\_bw\_gpu}}" in tex
    assert r"2{,}039\,\mathrm{GB/s}" in tex and r"0.02511\,\mathrm{ms}" in tex
    keys = [c["key"] for c in app.trace_inputs.items]
    assert "gpu_a100.mem_bw" in keys and "model_resnet50.params" in keys
    assert [c["key"] for c in app.trace_deps.items] == ["p03.weight_bytes_gpu", "p03.mem_bw_gpu"]
    assert "p03.verdict_gpu" in [c["key"] for c in app.trace_users.items]
    assert app.outputs.selected == "p03.t_memory_gpu"
    # the trace follows edits
    app.rows["p03.bytes_per_param_gpu"].widget.value = "20"
    assert r"0.2511\,\mathrm{ms}" in app.latex.object
    # following a link up to a spec input opens its sheet
    app._on_chip({"open": "gpu_a100.mem_bw"})
    assert app.sheet_id == "gpu_a100" and app.trace_name == "gpu_a100.mem_bw"
    app.depth.value = None
    assert app.latex.object.count("&=") >= 1


def test_derivation_latex_layout():
    from model import Model

    m = Model(GRAPH)
    tex = derivation_latex(trace(m, "p03.ridge_gpu", 1))
    assert tex.count("\\\\[10pt]") == 2  # three steps
    assert tex.count("&=") == 3 * 3  # formula, substituted, result; linked inputs show their link


def test_deep_link_applies_values_or_explains(graph):
    app = create_app(graph, query={"sheet": [b"p03"], "p03.bytes_per_param_gpu": [b"8"]})
    assert app.sheet_id == "p03" and app.model.overrides() == {"p03.bytes_per_param_gpu": 8}
    assert not app.alert.visible
    bad = create_app(graph, query={"sheet": "p03", "p03.bytes_per_param_gpu": "8", "p03.n_params": "-1"})
    assert bad.model.overrides() == {}  # all or nothing
    assert bad.alert.visible and "must be at least 0" in plain(bad.alert.object)
    lost = create_app(graph, query={"sheet": "nope"})
    assert lost.alert.visible and "Unknown sheet 'nope'" in plain(lost.alert.object)
    traced = create_app(graph, query={"sheet": "p03", "trace": "p03.ridge_gpu"})
    assert traced.trace_name == "p03.ridge_gpu"


def test_navigator_search_and_open(app):
    app.search.value_input = "roofline"
    assert "p03" in app.nav.visible and "p01" not in app.nav.visible
    app.search.value_input = ""
    assert app.nav.visible is None
    groups = app.nav.groups
    assert groups[-1]["heading"] == "Spec sheets"
    assert sum(len(g["items"]) for g in groups) == len(GRAPH.sheets)
    app._on_nav({"open": "gpu_a100"})
    assert app.sheet_id == "gpu_a100" and app.nav.selected == "gpu_a100"
    assert "gpu_a100" in app.header.object and "Spec sheet" in app.header.object


def test_roofline_chart_on_p03_follows_the_model(app):
    assert app.roofline_card.visible and app.roofline is not None
    line, ridge, point = app.roofline.sources[0]
    assert ridge.data["x"] == [pytest.approx(312e12 / 2039e9)]  # ridge 153 FLOP/byte
    assert point.data["x"] == [pytest.approx(4.1e9 / 51.2e6)]  # 80.08 FLOP/byte
    app.rows["p03.bytes_per_param_gpu"].widget.value = "1"
    assert point.data["x"] == [pytest.approx(4.1e9 / 25.6e6)]
    app.show_sheet("p01")
    assert app.roofline_card.visible == bool(app.roofline)


def test_sweep_chart_fills_from_the_model(app):
    app.sweep_output.value = "p03.t_memory_gpu"
    app.sweep_input.value = "p03.bytes_per_param_gpu"
    data = app.sweep.source.data
    assert len(data["x"]) >= 2
    for x, y in zip(data["x"], data["y"], strict=True):
        assert y == pytest.approx(25.6e6 * x / 2039e9 * 1e3, rel=1e-12)
    assert set(data["label"]) <= set(GRAPH.cell("p03.verdict_gpu").labels)


def test_charts_redraw_only_when_what_they_show_changes(app, monkeypatch):
    calls = {"roofline": 0, "sweep": 0}
    for key, chart in (("roofline", app.roofline), ("sweep", app.sweep)):
        real = chart.update
        monkeypatch.setattr(chart, "update", lambda *a, _real=real, _key=key: (calls.__setitem__(_key, calls[_key] + 1),
                                                                                _real(*a))[1])
    shown = set(app.roofline.cells) | {app.sweep_input.value, app.sweep_output.value}
    upstream = {n for c in shown for n in app.model.upstream_inputs(c)} | shown
    name = next(c.name for c in GRAPH.cells
                if c.kind is Kind.INPUT and c.name not in upstream and c.sheet != "p03"
                and (app.model.value(c.name) or 0) > 0 and (c.decl.hi is None or c.decl.hi >= 2 * app.model.value(c.name)))
    assert app.edit(name, 2 * app.model.value(name))
    assert calls == {"roofline": 0, "sweep": 0}  # nothing either chart shows depends on it
    assert app.edit("p03.bytes_per_param_gpu", "1")
    assert calls == {"roofline": 1, "sweep": 1}
    assert app.roofline.sources[0][2].data["x"] == [pytest.approx(4.1e9 / 25.6e6)]


def test_scenario_download_and_load(app):
    app.rows["p03.bytes_per_param_gpu"].widget.value = "4"
    data = app.download_scenario.callback().getvalue()
    assert json.loads(data)["overrides"] == {"p03.bytes_per_param_gpu": "4 B/param"}
    other = create_app(GRAPH, query={"sheet": "p03"})
    assert other.load_scenario(data)
    assert other.model.overrides() == {"p03.bytes_per_param_gpu": 4}
    assert other.rows["p03.bytes_per_param_gpu"].widget.value == "4"
    assert "Scenario loaded" in plain(other.session_msg.object)
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
