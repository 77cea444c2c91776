"""model.quantity: the one reader and writer of value text (issues #12, #17, #18)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from model import (
    Kind,
    QuantityError,
    format_number_text,
    format_quantity_text,
    number_text,
    parse_quantity,
)
from model.quantity import MAX_TEXT, _Parser, is_plain_number, unit_text
from model.units import parse_unit
from sheets import default_graph

UNITS = sorted({c.unit.text for c in default_graph().cells})


@pytest.mark.parametrize("text, unit, expected", [
    ("=2*1024", "GB", 2048e9),                       # arithmetic in a box, in the display unit
    ("4*80 GB", "GB", 320e9),
    ("1.5 TB/s - 200 GB/s", "GB/s", 1.3e12),
    ("(2+3) GB", "GB", 5e9),
    ("3 /month", "1/month", 3 / (30 * 86400)),
    ("3 month^-1", "1/month", 3 / (30 * 86400)),
    ("3 month**-1", "1/month", 3 / (30 * 86400)),
    ("3.0 1/month", "1/month", 3 / (30 * 86400)),    # the old scenario form, still read
    ("40 %", "1", 0.4),
    ("40", "%", 0.4),
    ("1,024 GiB", "GB", 1024 * 2**30),
    ("2 × 3 ÷ 4 − 1", "1", 0.5),                     # typographic operators
    ("-.5e3 ms", "s", -0.5),
    ("2 kW h", "Wh", 2000.0 * 3600),                 # a unit after a unit: times (base unit J)
    ("2^10 B", "B", 1024.0),
    ("-2^2", "1", -4.0),                              # minus binds looser than the power, as in maths
    ("USD/TB/month * 3", "USD/TB/month", 3 * parse_unit("USD/TB/month").factor),
])
def test_reads_numbers_units_and_arithmetic(text, unit, expected):
    assert parse_quantity(text, unit) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("text, says", [
    ("", "empty"),
    ("GB", "needs a number"),
    ("5 tb/s", "Unknown unit 'tb' in '5 tb/s'; did you mean 'TB'?"),
    ("5 GB^99999/s", "power 99999"),
    ("10^400", "too large"),
    ("1e999", "too large"),
    ("1.5 TB/s - 200", "Cannot subtract a plain number from B/s"),
    ("3 1", "Two numbers in a row"),
    ("2 (3)", "Put * before the parenthesis"),
    ("(1", "Missing ')'"),
    ("1/0", "Division by zero"),
    ("(-8)^0.5", "fractional power"),
    ("1,5", "Misplaced comma"),
    ("٣", "Only the digits 0-9"),
    ("３", "Only the digits 0-9"),
    ("5 $", "Unexpected character '$'"),
    ("nan", "finite"),
    ("-inf", "finite"),
    ("__import__('os')", "needs a number"),
    ("x" * (MAX_TEXT + 1), f"at most {MAX_TEXT} are read"),
    ("(" * 40 + "1" + ")" * 40, "nested"),
    ("5 " + "G" * 40, "longer than 32 characters"),
])
def test_refuses_with_one_clear_message(text, says):
    with pytest.raises(QuantityError) as e:
        parse_quantity(text, "GB/s" if "tb" in text else "1")
    assert says in e.value.message
    assert "(('" not in e.value.message and "Traceback" not in e.value.message


def test_wrong_dimension_names_both():
    with pytest.raises(QuantityError) as e:
        parse_quantity("3 GB", "ms")
    assert e.value.rule == "wrong dimension" and "[information]" in e.value.message


@pytest.mark.parametrize("unit", UNITS)
def test_every_display_unit_is_written_unambiguously_and_read_as_itself(unit):
    u = parse_unit(unit)
    word = unit_text(u)
    assert not word[:1].isdigit()  # '3 1/month' would read as two numbers
    if word:  # the general parser (not the fast path) reads the written unit with the same dimension and factor
        q = _Parser("1 " + word).parse()
        assert q.dims == u.dims and q.mag == pytest.approx(u.factor, rel=1e-14)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300), st.sampled_from(UNITS))
def test_writer_round_trips_exactly(x, unit):
    u = parse_unit(unit)
    if not u.dims:  # dimensionless: exact for values set through the display unit (see format_quantity_text)
        x = x * u.factor
        assume(math.isfinite(x))  # 1e300 Ttoken is past the largest float: not a value anyone sets
        back = parse_quantity(format_quantity_text(x, u), u)
        assert back == x
        assert parse_quantity(format_number_text(x, u), u) == x
        return
    assert parse_quantity(format_quantity_text(x, u), u) == x
    assert parse_quantity(format_number_text(x, u), u) == x


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_dimensionless_factor_values_are_at_most_one_ulp_off(x):
    u = parse_unit("%")
    back = parse_quantity(format_quantity_text(x, u), u)
    assert back == x or math.nextafter(back, x) == x


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_text_is_exact_and_a_plain_number(x):
    t = number_text(x)
    assert float(t) == x and is_plain_number(t)


def test_bound_messages_are_exact():
    from model import InputError, Model

    m = Model(default_graph())
    with pytest.raises(InputError, match=r"whole number, not 2048\.0000001\.$"):
        m.parse("p01.n_gpus", "2048.0000001")
    with pytest.raises(InputError, match=r"at most 1, not 1\.0000001\.$"):
        m.parse("p01.eta_base", "1.0000001")


def test_every_input_accepts_its_own_written_default():
    g = default_graph()
    from model import Model

    m = Model(g)
    for c in g.cells:
        if c.kind is Kind.INPUT and c.choice is not None:  # a device choice is written as its member id
            assert m.parse(c.name, m.value(c.name)) == m.si_value(c.name), c.name
        elif c.kind is Kind.INPUT and math.isfinite(m.si_value(c.name)):
            x = m.si_value(c.name)
            back = m.parse(c.name, format_quantity_text(x, c.unit))
            assert back == x or (not c.unit.dims and math.nextafter(back, x) == x), c.name
