"""Definition checks: each a pure function `(cells) -> list[DefinitionError]` over declared cells.

`build_graph` runs every check on the declared cells and raises all their findings together;
none of them changes a cell. Cells whose formula did not parse carry no tree and no
dependencies, so later checks skip them instead of reporting the same mistake twice.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from model import graph as topo
from model.cells import TONES, Input, Kind, Verdict
from model.checks import ZERO, DimMismatch, formula_dims
from model.errors import (
    BoundsError,
    CycleError,
    DefinitionError,
    LinkShadowError,
    UnitError,
    UnknownNameError,
    UnusedInputError,
)
from model.units import format_dims

if TYPE_CHECKING:
    from model.build import CellDef


def parents_of(cells: Sequence[CellDef]) -> list[list[int]]:
    """Return each cell's parent indexes from its `depends_on` (unknown names left out)."""
    index = {c.name: c.index for c in cells}
    return [[index[d] for d in c.depends_on if d in index] for c in cells]


def check_bounds(cells: Sequence[CellDef]) -> list[DefinitionError]:
    """Inputs: bounds in order, a finite numeric default inside them, or a link (not both)."""
    errors: list[DefinitionError] = []
    for c in cells:
        d = c.decl
        if not isinstance(d, Input):
            continue
        lo, hi = d.lo, d.hi
        if lo is not None and hi is not None and lo > hi:
            errors.append(BoundsError(f"Input '{c.name}' has lower bound {lo:g} above upper bound {hi:g}.", (c.name,)))
        if d.link is not None:
            if d.default is not None:
                errors.append(BoundsError(f"Input '{c.name}' has both a default and a link; keep one.", (c.name,)))
            continue
        if d.default is None or isinstance(d.default, bool) or not isinstance(d.default, (int, float)):
            errors.append(BoundsError(f"Input '{c.name}' needs a numeric default or a link, got {d.default!r}.", (c.name,)))
        elif not math.isfinite(d.default):
            errors.append(BoundsError(f"Input '{c.name}' has a non-finite default {d.default!r}.", (c.name,)))
        elif lo is not None and d.default < lo or hi is not None and d.default > hi:
            errors.append(BoundsError(
                f"Input '{c.name}' has default {d.default:g} outside its bounds [{lo}, {hi}] {d.unit}.", (c.name,)))
    return errors


def check_names(cells: Sequence[CellDef]) -> list[DefinitionError]:
    """Every name a formula or link reads is a declared cell (else: a did-you-mean)."""
    names = {c.name for c in cells}
    errors: list[DefinitionError] = []
    for c in cells:
        for dep in c.depends_on:
            if dep not in names:
                hint = difflib.get_close_matches(dep, names, n=1, cutoff=0.6)
                errors.append(UnknownNameError(
                    f"Cell '{c.name}' refers to unknown name '{dep}'"
                    + (f"; did you mean '{hint[0]}'?" if hint else "; no cell has a similar name."),
                    (c.name,)))
    return errors


def check_cycles(cells: Sequence[CellDef]) -> list[DefinitionError]:
    """The graph has no loop; each loop found is reported with its cells in data-flow order."""
    parents = parents_of(cells)
    if topo.topo_order(parents) is not None:
        return []
    errors: list[DefinitionError] = []
    for loop in topo.find_cycles(parents):
        path = " -> ".join(cells[i].name for i in loop)
        errors.append(CycleError(f"Cells form a cycle: {path}; break the loop by making one of them an input.",
                                 tuple(cells[i].name for i in loop[:-1])))
    return errors


def check_units(cells: Sequence[CellDef]) -> list[DefinitionError]:
    """Each formula's (and link's) dimension matches its cell's declared unit."""
    by_name = {c.name: c for c in cells}
    errors: list[DefinitionError] = []

    def dims_of(name: str):
        return by_name[name].unit.dims

    for c in cells:
        trees = c.cond_trees if c.kind is Kind.VERDICT else ((c.tree,) if c.tree is not None else ())
        if not trees or any(d not in by_name for d in c.depends_on):
            continue  # unknown names are reported by check_names
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
    return errors


def check_unused(cells: Sequence[CellDef]) -> list[DefinitionError]:
    """Every input of a problem or exercise sheet is read by some formula (spec inputs may stand alone)."""
    read = {d for c in cells for d in c.depends_on}
    return [UnusedInputError(f"Input '{c.name}' is not used by any formula; use it or remove it.", (c.name,))
            for c in cells if c.kind is Kind.INPUT and c.sheet_kind != "spec" and c.name not in read]


def check_link_shadows(cells: Sequence[CellDef]) -> list[DefinitionError]:
    """A sheet never links both a calc of another sheet and a cell that calc is computed from.

    Overriding the second link in the sheet would never reach the first: the linked calc keeps
    computing from the other sheet's value, and the two disagree (p19's layer share went above
    100 % that way). The sheet should compute the calc itself from its own links.
    """
    by_name = {c.name: c for c in cells}
    parents = parents_of(cells)
    errors: list[DefinitionError] = []
    links_by_sheet: dict[str, list[CellDef]] = {}
    for c in cells:
        if c.kind is Kind.INPUT and c.link is not None and c.link in by_name and c.sheet_kind != "spec":
            links_by_sheet.setdefault(c.sheet, []).append(c)
    for links in links_by_sheet.values():
        targets = {by_name[c.link].index: c for c in links}
        for c in links:
            calc = by_name[c.link]
            if calc.kind is not Kind.CALC or calc.sheet == c.sheet:
                continue
            shadowed = [targets[a] for a in sorted(topo.closure([calc.index], parents) & targets.keys())]
            if shadowed:
                names = ", ".join(f"'{o.name}' (links '{o.link}')" for o in shadowed)
                errors.append(LinkShadowError(
                    f"Input '{c.name}' links the calc '{calc.name}', and this sheet also links cells that calc "
                    f"is computed from: {names}. Editing those here would never reach '{c.name}'; make "
                    f"'{c.name}' a Calc over this sheet's own cells.", (c.name, *(o.name for o in shadowed))))
    return errors


#: Every check `build_graph` runs, in order (the unused-input check is optional there).
def check_tones(cells: Sequence[CellDef]) -> list[DefinitionError]:
    """A verdict's `tones` name only its own labels, each with a known tone."""
    errors: list[DefinitionError] = []
    for c in cells:
        d = c.decl
        if not isinstance(d, Verdict):
            continue
        for label, tone in d.tones.items():
            if label not in d.labels:
                errors.append(DefinitionError(
                    f"Verdict '{c.name}' gives a tone to unknown label '{label}'; its labels are "
                    f"{', '.join(repr(x) for x in d.labels)}.", (c.name,)))
            elif tone not in TONES:
                errors.append(DefinitionError(
                    f"Verdict '{c.name}' gives label '{label}' the tone '{tone}'; use one of "
                    f"{', '.join(TONES)}.", (c.name,)))
    return errors


CHECKS = (check_bounds, check_names, check_cycles, check_units, check_link_shadows, check_tones)
