"""Analysis benchmark rows: a 10^6-point sweep, a 10^5-sample Monte Carlo over the whole model,
and the sensitivities of the deepest output — each against a naive SymPy baseline measured in
the same run (on fewer points, scaled linearly: the naive cost per point is constant)."""

from __future__ import annotations

import time

import numpy as np
import sympy as sp

from bench.common import median, row
from model import Kind, Model


def _depths(g) -> list[int]:
    depth = [0] * len(g.cells)
    for i in g.order:
        if g.parents[i]:
            depth[i] = 1 + max(depth[p] for p in g.parents[i])
    return depth


def deepest_output(m: Model) -> str:
    """Return the smooth calc (no ceiling/floor upstream) with the longest dependency chain and a non-zero value."""
    from model.analysis import compose

    g = m.graph
    depth = _depths(g)
    ok = [c for c in g.cells if c.kind is Kind.CALC and m.error(c.name) is None and m.si_value(c.name) != 0]
    for c in sorted(ok, key=lambda c: (-depth[c.index], c.index)):
        if not compose(g, c.name).has(sp.ceiling, sp.floor):
            return c.name
    return ok[0].name


def _sweep_axis(m: Model, out: str):
    from model.analysis import free_inputs, overridden_links

    g = m.graph
    for i in free_inputs(g, out, overridden_links(m)):
        c = g.cells[i]
        x = m.value(c.name)
        if x and x > 0 and not c.decl.integer and (c.decl.hi is None or x * 1.5 <= c.decl.hi):
            return c.name, x * 0.5, x * 1.5
    return None


def whole_model_ranges(m: Model, spread: float = 0.1) -> dict[str, tuple]:
    """Return a triangular ±spread range for every plain input with a positive value that its bounds allow."""
    out = {}
    for c in m.graph.cells:
        if c.kind is not Kind.INPUT or c.link is not None or c.decl.integer:
            continue
        x = m.value(c.name)
        lo, hi = x * (1 - spread), x * (1 + spread)
        d = c.decl
        if x <= 0 or (d.lo is not None and lo <= d.lo) or (d.hi is not None and hi > d.hi):
            continue
        out[c.name] = ("triangular", lo, x, hi)
    return out


def _naive_eval(g, cells, env) -> None:
    for c in cells:
        env[c.symbol] = c.expr.subs({s: env[s] for s in c.expr.free_symbols}).evalf()


def rows(quick: bool) -> list[dict]:
    from model.analysis import Axis, compose, gradient, monte_carlo, overridden_links, reach, sensitivity, sweep
    from sheets import default_graph

    g = default_graph()
    m = Model(g)
    out = []
    deep = deepest_output(m)

    # 1. sweep: 10^6 points through the composed expression vs SymPy subs+evalf per point
    axis = _sweep_axis(m, deep)
    if axis is not None:
        name, lo, hi = axis
        n = 10**5 if quick else 10**6
        sweep(m, deep, Axis(name, lo, hi, 2))  # compose + compile once (reported in the cold row below)
        t0 = time.perf_counter()
        sweep(m, deep, Axis(name, lo, hi, n))
        fast = time.perf_counter() - t0
        expr = compose(g, deep, overridden_links(m) | {name})
        x = g.cell(name).symbol
        env = {s: sp.Float(m.si_value(s.name)) for s in expr.free_symbols if s != x}
        fixed = expr.xreplace(env)
        k = 20 if quick else 200
        xs = np.linspace(lo, hi, k) * g.cell(name).unit.factor
        t0 = time.perf_counter()
        for v in xs:
            float(fixed.subs(x, sp.Float(v)).evalf())
        naive = (time.perf_counter() - t0) / k * n
        out.append(row(f"sweep {deep} over {name}: {n:,} points (naive: {k} points × {n // k:,})", fast, "s", naive))

    # 2. Monte Carlo over the whole model
    ranges = whole_model_ranges(m)
    n = 10**4 if quick else 10**5
    t0 = time.perf_counter()
    outputs = [c.name for c in g.cells if c.kind is not Kind.INPUT]  # the 568 sampled inputs need no percentiles
    r = monte_carlo(m, ranges, n=n, seed=0, outputs=outputs)
    fast = time.perf_counter() - t0
    reached = [g.cells[k] for k in reach(g, [g.index[nm] for nm in ranges], {g.index[x] for x in overridden_links(m)})]
    env = {c.symbol: sp.Float(m.si_value(c.name)) for c in g.cells if c.kind is not Kind.VERDICT}
    env.update({c.symbol: sp.Float(0) for c in g.cells if c.kind is Kind.VERDICT})
    k = 1 if quick else 3
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    for _ in range(k):
        for nm, (_, a, mode, b) in ranges.items():
            env[g.cell(nm).symbol] = sp.Float(rng.triangular(a, mode, b) * g.cell(nm).unit.factor)
        _naive_eval(g, reached, env)
    naive = (time.perf_counter() - t0) / k * n
    out.append(row(f"Monte Carlo, {len(ranges)} ranged inputs, {len(r.stats):,} cells: {n:,} samples "
                   f"(naive: {k} × {n // k:,})", fast, "s", naive))

    # 3. sensitivities of the deepest output: reverse-mode chain rule vs compose + diff + evalf
    t0 = time.perf_counter()
    s = sensitivity(m, deep)
    cold = time.perf_counter() - t0
    warm = []
    point = [m.si_value(c.name) for c in g.cells]
    for _ in range(5 if quick else 30):
        t0 = time.perf_counter()
        gradient(g, deep, point, overridden_links(m))
        warm.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    expr = _fresh_compose(g, deep)
    subs = {sym: sp.Float(m.si_value(sym.name)) for sym in expr.free_symbols}
    for sym in expr.free_symbols:
        sp.diff(expr, sym).subs(subs).evalf()
    naive = time.perf_counter() - t0
    out.append(row(f"sensitivity of {deep} ({len(s.inputs)} inputs, depth {_depths(g)[g.index[deep]]}): first call", cold, "s", naive))
    out.append(row(f"sensitivity of {deep}: gradient, warm (median)", median(warm) * 1e3, "ms", naive * 1e3))
    return out


def _fresh_compose(g, name: str) -> sp.Basic:
    """Compose without the per-graph memo, as a naive user would: substitute parents recursively."""
    memo: dict = {}

    def rec(i: int) -> sp.Basic:
        if i in memo:
            return memo[i]
        c = g.cells[i]
        if c.expr is None:
            memo[i] = c.symbol
        else:
            memo[i] = c.expr.subs({g.cells[p].symbol: rec(p) for p in g.parents[i]})
        return memo[i]

    return rec(g.index[name])


__all__ = ["deepest_output", "rows", "whole_model_ranges"]
