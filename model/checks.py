"""Dimension checking of formula ASTs against the dimensions of the cells they read."""

from __future__ import annotations

import ast

from model.units import format_dims, mul_dims, pow_dims

ZERO = "zero"  # the literal 0 matches any dimension (x >= 0, Max(x, 0))
NONE: tuple = ()


class DimMismatch(Exception):
    """Raised with a readable reason when a formula mixes dimensions."""


def _same(dims_list, what: str):
    real = [d for d in dims_list if d is not ZERO]
    if not real:
        return ZERO
    first = real[0]
    for d in real[1:]:
        if d != first:
            raise DimMismatch(f"{what} mixes {format_dims(first)} with {format_dims(d)}")
    return first


def _const(n) -> float | None:
    if isinstance(n, ast.Constant):
        return float(n.value)
    if isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.USub, ast.UAdd)):
        v = _const(n.operand)
        return None if v is None else (-v if isinstance(n.op, ast.USub) else v)
    if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div):
        a, b = _const(n.left), _const(n.right)
        return None if a is None or b in (None, 0.0) else a / b
    return None


def formula_dims(n: ast.expr, dims_of) -> tuple | str:
    """Return the dimension of a checked formula AST; `dims_of(name)` gives a cell's dimension."""
    if isinstance(n, ast.Constant):
        return ZERO if n.value == 0 else NONE
    if isinstance(n, ast.Name):
        return NONE if n.id in ("True", "False") else dims_of(n.id)
    if isinstance(n, ast.UnaryOp):
        d = formula_dims(n.operand, dims_of)
        return NONE if isinstance(n.op, ast.Not) else d
    if isinstance(n, ast.BinOp):
        if isinstance(n.op, (ast.Add, ast.Sub)):
            word = "a sum" if isinstance(n.op, ast.Add) else "a difference"
            return _same([formula_dims(n.left, dims_of), formula_dims(n.right, dims_of)], word)
        if isinstance(n.op, (ast.Mult, ast.Div)):
            left, r = formula_dims(n.left, dims_of), formula_dims(n.right, dims_of)
            if left is ZERO:
                return ZERO
            if r is ZERO:
                return ZERO if isinstance(n.op, ast.Mult) else NONE
            return mul_dims(left, r, 1.0 if isinstance(n.op, ast.Mult) else -1.0)
        base, expo = formula_dims(n.left, dims_of), formula_dims(n.right, dims_of)
        if expo not in (NONE, ZERO):
            raise DimMismatch(f"the exponent in {ast.unparse(n)} has dimension {format_dims(expo)}")
        if base in (NONE, ZERO):
            return base
        k = _const(n.right)
        if k is None:
            raise DimMismatch(f"{ast.unparse(n.left)} has dimension {format_dims(base)} and is raised to a non-constant power")
        return pow_dims(base, k)
    if isinstance(n, ast.Compare):
        _same([formula_dims(x, dims_of) for x in [n.left, *n.comparators]], f"the comparison {ast.unparse(n)}")
        return NONE
    if isinstance(n, ast.BoolOp):
        for v in n.values:
            formula_dims(v, dims_of)
        return NONE
    if isinstance(n, ast.Call):
        name = n.func.id
        args = [formula_dims(a, dims_of) for a in n.args]
        if name in ("Max", "Min"):
            return _same(args, f"{name}(...)")
        if name == "if_":
            return _same(args[1:], "the branches of an if_")
        if name == "Abs":
            return args[0]
        if name == "sqrt":
            return args[0] if args[0] in (NONE, ZERO) else pow_dims(args[0], 0.5)
        for a, d in zip(n.args, args, strict=True):
            if d not in (NONE, ZERO):
                raise DimMismatch(
                    f"{name}() needs a pure number but its argument {ast.unparse(a)} has dimension {format_dims(d)}"
                    + (" (divide by a unit cell first)" if name in ("ceiling", "floor") else ""))
        return NONE
    raise DimMismatch(f"no dimension rule for {type(n).__name__}")
