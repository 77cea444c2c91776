"""Helpers shared by the Excel tests: find rows, edit a workbook as a person would, compare values."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import openpyxl
import sympy as sp

from exports.workbook import COL_NAME, COL_VALUE
from model import InputError, Kind, Model

REL = 1e-9
_CELL_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")


def rows_by_name(ws) -> dict[str, int]:
    """Return {cell name in column A: 1-based row} of a worksheet."""
    out = {}
    for (cell,) in ws.iter_rows(min_col=COL_NAME + 1, max_col=COL_NAME + 1):
        if isinstance(cell.value, str) and _CELL_NAME.fullmatch(cell.value):
            out[cell.value] = cell.row
    return out


def value_cell(wb, name: str):
    """Return the openpyxl cell holding `name`'s value (column C of its row on its sheet)."""
    ws = wb[name.split(".", 1)[0]]
    return ws.cell(row=rows_by_name(ws)[name], column=COL_VALUE + 1)


def edit_workbook(src: Path, dst: Path, values: dict[str, object]) -> Path:
    """Copy a workbook with openpyxl, typing each value into its cell's value column."""
    wb = openpyxl.load_workbook(src)
    for name, v in values.items():
        value_cell(wb, name).value = v
    wb.save(dst)
    return dst


def _candidate(model: Model, name: str, rng: random.Random) -> float | None:
    c = model.cell(name)
    d = c.decl
    old = model.value(name)
    for _ in range(8):
        factor = rng.choice([0.5, 0.8, 1.25, 1.6, 2.0, 3.0])
        new = old * factor if old else rng.choice([1.0, 2.0, 5.0])
        new = float(f"{new:.10g}")  # what a person types (and what openpyxl stores exactly)
        if d.integer:
            new = float(max(round(new), math.ceil(d.lo or 0)))
        if d.hi is not None and new > d.hi:
            new = (old + d.hi) / 2 if not d.integer else float(math.floor(d.hi))
        if new == old:
            continue
        try:
            model.parse(name, new)
        except InputError:
            continue
        return new
    return None


def sample_edits(model: Model, seed: int = 6, per_sheet: int = 2) -> dict[str, float]:
    """Pick, on every sheet, a few plain inputs and one linked input, with new values in bounds."""
    rng = random.Random(seed)
    g = model.graph
    edits: dict[str, float] = {}
    for sid in g.sheets:
        inputs = [c for c in g.sheet_cells(sid) if c.kind is Kind.INPUT]
        plain = [c for c in inputs if c.link is None and c.choice is None]
        linked = [c for c in inputs if c.link is not None]
        picks = rng.sample(plain, min(per_sheet, len(plain))) + rng.sample(linked, min(1, len(linked)))
        for c in picks:
            new = _candidate(model, c.name, rng)
            if new is not None:
                edits[c.name] = new
    return edits


def scale(model: Model, name: str) -> float:
    """Magnitude against which a cell's rounding is judged: itself and same-unit parents.

    A difference of two large, nearly equal numbers carries the rounding of the large ones
    (LibreOffice even snaps such results to 0), so the tolerance scales with them.
    """
    g = model.graph
    c = g.cell(name)
    s = abs(model.si_value(name))
    for p in g.parents[c.index]:
        pc = g.cells[p]
        if pc.kind is not Kind.VERDICT and pc.unit.dims == c.unit.dims and model.error(pc.name) is None:
            s = max(s, abs(model.si_value(pc.name)))
    return s / c.unit.factor


def mismatch(model: Model, name: str, got) -> str | None:
    """Return why a spreadsheet's value of `name` disagrees with the engine, or None if it agrees."""
    c = model.cell(name)
    if model.error(name) is not None:
        if isinstance(got, str) and got.startswith("#"):
            return None
        return f"{name}: engine error ({model.error(name)}), spreadsheet {got!r}"
    want = model.value(name)
    if c.kind is Kind.VERDICT or c.choice is not None:  # a label, or a device choice's member id
        return None if got == want else f"{name}: engine {want!r}, spreadsheet {got!r}"
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return f"{name}: engine {want!r}, spreadsheet {got!r}"
    if abs(got - want) <= REL * max(abs(want), scale(model, name)):
        return None
    return f"{name}: engine {want!r}, spreadsheet {got!r} (relative {abs(got - want) / abs(want or 1):.2e})"


# ---- SymPy as the reference for random expressions -------------------------------------------------
def sympy_reference(expr, env):
    """Evaluate `expr` with SymPy at 30 digits, the symbols set to the floats in `env`."""
    return expr.subs({s: sp.Float(v, 40) for s, v in env.items()}).evalf(30)


def clear_of_jumps(expr, env) -> bool:
    """True unless a floor/ceiling argument or a comparison sits within rounding of its jump."""
    subs = {s: sp.Float(v, 40) for s, v in env.items()}
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.floor, sp.ceiling)):
            v = node.args[0].subs(subs).evalf(30)
            if not v.is_real or abs(v - round(v)) < 1e-9 * (1 + abs(v)):
                return False
        elif isinstance(node, sp.core.relational.Relational):
            d = (node.lhs - node.rhs).subs(subs).evalf(30)
            size = 1 + abs(node.lhs.subs(subs).evalf(30)) + abs(node.rhs.subs(subs).evalf(30))
            if not d.is_real or abs(d) < 1e-9 * size:
                return False
    return True


def positive(e):
    """A strictly positive expression built from e (for logs, roots and fractional powers)."""
    return sp.Abs(e) + sp.Rational(1, 2)


def random_expression(rng: random.Random, symbols, depth: int = 3):
    """A random expression of the constructs Napkin's formulas use (a seeded twin of the
    hypothesis strategy in tests/exports/test_excel_printer.py)."""
    if depth == 0 or rng.random() < 0.25:
        r = rng.random()
        if r < 0.5:
            return rng.choice(symbols)
        if r < 0.7:
            s = rng.choice(symbols) ** rng.choice([2, 3])
            return -s if rng.random() < 0.5 else s
        if r < 0.85:
            return sp.Integer(rng.randint(-9, 9))
        return sp.Rational(rng.randint(-40, 40), rng.randint(1, 16))

    def sub():
        return random_expression(rng, symbols, depth - 1)

    k = rng.randrange(17)
    if k == 0:
        return sub() + sub()
    if k == 1:
        return sub() - sub()
    if k == 2:
        return sub() * sub()
    if k == 3:
        return sub() / positive(sub())
    if k == 4:
        e = rng.randint(-3, 4)
        return sub() ** e if e >= 0 else positive(sub()) ** e
    if k == 5:
        return positive(sub()) ** rng.choice([sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(-1, 2), sp.Rational(3, 2)])
    if k == 6:
        return -sub()
    if k == 7:
        return sp.Max(sub(), sub())
    if k == 8:
        return sp.Min(sub(), sub())
    if k == 9:
        return sp.ceiling(sub())
    if k == 10:
        return sp.floor(sub())
    if k == 11:
        return sp.log(positive(sub()))
    if k == 12:
        return sp.log(positive(sub()), 10)
    if k == 13:
        return sp.log(positive(sub()), 2)
    if k == 14:
        return sp.exp(sp.Min(sub(), 20))
    if k == 15:
        return sp.Abs(sub())
    a, b, c = sub(), sub(), sub()
    rel = rng.choice([sp.StrictGreaterThan, sp.LessThan])
    return sp.Piecewise((a, rel(b, c)), (b, True))
