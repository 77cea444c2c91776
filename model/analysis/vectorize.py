"""NumPy code for expressions: print once, compile once, evaluate over whole arrays of points.

The scalar engine (`model.compiler`) evaluates one point per call. Analyses that need thousands
or millions of points (sweeps, Monte Carlo, tornado charts, scenario attribution) print the same
SymPy expressions as NumPy code instead: `Max`/`Min` become `numpy.maximum`/`minimum`,
`Piecewise` becomes `numpy.select` (so verdicts vectorise too), `ceiling`/`floor` become
`numpy.ceil`/`floor`. A failing point (division by zero, log of a negative) yields NaN or inf in
that slot only, the vector analogue of a cell in error.

`evaluate_points(graph, base, varying, ...)` pushes arrays through the graph cell by cell in
topological order, recomputing only what the varying inputs reach and dropping each array as
soon as its last consumer has read it.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from model.graph import closure

_CACHES: dict[int, dict] = {}


def graph_cache(graph) -> dict:
    """Return a per-graph dict for memoised analysis artefacts (freed with the graph)."""
    key = id(graph)
    cache = _CACHES.get(key)
    if cache is None:
        cache = _CACHES[key] = {}
        weakref.finalize(graph, _CACHES.pop, key, None)
    return cache


class _ArrayPrinter(NumPyPrinter):
    """Print symbols as `v[i]`, numbers as floats, Max/Min as pairwise numpy.maximum/minimum."""

    def __init__(self, index: Mapping[sp.Symbol, int]):
        super().__init__({"fully_qualified_modules": True, "inline": True, "allow_unknown_functions": False})
        self._index = index

    def _print_Symbol(self, expr):
        return f"v[{self._index[expr]}]"

    def _print_Integer(self, expr):
        return repr(float(int(expr)))

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

    def _pairwise(self, fn: str, args) -> str:
        out = self._print(args[0])
        for a in args[1:]:
            out = f"numpy.{fn}({out}, {self._print(a)})"
        return out

    def _print_Max(self, expr):
        return self._pairwise("maximum", expr.args)

    def _print_Min(self, expr):
        return self._pairwise("minimum", expr.args)

    def _print_And(self, expr):
        return self._pairwise("logical_and", expr.args)

    def _print_Or(self, expr):
        return self._pairwise("logical_or", expr.args)

    def _print_Not(self, expr):
        return f"numpy.logical_not({self._print(expr.args[0])})"

    def _print_Abs(self, expr):
        return f"numpy.abs({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr):
        return f"numpy.heaviside({self._print(expr.args[0])}, 0.5)"


def numpy_source(expr: sp.Basic, index: Mapping[sp.Symbol, int]) -> str:
    """Return a NumPy expression computing `expr`, reading symbol s as `v[index[s]]`."""
    return _ArrayPrinter(index).doprint(expr)


def compile_numpy(exprs: Mapping[object, sp.Basic], index: Mapping[sp.Symbol, int], *,
                  tuples: bool = False) -> dict[object, Callable]:
    """Compile expressions (or tuples of them when `tuples`) into functions f(v) -> array.

    All functions go into one module compiled once; the code is our own printing of SymPy
    expressions, never text a user typed.
    """
    keys = list(exprs)
    lines = []
    for n, key in enumerate(keys):
        e = exprs[key]
        body = ("(" + ", ".join(numpy_source(x, index) for x in e) + ",)") if tuples else numpy_source(e, index)
        lines.append(f"def _g{n}(v):\n    return {body}\n")
    namespace: dict = {"numpy": np, "math": math, "__builtins__": {"float": float}}
    exec(compile("\n".join(lines), "<napkin-numpy>", "exec"), namespace)
    return {key: namespace[f"_g{n}"] for n, key in enumerate(keys)}


class _CellFunctions:
    """Per-cell NumPy functions, printed and compiled on first use (index like `graph.cells`)."""

    def __init__(self, graph):
        self._graph = graph
        self._index = {c.symbol: c.index for c in graph.cells}
        self._funcs: dict[int, Callable] = {}

    def __getitem__(self, k: int) -> Callable | None:
        fn = self._funcs.get(k)
        if fn is None:
            expr = self._graph.cells[k].expr
            if expr is None:
                return None
            fn = self._funcs[k] = compile_numpy({k: expr}, self._index)[k]
        return fn


def cell_functions(graph) -> _CellFunctions:
    """Return (cached per graph) the NumPy function of each cell, f(v) -> array (None for inputs)."""
    cache = graph_cache(graph)
    funcs = cache.get("numpy_cells")
    if funcs is None:
        funcs = cache["numpy_cells"] = _CellFunctions(graph)
    return funcs


def reach(graph, sources: Iterable[int], overridden: Iterable[int] = ()) -> list[int]:
    """Return the cells the `sources` reach (sources excluded), never passing through `overridden`."""
    overridden = set(overridden)
    seen = closure(sources, graph.children, stop=overridden) - overridden
    return sorted(seen, key=graph.pos.__getitem__)


def evaluate_points(graph, base: list[float], varying: Mapping[int, np.ndarray], *,
                    overridden: Iterable[int] = (), keep: Iterable[int] | None = None,
                    progress: Callable[[Iterable], Iterable] | None = None) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (cell index, values at every point) for each cell the varying inputs reach.

    `base` holds every cell's current value in base units; `varying` maps input indexes to
    arrays of one common length; `overridden` are overridden linked inputs that keep their value.
    Cells not reached keep their scalar `base` value. Arrays not in `keep` (None: keep none)
    are dropped once their last child has been computed, so memory stays near the graph's width.
    """
    order = reach(graph, varying, overridden)
    shape = np.broadcast_shapes(*(np.shape(a) for a in varying.values())) if varying else ()
    todo = set(order)
    funcs = cell_functions(graph)
    v: list = list(base)
    for i, arr in varying.items():
        v[i] = np.asarray(arr, dtype=float)
    keep = set(keep) if keep is not None else set()
    pending = {p: sum(1 for k in graph.children[p] if k in todo) for p in (set(varying) | todo)}
    steps = progress(order) if progress else order
    with np.errstate(all="ignore"):
        for k in steps:
            out = np.asarray(funcs[k](v), dtype=float)
            v[k] = out if out.shape == shape else np.broadcast_to(out, shape)
            yield k, v[k]
            for p in graph.parents[k]:
                if p in pending:
                    pending[p] -= 1
                    if pending[p] == 0 and p not in keep and p not in varying:
                        v[p] = base[p]
