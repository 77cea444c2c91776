"""Engine benchmark rows: build, incremental recompute vs naive SymPy subs, a 10,000-cell graph."""

from __future__ import annotations

import time

import sympy as sp

from bench.common import median, p95, row
from bench.synthetic import synthetic
from model import Model, build_graph, evaluate_all


def _edit_values(m: Model, name: str, n: int) -> list[float]:
    base = m.value(name)
    vals = [base * (1 + 0.01 * ((k % 20) + 1)) for k in range(n)]
    return [round(v) for v in vals] if m.cell(name).decl.integer else vals


def _incremental(m: Model, name: str, n: int) -> tuple[list[float], int]:
    times = []
    for v in _edit_values(m, name, n):
        t0 = time.perf_counter()
        m.set(name, v)
        times.append(time.perf_counter() - t0)
    count = len(m.last_recomputed)
    m.reset([name])
    return times, count


def _naive(m: Model, name: str, n: int) -> list[float]:
    """Re-evaluate the same cells the naive way: SymPy subs + evalf, in topological order.

    Each cell's expression gets only its own free symbols substituted (a fair naive baseline).
    """
    g = m.graph
    cells = [g.cell(c) for c in m.downstream(name)]
    env = {c.symbol: sp.Float(m.si_value(c.name)) for c in g.cells if c.kind.value != "verdict"}
    times = []
    for v in _edit_values(m, name, n):
        t0 = time.perf_counter()
        env[g.cell(name).symbol] = sp.Float(v * g.cell(name).unit.factor)
        for c in cells:
            expr = c.expr
            env[c.symbol] = expr.subs({s: env[s] for s in expr.free_symbols}).evalf()
        times.append(time.perf_counter() - t0)
    return times


_synthetic = synthetic


def _device_rows(m: Model, n: int) -> list[dict]:
    """Switching p03.gpu between members vs typing a number into an input the switch moves."""
    members = list(m.cell("p03.gpu").labels)
    switch = []
    for k in range(n):
        t0 = time.perf_counter()
        m.set("p03.gpu", members[k % len(members)])
        switch.append(time.perf_counter() - t0)
    count = len(m.last_recomputed)
    m.reset(["p03.gpu"])
    numeric, _ = _incremental(m, "p03.ops_per_image", n)
    return [row(f"switch device p03.gpu ({len(members)} members, {count} cells recompute): median",
                median(switch) * 1e6, "us", median(numeric) * 1e6)]


def rows(quick: bool) -> list[dict]:
    from sheets import default_graph, load_sheets

    out = []
    defs = load_sheets()
    t0 = time.perf_counter()
    g = build_graph(defs)
    out.append(row(f"build whole model ({len(g.cells)} cells, {len(g.sheets)} sheets)", (time.perf_counter() - t0) * 1e3, "ms"))
    m = Model(default_graph())
    n = 50 if quick else 400
    n_naive = 3 if quick else 20
    for name in ("p01.n_gpus", "gpu_a100.mem_bw"):
        inc, count = _incremental(m, name, n)
        naive = _naive(m, name, n_naive)
        out.append(row(f"edit {name} ({count} cells recompute): median", median(inc) * 1e6, "us", median(naive) * 1e6))
        out.append(row(f"edit {name}: p95", p95(inc) * 1e6, "us", p95(naive) * 1e6))
    out += _device_rows(m, n)
    t0 = time.perf_counter()
    Model(default_graph())
    out.append(row("open a new session (Model over the shared graph)", (time.perf_counter() - t0) * 1e6, "us"))

    size = 2000 if quick else 10_000
    syn = _synthetic(size)
    t0 = time.perf_counter()
    sg = build_graph(syn)
    build_s = time.perf_counter() - t0
    out.append(row(f"synthetic {len(sg.cells)}-cell graph: build + compile", build_s, "s"))

    t0 = time.perf_counter()
    evaluate_all(sg)
    out.append(row("synthetic graph: full evaluation", (time.perf_counter() - t0) * 1e3, "ms"))
    sm = Model(sg)
    for name, label in (("syn_chain.chain_tail_in", "local edit (chain tail)"), ("syn_fan.leaf_in", "local edit (fan-out leaf)")):
        times, count = _incremental(sm, name, n)
        out.append(row(f"synthetic graph: {label}, {count} cells: p95", p95(times) * 1e6, "us"))
    for name, label in (("syn_chain.chain_head", "chain head"), ("syn_fan.hub", "fan-out hub")):
        times, count = _incremental(sm, name, 5 if quick else 20)
        out.append(row(f"synthetic graph: edit {label}, {count} cells: median", median(times) * 1e3, "ms"))
    return out
