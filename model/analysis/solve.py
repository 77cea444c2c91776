"""Goal seek by inversion: which value of an input makes an output equal a target?

How it works: the output is composed down to its free inputs (the asked-for input counts as
overridden even when it is a linked input). If that input does not sit inside a Max, Min, Piecewise,
ceiling, floor or Abs, SymPy solves `output(x) = target` in closed form, keeping every other
input as a symbol so the inverted formula can be shown; each solution is then evaluated at the
current point and kept if it is real and within the input's bounds. Otherwise (or when SymPy
finds nothing) the output is evaluated on a dense linear-plus-logarithmic grid over the input's
bounds, every sign change is bracketed and bisected, and a bracket where the output jumps past
the target (a step of ceiling or a Piecewise) is reported as a jump, not a root.
"""

from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass, field

import numpy as np
import sympy as sp

from model.analysis.compose import (
    compose,
    composed_function,
    current_point,
    depends_on,
    free_inputs,
    overridden_links,
    pin_choices,
    require_input,
    require_output,
    substitute,
)
from model.analysis.vectorize import compile_numpy, graph_cache
from model.engine import Model, to_base
from model.errors import InputError
from model.format import format_number, format_quantity, latex_name, unit_suffix

_KINKS = (sp.Max, sp.Min, sp.Piecewise, sp.ceiling, sp.floor, sp.Abs, sp.sign, sp.Heaviside)


@dataclass(frozen=True)
class SolveResult:
    """The answer to one goal seek, in display units (`solutions` sorted, `value` the nearest one)."""

    input: str
    value: float | None
    unit: str
    method: str  # "symbolic" | "numeric"
    formula: str | None  # LaTeX `x = ...` of the closed form, else None
    solutions: list[float]
    output: str = ""
    target: float = math.nan
    output_unit: str = ""
    message: str = ""
    notes: list[str] = field(default_factory=list)
    formula_text: str | None = None  # the same closed form as plain text, `x = ...` over cell names

    def to_dict(self) -> dict:
        """Return the JSON contract {input, value, unit, method, formula, solutions} plus context."""
        return asdict(self)


def _target_base(model: Model, name: str, value) -> float:
    """Parse a target for cell `name` (number in its display unit, or 'number unit') to base units."""
    return to_base(model.cell(name), value, subject=f"The target for '{name}'")


def in_bounds(decl, x: float) -> bool:
    """Return True if display value `x` satisfies the input's bounds (whole-number rule aside)."""
    if decl.lo is not None and (x < decl.lo or (decl.strict_lo and x <= decl.lo)):
        return False
    return decl.hi is None or x <= decl.hi


def scan_grid(decl, x0: float, n: int = 4001) -> np.ndarray:
    """Return sorted display values covering the input's bounds densely, linear and logarithmic."""
    lo = decl.lo if decl.lo is not None else -math.inf
    hi = decl.hi if decl.hi is not None else math.inf
    s = abs(x0) or (abs(lo) if math.isfinite(lo) and lo else 1.0)
    parts = [np.array([x0])]
    top = hi if math.isfinite(hi) else s * 1e9
    bottom = lo if math.isfinite(lo) else -s * 1e9
    parts.append(np.linspace(bottom, top, n))
    if top > 0:
        parts.append(np.geomspace(max(s * 1e-9, top * 1e-15, bottom if bottom > 0 else 0) or s * 1e-9, top, n))
    if bottom < 0:
        parts.append(-np.geomspace(s * 1e-9, -bottom, n))
    grid = np.unique(np.concatenate(parts))
    keep = np.array([in_bounds(decl, float(x)) for x in grid]) if len(grid) < 50 else _bounds_mask(decl, grid)
    return grid[keep]


def _bounds_mask(decl, grid: np.ndarray) -> np.ndarray:
    mask = np.ones(len(grid), dtype=bool)
    if decl.lo is not None:
        mask &= (grid > decl.lo) if decl.strict_lo else (grid >= decl.lo)
    if decl.hi is not None:
        mask &= grid <= decl.hi
    return mask


def numeric_roots(f, grid: np.ndarray, target: float) -> tuple[list[float], list[float], tuple[float, float], list]:
    """Bracket and bisect f(x) = target on `grid`; return (roots, jumps, (min f, max f), plateaus).

    A sign change is bisected to a root, or reported as a jump when the output steps past the
    target there. Where the output equals the target exactly over a stretch (a step function
    resting on it) the stretch is a plateau and its refined ends count as roots.
    """
    with np.errstate(all="ignore"):
        raw = np.asarray(f(grid), dtype=float)
        y = raw - target
    ok = np.isfinite(y)
    xs, ys = grid[ok], y[ok]
    if len(xs) == 0:
        return [], [], (math.nan, math.nan), []
    span = (float(np.min(raw[ok])), float(np.max(raw[ok])))  # from f itself: y + target loses f next to a huge target
    roots: list[float] = []
    plateaus: list[tuple[float, float]] = []
    zero = np.flatnonzero(ys == 0)
    for run in np.split(zero, np.flatnonzero(np.diff(zero) > 1) + 1) if len(zero) else []:
        i, j = int(run[0]), int(run[-1])
        if i == j:
            roots.append(float(xs[i]))
        else:
            plateaus.append((float(xs[i]), float(xs[j])))
        if i > 0:
            roots.append(_edge(f, target, float(xs[i - 1]), float(xs[i])))
        if j < len(xs) - 1:
            roots.append(_edge(f, target, float(xs[j + 1]), float(xs[j])))
    sc = np.nonzero(np.sign(ys[:-1]) * np.sign(ys[1:]) < 0)[0]
    jumps: list[float] = []
    if len(sc):
        a, b = xs[sc].copy(), xs[sc + 1].copy()
        fa = ys[sc].copy()
        scale = np.maximum(np.abs(ys[sc]), np.abs(ys[sc + 1]))
        with np.errstate(all="ignore"):
            for _ in range(200):
                m = 0.5 * (a + b)
                fm = np.asarray(f(m), dtype=float) - target
                left = np.sign(fm) == np.sign(fa)
                a = np.where(left, m, a)
                fa = np.where(left, fm, fa)
                b = np.where(left, b, m)
            fb = np.asarray(f(b), dtype=float) - target
        tol = 1e-6 * scale + 1e-9 * abs(target)
        for xa, xb, ya, yb, t in zip(a, b, fa, fb, tol, strict=True):
            if np.isfinite(ya) and np.isfinite(yb) and max(abs(ya), abs(yb)) <= t:
                roots.append(float(xa if abs(ya) <= abs(yb) else xb))
            elif yb == 0 or ya == 0:
                roots.append(float(xb if yb == 0 else xa))
            else:
                jumps.append(float(0.5 * (xa + xb)))
    return _dedupe(roots), _dedupe(jumps), span, plateaus


def _edge(f, target: float, off: float, on: float) -> float:
    """Bisect between a point where f != target and one where f == target; return the last 'on'."""
    with np.errstate(all="ignore"):
        for _ in range(100):
            m = 0.5 * (off + on)
            if m in (off, on):
                break
            if float(np.asarray(f(np.array([m])), dtype=float)[0]) - target == 0:
                on = m
            else:
                off = m
    return on


def _dedupe(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if not out or abs(x - out[-1]) > 1e-9 * max(abs(x), abs(out[-1]), 1e-300):
            out.append(x)
    return out


def _algebraic_in(expr: sp.Basic, x: sp.Symbol) -> bool:
    """Return True if x occurs once, or only rationally (integer powers, no exp/log/roots around it).

    Transcendental equations such as x·e^(-x) = c have no closed form, and equations with x
    under several roots need repeated squaring; SymPy can spend many seconds on either, so
    they go straight to the numeric bracket search.
    """
    if expr.count(x) <= 1:
        return True
    for f in expr.atoms(sp.exp, sp.log, sp.Pow):
        if isinstance(f, sp.Pow):
            if f.exp.has(x) or (f.base.has(x) and not f.exp.is_Integer):
                return False
        elif f.has(x):
            return False
    return True


def symbolic_roots(expr: sp.Basic, x: sp.Symbol, y: sp.Basic) -> list[sp.Basic] | None:
    """Solve expr = y for x in closed form; None when x sits in a kink or SymPy cannot.

    The answer depends on the expressions alone (never on values), so it is cached: every
    session and every edit after the first asks SymPy nothing (the Regimes card solves up to 30
    boundaries per verdict, which took seconds on p18).
    """
    sols = _symbolic_roots(expr, x, y)
    return None if sols is None else list(sols)


@functools.lru_cache(maxsize=4096)
def _symbolic_roots(expr: sp.Basic, x: sp.Symbol, y: sp.Basic) -> tuple[sp.Basic, ...] | None:
    """Solve expr = y for x in closed form; None when x sits in a kink or SymPy cannot.

    Every part of the expression that does not involve x (a product of other inputs, a Max
    over them) is condensed into a placeholder while SymPy solves, then put back, so SymPy sees
    a small equation in x and the formula shows those parts as they are.
    """
    if any(a.has(x) for a in expr.atoms(*_KINKS)) or not _algebraic_in(expr, x):
        return None
    hidden: dict[sp.Symbol, sp.Basic] = {}

    def hold(e):
        if e.is_Atom:
            return e
        d = sp.Dummy("h")
        hidden[d] = e
        return d

    def condense(e):
        if e.is_Atom:
            return e
        if not e.has(x):
            return hold(e)
        if isinstance(e, (sp.Add, sp.Mul)):
            rest = [a for a in e.args if not a.has(x)]
            deps = [condense(a) for a in e.args if a.has(x)]
            rest = [hold(e.func(*rest, evaluate=False))] if len(rest) > 1 else [condense(a) for a in rest]
            return e.func(*rest, *deps)
        return e.func(*(condense(a) for a in e.args))

    small = condense(expr)
    yy = condense(y) if isinstance(y, sp.Basic) and not y.is_Atom else y
    try:
        sols = sp.solve(sp.Eq(small, yy), x, dict=False, simplify=False, rational=False, check=False)
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    return tuple(_tidy(substitute(sp.cancel(s), hidden)) for s in sols if not isinstance(s, (tuple, dict))) or None


def _tidy(e: sp.Basic) -> sp.Basic:
    """Evaluate the re-inserted parts (no Piecewise: folding those can explode) and cancel small results."""
    if e.has(sp.Piecewise):
        return e
    e = e.doit()
    return sp.cancel(e) if sp.count_ops(e) < 80 else e


def find_roots(model: Model, inp: str, target: float, *, output: str | None = None,
               expr: sp.Basic | None = None) -> dict:
    """Find every x (display units of `inp`) within its bounds where an expression equals `target` (base).

    Give `output` (a cell, composed here with `inp` overridden; the closed form then reads the
    output's own symbol) or `expr` (already composed with `inp` overridden; the closed form reads the
    number `target`). Returns {method, roots, formulas (LaTeX per root, or None), jumps, span, x0}.
    """
    g = model.graph
    c = g.cell(inp)
    overridden = overridden_links(model) | {inp}
    index = {s.symbol: s.index for s in g.cells}
    if output is not None:
        expr = pin_choices(compose(g, output, overridden), model)
        y: sp.Basic = g.cell(output).symbol
        fn = composed_function(g, output, overridden)
    else:
        y = sp.Float(target) if target else sp.Integer(0)
        fns = graph_cache(g).setdefault("roots_fn", {})  # compiled once per expression and graph
        fn = fns.get(expr)
        if fn is None:
            fn = fns[expr] = compile_numpy({0: expr}, index)[0]
    point = current_point(model)
    factor = c.unit.factor
    point64 = [np.float64(p) for p in point]  # numpy scalars: x/0 is inf/nan under errstate, never ZeroDivisionError

    def f(xs):
        v = list(point64)
        v[c.index] = np.asarray(xs, dtype=float) * factor
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(fn(v), dtype=float), np.shape(xs))

    x0 = point[c.index] / factor
    sols = symbolic_roots(expr, c.symbol, y)
    if sols:
        subs = {s: sp.Float(point[index[s]]) for s in expr.free_symbols if s in index and s != c.symbol}
        if isinstance(y, sp.Symbol):
            subs[y] = sp.Float(target)
        texts_of = graph_cache(g).setdefault("roots_text", {})
        scale = abs(target) or abs(float(f(np.array([x0]))[0])) or 1e-300
        roots, formulas, texts = [], [], []
        for s in sols:
            val = complex(s.xreplace(subs).evalf())
            if abs(val.imag) > 1e-9 * max(abs(val.real), 1e-300) or not math.isfinite(val.real):
                continue
            xd = val.real / factor
            yv = float(f(np.array([xd]))[0])
            if in_bounds(c.decl, xd) and math.isfinite(yv) and abs(yv - target) <= 1e-6 * scale:
                roots.append(xd)
                key = (c.symbol, s)
                if key not in texts_of:  # printing is slow and depends on the formula alone
                    names = {v: latex_name(v.name) for v in (*s.free_symbols, c.symbol) if isinstance(v, sp.Symbol)}
                    texts_of[key] = (sp.latex(sp.Eq(c.symbol, s), symbol_names=names, mul_symbol="dot"),
                                     f"{c.name} = {sp.sstr(s)}")
                formulas.append(texts_of[key][0])
                texts.append(texts_of[key][1])
        if roots:
            order = np.argsort(roots)
            return {"method": "symbolic", "roots": [roots[k] for k in order], "formulas": [formulas[k] for k in order],
                    "texts": [texts[k] for k in order], "jumps": [], "span": None, "plateaus": [], "x0": x0}
    roots, jumps, span, plateaus = numeric_roots(f, scan_grid(c.decl, x0), target)
    return {"method": "numeric", "roots": roots, "formulas": [None] * len(roots), "jumps": jumps, "span": span,
            "plateaus": plateaus, "x0": x0}


def _q(x: float, unit: str) -> str:
    return format_quantity(x, unit)


def solve(model: Model, output: str, target, for_input: str) -> SolveResult:
    """Return the value(s) of `for_input` that make `output` equal `target` (display number or 'number unit').

    Raises InputError for an unknown name, a non-input, a verdict, an output that does not depend
    on the input, or a target of the wrong dimension. No solution is not an error: the result
    has no `value` and a `message` saying what range the output covers.
    """
    out = require_output(model, output, "Goal seek")
    c = require_input(model, for_input, "Goal seek (--for)")
    overridden = overridden_links(model) | {for_input}
    if not depends_on(model.graph, output, for_input, overridden):
        ups = [model.graph.cells[i].name for i in free_inputs(model.graph, output, overridden_links(model))]
        raise InputError(f"'{output}' does not depend on '{for_input}', so no value of it can reach a target; "
                         f"its inputs are {', '.join(ups[:8]) or 'none'}{', ...' if len(ups) > 8 else ''}.",
                         for_input, "not upstream")
    tgt = _target_base(model, output, target)
    r = find_roots(model, for_input, tgt, output=output)
    roots, x0 = r["roots"], r["x0"]
    ou, xu = out.unit.text, c.unit.text
    shown_t = _q(tgt / out.unit.factor, ou)
    notes: list[str] = []
    if r["jumps"]:
        notes.append(f"'{output}' jumps past {shown_t} at {for_input} ≈ "
                     + ", ".join(format_number(j) for j in r["jumps"][:5]) + f" {xu} (a step, not a crossing).")
    if not roots:
        lo, hi = c.decl.lo, c.decl.hi
        where = f"[{'-∞' if lo is None else format_number(lo)}, {'∞' if hi is None else format_number(hi)}]"
        where += unit_suffix(xu)
        if r["span"] and all(map(math.isfinite, r["span"])):
            a, b = (s / out.unit.factor for s in r["span"])
            reach = f"; over that range it goes from {format_number(a)} to {format_number(b)} {ou}"
        else:
            reach = ""
        msg = f"No value of '{for_input}' within its bounds {where} makes '{output}' equal {shown_t}{reach}."
        return SolveResult(for_input, None, xu, r["method"], None, [], output, tgt / out.unit.factor, ou, msg, notes)
    for a, b in r["plateaus"]:
        notes.append(f"every value of '{for_input}' from {format_number(a)} to {format_number(b)} {xu} gives "
                     f"{shown_t} (the output is flat there).")
    inside = [x0 for a, b in r["plateaus"] if a <= x0 <= b]
    if inside:
        roots = sorted(set(roots) | {x0})
    best = min(range(len(roots)), key=lambda k: (abs(math.log(roots[k] / x0)) if roots[k] > 0 and x0 > 0
                                                  else abs(roots[k] - x0)))
    if len(roots) > 1:
        notes.append(f"{len(roots)} values of '{for_input}' reach the target; 'value' is the one nearest the "
                     f"current {format_number(x0)} {xu}.")
    if c.decl.integer and roots[best] != int(roots[best]):
        notes.append(f"'{for_input}' is a whole number; the exact solution {format_number(roots[best], 7)} lies "
                     f"between {math.floor(roots[best])} and {math.ceil(roots[best])}.")
    msg = f"{for_input} = {_q(roots[best], xu)} makes {output} = {shown_t}."
    formula = r["formulas"][best] if len(r["formulas"]) == len(roots) else None
    texts = r.get("texts") or []
    text = texts[best] if len(texts) == len(roots) else None
    return SolveResult(for_input, roots[best], xu, r["method"], formula, roots, output,
                       tgt / out.unit.factor, ou, msg, notes, text)
