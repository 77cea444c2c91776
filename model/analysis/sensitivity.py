"""Exact sensitivities: ∂y/∂x and the elasticity ∂ln y/∂ln x of an output for every free input.

How it works: each cell's expression is differentiated symbolically with respect to each of its
direct parents, once per graph, and compiled to NumPy. At the model's current point the chain
rule runs backwards from the output (reverse-mode accumulation over the cell graph), so one
pass gives the exact derivative with respect to every upstream input, without expanding the
output into one huge expression. Derivatives of `ceiling`/`floor` are taken as 0 (they are
flat between their jumps); at a tie of `Max`/`Min` each side gets half.

The tornado chart evaluates the output at each input's low and high (its range when one is
given, else the current value ±`swing`, clipped to the input's bounds), all in one vectorised
call of the output's composed expression.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np
import sympy as sp

from model.analysis.compose import compose, composed_function, current_point, free_inputs, overridden_links, pin_choices, require_output
from model.analysis.vectorize import compile_numpy, graph_cache
from model.cells import Kind
from model.engine import Model
from model.errors import InputError
from model.format import is_pure, latex_name
from model.graph import closure


@dataclass(frozen=True)
class InputSensitivity:
    """One input's effect on the output, in display units."""

    name: str
    value: float
    unit: str
    derivative: float | None  # display units of y per display unit of x
    derivative_unit: str
    elasticity: float | None  # ∂ln y/∂ln x; None where y is 0 or the derivative undefined
    x_low: float
    x_high: float
    y_low: float | None
    y_high: float | None


@dataclass(frozen=True)
class Sensitivity:
    """Sensitivities of one output at the model's current point."""

    output: str
    value: float
    unit: str
    inputs: tuple[InputSensitivity, ...]

    def to_dict(self) -> dict:
        """Return the JSON contract: {output, value, unit, inputs: [{name, value, unit, derivative, elasticity, ...}]}."""
        return {"output": self.output, "value": self.value, "unit": self.unit,
                "inputs": [asdict(s) for s in self.inputs]}


def _d(expr: sp.Basic, sym: sp.Symbol) -> sp.Basic:
    d = sp.diff(expr, sym)
    if d.has(sp.Derivative, sp.Subs):  # ceiling/floor: flat between jumps
        d = d.replace(lambda e: isinstance(e, (sp.Derivative, sp.Subs)), lambda e: sp.Integer(0))
    return d


def local_partials(graph, k: int):
    """Return (compiled once per graph) f(v) -> tuple of ∂cell_k/∂parent for each parent of k."""
    cache = graph_cache(graph).setdefault("partials", {})
    fn = cache.get(k)
    if fn is None:
        c = graph.cells[k]
        parts = tuple(_d(c.expr, graph.cells[p].symbol) for p in graph.parents[k])
        index = {x.symbol: x.index for x in graph.cells}
        fn = cache[k] = compile_numpy({0: parts}, index, tuples=True)[0]
    return fn


def gradient(graph, name: str, point: list[float], overridden: frozenset[str] = frozenset()) -> dict[int, float]:
    """Return {free input index: ∂name/∂input} in base units at `point` (reverse-mode chain rule)."""
    start = graph.index[name]
    leaves = set(free_inputs(graph, name, overridden))
    interior = closure([start], graph.parents, stop=leaves, include_start=True) - leaves
    adj: dict[int, float] = {start: 1.0}
    with np.errstate(all="ignore"):
        for k in sorted(interior, key=graph.pos.__getitem__, reverse=True):
            a = adj.get(k, 0.0)
            if a == 0.0 or graph.cells[k].expr is None:
                continue
            for p, d in zip(graph.parents[k], local_partials(graph, k)(point), strict=True):
                adj[p] = adj.get(p, 0.0) + a * float(d)
    return {i: adj.get(i, 0.0) for i in sorted(leaves)}


def _unit_ratio(y: str, x: str) -> str:
    if is_pure(x):
        return y
    xs = f"({x})" if any(ch in x for ch in "/*· ") else x
    return f"1/{xs}" if is_pure(y) else f"{y}/{xs}"


def _clip(decl, x: float) -> float:
    if decl.lo is not None:
        x = max(x, decl.lo)
    if decl.hi is not None:
        x = min(x, decl.hi)
    return x


def _low_high(c, x: float, swing: float, dist) -> tuple[float, float]:
    if dist is not None:
        return dist.low_high()
    lo, hi = _clip(c.decl, x * (1 - swing)), _clip(c.decl, x * (1 + swing))
    if lo > hi:
        lo, hi = hi, lo
    if c.decl.integer:
        lo, hi = math.floor(lo), math.ceil(hi)
    return lo, hi


def sensitivity(model: Model, name: str, *, swing: float = 0.2, ranges: Mapping[str, object] | None = None,
                include_constants: bool = False) -> Sensitivity:
    """Return the exact derivative, elasticity and tornado bar of `name` for each free input.

    Definitional constants (inputs declared `constant=True`, such as seconds per day) are left
    out unless `include_constants`.

    `swing` sets the tornado's low/high as the current value ×(1 ∓ swing) within the input's
    bounds; an input named in `ranges` (a Distribution) uses its range instead. Inputs are
    sorted by |elasticity|, largest first. Raises InputError for an input, a verdict, or a
    cell in error.
    """
    c = require_output(model, name, "Sensitivity")
    err = model.error(name)
    if err is not None:
        raise InputError(f"Cell '{name}' has no value ({err}); fix its inputs before asking for sensitivities.", name, "cell in error")
    if not (0 < swing < 1):
        raise InputError(f"Tornado swing must be between 0 and 1 (a fraction such as 0.2), not {swing:g}.", name, "bad swing")
    g = model.graph
    overridden = overridden_links(model)
    point = current_point(model)
    grad = gradient(g, name, point, overridden)
    live = set(model.upstream_inputs(name))  # through a device choice: the chosen member's cells only
    grad = {i: d for i, d in grad.items() if g.cells[i].choice is None and g.cells[i].name in live}
    y = point[c.index]
    leaves = [i for i in grad if include_constants or not g.cells[i].constant]
    ranges = dict(ranges or {})
    bars = [_low_high(g.cells[i], point[i] / g.cells[i].unit.factor, swing, ranges.get(g.cells[i].name)) for i in leaves]
    ys = _tornado(g, name, overridden, point, leaves, bars)
    out = []
    for j, i in enumerate(leaves):
        x = g.cells[i]
        d = grad[i]
        ok = math.isfinite(d)
        elasticity = d * point[i] / y if ok and y != 0 else None
        if d != 0 and elasticity is not None and abs(elasticity) < _NOISE and _exactly_zero(g, name, overridden, i, point):
            d, elasticity = 0.0, 0.0  # rounding noise of the chain rule over a derivative that is exactly 0
        out.append(InputSensitivity(
            name=x.name, value=point[i] / x.unit.factor, unit=x.unit.text,
            derivative=d * x.unit.factor / c.unit.factor if ok else None,
            derivative_unit=_unit_ratio(c.unit.text, x.unit.text),
            elasticity=elasticity, x_low=bars[j][0], x_high=bars[j][1],
            y_low=ys[2 * j], y_high=ys[2 * j + 1]))
    out.sort(key=lambda s: (s.elasticity is None, -round(abs(s.elasticity or 0.0), 9), s.name))
    return Sensitivity(name, y / c.unit.factor, c.unit.text, tuple(out))


#: An elasticity this small is suspected to be rounding noise; SymPy then decides whether it is exactly 0.
_NOISE = 1e-9


def _exactly_zero(g, name: str, overridden, i: int, point) -> bool:
    """True when ∂name/∂input i is identically zero at today's device choices (checked symbolically;
    big expressions are not simplified)."""
    d = _d(compose(g, name, overridden), g.cells[i].symbol)
    chosen = {c.symbol: sp.Integer(int(point[c.index])) for c in g.cells if c.choice is not None and c.symbol in d.free_symbols}
    if chosen:
        d = d.subs(chosen)  # a device lookup's Piecewise becomes the chosen member's cell
    if d == 0:
        return True
    if sp.count_ops(d) > 200:
        return False
    try:  # cancel, not simplify: simplify can run for minutes on a device lookup's Piecewise
        return sp.cancel(sp.together(d)) == 0
    except (sp.PolynomialError, TypeError, ValueError):
        return False


def _tornado(g, name, overridden, point, leaves, bars) -> list[float | None]:
    if not leaves:
        return []
    fn = composed_function(g, name, overridden)
    n = 2 * len(leaves)
    v: list = list(point)
    for j, i in enumerate(leaves):
        arr = np.full(n, point[i])
        arr[2 * j], arr[2 * j + 1] = (b * g.cells[i].unit.factor for b in bars[j])
        v[i] = arr
    with np.errstate(all="ignore"):
        ys = np.broadcast_to(np.asarray(fn(v), dtype=float), (n,)) / g.cells[g.index[name]].unit.factor
    return [float(y) if math.isfinite(y) else None for y in ys]


def derivative_latex(model: Model, name: str, inp: str) -> str:
    """Return ∂name/∂inp as LaTeX, composed down to the free inputs (may be long for deep cells)."""
    require_output(model, name, "A derivative")
    g = model.graph
    overridden = overridden_links(model) | {inp}
    if g.cell(inp).kind is not Kind.INPUT:
        raise InputError(f"A derivative is taken with respect to an input; '{inp}' is a {g.cell(inp).kind.value}.", inp, "not an input")
    expr = _d(pin_choices(compose(g, name, overridden), model), g.cell(inp).symbol)
    names = {g.cells[i].symbol: latex_name(g.cells[i].name) for i in free_inputs(g, name, overridden)}
    return sp.latex(expr, symbol_names=names, mul_symbol="dot")
