"""p09 — iteration tax: a week-per-run 95 % ensemble vs an hour-per-run 90 % edge model."""

import pytest
import sympy as sp
from sheet_helpers import assert_sheet_json_clean, condition_sides

SMALL = "lightweight, fast-iterating model"
LARGE = "large ensemble"


def boundary_min(model, verdict, input_name):
    """Boundary of a verdict whose sides contain Min: rewrite Min as Piecewise, then solve."""
    x = sp.Symbol("x", positive=True)
    lhs, rhs = condition_sides(model, verdict, input_name, x)
    roots = sp.solve((lhs - rhs).rewrite(sp.Piecewise), x)
    assert len(roots) == 1, roots
    return float(roots[0]) / model.cell(input_name).unit.factor


def test_seed_figures(model):
    assert model.value("p09.large_cycle_hours") == 168  # seed: 1 week
    assert model.value("p09.large_start_acc") == 95  # seed: 95 %
    assert model.value("p09.small_cycle_hours") == 1  # seed: 1 hour
    assert model.value("p09.small_start_acc") == 90  # seed: 90 %
    assert model.value("p09.window_weeks") == 26  # seed: six months


def test_key_results_by_hand(model):
    hours = 26 * 168
    assert model.value("p09.window_hours") == pytest.approx(hours)
    large_iters = hours // 168  # 26 experiments
    assert model.value("p09.large_iters") == large_iters
    large_final = min(0.95 + large_iters * 0.0015, 0.99)  # 0.989
    assert model.value("p09.large_final") == pytest.approx(large_final * 100)
    assert round(model.value("p09.large_final"), 1) == 98.9
    assert model.value("p09.small_capacity") == hours // 1
    assert model.value("p09.small_iters") == min(hours, 100)
    small_final = min(0.90 + 100 * 0.001, 0.99)  # ceiling binds
    assert model.value("p09.small_final") == pytest.approx(small_final * 100)
    assert round(model.value("p09.small_final"), 1) == 99.0
    assert model.value("p09.final_gap") == pytest.approx((small_final - large_final) * 100)  # pp
    assert round(model.value("p09.large_gain_per_iter"), 2) == 0.15  # displayed with 2 decimals, pp
    assert model.value("p09.verdict_choice") == SMALL


def test_verdict_flips_with_useful_ideas(model):
    b = boundary_min(model, "p09.verdict_choice", "p09.small_useful_iters")
    assert b == pytest.approx((0.989 - 0.90) / 0.001)  # 89 experiments match the ensemble
    model.set("p09.small_useful_iters", 88)
    assert model.value("p09.verdict_choice") == LARGE
    model.set("p09.small_useful_iters", 90)
    assert model.value("p09.verdict_choice") == SMALL


def test_verdict_flips_with_small_gain(model):
    b = boundary_min(model, "p09.verdict_choice", "p09.small_gain_per_iter")
    assert b == pytest.approx((0.989 - 0.90) / 100 * 100)  # pp per experiment
    model.set("p09.small_gain_per_iter", b * 0.99)
    assert model.value("p09.verdict_choice") == LARGE
    model.set("p09.small_gain_per_iter", b * 1.01)
    assert model.value("p09.verdict_choice") == SMALL


def test_ceiling_matters(model):
    # without the ceiling the lightweight model would reach 100 %; a low ceiling makes a tie (→ lightweight)
    model.set("p09.acc_ceiling", 100)
    assert model.value("p09.small_final") == pytest.approx(100.0)
    model.set("p09.acc_ceiling", 97)
    assert model.value("p09.large_final") == pytest.approx(97.0)
    assert model.value("p09.verdict_choice") == SMALL


def test_sheet_json_has_no_errors(model):
    assert_sheet_json_clean(model, "p09")
