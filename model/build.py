"""Build the shared, immutable `Graph` from sheet definitions: names, units, formulas, order, code.

Every definition mistake is collected (unknown names with a did-you-mean, duplicates, cycles,
unit mismatches, bad bounds, unused inputs) and raised once, together, as ModelDefinitionErrors.
A Graph is built once and shared; each `Model` holds only its own values.
"""

from __future__ import annotations

import ast
import difflib
import functools
import math
from dataclasses import dataclass, field

import sympy as sp

from model import graph as topo
from model.cells import ADDRESS_LIKE, NAME_RE, Calc, Input, Kind, SheetDef, Verdict
from model.checks import ZERO, DimMismatch, formula_dims
from model.compiler import compile_sources
from model.errors import (
    BoundsError,
    CycleError,
    DefinitionError,
    DuplicateNameError,
    FormulaError,
    ModelDefinitionErrors,
    NameRuleError,
    UnitError,
    UnitParseError,
    UnknownNameError,
    UnusedInputError,
)
from model.formula import parse_formula, to_python, to_sympy
from model.units import Unit, format_dims, parse_unit


@dataclass(eq=False)
class CellDef:
    """One built cell: everything about it that does not change between sessions."""

    index: int
    name: str
    sheet: str
    short: str
    kind: Kind
    decl: Input | Calc | Verdict
    unit: Unit
    symbol: sp.Symbol
    tree: ast.expr | None = None  # checked formula AST (calc), link name node (linked input)
    cond_trees: tuple[ast.expr, ...] = ()  # verdict conditions
    formula: str | None = None  # canonical text with qualified names
    depends_on: tuple[str, ...] = ()
    default: float = math.nan  # base units, plain inputs only
    symbols: dict = field(default_factory=dict, repr=False)  # shared name -> Symbol table

    @functools.cached_property
    def conditions(self) -> tuple[sp.Basic, ...]:
        """The verdict's conditions as SymPy relations (built on first use)."""
        return tuple(to_sympy(t, self.symbols.__getitem__) for t in self.cond_trees)

    @functools.cached_property
    def expr(self) -> sp.Basic | None:
        """The SymPy expression in base units (built on first use); None for plain inputs.

        A verdict's expression is Piecewise((0, cond0), (1, cond1), ..., (n, True)) over
        label indexes; a linked input's is the symbol of the cell it follows.
        """
        if self.kind is Kind.VERDICT:
            pieces = [(sp.Integer(k), c) for k, c in enumerate(self.conditions)]
            return sp.Piecewise(*pieces, (sp.Integer(len(pieces)), True))
        if self.tree is None:
            return None
        return to_sympy(self.tree, self.symbols.__getitem__)

    @property
    def doc(self) -> str:
        return self.decl.doc

    @property
    def source(self) -> str:
        return self.decl.source

    @property
    def labels(self) -> tuple[str, ...]:
        return self.decl.labels if isinstance(self.decl, Verdict) else ()

    @property
    def link(self) -> str | None:
        return self.decl.link if isinstance(self.decl, Input) else None


@dataclass
class Graph:
    """The compiled model shared by all sessions: cells, edges, order and compiled functions."""

    sheets: dict[str, SheetDef]
    cells: list[CellDef]
    index: dict[str, int]
    parents: list[list[int]]
    children: list[list[int]]
    order: list[int]
    pos: list[int]
    funcs: list
    initial_values: list[float] = field(default_factory=list)
    initial_errors: dict = field(default_factory=dict)
    source: str = ""

    def cell(self, name: str) -> CellDef:
        return self.cells[self.index[name]]

    @functools.cached_property
    def names(self) -> list[str]:
        """Cell names by index."""
        return [c.name for c in self.cells]

    def sheet_cells(self, sheet_id: str) -> list[CellDef]:
        return [c for c in self.cells if c.sheet == sheet_id]

    def suggest(self, name: str) -> str:
        """Return "; did you mean 'x'?" for the closest known cell name, or ''."""
        close = difflib.get_close_matches(name, self.index.keys(), n=1, cutoff=0.6)
        return f"; did you mean '{close[0]}'?" if close else ""


def _check_name(sheet_id: str, short: str, errors: list) -> None:
    full = f"{sheet_id}.{short}"
    if not NAME_RE.match(short) or ADDRESS_LIKE.match(short):
        errors.append(NameRuleError(
            f"Cell name '{full}' is not Excel-safe: use lower snake_case words such as "
            f"'peak_fp16_tensor', never a cell-address shape like 'a100' or 'fp16'.", (full,)))


def build_graph(sheet_defs: list[SheetDef], *, check_unused: bool = True) -> Graph:
    """Build and compile the graph; raise ModelDefinitionErrors listing every mistake at once."""
    errors: list[DefinitionError] = []
    sheets: dict[str, SheetDef] = {}
    cells: list[CellDef] = []
    index: dict[str, int] = {}
    excel_names: dict[str, str] = {}

    for sd in sheet_defs:
        if sd.id in sheets:
            errors.append(DuplicateNameError(
                f"Sheet id '{sd.id}' is declared twice ({sheets[sd.id].origin} and {sd.origin}); "
                f"rename one of the modules.", (sd.id,)))
            continue
        sheets[sd.id] = sd
        if not NAME_RE.match(sd.id):
            errors.append(NameRuleError(f"Sheet id '{sd.id}' must be lower snake_case.", (sd.id,)))
        seen_decls: dict[int, str] = {}
        for short, decl in sd.cells:
            full = f"{sd.id}.{short}"
            _check_name(sd.id, short, errors)
            if id(decl) in seen_decls:
                errors.append(DuplicateNameError(
                    f"Cell '{full}' is the same declaration as '{seen_decls[id(decl)]}'; "
                    f"declare each cell once.", (full,)))
                continue
            seen_decls[id(decl)] = full
            excel = full.replace(".", "_").upper()
            if full in index or excel in excel_names:
                other = full if full in index else excel_names[excel]
                errors.append(DuplicateNameError(
                    f"Cell '{full}' is declared twice (clashes with '{other}'); names must be "
                    f"unique, also after '.' becomes '_' and case is ignored.", (full,)))
                continue
            try:
                unit = parse_unit(decl.unit)
            except UnitParseError as exc:
                errors.append(UnitError(f"Cell '{full}': {exc}", (full,)))
                unit = parse_unit("1")
            i = len(cells)
            index[full] = i
            excel_names[excel] = full
            cells.append(CellDef(i, full, sd.id, short, decl.kind, decl, unit, sp.Symbol(full, real=True)))

    symbols = {c.name: c.symbol for c in cells}
    parents: list[list[int]] = [[] for _ in cells]
    for c in cells:
        d = c.decl
        c.symbols = symbols
        try:
            if isinstance(d, Input):
                _input_checks(c, errors)
                if d.link is not None:
                    c.tree = ast.Name(id=d.link, ctx=ast.Load())
                    c.depends_on = (d.link,)
                else:
                    c.default = float(d.default) * c.unit.factor
            elif isinstance(d, Calc):
                pf = parse_formula(d.formula, sheet=c.sheet, cell=c.name)
                c.tree, c.formula, c.depends_on = pf.tree, pf.text, pf.names
            else:
                trees, texts, names = [], [], []
                for label, cond_text in d.cases.items():
                    pf = parse_formula(cond_text, sheet=c.sheet, cell=c.name)
                    trees.append(pf.tree)
                    texts.append(f"{label!r} if {pf.text}")
                    names += pf.names
                c.cond_trees = tuple(trees)
                c.formula = " else ".join(texts + [repr(d.otherwise)])
                c.depends_on = tuple(dict.fromkeys(names))
        except FormulaError as exc:
            errors.append(exc)
            continue
        for dep in c.depends_on:
            if dep in index:
                parents[c.index].append(index[dep])
            else:
                hint = difflib.get_close_matches(dep, index.keys(), n=1, cutoff=0.6)
                errors.append(UnknownNameError(
                    f"Cell '{c.name}' refers to unknown name '{dep}'"
                    + (f"; did you mean '{hint[0]}'?" if hint else "; no cell has a similar name."),
                    (c.name,)))

    order = topo.topo_order(parents)
    if order is None:
        for loop in topo.find_cycles(parents):
            path = " -> ".join(cells[i].name for i in loop)
            errors.append(CycleError(
                f"Cells form a cycle: {path}; break the loop by making one of them an input.",
                tuple(cells[i].name for i in loop[:-1])))
    _check_units(cells, index, errors)
    if check_unused:
        kids = topo.children_of(parents)
        for c in cells:
            if c.kind is Kind.INPUT and sheets[c.sheet].kind != "spec" and not kids[c.index]:
                errors.append(UnusedInputError(
                    f"Input '{c.name}' is not used by any formula; use it or remove it.", (c.name,)))
    if errors:
        raise ModelDefinitionErrors(errors)

    sources = {}
    for c in cells:
        if c.kind is Kind.VERDICT:
            body = repr(float(len(c.cond_trees)))
            for k in reversed(range(len(c.cond_trees))):
                body = f"({float(k)!r} if {to_python(c.cond_trees[k], index)} else {body})"
            sources[c.index] = body
        elif c.tree is not None:
            sources[c.index] = to_python(c.tree, index)
    funcs_map, source = compile_sources(sources)
    funcs = [funcs_map.get(c.index) for c in cells]
    pos = [0] * len(cells)
    for rank, i in enumerate(order):
        pos[i] = rank
    g = Graph(sheets, cells, index, parents, topo.children_of(parents), order, pos, funcs, source=source)
    from model.engine import evaluate_all  # local import: engine depends on this module

    g.initial_values, g.initial_errors = evaluate_all(g)
    return g


def _input_checks(c: CellDef, errors: list) -> None:
    d: Input = c.decl
    lo, hi = d.lo, d.hi
    if lo is not None and hi is not None and lo > hi:
        errors.append(BoundsError(f"Input '{c.name}' has lower bound {lo:g} above upper bound {hi:g}.", (c.name,)))
    if d.link is None:
        if d.default is None or isinstance(d.default, bool) or not isinstance(d.default, (int, float)):
            errors.append(BoundsError(f"Input '{c.name}' needs a numeric default or a link, got {d.default!r}.", (c.name,)))
            d.default = math.nan
            return
        if not math.isfinite(d.default):
            errors.append(BoundsError(f"Input '{c.name}' has a non-finite default {d.default!r}.", (c.name,)))
        elif lo is not None and d.default < lo or hi is not None and d.default > hi:
            errors.append(BoundsError(
                f"Input '{c.name}' has default {d.default:g} outside its bounds [{lo}, {hi}] {d.unit}.", (c.name,)))
    elif d.default is not None:
        errors.append(BoundsError(f"Input '{c.name}' has both a default and a link; keep one.", (c.name,)))


def _check_units(cells: list[CellDef], index: dict[str, int], errors: list) -> None:
    """Check each formula's dimension against its cell's declared unit (inputs' links too)."""

    def dims_of(name: str):
        return cells[index[name]].unit.dims

    for c in cells:
        trees = c.cond_trees if c.kind is Kind.VERDICT else ((c.tree,) if c.tree is not None else ())
        if not trees or any(d not in index for d in c.depends_on):
            continue  # unknown names are reported already
        try:
            got = [formula_dims(t, dims_of) for t in trees]
        except DimMismatch as exc:
            errors.append(UnitError(f"Cell '{c.name}': {exc} in formula '{c.formula or c.link}'.", (c.name,)))
            continue
        if c.kind is Kind.VERDICT:
            continue
        if got[0] is not ZERO and got[0] != c.unit.dims:
            errors.append(UnitError(
                f"Cell '{c.name}' is declared in '{c.unit.text}' ({c.unit.dimension}) but its "
                f"{'link' if c.kind is Kind.INPUT else 'formula'} '{c.formula or c.link}' has "
                f"dimension {format_dims(got[0])}.", (c.name,)))
