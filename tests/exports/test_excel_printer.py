"""Golden strings for the Excel printer, one construct per test, and a property test.

The property test prints random expressions, evaluates the Excel text with the `formulas`
package (an independent Excel engine) and compares with SymPy's own evaluation at 30 digits.
"""

from __future__ import annotations

import math

import pytest
import sympy as sp
from excel_helpers import clear_of_jumps, sympy_reference
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from exports.excel_printer import (
    ExcelPrintError,
    check_excel_names,
    exact_factor,
    excel_name,
    excel_number,
    excel_string,
    to_excel_formula,
)

x, y, z = sp.symbols("s.x s.y s.z", real=True)
NAMES = {x: "S_X", y: "S_Y", z: "S_Z"}


def xl(expr, **kw) -> str:
    return to_excel_formula(expr, NAMES, **kw)


# ---- arithmetic and precedence -----------------------------------------------------------------
def test_sum_and_difference():
    assert xl(x + y - z) == "=S_X+S_Y-S_Z"


def test_product_and_quotient():
    assert xl(x * y / z) == "=S_X*S_Y/S_Z"


def test_quotient_by_a_product_is_parenthesised():
    # Excel reads A/B*C as (A/B)*C
    assert xl(x / (y * z)) == "=S_X/(S_Y*S_Z)"


def test_quotient_by_a_sum_is_parenthesised():
    assert xl(x / (y + z)) == "=S_X/(S_Y+S_Z)"


def test_power():
    assert xl(x**2) == "=S_X^2"


def test_unary_minus_of_a_power_is_parenthesised():
    # Excel: -2^2 is 4, because negation binds tighter than ^
    assert xl(-(x**2)) == "=-(S_X^2)"


def test_unary_minus_of_a_power_leading_a_sum():
    assert xl(y - x**2) == "=-(S_X^2)+S_Y"


def test_power_of_a_negation_keeps_its_parentheses():
    assert xl((x - y) ** 3) == "=(S_X-S_Y)^3"


def test_power_tower_is_right_grouped_explicitly():
    # Excel's ^ is left-associative: 2^3^2 is 64
    assert xl(x ** (y**z)) == "=S_X^(S_Y^S_Z)"


def test_negative_integer_exponent():
    assert xl(x**-2) == "=1/S_X^2"


def test_negative_fractional_exponent():
    assert xl(x ** sp.Rational(-3, 2)) == "=1/S_X^(3/2)"


def test_square_root():
    assert xl(sp.sqrt(x)) == "=SQRT(S_X)"


def test_reciprocal_square_root():
    assert xl(1 / sp.sqrt(x)) == "=1/SQRT(S_X)"


def test_cube_root():
    assert xl(x ** sp.Rational(1, 3)) == "=S_X^(1/3)"


def test_symbolic_exponent():
    assert xl(2**x) == "=2^S_X"


def test_negative_coefficient():
    assert xl(-2 * x) == "=-2*S_X"


def test_rational_coefficient_prints_exactly():
    assert xl(x * sp.Rational(3, 1000)) == "=3*S_X/1000"


def test_float_coefficient_prints_with_round_trip_digits():
    assert xl(sp.Float(0.1) * x) == "=0.1*S_X"
    assert xl(sp.Float(1 / 3) * x) == "=0.3333333333333333*S_X"


def test_large_integer_prints_as_exponent():
    assert xl(10**24 * x) == "=1E+24*S_X"


# ---- functions ---------------------------------------------------------------------------------
def test_max():
    assert xl(sp.Max(x, y)) == "=MAX(S_X,S_Y)"


def test_min():
    assert xl(sp.Min(x, y, z)) == "=MIN(S_X,S_Y,S_Z)"


def test_ceiling_avoids_ceiling_function():
    # CEILING(x,1) fails for negative x in Excel; -INT(-x) rounds up everywhere
    assert xl(sp.ceiling(x / y)) == "=-INT(-S_X/S_Y)"


def test_floor():
    assert xl(sp.floor(x)) == "=INT(S_X)"


def test_ceiling_as_a_base_is_parenthesised():
    assert xl(sp.ceiling(x) ** 2) == "=(-INT(-S_X))^2"


def test_natural_log():
    assert xl(sp.log(x)) == "=LN(S_X)"


def test_log10():
    assert xl(sp.log(x, 10)) == "=LOG10(S_X)"


def test_log2():
    assert xl(sp.log(x, 2)) == "=LOG(S_X,2)"


def test_exp():
    assert xl(sp.exp(x)) == "=EXP(S_X)"


def test_abs():
    assert xl(sp.Abs(x - y)) == "=ABS(S_X-S_Y)"


# ---- comparisons and branches ------------------------------------------------------------------
def test_comparisons():
    assert xl(sp.StrictGreaterThan(x, y, evaluate=False)) == "=S_X>S_Y"
    assert xl(sp.GreaterThan(x, y + z, evaluate=False)) == "=S_X>=S_Y+S_Z"
    assert xl(sp.StrictLessThan(x, y, evaluate=False)) == "=S_X<S_Y"
    assert xl(sp.LessThan(x, 1, evaluate=False)) == "=S_X<=1"
    assert xl(sp.Eq(x, y, evaluate=False)) == "=S_X=S_Y"
    assert xl(sp.Ne(x, y, evaluate=False)) == "=S_X<>S_Y"


def test_and_or():
    assert xl(sp.Or(sp.And(x > 1, y < 2), z > 0)) == "=OR(S_Z>0,AND(S_X>1,S_Y<2))"


def test_not():
    assert xl(sp.Not(sp.And(x > 1, y < 2))) == "=NOT(AND(S_X>1,S_Y<2))"


def test_piecewise_nests_if():
    expr = sp.Piecewise((x, x > y), (y, y > z), (z, True))
    assert xl(expr) == "=IF(S_X>S_Y,S_X,IF(S_Y>S_Z,S_Y,S_Z))"


def test_piecewise_of_labels():
    a, b = sp.Dummy("a"), sp.Dummy("b")
    assert to_excel_formula(sp.Piecewise((a, x > y), (b, True)), {**NAMES, a: '"fast"', b: '"say ""slow"""'}) == (
        '=IF(S_X>S_Y,"fast","say ""slow""")'
    )


def test_long_text_is_joined_from_pieces_excel_accepts():
    assert excel_string("a" * 300) == '"' + "a" * 255 + '"&"' + "a" * 45 + '"'
    assert excel_string('say "hi"') == '"say ""hi"""'


# ---- unit folding ------------------------------------------------------------------------------
def test_unit_factors_cancel():
    # t [ms] = bytes [MB] / bw [GB/s]: 1e6 / 1e9 / 1e-3 = 1
    assert xl(x / y, factors={x: 1e6, y: 1e9}, result_factor=1e-3) == "=S_X/S_Y"


def test_unit_factor_kept_when_it_does_not_cancel():
    # ridge [FLOP/byte] = peak [TFLOP/s] / bw [GB/s]
    assert xl(x / y, factors={x: 1e12, y: 1e9}) == "=1000*S_X/S_Y"


def test_unit_factor_pulled_out_of_max_and_comparisons():
    assert xl(sp.Max(x, y), factors={x: 1e-3, y: 1e-3}, result_factor=1e-3) == "=MAX(S_X,S_Y)"
    assert xl(sp.StrictGreaterThan(x, y), factors={x: 1e-3, y: 1e-3}) == "=S_X>S_Y"


def test_hour_factor_is_an_exact_fraction():
    assert exact_factor(1 / 3600) == sp.Rational(1, 3600)
    assert exact_factor(1e-3) == sp.Rational(1, 1000)
    assert exact_factor(1e24) == sp.Integer(10) ** 24
    assert exact_factor(2.0**30) == 2**30


def test_numbers():
    assert excel_number(1e-05) == "1E-05"
    assert excel_number(2.5e20) == "2.5E+20"
    assert excel_number(2039.0) == "2039"
    assert float(excel_number(0.1 + 0.2)) == 0.1 + 0.2


# ---- strictness --------------------------------------------------------------------------------
@pytest.mark.parametrize("expr", [sp.sin(x), sp.oo * x, sp.I * x, sp.Mod(x, y), sp.Piecewise((x, x > 0))])
def test_unprintable_constructs_raise(expr):
    with pytest.raises(ExcelPrintError):
        xl(expr)


def test_symbol_without_a_name_raises():
    w = sp.Symbol("s.w", real=True)
    with pytest.raises(ExcelPrintError, match="s.w"):
        xl(x + w)


# ---- defined names -----------------------------------------------------------------------------
def test_excel_name():
    assert excel_name("p03.t_memory_gpu") == "P03_T_MEMORY_GPU"


@pytest.mark.parametrize("bad", ["A100", "fp16", "R", "C", "R1C1", "RC", "C12", "XFD1", "TRUE", "1ABC", "A B"])
def test_address_like_names_refused(bad):
    with pytest.raises(ExcelPrintError, match=bad):
        check_excel_names([bad])


def test_names_clash_ignoring_case():
    with pytest.raises(ExcelPrintError, match="clashes"):
        check_excel_names(["GPU_A100_MEM_BW", "gpu_a100_mem_bw"])


def test_every_built_in_name_is_excel_safe(graph):
    check_excel_names(excel_name(c.name) for c in graph.cells)


# ---- property test: printer + formulas agrees with SymPy ---------------------------------------
SYMS = (x, y, z)
POS = {x: "V_X", y: "V_Y", z: "V_Z"}


def _leaf():
    return st.one_of(
        st.sampled_from(SYMS),
        st.tuples(st.sampled_from(SYMS), st.integers(2, 3), st.booleans()).map(
            lambda p: -(p[0] ** p[1]) if p[2] else p[0] ** p[1]),
        st.integers(-9, 9).map(sp.Integer),
        st.fractions(min_value=-20, max_value=20, max_denominator=16).map(lambda f: sp.Rational(f.numerator, f.denominator)),
    )


def _positive(e):
    return sp.Abs(e) + sp.Rational(1, 2)


def _extend(children):
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: p[0] + p[1]),
        pair.map(lambda p: p[0] - p[1]),
        pair.map(lambda p: p[0] * p[1]),
        pair.map(lambda p: p[0] / _positive(p[1])),
        st.tuples(children, st.integers(-3, 4)).map(lambda p: p[0] ** p[1] if p[1] >= 0 else _positive(p[0]) ** p[1]),
        st.tuples(children, st.sampled_from([sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(-1, 2), sp.Rational(3, 2)]))
        .map(lambda p: _positive(p[0]) ** p[1]),
        children.map(lambda e: -e),
        pair.map(lambda p: sp.Max(*p)),
        pair.map(lambda p: sp.Min(*p)),
        children.map(sp.ceiling),
        children.map(sp.floor),
        children.map(lambda e: sp.log(_positive(e))),
        children.map(lambda e: sp.log(_positive(e), 10)),
        children.map(lambda e: sp.log(_positive(e), 2)),
        children.map(lambda e: sp.exp(sp.Min(e, 20))),
        children.map(sp.Abs),
        st.tuples(children, children, children, st.sampled_from([sp.StrictGreaterThan, sp.LessThan])).map(
            lambda p: sp.Piecewise((p[0], p[3](p[1], p[2])), (p[1], True))),
    )


EXPRS = st.recursive(_leaf(), _extend, max_leaves=8)
VALUES = st.floats(min_value=-50, max_value=50, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 3))


@example(expr=-(x**2), vx=3.0, vy=1.0, vz=1.0)
@example(expr=y - x**2 * z, vx=-2.0, vy=1.0, vz=1.5)
@example(expr=x ** (y**2), vx=2.0, vy=1.5, vz=0.0)
@example(expr=sp.ceiling(-x / 3), vx=7.0, vy=0.0, vz=0.0)
@example(expr=x / (y * z), vx=1.0, vy=2.0, vz=4.0)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(expr=EXPRS, vx=VALUES, vy=VALUES, vz=VALUES)
def test_printed_formula_agrees_with_sympy(expr, vx, vy, vz):
    formulas = pytest.importorskip("formulas")
    expr = sp.sympify(expr)
    assume(not expr.has(sp.zoo, sp.oo, sp.nan, -sp.oo))
    env = {x: vx, y: vy, z: vz}
    want = sympy_reference(expr, env)
    assume(want.is_real and want.is_finite and abs(want) < 1e12)
    assume(clear_of_jumps(expr, env))
    text = to_excel_formula(expr, POS)
    func = formulas.Parser().ast(text)[1].compile()
    args = [env[{v: k for k, v in POS.items()}[name]] for name in func.inputs]
    got = func(*args)
    got = got.item() if hasattr(got, "item") else got
    assert isinstance(got, (int, float)) and not isinstance(got, bool), f"{text} gave {got!r}"
    assert math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-9), f"{expr} -> {text}: {got} != {want}"
