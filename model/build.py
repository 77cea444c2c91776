"""Build the shared, frozen `Graph` from sheet declarations, as passes.

1. declare: register every sheet and cell (names, units) and parse its formula;
2. check: run every check of `model.passes` (each `(cells) -> list[DefinitionError]`) and raise
   all the mistakes found at once, as ModelDefinitionErrors;
3. plan: parents, children and a stable topological order;
4. codegen: print each formula as Python over a value list and compile them all once.

Nothing is set on a `Graph` or a `CellDef` after construction, and a sheet's own declaration
objects are never changed. Evaluating the defaults is the engine's job (`model.engine`).
"""

from __future__ import annotations

import ast
import dataclasses
import difflib
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model import graph as topo
from model import passes
from model.cells import ADDRESS_LIKE, NAME_RE, Calc, Input, Kind, SheetDef, Verdict
from model.compiler import compile_sources
from model.devices import Choice, Lookup, check_members, lookup_expr, registered_families, resolve_links
from model.errors import (
    DefinitionError,
    DuplicateNameError,
    FormulaError,
    ModelDefinitionErrors,
    NameRuleError,
    UnitError,
    UnitParseError,
)
from model.formula import parse_formula, to_python, to_sympy
from model.units import Unit, parse_unit

if TYPE_CHECKING:
    import sympy as sp

#: CellDef attributes built on first use (SymPy objects); never pickled into the graph's disk cache.
LAZY_ATTRS = ("symbol", "expr", "conditions")


def _symbol(name: str) -> sp.Symbol:
    """The SymPy symbol of a cell (SymPy interns symbols, so this is the cell's own `symbol`).

    SymPy is imported here, on first use: building, evaluating and showing a model need none of it.
    """
    import sympy as sp

    return sp.Symbol(name, real=True)


@dataclass(frozen=True, eq=False)
class CellDef:
    """One built cell: everything about it that does not change between sessions."""

    index: int
    name: str
    sheet: str
    short: str
    kind: Kind
    decl: Input | Calc | Verdict
    unit: Unit
    sheet_kind: str = "spec"
    tree: ast.expr | None = None  # checked formula AST (calc) or link name node; build passes only
    cond_trees: tuple[ast.expr, ...] = ()  # verdict conditions; build passes only (see trees())
    formula: str | None = None  # canonical text with qualified names
    depends_on: tuple[str, ...] = ()
    default: float = math.nan  # base units, plain inputs only
    choice: Choice | None = None  # device choice cells: family and members (model/devices.py)
    lookup: Lookup | None = None  # inputs linked through a device choice: a lookup by member

    def trees(self) -> tuple[ast.expr, ...]:
        """The checked formula ASTs (a verdict's: one per condition); () for a plain input.

        The build keeps them until code generation; a built graph's cells re-parse their own
        (already checked) text when asked, so a large graph does not hold every tree.
        """
        if self.tree is not None:
            return (self.tree,)
        if self.lookup is not None:  # a device link: the default member's cell (for unit checks)
            t = self.lookup.default_target
            return (ast.Name(id=t, ctx=ast.Load()),) if t else ()
        if self.cond_trees:
            return self.cond_trees
        d = self.decl
        if isinstance(d, Input):
            return (ast.Name(id=d.link, ctx=ast.Load()),) if d.link is not None else ()
        if isinstance(d, Calc):
            return (parse_formula(d.formula, sheet=self.sheet, cell=self.name).tree,)
        return tuple(parse_formula(t, sheet=self.sheet, cell=self.name).tree for t in d.cases.values())

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in LAZY_ATTRS}

    @functools.cached_property
    def symbol(self) -> sp.Symbol:
        """The cell's SymPy symbol (built on first use)."""
        return _symbol(self.name)

    @functools.cached_property
    def conditions(self) -> tuple[sp.Basic, ...]:
        """The verdict's conditions as SymPy relations (built on first use)."""
        if self.kind is not Kind.VERDICT:
            return ()
        return tuple(to_sympy(t, _symbol) for t in self.trees())

    @functools.cached_property
    def expr(self) -> sp.Basic | None:
        """The SymPy expression in base units (built on first use); None for plain inputs.

        A verdict's expression is Piecewise((0, cond0), (1, cond1), ..., (n, True)) over
        label indexes; a linked input's is the symbol of the cell it follows.
        """
        import sympy as sp

        if self.kind is Kind.VERDICT:
            pieces = [(sp.Integer(k), c) for k, c in enumerate(self.conditions)]
            return sp.Piecewise(*pieces, (sp.Integer(len(pieces)), True))
        if self.lookup is not None:
            return lookup_expr(self.lookup)
        trees = self.trees()
        return to_sympy(trees[0], _symbol) if trees else None

    @property
    def doc(self) -> str:
        """The cell's one-line description."""
        return self.decl.doc

    @property
    def source(self) -> str:
        """Where the cell's value or formula comes from."""
        return self.decl.source

    @property
    def labels(self) -> tuple[str, ...]:
        """A verdict's labels in order (the otherwise label last), a device choice's members; () otherwise."""
        if self.choice is not None:
            return self.choice.members
        return self.decl.labels if isinstance(self.decl, Verdict) else ()

    @property
    def tones(self) -> dict[str, str]:
        """{label: "good" | "bad" | "neutral"} for a verdict, every label present; {} otherwise."""
        if not isinstance(self.decl, Verdict):
            return {}
        return {lab: self.decl.tones.get(lab, "neutral") for lab in self.decl.labels}

    @property
    def link(self) -> str | None:
        """The cell a linked input follows, or None (a device link: the default member's cell)."""
        if self.lookup is not None:
            return self.lookup.default_target
        return self.decl.link if isinstance(self.decl, Input) else None

    @property
    def constant(self) -> bool:
        """True for an input its sheet declares a definitional constant (Input(constant=True))."""
        return isinstance(self.decl, Input) and self.decl.constant


@dataclass(frozen=True, eq=False)
class Graph:
    """The compiled model shared by all sessions: cells, edges, order and compiled functions (frozen)."""

    sheets: dict[str, SheetDef]
    cells: tuple[CellDef, ...]
    index: dict[str, int]
    parents: tuple[tuple[int, ...], ...]
    children: tuple[tuple[int, ...], ...]
    order: tuple[int, ...]
    pos: tuple[int, ...]
    funcs: tuple[Callable[[list[float]], float] | None, ...]
    source: str = ""

    def cell(self, name: str) -> CellDef:
        """Return the cell called `name` (KeyError if unknown)."""
        return self.cells[self.index[name]]

    @functools.cached_property
    def names(self) -> list[str]:
        """Cell names by index."""
        return [c.name for c in self.cells]

    def sheet_cells(self, sheet_id: str) -> list[CellDef]:
        """Return one sheet's cells in declaration order."""
        return [c for c in self.cells if c.sheet == sheet_id]

    def suggest(self, name: str) -> str:
        """Return "; did you mean 'x'?" for the closest known cell name, or ''."""
        close = difflib.get_close_matches(name, self.index.keys(), n=1, cutoff=0.6)
        return f"; did you mean '{close[0]}'?" if close else ""


def build_graph(sheet_defs: list[SheetDef], *, check_unused: bool = True, families: dict | None = None) -> Graph:
    """Build and compile the graph; raise ModelDefinitionErrors listing every mistake at once.

    `families` (default: those registered by content modules) are the device families member
    spec sheets and device choices name (model/devices.py).
    """
    sheets, cells, errors = declare(sheet_defs)
    families = registered_families() if families is None else families
    errors += check_members(sheets, families, {c.name: c.unit for c in cells})
    cells, more = resolve_links(cells, sheets, families)
    errors += more
    checks = passes.CHECKS + ((passes.check_unused,) if check_unused else ())
    for check in checks:
        errors += check(cells)
    if errors:
        raise ModelDefinitionErrors(errors)
    parents, children, order, pos = plan(cells)
    index = {c.name: c.index for c in cells}
    funcs, source = codegen(cells, index)
    built = tuple(dataclasses.replace(c, tree=None, cond_trees=()) for c in cells)  # trees only until codegen
    return Graph(sheets, built, index, parents, children, order, pos, funcs, source)


def declare(sheet_defs: Sequence[SheetDef]) -> tuple[dict[str, SheetDef], list[CellDef], list[DefinitionError]]:
    """Register every sheet and cell (names, units) and parse its formula; collect the mistakes."""
    errors: list[DefinitionError] = []
    sheets: dict[str, SheetDef] = {}
    cells: list[CellDef] = []
    taken: dict[str, str] = {}  # Excel-style name -> cell name
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
            if not NAME_RE.match(short) or ADDRESS_LIKE.match(short):
                errors.append(NameRuleError(
                    f"Cell name '{full}' is not Excel-safe: use lower snake_case words such as "
                    f"'peak_fp16_tensor', never a cell-address shape like 'a100' or 'fp16'.", (full,)))
            if id(decl) in seen_decls:
                errors.append(DuplicateNameError(
                    f"Cell '{full}' is the same declaration as '{seen_decls[id(decl)]}'; "
                    f"declare each cell once.", (full,)))
                continue
            seen_decls[id(decl)] = full
            excel = full.replace(".", "_").upper()
            if excel in taken:
                errors.append(DuplicateNameError(
                    f"Cell '{full}' is declared twice (clashes with '{taken[excel]}'); names must be "
                    f"unique, also after '.' becomes '_' and case is ignored.", (full,)))
                continue
            taken[excel] = full
            try:
                unit = parse_unit(decl.unit)
            except UnitParseError as exc:
                errors.append(UnitError(f"Cell '{full}': {exc}", (full,)))
                unit = parse_unit("1")
            try:
                parsed = _parse(full, sd.id, decl, unit)
            except FormulaError as exc:
                errors.append(exc)
                parsed = {}
            cells.append(CellDef(len(cells), full, sd.id, short, decl.kind, decl, unit, sd.kind,
                                 **parsed))
    return sheets, cells, errors


def _parse(name: str, sheet: str, decl: Input | Calc | Verdict, unit: Unit) -> dict:
    """Return the formula fields of one cell (tree, conditions, text, names read, default)."""
    if isinstance(decl, Input):
        if decl.link is not None:
            return {"tree": ast.Name(id=decl.link, ctx=ast.Load()), "depends_on": (decl.link,)}
        d = decl.default
        ok = d is not None and not isinstance(d, bool) and isinstance(d, (int, float))
        return {"default": float(d) * unit.factor if ok else math.nan}
    if isinstance(decl, Calc):
        pf = parse_formula(decl.formula, sheet=sheet, cell=name)
        return {"tree": pf.tree, "formula": pf.text, "depends_on": pf.names}
    trees, texts, names = [], [], []
    for label, cond_text in decl.cases.items():
        pf = parse_formula(cond_text, sheet=sheet, cell=name)
        trees.append(pf.tree)
        texts.append(f"{label!r} if {pf.text}")
        names += pf.names
    return {"cond_trees": tuple(trees), "formula": " else ".join([*texts, repr(decl.otherwise)]),
            "depends_on": tuple(dict.fromkeys(names))}


def plan(cells: Sequence[CellDef]) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...],
                                             tuple[int, ...], tuple[int, ...]]:
    """Return (parents, children, topological order, rank of each cell in that order) of checked cells."""
    parents = passes.parents_of(cells)
    order = topo.topo_order(parents)
    if order is None:
        raise ValueError("plan() needs an acyclic graph; run the checks first")
    pos = [0] * len(cells)
    for rank, i in enumerate(order):
        pos[i] = rank
    children = topo.children_of(parents)
    return (tuple(map(tuple, parents)), tuple(map(tuple, children)), tuple(order), tuple(pos))


def codegen(cells: Sequence[CellDef], index: dict[str, int]) -> tuple[tuple, str]:
    """Print every formula as Python over the value list and compile them once; return (funcs, source)."""
    sources: dict[int, str] = {}
    for c in cells:
        if c.kind is Kind.VERDICT:
            body = repr(float(len(c.cond_trees)))
            for k in reversed(range(len(c.cond_trees))):
                body = f"({float(k)!r} if {to_python(c.cond_trees[k], index)} else {body})"
            sources[c.index] = body
        elif c.lookup is not None:
            sources[c.index] = c.lookup.source()
        elif c.tree is not None:
            sources[c.index] = to_python(c.tree, index)
    funcs_map, source = compile_sources(sources)
    return tuple(funcs_map.get(c.index) for c in cells), source
