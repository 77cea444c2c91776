"""Display formatting of numbers, units and names, in one place (plain text and LaTeX).

A unit of "1" (or "") is a pure number: it is never printed after a value.
"""

from __future__ import annotations

import math
from collections.abc import Callable


def is_pure(unit: str) -> bool:
    """Return True for the unit of a pure number ("1" or "")."""
    return unit in ("1", "")


def display_unit(unit: str) -> str:
    """Return the unit as shown beside a value: '' for a pure number."""
    return "" if is_pure(unit) else unit


def unit_suffix(unit: str) -> str:
    """Return ' unit' to append to a number, or '' for a pure number."""
    return "" if is_pure(unit) else f" {unit}"


def format_number(x: float, sig: int = 4) -> str:
    """Format a number for people: 4 significant digits, thousands separators, no float noise."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if x == 0:
        return "0"
    ax = abs(x)
    if 1e-3 <= ax < 1e9:
        digits = max(0, sig - 1 - int(math.floor(math.log10(ax))))
        s = f"{x:,.{digits}f}"
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return s
    mant, exp = f"{x:.{sig - 1}e}".split("e")
    mant = mant.rstrip("0").rstrip(".")
    return f"{mant}e{int(exp)}"


def latex_number(x: float, sig: int = 4) -> str:
    """Format a number as LaTeX, with ×10^n for very large or small magnitudes."""
    s = format_number(x, sig)
    if "e" in s:
        mant, exp = s.split("e")
        return rf"{mant} \times 10^{{{exp}}}"
    return s.replace(",", "{,}")


def latex_unit(unit: str) -> str:
    """Format a unit as LaTeX after a thin space; '' for a pure number."""
    if is_pure(unit):
        return ""
    u = unit.replace("%", r"\%").replace("_", r"\_").replace("·", r"\cdot ").replace("*", r"\cdot ")
    return rf"\,\mathrm{{{u}}}"


def latex_name(name: str, sheet: str | None = None) -> str:
    """Format a cell name as upright LaTeX text; the sheet prefix is dropped inside its own sheet."""
    sid, short = name.split(".", 1)
    shown = short if sid == sheet else name
    return r"\mathrm{" + shown.replace("_", r"\_") + "}"


def format_quantity(value: float, unit: str, *, number: Callable[[float], str] | None = None) -> str:
    """Format a value with its unit ('0.02511 ms', '3.5' for a pure number); `number` formats the value."""
    return f"{(number or format_number)(value)}{unit_suffix(unit)}"
