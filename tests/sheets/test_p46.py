"""p46 — how long to prove drift at 1 QPS (Ch. 14, Production Operations)."""

import json
import math
from statistics import NormalDist

import pytest
from sheet_helpers import boundary, run_napkin


def test_seed_figures(model):
    assert model.value("p46.baseline_acc") == 0.95
    assert model.value("p46.drifted_acc") == 0.90  # a 5-point drop
    assert model.value("p46.confidence") == 0.95
    assert model.value("p46.labeled_rate") == 1  # 1 QPS


def test_detection_delay_by_hand(model):
    assert model.value("p46.t_detect") == pytest.approx(1000 / 1 / 60)  # min
    assert round(model.value("p46.t_detect"), 1) == 16.7
    assert model.value("p46.t_detect_low") == pytest.approx(1000 / 100)  # days
    assert model.value("p46.verdict_headline") == "drift provable within minutes (under an hour)"
    assert model.value("p46.verdict_high_traffic") == "fast detection"
    assert model.value("p46.verdict_low_traffic") == "slow — add label-free input-drift checks and audits"


def test_formal_sample_size_against_exact_quantiles(model):
    # second implementation: the exact normal quantiles from the standard library
    za, zb = NormalDist().inv_cdf(0.95), NormalDist().inv_cdf(0.80)
    assert model.value("p46.z_alpha") == pytest.approx(za, abs=4.5e-4)
    assert model.value("p46.z_beta") == pytest.approx(zb, abs=4.5e-4)
    n = ((za * math.sqrt(0.95 * 0.05) + zb * math.sqrt(0.90 * 0.10)) / 0.05) ** 2
    assert model.value("p46.n_formal") == pytest.approx(n, rel=1e-3)
    # the brief's rounded z values 1.645 / 0.842 give about 149 labels too
    n_brief = ((1.645 * math.sqrt(0.95 * 0.05) + 0.842 * math.sqrt(0.90 * 0.10)) / 0.05) ** 2
    assert model.value("p46.n_formal") == pytest.approx(n_brief, rel=1e-3)
    assert model.value("p46.t_formal") == pytest.approx(n / 60, rel=1e-3)
    assert model.value("p46.n_formal") < model.value("p46.samples_needed")


@pytest.mark.parametrize(
    "k, labels_at_edge, below, above",
    [
        (0, 3600, "drift provable within minutes (under an hour)", "drift provable within hours (under a day)"),
        (1, 86_400, "drift provable within hours (under a day)", "drift provable within days (under a week)"),
        (2, 7 * 86_400, "drift provable within days (under a week)", "drift takes a week or more to prove"),
    ],
)
def test_headline_bands(model, k, labels_at_edge, below, above):
    edge = boundary(model, "p46.verdict_headline", "p46.samples_needed", k=k)
    assert edge == pytest.approx(labels_at_edge)  # 1 label/s
    model.set("p46.samples_needed", edge * 0.99)
    assert model.value("p46.verdict_headline") == below
    model.set("p46.samples_needed", edge * 1.01)
    assert model.value("p46.verdict_headline") == above


def test_high_traffic_verdict_flips(model):
    edge = boundary(model, "p46.verdict_high_traffic", "p46.acceptable_delay")
    assert edge == pytest.approx(1000 / 3600)  # hours
    model.set("p46.acceptable_delay", edge * 1.01)
    assert model.value("p46.verdict_high_traffic") == "fast detection"
    model.set("p46.acceptable_delay", edge * 0.99)
    assert model.value("p46.verdict_high_traffic") == "slow — add label-free input-drift checks and audits"


def test_low_traffic_verdict_flips(model):
    # 1,000 labels within 1 hour needs 24,000 labels a day
    edge = boundary(model, "p46.verdict_low_traffic", "p46.low_traffic_rate")
    assert edge == pytest.approx(1000 * 24)
    model.set("p46.low_traffic_rate", edge * 1.01)
    assert model.value("p46.verdict_low_traffic") == "fast detection"
    model.set("p46.low_traffic_rate", edge * 0.99)
    assert model.value("p46.verdict_low_traffic") == "slow — add label-free input-drift checks and audits"


def test_cli_show_json():
    out = run_napkin("show", "p46", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["p46.t_detect"]["unit"] == "min"
    assert cells["p46.t_detect"]["si_value"] == pytest.approx(1000)
