"""Regimes: which branch of a Max, Min, Piecewise or verdict is active, and where it flips.

Every switch in a cell's expression is reported with its branches, the active one, and its
boundary: the equation (over the cell's direct parents) at which the active branch hands over,
and, for each free input the equation depends on, the input's value on that boundary (closed
form when one exists) — e.g. the bandwidth at which a roofline turns compute-bound. For a
`Max`/`Min` the boundary is the active argument meeting the runner-up; for a Piecewise or a
verdict it is each comparison in its conditions, read as an equality.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import sympy as sp

from model.analysis.compose import compose, current_point, free_inputs, overridden_links, pin_choices, substitute
from model.analysis.solve import find_roots
from model.cells import Kind
from model.engine import Model
from model.errors import InputError
from model.format import latex_name


@dataclass(frozen=True)
class Boundary:
    """Where one input puts a switch on its boundary, in the input's display unit."""

    input: str
    value: float | None  # the root nearest the current value; None if none within bounds
    unit: str
    current: float
    values: list[float]  # every root within the input's bounds
    formula: str | None  # LaTeX `x = ...` when solved in closed form
    method: str


@dataclass(frozen=True)
class Switch:
    """One Max/Min/Piecewise/verdict inside a cell, evaluated at the current point."""

    kind: str  # "max" | "min" | "piecewise" | "verdict"
    branches: list[str]  # each argument/branch as text over the cell's parents (labels for a verdict)
    active: int | None  # index into branches (None when the cell is in error)
    condition: str  # the boundary equation(s) as text, e.g. "p03.t_memory_gpu = p03.t_compute_gpu"
    margin: float | None  # active / runner-up (Max/Min), lhs / rhs (comparison); None if not positive
    boundaries: list[Boundary]
    branches_latex: list[str]
    condition_latex: str

    @property
    def active_text(self) -> str:
        return "#ERROR" if self.active is None else self.branches[self.active]


@dataclass(frozen=True)
class Regimes:
    """All switches of one cell."""

    cell: str
    kind: str
    value: object
    switches: list[Switch]

    def to_dict(self) -> dict:
        d = asdict(self)
        for sw, obj in zip(d["switches"], self.switches, strict=False):
            sw["active_text"] = obj.active_text
        return d


def has_switch(cell) -> bool:
    """Return True if the cell is a verdict or its formula contains Max, Min or Piecewise."""
    return cell.kind is Kind.VERDICT or (cell.expr is not None and bool(cell.expr.atoms(sp.Max, sp.Min, sp.Piecewise)))


def _relations(cond: sp.Basic) -> list[sp.core.relational.Relational]:
    if isinstance(cond, sp.core.relational.Relational):
        return [cond]
    return [r for a in getattr(cond, "args", ()) for r in _relations(a)]


def _num(expr: sp.Basic, values: dict) -> float:
    try:
        return float(expr.xreplace(values))
    except (TypeError, ValueError):
        return math.nan


def _eqs(pairs, show, sep: str) -> str:
    if show is str:
        return sep.join(f"{a} = {b}" for a, b in pairs)
    return sep.join(show(sp.Eq(a, b, evaluate=False)) for a, b in pairs)


def _ratio(a: float, b: float) -> float | None:
    return a / b if a > 0 and b > 0 else None


def regimes(model: Model, name: str, *, inputs: Iterable[str] | None = None) -> Regimes:
    """Return the switches of cell `name`, each with its active branch and boundaries.

    Boundaries are solved for every free input the boundary equation depends on, or only for
    `inputs` when given (a linked input named there is treated as overridden). Raises InputError for
    an unknown cell or one without any switch.
    """
    c = model.cell(name)
    if not has_switch(c):
        raise InputError(f"Cell '{name}' has no Max, Min, Piecewise or verdict, so it has a single regime; "
                         f"regimes apply to cells such as a roofline's Max(t_compute, t_memory).", name, "no switch")
    g = model.graph
    wanted = list(inputs) if inputs is not None else None
    for w in wanted or ():
        if model.cell(w).kind is not Kind.INPUT:
            raise InputError(f"Boundaries are solved for inputs; '{w}' is a {model.cell(w).kind.value}.", w, "not an input")
    overridden = overridden_links(model) | {w for w in wanted or () if g.cell(w).link is not None}
    point = current_point(model)
    parents = [g.cells[p] for p in g.parents[c.index]]
    values = {p.symbol: sp.Float(point[p.index]) for p in parents}
    names = {p.symbol: latex_name(p.name, c.sheet) for p in parents}
    composed = {p.symbol: pin_choices(compose(g, p.name, overridden), model) for p in parents}

    def tex(e):
        return sp.latex(e, symbol_names=names, mul_symbol="dot")

    def boundaries(pairs: list[tuple[sp.Basic, sp.Basic]]) -> list[Boundary]:
        out = []
        for lhs, rhs in pairs:
            diff = substitute(lhs - rhs, composed)
            cands = sorted({s.name for s in diff.free_symbols if s.name in g.index}, key=g.index.__getitem__)
            for x in (w for w in (wanted if wanted is not None else cands) if w in cands):
                r = find_roots(model, x, 0.0, expr=diff)
                roots = r["roots"]
                best = min(range(len(roots)), key=lambda k: abs(roots[k] - r["x0"])) if roots else None
                out.append(Boundary(x, roots[best] if roots else None, g.cell(x).unit.text, r["x0"], roots,
                                    r["formulas"][best] if roots else None, r["method"]))
        return out

    switches: list[Switch] = []
    seen: set = set()
    if c.kind is Kind.VERDICT:
        active = None if model.error(name) else int(point[c.index])
        rels = [r for cond in c.conditions for r in _relations(cond)]
        pairs = [(r.lhs, r.rhs) for r in rels]
        margin = _ratio(_num(pairs[0][0], values), _num(pairs[0][1], values)) if len(pairs) == 1 else None
        switches.append(Switch("verdict", list(c.labels), active, _eqs(pairs, str, "; "), margin, boundaries(pairs),
                               list(c.labels), _eqs(pairs, tex, r", \quad ")))
        nodes = [n for cond in c.conditions for n in sp.preorder_traversal(cond)]
    else:
        nodes = list(sp.preorder_traversal(c.expr))
    for node in nodes:
        if isinstance(node, (sp.Max, sp.Min)):
            vals = [_num(a, values) for a in node.args]
            key = frozenset(node.args)
            if key in seen or any(math.isnan(v) for v in vals):
                continue
            seen.add(key)
            is_max = isinstance(node, sp.Max)
            ranked = sorted(range(len(vals)), key=lambda k: -vals[k] if is_max else vals[k])
            a, b = node.args[ranked[0]], node.args[ranked[1]]
            switches.append(Switch("max" if is_max else "min", [str(x) for x in node.args], ranked[0],
                                   _eqs([(a, b)], str, ""), _ratio(vals[ranked[0]], vals[ranked[1]]),
                                   boundaries([(a, b)]), [tex(x) for x in node.args], _eqs([(a, b)], tex, "")))
        elif isinstance(node, sp.Piecewise) and c.kind is not Kind.VERDICT:
            conds = [cond for _, cond in node.args]
            truth = [cond is sp.true or _holds(cond, values) for cond in conds]
            active = truth.index(True) if True in truth else None
            rels = [r for cond in conds for r in _relations(cond)]
            pairs = [(r.lhs, r.rhs) for r in rels]
            switches.append(Switch("piecewise", [str(e) for e, _ in node.args], active, _eqs(pairs, str, "; "),
                                   _ratio(_num(pairs[0][0], values), _num(pairs[0][1], values)) if len(pairs) == 1 else None,
                                   boundaries(pairs), [tex(e) for e, _ in node.args], _eqs(pairs, tex, r", \quad ")))
    return Regimes(name, c.kind.value, model.value(name), switches)


def _holds(cond, values) -> bool:
    """Return whether a condition holds at `values`; False when undecidable (a NaN from an errored cell)."""
    try:
        return bool(cond.xreplace(values))
    except TypeError:  # SymPy refuses to compare NaN: the branch is unknown, not active
        return False


def switch_cells(model: Model, sheet: str) -> list[str]:
    """Return the cells of a sheet that have regimes (verdicts and Max/Min/Piecewise calcs)."""
    return [c.name for c in model.graph.sheet_cells(sheet) if has_switch(c)]


__all__ = ["Boundary", "Regimes", "Switch", "free_inputs", "has_switch", "regimes", "switch_cells"]
