"""The unit registry and the safe formula parser."""

import pytest

from model import parse_unit
from model.errors import FormulaError, UnitParseError
from model.formula import parse_formula


@pytest.mark.parametrize("text, factor, si", [
    ("TFLOP/s", 1e12, "FLOP/s"),
    ("GB/s", 1e9, "B/s"),
    ("Gbit/s", 1.25e8, "B/s"),
    ("KiB", 1024, "B"),
    ("KB", 1000, "B"),
    ("MAC", 2, "FLOP"),
    ("TOPS", 1e12, "FLOP/s"),
    ("kWh", 3.6e6, "J"),
    ("W", 1, "W"),
    ("USD/h", 1 / 3600, "USD/s"),
    ("kUSD", 1000, "USD"),
    ("month", 30 * 86400, "s"),
    ("year", 365 * 86400, "s"),
    ("%", 0.01, "1"),
    ("image/s", 1, "1/s"),
    ("kgCO2/kWh", 1 / 3.6e6, "kgCO2e/J"),
    ("tCO2", 1000, "kgCO2e"),
    ("degC/s", 1, "degC/s"),
    ("FLOP·s", 1, "FLOP·s"),
    ("1", 1, "1"),
])
def test_units_parse_to_base(text, factor, si):
    u = parse_unit(text)
    assert u.factor == pytest.approx(factor, rel=1e-12)
    assert u.si_unit == si


def test_flop_byte_usd_are_distinct_dimensions():
    dims = {parse_unit(u).dims for u in ("FLOP", "B", "USD", "s", "kgCO2e")}
    assert len(dims) == 5


def test_unknown_unit_word_is_an_error_not_a_new_unit():
    with pytest.raises(UnitParseError, match="Unknown unit 'gizmo/s'"):
        parse_unit("gizmo/s")
    with pytest.raises(UnitParseError, match="characters that are not part of any unit"):
        parse_unit("GB; import os")


def _parse(text):
    return parse_formula(text, sheet="p77", cell="p77.out")


def test_formula_names_are_qualified_and_collected():
    f = _parse("weight_bytes / gpu_a100.mem_bw")
    assert f.text == "p77.weight_bytes / gpu_a100.mem_bw"
    assert f.names == ("p77.weight_bytes", "gpu_a100.mem_bw")


@pytest.mark.parametrize("text", [
    "__import__('os').system('echo pwned')",
    "x.__class__",
    "(lambda: 1)()",
    "[1, 2]",
    "'text'",
    "a if b else c",
    "open('f')",
    "a.b.c",
    "a == b",
])
def test_anything_but_arithmetic_is_refused(text):
    with pytest.raises(FormulaError):
        _parse(text)
