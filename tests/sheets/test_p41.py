"""p41 — manual retraining vs an automated pipeline (Ch. 14, Technical Debt)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin


def test_defaults_by_hand(model):
    # 80 h build repaid at 4 h/week saved (automated upkeep 0)
    assert model.value("p41.break_even_weeks") == pytest.approx(80 / 4)
    assert model.value("p41.manual_total") == pytest.approx(4 * 52)
    assert model.value("p41.automated_total") == pytest.approx(80 + 0 * 52)
    assert model.value("p41.hours_saved") == pytest.approx(4 * 52 - 80)
    assert model.value("p41.verdict_automate") == "automate"


def test_feature_growth_brings_break_even_forward(model):
    model.set("p41.feature_multiplier", 2)
    assert model.value("p41.break_even_weeks") == pytest.approx(80 / (4 * 2))


def test_upkeep_slows_payback(model):
    model.set("p41.automated_hours_per_week", 1)
    assert model.value("p41.break_even_weeks") == pytest.approx(80 / (4 - 1))
    assert model.value("p41.automated_total") == pytest.approx(80 + 1 * 52)


@pytest.mark.parametrize(
    "name, by_hand",
    [
        ("p41.horizon_weeks", 80 / 4),  # the horizon equals break-even
        ("p41.build_hours", 4 * 52),  # a build as large as a year of manual work
        ("p41.feature_multiplier", 80 / (4 * 52)),
    ],
)
def test_verdict_flips_at_break_even(model, name, by_hand):
    edge = boundary(model, "p41.verdict_automate", name)
    assert edge == pytest.approx(by_hand)
    model.set(name, edge * 0.98)
    below = model.value("p41.verdict_automate")
    model.set(name, edge * 1.02)
    above = model.value("p41.verdict_automate")
    assert {below, above} == {"automate", "stay manual for now"}
    # a longer horizon or more manual work favours automation; a bigger build does not
    expected_above = "stay manual for now" if name == "p41.build_hours" else "automate"
    assert above == expected_above


def test_upkeep_above_manual_work_never_automates(model):
    model.set("p41.automated_hours_per_week", 5)
    assert model.value("p41.hours_saved") == pytest.approx(4 * 52 - (80 + 5 * 52))
    assert model.value("p41.verdict_automate") == "stay manual for now"


def test_cli_show_json():
    out = run_napkin("show", "p41", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    kinds = {c["kind"] for c in cells.values()}
    assert kinds == {"input", "calc", "verdict"}
    assert all(c["error"] is None for c in cells.values())
    assert cells["p41.break_even_weeks"]["unit"] == "week"
    assert cells["p41.break_even_weeks"]["si_value"] == pytest.approx(20 * 7 * 86400)
