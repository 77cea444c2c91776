"""Plain-data views of cells and sheets (the JSON contract of the command line)."""

from __future__ import annotations

from model.cells import Kind
from model.engine import Model
from model.format import latex_name
from model.trace import _latex_expr


def cell_dict(model: Model, name: str) -> dict:
    """Return one cell as the contract's dict: name, kind, doc, value, unit, si_value, ..."""
    c = model.cell(name)
    err = model.error(name)
    value = model.value(name)
    is_input = c.kind is Kind.INPUT
    if c.kind is Kind.VERDICT:
        si_value, si_unit = None, None
    else:
        si_value = None if err else model.si_value(name)
        si_unit = c.unit.si_unit
    deps = [model.graph.cells[p].name for p in model.graph.parents[c.index]]
    latex = None
    if not is_input:
        latex = _latex_expr(model, name, {model.graph.cell(d).symbol: latex_name(d, c.sheet) for d in deps})
    out = {
        "name": c.name,
        "kind": c.kind.value,
        "doc": c.doc,
        "value": value,
        "unit": c.unit.text,
        "si_value": si_value,
        "si_unit": si_unit,
        "formula": None if is_input else c.formula,
        "latex": latex,
        "depends_on": deps,
        "source": c.source,
        "error": str(err) if err else None,
    }
    if is_input:
        d = c.decl
        out.update({"link": model.link_of(name), "overridden": model.is_overridden(name), "lo": d.lo, "hi": d.hi,
                    "note": d.note, "illustrative": d.illustrative})
    if c.kind is Kind.VERDICT:
        out["labels"] = list(c.labels)
    if c.choice is not None:
        out["family"] = c.choice.family
        out["members"] = list(c.choice.members)
    if c.lookup is not None:
        out["via"] = c.lookup.choice_name
    return out


def suggest_sheet(sheet_id: str, known) -> str | None:
    """Return the sheet id a user most likely meant: 'p3' and 'P03' mean 'p03'; else the closest by spelling."""
    import difflib
    import re

    m = re.fullmatch(r"\s*(p|ex)\s*0*(\d+)\s*", sheet_id, flags=re.IGNORECASE)
    if m:
        prefix, n = m.group(1).lower(), int(m.group(2))
        for candidate in (f"{prefix}{n:02d}", f"{prefix}{n}"):
            if candidate in known and candidate != sheet_id:
                return candidate
    lowered = sheet_id.strip().lower()
    if lowered in known and lowered != sheet_id:
        return lowered
    close = difflib.get_close_matches(sheet_id, list(known), n=1)
    return close[0] if close else None


def sheet_summary(model: Model, sheet_id: str) -> dict:
    """Return {id, title, kind, chapter, section} for one sheet."""
    sd = model.graph.sheets.get(sheet_id)
    if sd is None:
        from model.errors import InputError

        close = suggest_sheet(sheet_id, model.graph.sheets)
        hint = f"; did you mean '{close}'?" if close else "; run 'napkin list' to see the sheets."
        raise InputError(f"Unknown sheet '{sheet_id}'{hint}", sheet_id, "unknown sheet")
    return {"id": sd.id, "title": sd.title, "kind": sd.kind, "chapter": sd.chapter, "section": sd.section}


def sheet_dict(model: Model, sheet_id: str) -> dict:
    """Return a sheet with its question and every cell (the `show --json` contract)."""
    out = sheet_summary(model, sheet_id)
    out["question"] = model.graph.sheets[sheet_id].question
    out["cells"] = [cell_dict(model, c.name) for c in model.graph.sheet_cells(sheet_id)]
    return out
