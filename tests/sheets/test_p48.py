"""p48 — samples needed to validate a 1 % subgroup (Ch. 15, Responsible Engineering Checklist)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin


def test_seed_figures(model):
    assert model.value("p48.random_total") == pytest.approx(1_000_000)  # 10,000 / 0.01
    assert model.value("p48.stratified_total") == 10_000
    assert model.value("p48.multiplier") == pytest.approx(100)  # 100x larger under random sampling


def test_defaults_by_hand(model):
    assert model.value("p48.n_exact") == pytest.approx(1.96**2 * 0.5 * 0.5 / 0.01**2)  # 9,604
    assert model.value("p48.cost_random") == pytest.approx(10_000 / 0.01 * 0.05)
    assert model.value("p48.cost_stratified") == pytest.approx(10_000 * 0.05)
    assert model.value("p48.verdict_sampling") == "random sampling impractical — collect stratified / targeted"
    assert model.value("p48.verdict_target") == "target covers the margin"


def test_sampling_verdict_bands(model):
    # multiplier = 1 / group_share reaches 10 at a 10 % group
    edge = boundary(model, "p48.verdict_sampling", "p48.group_share")
    assert edge == pytest.approx(1 / 10)
    model.set("p48.group_share", edge * 0.99)
    assert model.value("p48.verdict_sampling") == "random sampling impractical — collect stratified / targeted"
    model.set("p48.group_share", edge * 1.01)
    assert model.value("p48.verdict_sampling") == "stratified / targeted collection"
    # second condition: costs equal when the whole user base is the group
    edge1 = boundary(model, "p48.verdict_sampling", "p48.group_share", k=1)
    assert edge1 == pytest.approx(1)
    model.set("p48.group_share", 0.99)
    assert model.value("p48.verdict_sampling") == "stratified / targeted collection"
    model.set("p48.group_share", 1)
    assert model.value("p48.verdict_sampling") == "random sampling"


def test_target_verdict_flips_with_margin(model):
    # 1.96^2 * 0.25 / m^2 = 10,000  ->  m = 1.96 * 0.5 / 100
    edge = boundary(model, "p48.verdict_target", "p48.margin")
    assert edge == pytest.approx(1.96 * 0.5 / 100)
    model.set("p48.margin", edge * 1.01)
    assert model.value("p48.verdict_target") == "target covers the margin"
    model.set("p48.margin", edge * 0.99)
    assert model.value("p48.verdict_target") == "target too small for the margin"


def test_cli_show_json():
    out = run_napkin("show", "p48", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["p48.cost_per_image"]["link"] == "econ.label_crowd_high"
