"""Derivation traces: a cell's formula, the same with current values substituted, the result.

`trace(model, name, depth)` walks up to `depth` levels of dependencies (None: to the inputs)
and returns steps that render as plain text or LaTeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.cells import Kind
from model.engine import Model
from model.format import format_quantity, latex_name, latex_number, latex_unit

_NAME = re.compile(r"\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\b")


@dataclass(frozen=True)
class Step:
    """One line of a derivation."""

    name: str
    kind: str
    doc: str
    depth: int
    formula: str | None  # qualified names
    substituted: str | None
    result: str
    latex_formula: str | None
    latex_substituted: str | None
    latex_result: str
    error: str | None
    source: str = ""

    def text(self) -> str:
        pad = "  " * self.depth
        head = f"{pad}{self.name}  [{self.kind}] {self.doc}".rstrip()
        if self.formula is None:
            src = f"  (source: {self.source})" if self.source else ""
            return f"{head}\n{pad}  = {self.result}{src}"
        lines = [head, f"{pad}  = {self.formula}", f"{pad}  = {self.substituted}", f"{pad}  = {self.result}"]
        return "\n".join(lines)

    def latex(self) -> str:
        lhs = latex_name(self.name)
        if self.latex_formula is None:
            return f"{lhs} = {self.latex_result}"
        return rf"{lhs} = {self.latex_formula} = {self.latex_substituted} = {self.latex_result}"


def shown_value(model: Model, name: str) -> str:
    """Return a cell's current value with its unit ('0.02511 ms', '"memory-bound"')."""
    c = model.cell(name)
    err = model.error(name)
    if err is not None:
        return f"#ERROR ({err})"
    v = model.value(name)
    if c.kind is Kind.VERDICT or c.choice is not None:
        return f'"{v}"'
    return format_quantity(v, c.unit.text)


def _latex_value(model: Model, name: str) -> str:
    c = model.cell(name)
    if model.error(name) is not None:
        return r"\text{\#ERROR}"
    v = model.value(name)
    if c.choice is not None:
        v = v.replace("_", r"\_")
    if c.kind is Kind.VERDICT or c.choice is not None:
        return rf"\text{{{v}}}"
    return latex_number(v) + latex_unit(c.unit.text)


def _latex_expr(model: Model, name: str, names: dict) -> str:
    import sympy as sp  # LaTeX is the one part of a trace that needs SymPy

    c = model.cell(name)
    if c.kind is Kind.VERDICT:
        placeholders = [sp.Symbol(f"__label{k}") for k in range(len(c.labels))]
        names = dict(names)
        for k, ph in enumerate(placeholders):
            names[ph] = rf"\text{{{c.labels[k]}}}"
        expr = sp.Piecewise(*[(placeholders[k], cond) for k, cond in enumerate(c.conditions)],
                            (placeholders[-1], True))
    else:
        expr = c.expr
    return sp.latex(expr, symbol_names=names, mul_symbol="dot")


def step(model: Model, name: str, depth: int = 0, *, latex: bool = True) -> Step:
    """Build one derivation step for `name` at the model's current values (latex=False: text only, no SymPy)."""
    c = model.cell(name)
    err = model.error(name)
    result = shown_value(model, name)
    latex_result = _latex_value(model, name) if latex else ""
    if c.kind is Kind.INPUT and (c.link is None or model.is_overridden(name)):
        return Step(name, "input", c.doc, depth, None, None, result, None, None, latex_result,
                    str(err) if err else None, c.source)
    formula = c.formula or model.link_of(name) or c.link
    deps = _parents(model, c)
    substituted = _NAME.sub(lambda m: f"({shown_value(model, m.group(0))})"
                            if f"{m.group(1)}.{m.group(2)}" in model.graph.index else m.group(0), formula)
    lf = ls = None
    if latex and c.lookup is not None:  # a device link reads the chosen member's cell
        target = model.link_of(name)
        lf = latex_name(target, c.sheet) if target else r"\text{n/a}"
        ls = r"\left(" + _latex_value(model, target) + r"\right)" if target else r"\text{n/a}"
    elif latex:
        sym = {model.graph.cells[model.graph.index[d]].symbol: d for d in deps}
        lf = _latex_expr(model, name, {s: latex_name(d, c.sheet) for s, d in sym.items()})
        ls = _latex_expr(model, name, {s: r"\left(" + _latex_value(model, d) + r"\right)" for s, d in sym.items()})
    kind = "input (linked)" if c.kind is Kind.INPUT else c.kind.value
    return Step(name, kind, c.doc, depth, formula, substituted, result, lf, ls, latex_result,
                str(err) if err else None, c.source)


def _parents(model: Model, c) -> list[str]:
    """The cells a step reads now (a device link: its choice and the chosen member's cell)."""
    if c.lookup is not None:
        target = model.link_of(c.name)
        return [c.lookup.choice_name] + ([target] if target else [])
    return [model.graph.cells[p].name for p in model.graph.parents[c.index]]


def trace(model: Model, name: str, depth: int | None = 1, *, latex: bool = True) -> list[Step]:
    """Return the derivation of `name`: itself, then its dependencies up to `depth` levels deep.

    depth=0 gives the cell alone; depth=None goes all the way to the inputs. Each cell appears
    once, at its shallowest depth. latex=False leaves the LaTeX fields empty (and SymPy unloaded).
    """
    model.cell(name)
    g = model.graph
    steps: list[Step] = []
    seen: set[str] = set()
    frontier = [name]
    level = 0
    while frontier:
        nxt = []
        for n in frontier:
            if n in seen:
                continue
            seen.add(n)
            steps.append(step(model, n, level, latex=latex))
            c = g.cell(n)
            if c.kind is Kind.INPUT and (c.link is None or model.is_overridden(n)):
                continue
            if depth is None or level < depth:
                nxt += _parents(model, c)
        frontier = nxt
        level += 1
    return steps


def trace_text(model: Model, name: str, depth: int | None = 1) -> str:
    """Render a trace as indented plain text."""
    return "\n".join(s.text() for s in trace(model, name, depth, latex=False))


def trace_latex(model: Model, name: str, depth: int | None = 1) -> str:
    """Render a trace as LaTeX, one aligned equation per step."""
    body = " \\\\\n".join(s.latex() for s in trace(model, name, depth))
    return "\\begin{aligned}\n" + body + "\n\\end{aligned}"
