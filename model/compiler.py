"""Compile cell expressions once into plain Python functions over a value list.

Every cell's expression is printed as `def _fN(v): return ...` with each symbol as `v[index]`;
all of them go into one module source that is `compile()`d once. Evaluation then never touches
SymPy: the hot path is a list lookup and a Python call per recomputed cell.
"""

from __future__ import annotations

import math

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter


class _ValuePrinter(PythonCodePrinter):
    """Print symbols as `v[i]` and numbers as floats, math functions from `math`."""

    def __init__(self, index: dict[sp.Symbol, int]):
        super().__init__({"fully_qualified_modules": True, "standard": "python3"})
        self._index = index

    def _print_Symbol(self, expr):
        return f"v[{self._index[expr]}]"

    def _print_Integer(self, expr):
        return f"{float(int(expr))!r}" if abs(int(expr)) < 2**53 else repr(float(expr))

    def _print_Rational(self, expr):
        return f"({float(expr.p)!r}/{float(expr.q)!r})"

    def _print_Float(self, expr):
        return repr(float(expr))

    def _print_Half(self, expr):
        return "0.5"

    def _print_BooleanTrue(self, expr):
        return "True"

    def _print_BooleanFalse(self, expr):
        return "False"


def function_source(i: int, expr: sp.Basic, index: dict[sp.Symbol, int]) -> str:
    """Return the source of `_f{i}(v)` computing `expr` as a float."""
    body = _ValuePrinter(index).doprint(expr)
    return f"def _f{i}(v):\n    return float({body})\n"


def compile_functions(exprs: dict[int, sp.Basic], index: dict[sp.Symbol, int], *, filename: str = "<napkin>"):
    """Compile all expressions into one module; return {cell index: function}."""
    parts = [function_source(i, e, index) for i, e in exprs.items()]
    source = "\n".join(parts)
    namespace: dict = {"math": math, "__builtins__": {"float": float, "max": max, "min": min, "abs": abs}}
    exec(compile(source, filename, "exec"), namespace)  # our own printed code, never user text
    return {i: namespace[f"_f{i}"] for i in exprs}, source
