"""Helpers for the analysis tests: an independent evaluator and tiny graphs.

`engine_value` evaluates a cell with the engine's own compiled scalar functions (graph.funcs,
one Python call per cell) from the defaults with some inputs replaced — a second implementation
next to the NumPy code and the symbolic derivatives under test. It accepts values the session
API would refuse (a fractional GPU count), which finite differences need.
"""

from __future__ import annotations

import math
import random

from model import Model, SheetDef, build_graph, initial_values
from model.cells import Kind
from model.graph import closure


def engine_value(graph, name: str, base_overrides: dict[str, float] | None = None) -> float:
    """Return `name` in base units with inputs replaced by `base_overrides` (NaN on any error)."""
    base_overrides = base_overrides or {}
    values = list(initial_values(graph))
    fixed = set()
    for n, v in base_overrides.items():
        values[graph.index[n]] = v
        fixed.add(graph.index[n])
    start = graph.index[name]
    for i in sorted(closure([start], graph.parents, include_start=True), key=graph.pos.__getitem__):
        f = graph.funcs[i]
        if f is None or i in fixed:
            continue
        try:
            values[i] = f(values)
        except (ZeroDivisionError, OverflowError, ValueError, TypeError):
            values[i] = math.nan
    return values[start]


def sheet_outputs(graph, sheet: str, *, limit: int | None = None, verdicts: bool = False) -> list[str]:
    """Return a sheet's numeric calcs (and verdicts if asked) that evaluate to a finite value."""
    m = Model(graph)
    kinds = {Kind.CALC} | ({Kind.VERDICT} if verdicts else set())
    names = [c.name for c in graph.sheet_cells(sheet)
             if c.kind in kinds and m.error(c.name) is None and math.isfinite(m.si_value(c.name))]
    if limit is not None and len(names) > limit:
        names = sorted(random.Random(sheet).sample(names, limit), key=graph.index.__getitem__)
    return names


def tiny_graph(cells: list[tuple[str, object]], sheet: str = "t"):
    """Build a one-sheet graph (unused-input check off) from (name, declaration) pairs."""
    return build_graph([SheetDef(sheet, "tiny", "spec", "", "", "", cells)], check_unused=False)
