"""Reading device families from a built model: the catalog table of a family, and a problem's
results side by side for several members of one device choice (`--compare`).

Pure over a `Model`: comparisons run on a copy holding the same overrides.
"""

from __future__ import annotations

import math

from model.cells import Kind
from model.devices import member_cell
from model.engine import Model
from model.errors import InputError


def families(model: Model) -> dict[str, list[str]]:
    """Return {family name: member sheet ids} for every family with members in the model."""
    out: dict[str, list[str]] = {}
    for sid, sd in model.graph.sheets.items():
        if sd.family:
            out.setdefault(sd.family, []).append(sid)
    return out


def family_table(model: Model, family: str, *, sort: str | None = None, descending: bool = False) -> dict:
    """Return a family as {family, columns: [{name, unit, doc}], rows: [{member, title, cells}]}.

    Each row's `cells` maps a family cell to {value, unit, source, note} in the family's unit, or
    {value: None, na: reason} where the member marks it n/a. `sort` orders rows by a column
    (n/a last); `member` or `title` sort by name.
    """
    from model.devices import registered_families
    from model.units import parse_unit

    members = families(model).get(family)
    fam = registered_families().get(family)
    if not members or fam is None:
        known = ", ".join(sorted(families(model))) or "none"
        raise InputError(f"Unknown device family '{family}'; known families: {known}.", family, "unknown family")
    if sort is not None and sort not in fam.cells and sort not in ("member", "title"):
        raise InputError(f"Cannot sort family '{family}' by '{sort}': use member, title or one of "
                         f"{', '.join(fam.cells)}.", sort, "unknown column")
    rows = []
    for sid in members:
        sd = model.graph.sheets[sid]
        cells = {}
        for key, fc in fam.cells.items():
            short = member_cell(sd, key)
            if short is None:
                cells[key] = {"value": None, "unit": fc.unit, "na": sd.na[key]}
                continue
            name = f"{sid}.{short}"
            c = model.graph.cell(name)
            err = model.error(name)
            v = None if err else model.si_value(name) / parse_unit(fc.unit).factor
            note = c.decl.note if c.kind is Kind.INPUT else ""
            cells[key] = {"value": v, "unit": fc.unit, "cell": name, "source": c.source, "note": note}
        rows.append({"member": sid, "title": sd.title, "cells": cells})
    if sort in ("member", "title"):
        rows.sort(key=lambda r: r[sort], reverse=descending)
    elif sort is not None:
        have = [r for r in rows if r["cells"][sort]["value"] is not None]
        na = [r for r in rows if r["cells"][sort]["value"] is None]
        have.sort(key=lambda r: r["cells"][sort]["value"], reverse=descending)
        rows = have + na
    columns = [{"name": k, "unit": fc.unit, "doc": fc.doc} for k, fc in fam.cells.items()]
    return {"family": family, "doc": fam.doc, "columns": columns, "rows": rows}


def choice_cell(model: Model, sheet_id: str, name: str) -> str:
    """Resolve a choice name ('gpu' or 'p03.gpu') on a sheet to its full cell name, or raise."""
    full = name if "." in name else f"{sheet_id}.{name}"
    c = model.cell(full)
    if c.choice is None:
        choices = [x.short for x in model.graph.sheet_cells(sheet_id) if x.choice is not None]
        raise InputError(f"'{full}' is not a device choice; {sheet_id} has "
                         f"{', '.join(choices) if choices else 'no device choice'}.", full, "not a choice")
    return full


def compare(model: Model, choice: str, members: list[str]) -> dict:
    """Return one sheet's cells evaluated for each member of `choice` (other edits kept).

    {choice, members, cells: [{name, kind, unit, doc, values: {member: value|None},
    errors: {member: message}}]}; raises InputError for an unknown member (nothing evaluated).
    """
    c = model.cell(choice)
    if c.choice is None:
        raise InputError(f"'{choice}' is not a device choice.", choice, "not a choice")
    probe = Model(model.graph)
    for m in members:
        probe.parse(choice, m)  # validates every member before any work
    edits = model.overrides()
    edits.pop(choice, None)
    out_cells = [x for x in model.graph.sheet_cells(c.sheet) if x.choice is None]
    table = {x.name: {"name": x.name, "kind": x.kind.value, "unit": x.unit.text, "doc": x.doc,
                      "values": {}, "errors": {}} for x in out_cells}
    for m in members:
        probe = Model(model.graph)
        probe.set_many({**{k: v for k, v in edits.items()}, choice: m})
        for x in out_cells:
            err = probe.error(x.name)
            v = probe.value(x.name)
            table[x.name]["values"][m] = None if err or (isinstance(v, float) and not math.isfinite(v)) else v
            if err:
                table[x.name]["errors"][m] = str(err)
    return {"sheet": c.sheet, "choice": choice, "members": list(members), "cells": list(table.values())}
