"""Scenarios: atomic save, validated load (a bad file changes nothing), and diffs whose
attributions are checked against hand-worked factors."""

import json
import math
import os

import pytest
from analysis_helpers import tiny_graph

from model import Calc, Input, InputError, Model, Verdict
from model.analysis.scenarios import Scenario, apply_scenario, diff_scenarios, load_scenario, save_scenario, scenario_from_model

# time = work / (peak * util) ; cost = time * price + setup ; verdict: "fast" if time < limit
CELLS = [
    ("work", Input(1.0e21, "FLOP", doc="work")),
    ("peak", Input(1000, "TFLOP/s", doc="peak")),
    ("util", Input(0.4, "1", doc="utilisation", hi=1)),
    ("price", Input(2.0, "USD/h", doc="price")),
    ("setup", Input(100, "USD", doc="setup")),
    ("limit", Input(500, "h", doc="limit")),
    ("alias", Input(link="t.peak", unit="TFLOP/s", doc="linked peak")),
    ("time", Calc("work / (alias * util)", "h", doc="time")),
    ("cost", Calc("time * price + setup", "USD", doc="cost")),
    ("fast", Verdict({"fast": "time < limit"}, otherwise="slow", doc="fast?")),
]


@pytest.fixture
def graph():
    return tiny_graph(CELLS)


def test_save_then_load_round_trips_exactly(graph, tmp_path):
    m = Model(graph)
    m.set_many({"t.peak": "2 PFLOP/s", "t.util": 0.55, "t.alias": 1500})
    s = scenario_from_model(m, "fp8")
    path = save_scenario(s, tmp_path / "fp8.json")
    data = json.loads(path.read_text())
    assert data == {"napkin_scenario": 1, "name": "fp8",
                    "overrides": {"t.peak": "2000 TFLOP/s", "t.util": 0.55, "t.alias": "1500 TFLOP/s"}}
    back = load_scenario(graph, path)
    m2 = Model(graph)
    apply_scenario(m2, back)
    assert m2.overrides() == m.overrides() and m2.value("t.cost") == m.value("t.cost")
    assert os.listdir(tmp_path) == ["fp8.json"]  # no temporary file left behind


def test_save_replaces_atomically(graph, tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    save_scenario(Scenario("one", {"t.util": 0.5}), path)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="disk full"):  # one clear error, not a traceback
        save_scenario(Scenario("two", {"t.util": 0.6}), path)
    assert json.loads(path.read_text())["name"] == "one"  # the old file is intact
    assert os.listdir(tmp_path) == ["s.json"]


@pytest.mark.parametrize("content, text", [
    ("not json", "is not valid JSON (line 1"),
    ('{"name": "x", "overrides": {}}', 'not a Napkin scenario'),
    ('{"napkin_scenario": 2, "name": "x", "overrides": {}}', 'not a Napkin scenario'),
    ('{"napkin_scenario": 1, "name": "", "overrides": {}}', '"name" must be non-empty text'),
    ('{"napkin_scenario": 1, "name": "x", "overrides": []}', '"overrides" must be an object'),
    ('{"napkin_scenario": 1, "name": "x", "overrides": {}, "extra": 1}', "unexpected key(s) 'extra'"),
    ('{"napkin_scenario": 1, "name": "x", "overrides": {"t.utl": 0.5}}', "did you mean 't.util'"),
    ('{"napkin_scenario": 1, "name": "x", "overrides": {"t.util": 0.5, "t.peak": "3 GB"}}', "has dimension [information]"),
    ('{"napkin_scenario": 1, "name": "x", "overrides": {"t.util": 1.5}}', "must be at most 1, not 1.5"),
    ('{"napkin_scenario": 1, "name": "x", "overrides": {"t.time": 3}}', "only inputs can be set"),
])
def test_bad_files_are_refused_with_a_reason(graph, tmp_path, content, text):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(InputError) as e:
        load_scenario(graph, p)
    assert text in str(e.value) and "bad.json" in str(e.value) and "othing was applied" in str(e.value)


def test_missing_file(graph, tmp_path):
    with pytest.raises(InputError, match="Cannot read scenario file"):
        load_scenario(graph, tmp_path / "nope.json")


def test_product_output_gets_exact_factors(graph):
    # time ∝ 1 / (peak · util): peak ×2 and util ×1.55 give time ×1/3.1, split 1/2 and 1/1.55
    a = Scenario("base", {})
    b = Scenario("fp8", {"t.peak": 2000, "t.util": 0.62})
    d = diff_scenarios(graph, a, b, outputs=["t.time", "t.cost", "t.fast"])
    assert [i["name"] for i in d.inputs] == ["t.peak", "t.util"]
    by = {o.name: o for o in d.outputs}
    t = by["t.time"]
    assert t.mode == "ratio" and t.method.startswith("exact") and t.ratio == pytest.approx(1 / 3.1)
    f = {c.input: c.factor for c in t.contributions}
    assert f["t.peak"] == pytest.approx(0.5, rel=1e-12) and f["t.util"] == pytest.approx(1 / 1.55, rel=1e-12)
    assert math.prod(f.values()) == pytest.approx(t.ratio, rel=1e-12)
    assert by["t.fast"].mode == "label" and (by["t.fast"].a, by["t.fast"].b) == ("slow", "fast")


def test_non_product_output_splits_exactly_in_total(graph):
    # cost = time * price + setup: not a product, Shapley over orders; factors multiply to the ratio
    a = Scenario("base", {})
    b = Scenario("b", {"t.util": 0.8, "t.price": 3.0, "t.setup": 50})
    (o,) = diff_scenarios(graph, a, b, outputs=["t.cost"]).outputs
    assert o.method.startswith("Shapley")
    assert math.prod(c.factor for c in o.contributions) == pytest.approx(o.ratio, rel=1e-12)
    # by hand: y(S) over the 8 subsets; the Shapley log-share of 'setup' averages its 4 marginal steps
    def y(u, pr, st):
        return 1e21 / (1000e12 * u) / 3600 * pr + st
    A, B = (0.4, 2.0, 100.0), (0.8, 3.0, 50.0)
    from itertools import permutations
    share = 0.0
    for order in permutations(range(3)):
        cur = list(A)
        for j in order:
            before = math.log(y(*cur))
            cur[j] = B[j]
            if j == 2:
                share += math.log(y(*cur)) - before
    share /= 6
    got = {c.input: c for c in o.contributions}["t.setup"]
    assert got.delta == pytest.approx(share, rel=1e-9)


def test_sign_change_uses_differences(graph):
    g = tiny_graph([("x", Input(1.0, "1", doc="x", lo=None)), ("y", Input(1.0, "1", doc="y", lo=None)),
                    ("net", Calc("x - 2 * y", "1", doc="net"))])
    (o,) = diff_scenarios(g, Scenario("a", {}), Scenario("b", {"t.x": 5, "t.y": 0.5})).outputs
    assert o.mode == "difference" and {c.input: c.delta for c in o.contributions} == pytest.approx({"t.x": 4, "t.y": 1})


def test_many_changed_inputs_use_sampled_orders_exact_in_total():
    cells = [(f"in_{k}", Input(1.0 + k, "1", doc="x")) for k in range(14)]
    cells.append(("mix", Calc(" + ".join(f"in_{k} * in_{(k + 1) % 14}" for k in range(14)), "1", doc="mix")))
    g = tiny_graph(cells)
    b = Scenario("b", {f"t.in_{k}": 2.0 + k for k in range(14)})
    (o,) = diff_scenarios(g, Scenario("a", {}), b).outputs
    assert "random orders" in o.method and len(o.contributions) == 14
    assert math.prod(c.factor for c in o.contributions) == pytest.approx(o.ratio, rel=1e-9)


def test_overridden_link_counts_as_a_changed_input(graph):
    d = diff_scenarios(graph, Scenario("a", {}), Scenario("b", {"t.alias": 500}), outputs=["t.time"])
    assert [i["name"] for i in d.inputs] == ["t.alias"]
    assert d.outputs[0].ratio == pytest.approx(2.0)
    same = diff_scenarios(graph, Scenario("a", {"t.alias": 1000}), Scenario("b", {}))
    assert same.inputs == [] and same.outputs == []
