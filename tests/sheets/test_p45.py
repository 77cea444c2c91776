"""p45 — where the rest of a 100 ms P99 budget goes (Ch. 14, Production Operations)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin


def test_seed_figures(model):
    assert model.value("p45.slo_p99") == 100
    assert model.value("p45.inference") == 45
    assert round(model.value("p45.remaining")) == 55  # 55 ms remaining
    assert round(model.value("p45.speedup_e2e"), 1) == 1.3  # 2x model -> only 1.3x end to end
    assert model.value("p45.share_inference") < 50  # model is under half the latency


def test_defaults_by_hand(model):
    total = 45 + 15 + 25 + 5 + 5 + 5
    assert model.value("p45.total") == pytest.approx(total)
    assert model.value("p45.others") == pytest.approx(total - 45)
    assert model.value("p45.others") == pytest.approx(model.value("p45.remaining"))
    assert model.value("p45.slack") == pytest.approx(100 - total, abs=1e-9)
    assert model.value("p45.share_features") == pytest.approx(25 / total * 100)
    f = 45 / total
    assert model.value("p45.speedup_e2e") == pytest.approx(1 / ((1 - f) + f / 2))
    assert model.value("p45.new_total") == pytest.approx(total - 45 + 45 / 2)
    assert model.value("p45.largest_other") == 25
    assert model.value("p45.verdict_slo") == "within SLO"
    assert model.value("p45.verdict_focus") == "optimize the pipeline too (model is under half the latency)"
    assert model.value("p45.verdict_binding_stage") == "feature retrieval"


def test_bounds_are_the_seed_ranges(model):
    from model import InputError

    with pytest.raises(InputError):
        model.set("p45.inference", 60)  # above 45 % of the SLO
    with pytest.raises(InputError):
        model.set("p45.feature_retrieval", 10)  # below 15 %


def test_slo_verdict_flips(model):
    # total = 100 + 0.5 ms tolerance when the network takes 15.5 ms
    edge = boundary(model, "p45.verdict_slo", "p45.network_rtt")
    assert edge == pytest.approx(15 + 0.5)
    model.set("p45.network_rtt", edge - 0.2)
    assert model.value("p45.verdict_slo") == "within SLO"
    model.set("p45.network_rtt", edge + 0.2)
    assert model.value("p45.verdict_slo") == "over SLO"


def test_focus_verdict_flips(model):
    # lean pipeline: 10 + 3 + 5 + 3 = 21 ms besides features; 45 / (45 + 21 + x) = 0.5 -> x = 24
    model.set_many({"p45.network_rtt": 10, "p45.request_parsing": 3, "p45.postprocessing": 5, "p45.serialization": 3})
    edge = boundary(model, "p45.verdict_focus", "p45.feature_retrieval")
    assert edge == pytest.approx(45 - 21)
    model.set("p45.feature_retrieval", edge + 1)
    assert model.value("p45.verdict_focus") == "optimize the pipeline too (model is under half the latency)"
    model.set("p45.feature_retrieval", edge - 1)
    assert model.value("p45.verdict_focus") == "model dominates"


def test_binding_stage_flips(model):
    edge = boundary(model, "p45.verdict_binding_stage", "p45.network_rtt")
    assert edge == pytest.approx(25)
    model.set("p45.network_rtt", 24)
    assert model.value("p45.verdict_binding_stage") == "feature retrieval"
    model.set("p45.feature_retrieval", 20)
    assert model.value("p45.verdict_binding_stage") == "network round trip"
    assert model.value("p45.largest_other") == 24


def test_cli_show_json():
    out = run_napkin("show", "p45", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["p45.inference"]["lo"] == 25 and cells["p45.inference"]["hi"] == 45
