"""Dimension checking of SymPy expressions against the dimensions of the cells they read."""

from __future__ import annotations

import sympy as sp

from model.units import format_dims, mul_dims, pow_dims

ZERO = "zero"  # the literal 0 matches any dimension (x >= 0, Max(x, 0))
NONE: tuple = ()


class DimMismatch(Exception):
    """Raised with a readable reason when an expression mixes dimensions."""


def _same(dims_list, what: str):
    real = [d for d in dims_list if d is not ZERO]
    if not real:
        return ZERO
    first = real[0]
    for d in real[1:]:
        if d != first:
            raise DimMismatch(f"{what} mixes {format_dims(first)} with {format_dims(d)}")
    return first


def expr_dims(expr: sp.Basic, dims_of) -> tuple | str:
    """Return the dimension tuple of `expr`; `dims_of(symbol)` gives a symbol's dimension."""
    if isinstance(expr, sp.Symbol):
        return dims_of(expr)
    if expr.is_Number:
        return ZERO if expr == 0 else NONE
    if expr in (sp.true, sp.false) or isinstance(expr, sp.logic.boolalg.BooleanAtom):
        return NONE
    if isinstance(expr, sp.Add):
        return _same([expr_dims(a, dims_of) for a in expr.args], "a sum")
    if isinstance(expr, sp.Mul):
        out: tuple = NONE
        for a in expr.args:
            d = expr_dims(a, dims_of)
            if d is ZERO:
                return ZERO
            out = mul_dims(out, d)
        return out
    if isinstance(expr, sp.Pow):
        base = expr_dims(expr.base, dims_of)
        exp_dims = expr_dims(expr.exp, dims_of)
        if exp_dims not in (NONE, ZERO):
            raise DimMismatch(f"the exponent of {expr} has dimension {format_dims(exp_dims)}")
        if base in (NONE, ZERO):
            return base
        if not expr.exp.is_Number:
            raise DimMismatch(f"{expr.base} has dimension {format_dims(base)} and is raised to a non-constant power")
        return pow_dims(base, float(expr.exp))
    if isinstance(expr, (sp.Max, sp.Min)):
        return _same([expr_dims(a, dims_of) for a in expr.args], f"{type(expr).__name__}(...)")
    if isinstance(expr, sp.Piecewise):
        vals = []
        for value, cond in expr.args:
            expr_dims(cond, dims_of)
            vals.append(expr_dims(value, dims_of))
        return _same(vals, "the branches of an if_")
    if isinstance(expr, sp.core.relational.Relational):
        _same([expr_dims(expr.lhs, dims_of), expr_dims(expr.rhs, dims_of)], f"the comparison {expr}")
        return NONE
    if isinstance(expr, (sp.And, sp.Or, sp.Not)):
        for a in expr.args:
            expr_dims(a, dims_of)
        return NONE
    if isinstance(expr, sp.Abs):
        return expr_dims(expr.args[0], dims_of)
    if isinstance(expr, (sp.log, sp.exp, sp.ceiling, sp.floor)):
        for a in expr.args:
            d = expr_dims(a, dims_of)
            if d not in (NONE, ZERO):
                name = type(expr).__name__
                raise DimMismatch(
                    f"{name}() needs a pure number but its argument {a} has dimension {format_dims(d)}"
                    + (" (divide by a unit cell first)" if name in ("ceiling", "floor") else "")
                )
        return NONE
    raise DimMismatch(f"no dimension rule for {type(expr).__name__}")
