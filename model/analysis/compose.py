"""Compose a cell's expression down to its free inputs: one SymPy expression per question.

A cell's own expression reads its direct parents. Composing substitutes every parent that is
not a free input by its own composed expression, all the way up, so the result reads only
*free inputs*: plain inputs, plus linked inputs that act as inputs (overridden in the session,
or named in `overridden` because a question is about them). A linked input that is not overridden is
followed to its link, exactly as the engine evaluates it.

Also here: the small helpers every analysis shares (the model's current point, which linked
inputs are overridden, input lookup with clear errors).
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp
from sympy.functions.elementary.piecewise import ExprCondPair

from model.analysis.vectorize import compile_numpy, graph_cache
from model.cells import Kind
from model.engine import Model
from model.errors import InputError
from model.graph import closure


def is_free(cell, overridden: Iterable[str] = ()) -> bool:
    """Return True if `cell` is a free input: a plain input, or a linked input named in `overridden`."""
    return cell.kind is Kind.INPUT and (cell.link is None or cell.name in overridden)


def free_inputs(graph, name: str, overridden: frozenset[str] = frozenset()) -> list[int]:
    """Return the indexes of the free inputs `name` depends on, in declaration order."""
    cells = graph.cells
    reached = closure([graph.index[name]], graph.parents, stop=lambda i: is_free(cells[i], overridden))
    return sorted(i for i in reached if is_free(cells[i], overridden))


def compose(graph, name: str, overridden: frozenset[str] = frozenset()) -> sp.Basic:
    """Return `name`'s expression over its free inputs' symbols (base units); memoised per graph."""
    memo = graph_cache(graph).setdefault(("compose", overridden), {})
    if name in memo:
        return memo[name]
    start = graph.index[name]
    cells = graph.cells
    need = closure([start], graph.parents, include_start=True)
    for i in sorted(need, key=graph.pos.__getitem__):
        c = cells[i]
        if c.name in memo:
            continue
        if c.expr is None or is_free(c, overridden):
            memo[c.name] = c.symbol
            continue
        repl = {cells[p].symbol: memo[cells[p].name] for p in graph.parents[i]}
        memo[c.name] = substitute(c.expr, repl)
    return memo[name]


def substitute(expr: sp.Basic, mapping: dict) -> sp.Basic:
    """Replace symbols by expressions without re-evaluating the tree.

    `xreplace` rebuilds every node with evaluation, and SymPy then folds a Piecewise whose
    conditions contain other Piecewise cells into nested ITE conditions that grow
    exponentially. Rebuilding with `evaluate=False` keeps the structure the formulas wrote.
    """
    def walk(e):
        hit = mapping.get(e)
        if hit is not None:
            return hit
        if not e.args:
            return e
        args = tuple(walk(a) for a in e.args)
        if all(a is b for a, b in zip(args, e.args, strict=True)):
            return e
        if isinstance(e, ExprCondPair):  # its constructor folds a Piecewise inside the condition
            return sp.Tuple.__new__(ExprCondPair, *args)
        if isinstance(e, sp.Piecewise):  # so does Piecewise's, rebuilding every pair
            return sp.Basic.__new__(sp.Piecewise, *args)
        try:
            return e.func(*args, evaluate=False)
        except TypeError:  # ExprCondPair and friends take no evaluate flag
            return e.func(*args)

    return walk(expr)


def pin_choices(expr: sp.Basic, model: Model) -> sp.Basic:
    """Replace each device lookup (Piecewise over a choice index) by the chosen member's branch.

    Composition is per graph, so a device-linked input composes to a Piecewise over every member;
    questions about the current session (regimes, goal seek, derivatives) read the chosen one.
    """
    g = model.graph
    chosen = {c.symbol: int(model.si_value(c.name)) for c in g.cells
              if c.choice is not None and c.symbol in expr.free_symbols}
    if not chosen:
        return expr
    mapping = {}
    for node in sp.preorder_traversal(expr):
        if not isinstance(node, sp.Piecewise) or node in mapping:
            continue
        conds = [cnd for _, cnd in node.args]
        if not all(cnd is sp.true or (isinstance(cnd, sp.Eq) and cnd.lhs in chosen) for cnd in conds):
            continue
        pick = sp.nan
        for e, cnd in node.args:
            if cnd is sp.true or int(cnd.rhs) == chosen[cnd.lhs]:
                pick = e
                break
        mapping[node] = pick
    return substitute(expr, mapping) if mapping else expr


def composed_function(graph, name: str, overridden: frozenset[str] = frozenset()):
    """Return a NumPy function f(v) of the composed expression (v: a base-value list by index)."""
    cache = graph_cache(graph).setdefault(("composed_fn", overridden), {})
    fn = cache.get(name)
    if fn is None:
        index = {c.symbol: c.index for c in graph.cells}
        fn = cache[name] = compile_numpy({0: compose(graph, name, overridden)}, index)[0]
    return fn


def overridden_links(model: Model) -> frozenset[str]:
    """Return the linked inputs the session has overridden (they act as free inputs)."""
    return frozenset(n for n in model.overrides() if model.graph.cell(n).link is not None)


def current_point(model: Model) -> list[float]:
    """Return every cell's current value in base units, indexed like `graph.cells` (NaN on error)."""
    return [model.si_value(c.name) for c in model.graph.cells]


def require_input(model: Model, name: str, role: str) -> object:
    """Return input `name`'s CellDef, or raise InputError saying it is unknown or not an input."""
    c = model.cell(name)
    if c.kind is not Kind.INPUT:
        ups = model.upstream_inputs(name)
        raise InputError(
            f"{role} needs an input, but '{name}' is a {c.kind.value} computed from its formula; "
            f"pick one of its inputs ({', '.join(ups[:6]) or 'none'}{', ...' if len(ups) > 6 else ''}).",
            name, "not an input")
    return c


def require_output(model: Model, name: str, role: str, *, verdict_ok: bool = False) -> object:
    """Return calc `name`'s CellDef (or a verdict's if `verdict_ok`); raise InputError otherwise."""
    c = model.cell(name)
    if c.kind is Kind.INPUT and c.link is None:
        raise InputError(f"{role} needs a computed cell, but '{name}' is an input; pick a calc that uses it "
                         f"(e.g. {', '.join(model.downstream(name)[:3]) or 'none'}).", name, "not an output")
    if c.kind is Kind.VERDICT and not verdict_ok:
        raise InputError(f"{role} needs a numeric cell, but '{name}' is a verdict (labels "
                         f"{', '.join(repr(x) for x in c.labels)}); use 'napkin regimes {name}' to see its "
                         f"boundaries.", name, "verdict")
    return c


def depends_on(graph, output: str, inp: str, overridden: frozenset[str] = frozenset()) -> bool:
    """Return True if `output` reads input `inp` (not hidden behind an overridden linked input)."""
    return graph.index[inp] in free_inputs(graph, output, overridden | {inp})
