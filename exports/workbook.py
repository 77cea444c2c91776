"""Write the model as an Excel workbook of live formulas (XlsxWriter).

Which library for which direction, and why:

- **Writing: XlsxWriter.** It stores a cached value next to every formula
  (`write_formula(..., value=...)`), so viewers that never recalculate (pandas, file previews,
  `openpyxl` with `data_only=True`) still show the numbers. openpyxl cannot store a cached value
  with a formula. XlsxWriter also writes notes, data validation, conditional formats and
  workbook-scope defined names, and is fast.
- **Reading: openpyxl** (`exports/workbook_import.py`). XlsxWriter cannot read files; openpyxl
  reads both the formulas a person typed and the values they typed, cell by cell.

Layout (the importer relies on it): an `Index` sheet first; one worksheet per sheet, named by
its id, with a header row and one row per cell whose column A holds the cell's full name and
column C its value: a number for an input, a formula over defined names for everything else.
Every cell's value has a workbook-scope defined name (`P03_T_MEMORY_GPU`). A hidden sheet
`napkin_meta` records, per cell, its row, kind, unit, default and the formula as exported, so the
importer can tell an edited input from an edited formula.

With a Monte Carlo run (`write_workbook(..., mc=monte_carlo(...))`) the workbook also carries a
`Ranges` sheet (the ranged inputs and their distributions, then P5/P50/P95/mean/valid share of
every calc the ranges reach and the probability of each verdict label) and, on each sheet,
columns J-N right of the table with each cell's P5/P50/P95, valid share and a note. These are
plain numbers from the run at export, not formulas; the importer reads columns A and C only and
never the `Ranges` sheet, so they are never mistaken for edits.
"""

from __future__ import annotations

import math
import os
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

import sympy as sp
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from exports import devices_sheet
from exports.excel_printer import (
    ExcelPrintError,
    check_excel_names,
    excel_name,
    excel_number,
    excel_string,
    to_excel_formula,
)
from model import CellDef, Graph, Kind, Model, format_number, trace_text, unit_suffix
from model.analysis import Distribution, MonteCarloResult, overridden_links, parse_range, percentile_rows, reach

__all__ = [
    "COLUMNS",
    "FORMAT_VERSION",
    "INDEX_SHEET",
    "META_SHEET",
    "MC_COLUMNS",
    "META_MC_MARKER",
    "RANGES_SHEET",
    "ExportInfo",
    "cell_excel_formula",
    "exported_cells",
    "layout",
    "write_workbook",
]

FORMAT_VERSION = 1
INDEX_SHEET = "Index"
META_SHEET = "napkin_meta"
RANGES_SHEET = "Ranges"
META_MC_MARKER = "monte carlo"  # napkin_meta!C1 when the workbook carries a Monte Carlo run; D1 summarises it
MARKER = "napkin workbook"

#: Columns of a sheet's table, in order. The importer reads NAME and VALUE only.
COLUMNS = ("name", "doc", "value", "unit", "formula", "source", "kind", "default", "as exported")
COL_NAME, COL_DOC, COL_VALUE, COL_UNIT, COL_FORMULA, COL_SOURCE, COL_KIND, COL_DEFAULT, COL_EXPORTED = range(9)
HEADER_ROW = 4  # 0-based row of the table header; cells start below it
META_COLUMNS = ("name", "worksheet", "row", "kind", "unit", "default", "link", "formula")
MAX_FORMULA = 8192  # Excel's limit on a formula's length, in characters
#: Columns right of a sheet's table when the workbook carries a Monte Carlo run (plain numbers).
MC_COLUMNS = ("Monte Carlo P5", "Monte Carlo P50", "Monte Carlo P95", "Monte Carlo valid share", "Monte Carlo note")
COL_MC_P5, COL_MC_P50, COL_MC_P95, COL_MC_VALID, COL_MC_NOTE = range(len(COLUMNS), len(COLUMNS) + len(MC_COLUMNS))

_EXCEL_SHEET_BAD = set("[]:*?/\\")


@dataclass(frozen=True)
class ExportInfo:
    """What was written: the path, counts and size."""

    path: Path
    worksheets: int
    cells: int
    formulas: int
    bytes: int


def layout(graph: Graph, sheet_ids: list[str]) -> dict[str, tuple[str, int]]:
    """Return {cell name: (worksheet, 0-based row)} for the given sheets: inputs, calcs, verdicts."""
    where: dict[str, tuple[str, int]] = {}
    for sid in sheet_ids:
        row = HEADER_ROW + 1
        for group in _groups(graph, sid):
            row += 1  # the group's heading row
            for c in group[1]:
                where[c.name] = (sid, row)
                row += 1
            row += 1  # blank row after a group
    return where


def exported_cells(graph: Graph, sheets: list[str] | None = None) -> list[str]:
    """Return the names of the cells `write_workbook(..., sheets=sheets)` writes, in sheet order."""
    return list(layout(graph, list(graph.sheets) if sheets is None else _closure(graph, list(sheets))))


def _groups(graph: Graph, sid: str) -> list[tuple[str, list[CellDef]]]:
    cells = graph.sheet_cells(sid)
    out = []
    for kind, heading in ((Kind.INPUT, "Inputs"), (Kind.CALC, "Calculations"), (Kind.VERDICT, "Verdicts")):
        group = [c for c in cells if c.kind is kind]
        if group:
            out.append((heading, group))
    return out


def cell_excel_formula(graph: Graph, cell: CellDef, names: dict[sp.Symbol, str]) -> str:
    """Return the Excel formula of a calc, verdict or linked input, in display units."""
    factors = {c.symbol: c.unit.factor for c in (graph.cell(s.name) for s in cell.expr.free_symbols)}
    if cell.kind is Kind.VERDICT:
        labels = [sp.Dummy(f"label{k}") for k in range(len(cell.labels))]
        with_labels = dict(names)
        for k, ph in enumerate(labels):
            with_labels[ph] = excel_string(cell.labels[k])
        pieces = [(labels[k], cond) for k, cond in enumerate(cell.conditions)]
        expr = sp.Piecewise(*pieces, (labels[-1], True), evaluate=False)
        text = to_excel_formula(expr, with_labels, factors=factors)
    else:
        text = to_excel_formula(cell.expr, names, factors=factors, result_factor=cell.unit.factor)
    if len(text) > MAX_FORMULA:
        raise ExcelPrintError(f"The Excel formula of '{cell.name}' is {len(text)} characters; Excel allows {MAX_FORMULA}.")
    return text


_FORMULA_CACHE: dict[int, tuple[weakref.ref, dict[str, str]]] = {}


def _formulas(g: Graph, cells: list[CellDef], defined: dict[str, str]) -> dict[str, str]:
    """Excel formulas of the cells that have one; printed once per graph (they depend on no value)."""
    ref, cache = _FORMULA_CACHE.get(id(g), (None, None))
    if ref is None or ref() is not g:
        cache = {}
        _FORMULA_CACHE[id(g)] = (weakref.ref(g), cache)
        weakref.finalize(g, _FORMULA_CACHE.pop, id(g), None)
    names = {c.symbol: defined[c.name] for c in cells}
    for c in cells:
        if c.name not in cache and c.lookup is not None:
            cache[c.name] = devices_sheet.lookup_formula(g, c)
        elif c.name not in cache and c.expr is not None:
            cache[c.name] = cell_excel_formula(g, c, names)
    return {c.name: cache[c.name] for c in cells if c.name in cache}


def _closure(graph: Graph, sheet_ids: list[str]) -> list[str]:
    """Return the sheets asked for plus every sheet their cells read from, in graph order."""
    unknown = [s for s in sheet_ids if s not in graph.sheets]
    if unknown:
        raise ExcelPrintError(f"Unknown sheet(s) {', '.join(unknown)}; run 'napkin list' to see the sheets.")
    want = set(sheet_ids)
    todo = list(want)
    while todo:
        sid = todo.pop()
        for c in graph.sheet_cells(sid):
            for p in graph.parents[c.index]:
                other = graph.cells[p].sheet
                if other not in want:
                    want.add(other)
                    todo.append(other)
    return [sid for sid in graph.sheets if sid in want]


def _check_sheet_names(sheet_ids: list[str]) -> None:
    problems = []
    reserved = {INDEX_SHEET.lower(), META_SHEET.lower(), RANGES_SHEET.lower(), "history",
                devices_sheet.DEVICES_SHEET.lower()}
    for sid in sheet_ids:
        if len(sid) > 31 or set(sid) & _EXCEL_SHEET_BAD or sid.lower() in reserved:
            problems.append(sid)
    if problems:
        raise ExcelPrintError(
            f"Sheet ids {', '.join(problems)} cannot name Excel worksheets (at most 31 characters, "
            f"none of []:*?/\\, not '{INDEX_SHEET}', '{META_SHEET}', '{RANGES_SHEET}' or 'History'); rename the sheet modules."
        )


def _error_code(model: Model, name: str) -> str:
    err = model.error(name)
    root = model.error(err.origin) if err.origin != name else err
    return "#DIV/0!" if "division by zero" in str(root or err) else "#NUM!"


def _cached(model: Model, c: CellDef):
    """The value Excel should show before recalculating: number, label or error code."""
    if model.error(c.name) is not None:
        return _error_code(model, c.name)
    return model.value(c.name)


class _Styles:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.subtitle = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.question = wb.add_format({**base, "text_wrap": True})
        self.header = wb.add_format({**base, "bold": True, "bottom": 1, "bg_color": "#D9E1F2"})
        self.group = wb.add_format({**base, "bold": True, "font_size": 12, "font_color": "#1F3864"})
        self.text = wb.add_format({**base})
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.name = wb.add_format({**base, "font_name": "Consolas"})
        self.formula_text = wb.add_format({**base, "font_name": "Consolas", "font_color": "#404040", "text_wrap": True})
        # The financial-model convention: blue on a light fill means "type here".
        self.input = wb.add_format({**base, "font_color": "#0000FF", "bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF"})
        self.linked = wb.add_format({**base, "font_color": "#00803C", "bg_color": "#E2EFDA", "border": 1, "border_color": "#BFBFBF"})
        self.calc = wb.add_format({**base, "font_color": "#000000"})
        self.verdict = wb.add_format({**base, "bold": True})
        self.muted = wb.add_format({**base, "font_color": "#7F7F7F"})
        self.link = wb.add_format({**base, "font_color": "#0563C1", "underline": 1})
        self.changed_input = wb.add_format({"bg_color": "#F8CBAD"})
        self.changed_calc = wb.add_format({"bg_color": "#FFEB9C"})
        self.flipped = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True})
        # Monte Carlo results: plain numbers from the export, purple so they never pass for formulas
        mc = {**base, "font_color": "#5B2C83"}
        self.mc_header = wb.add_format({**base, "bold": True, "bottom": 1, "bg_color": "#E4DFEC", "text_wrap": True})
        self.mc_note = wb.add_format({**base, "italic": True, "font_color": "#5B2C83", "text_wrap": True})
        self.mc_number = wb.add_format({**mc, "num_format": "General"})
        self.mc_share = wb.add_format({**mc, "num_format": "0.0%"})
        self.mc_text = wb.add_format({**mc})
        self.mc_link = wb.add_format({**base, "italic": True, "font_color": "#5B2C83", "underline": 1})


def write_workbook(model: Model, path: str | os.PathLike, *, sheets: list[str] | None = None,
                   mc: MonteCarloResult | None = None) -> ExportInfo:
    """Write the model's sheets (all, or `sheets` plus those they read from) as a live workbook.

    Inputs hold the model's current values (overrides included); every calc, verdict and linked
    input is a formula with its current value cached. Written to a temporary file, then moved
    into place, so a failure leaves no partial file.

    `mc`, a `model.analysis.montecarlo.monte_carlo` result computed on this model (same overrides) with
    `outputs=None` or covering every exported cell, adds the `Ranges` sheet, Monte Carlo columns
    on each sheet and a line on the Index. Raises ExcelPrintError if it lacks an exported cell
    its ranges reach, or ranges an input outside the export.
    """
    g = model.graph
    sheet_ids = list(g.sheets) if sheets is None else _closure(g, list(sheets))
    _check_sheet_names(sheet_ids)
    where = layout(g, sheet_ids)
    cells = [g.cell(n) for n in where]
    defined = {c.name: excel_name(c.name) for c in cells}
    check_excel_names(defined.values())
    formulas = _formulas(g, cells, defined)
    prep = None if mc is None else _prepare_mc(model, mc, cells, sheets)

    path = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent if str(path.parent) else ".")
    os.close(fd)
    try:
        wb = xlsxwriter.Workbook(tmp, {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False})
        wb.set_properties({"title": "Napkin model", "subject": "Reactive napkin math for ML systems",
                           "comments": f"{MARKER} format {FORMAT_VERSION}"})
        st = _Styles(wb)
        index_ws = wb.add_worksheet(INDEX_SHEET)
        if prep is not None:
            _write_ranges(wb.add_worksheet(RANGES_SHEET), st, model, prep, cells, where)
        n_formulas = 0
        for sid in sheet_ids:
            n_formulas += _write_sheet(wb, st, model, sid, where, formulas, prep)
        n_formulas += _write_index(index_ws, st, model, sheet_ids, where, prep)
        if any(c.choice is not None for c in cells):
            n_formulas += devices_sheet.write_devices_sheet(wb, st, model, defined)
        _write_meta(wb, model, cells, where, formulas, prep)
        for c in cells:
            sid, row = where[c.name]
            wb.define_name(defined[c.name], f"='{sid}'!{xl_rowcol_to_cell(row, COL_VALUE, True, True)}")
        index_ws.activate()
        wb.close()
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # the umask's mode, as for any file the user writes (mkstemp's is 0600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    n_sheets = len(sheet_ids) + 1 + (prep is not None) + any(c.choice is not None for c in cells)
    return ExportInfo(path, n_sheets, len(cells), n_formulas, path.stat().st_size)


def _write_sheet(wb, st: _Styles, model: Model, sid: str, where, formulas, prep: _MonteCarlo | None = None) -> int:
    g = model.graph
    sd = g.sheets[sid]
    ws = wb.add_worksheet(sid)
    ws.set_tab_color({"spec": "#A6A6A6", "problem": "#4472C4", "exercise": "#70AD47"}.get(sd.kind, "#4472C4"))
    widths = (34, 48, 16, 12, 48, 40, 12, 14, 14)
    for col, w in enumerate(widths):
        ws.set_column(col, col, w)
    ws.write_string(0, 0, f"{sd.id} — {sd.title}", st.title)
    where_txt = f"Chapter {sd.chapter} · {sd.section}" if sd.chapter else sd.section
    ws.write_string(1, 0, f"{sd.kind} sheet" + (f" · {where_txt}" if where_txt else ""), st.subtitle)
    ws.write_url(0, COL_DEFAULT, f"internal:'{INDEX_SHEET}'!A1", st.link, "← Index")
    if sd.question:
        ws.merge_range(2, 0, 2, COL_EXPORTED, "", st.question)
        ws.write_string(2, 0, sd.question, st.question)
        ws.set_row(2, 15 * min(8, 1 + len(sd.question) // 150))
    for col, head in enumerate(COLUMNS):
        ws.write_string(HEADER_ROW, col, head, st.header)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    if prep is not None:
        _mc_header(ws, st, prep)

    n = 0
    for heading, group in _groups(g, sid):
        first = where[group[0].name][1]
        ws.write_string(first - 1, 0, heading, st.group)
        for c in group:
            n += _write_row(ws, st, model, c, where[c.name][1], formulas)
            if prep is not None:
                _mc_cells(ws, st, c, where[c.name][1], prep)
        last = where[group[-1].name][1]
        _conditional_formats(ws, st, group[0].kind, first, last)
    return n


def _write_row(ws, st: _Styles, model: Model, c: CellDef, row: int, formulas) -> int:
    ws.write_string(row, COL_NAME, c.name, st.name)
    ws.write_string(row, COL_DOC, c.doc, st.wrap)
    ws.write_string(row, COL_UNIT, c.unit.text, st.text)
    ws.write_string(row, COL_SOURCE, c.source, st.wrap)
    cached = _cached(model, c)
    n = 0
    if c.choice is not None:  # a device choice: member id from a drop-down list
        devices_sheet.write_choice_cell(ws, st, model, c, row, COL_VALUE, COL_DEFAULT)
        ws.write_string(row, COL_KIND, "device choice", st.text)
        ws.write_string(row, COL_EXPORTED, model.value(c.name), st.muted)
        return 0
    if c.kind is Kind.INPUT:
        d = c.decl
        overridden = model.is_overridden(c.name)
        if c.link is None and not overridden:
            ws.write_number(row, COL_VALUE, float(d.default), st.input)  # as declared: no conversion noise
        elif overridden:
            ws.write_number(row, COL_VALUE, cached, st.input)
        else:
            ws.write_formula(row, COL_VALUE, formulas[c.name], st.linked, cached)
            n += 1
        if c.link is None:
            ws.write_number(row, COL_DEFAULT, float(d.default), st.muted)
            ws.write_string(row, COL_KIND, "input", st.text)
        else:
            ws.write_formula(row, COL_DEFAULT, formulas[c.name], st.muted, _link_default(model, c))
            ws.write_string(row, COL_FORMULA, f"link: {c.link}", st.formula_text)
            ws.write_string(row, COL_KIND, "linked input", st.text)
            n += 1
        _validation(ws, c, row)
        note = _input_note(c)
        if note:
            ws.write_comment(row, COL_VALUE, note, {"x_scale": 2.5, "y_scale": 1 + note.count("\n") * 0.3})
    else:
        style = st.verdict if c.kind is Kind.VERDICT else st.calc
        ws.write_formula(row, COL_VALUE, formulas[c.name], style, cached)
        ws.write_string(row, COL_FORMULA, c.formula or "", st.formula_text)
        ws.write_string(row, COL_KIND, c.kind.value, st.text)
        note = trace_text(model, c.name, depth=1)
        ws.write_comment(row, COL_VALUE, note, {"x_scale": 3.5, "y_scale": 1 + note.count("\n") * 0.6})
        n += 1
    if isinstance(cached, str):
        ws.write_string(row, COL_EXPORTED, cached, st.muted)
    else:
        ws.write_number(row, COL_EXPORTED, cached, st.muted)
    return n


def _link_default(model: Model, c: CellDef):
    """The value a linked input has when not overridden: its target's value in this cell's unit."""
    target = model.graph.cell(model.link_of(c.name) or c.link)
    if model.error(target.name) is not None:
        return _error_code(model, target.name)
    return model.si_value(target.name) / c.unit.factor


def _bounds_text(c: CellDef) -> str:
    d = c.decl
    unit = unit_suffix(c.unit.text)
    parts = []
    if d.lo is not None:
        parts.append(f"{'above' if d.strict_lo else 'at least'} {format_number(d.lo)}{unit}")
    if d.hi is not None:
        parts.append(f"at most {format_number(d.hi)}{unit}")
    if d.integer:
        parts.append("a whole number")
    return ", ".join(parts)


def _input_note(c: CellDef) -> str:
    d = c.decl
    lines = []
    if c.link:
        lines.append(f"Linked to {c.link}; type a number to override it.")
    if d.note:
        lines.append(d.note)
    if d.illustrative:
        lines.append("Illustrative value, not from a datasheet.")
    return "\n".join(lines)


def _validation(ws, c: CellDef, row: int) -> None:
    d = c.decl
    if d.lo is None and d.hi is None and not d.integer:
        return
    kind = "integer" if d.integer else "decimal"
    cell = xl_rowcol_to_cell(row, COL_VALUE)
    if d.strict_lo and d.lo is not None:
        cond = [f"ISNUMBER({cell})", f"{cell}>{excel_number(d.lo)}"]
        if d.hi is not None:
            cond.append(f"{cell}<={excel_number(d.hi)}")
        if d.integer:
            cond.append(f"{cell}=INT({cell})")
        opts = {"validate": "custom", "value": f"=AND({','.join(cond)})"}
    elif d.lo is not None and d.hi is not None:
        opts = {"validate": kind, "criteria": "between", "minimum": d.lo, "maximum": d.hi}
    elif d.lo is not None:
        opts = {"validate": kind, "criteria": ">=", "value": d.lo}
    elif d.hi is not None:
        opts = {"validate": kind, "criteria": "<=", "value": d.hi}
    else:
        opts = {"validate": "integer", "criteria": "between", "minimum": -1e15, "maximum": 1e15}
    rule = f"{c.name} must be {_bounds_text(c)}."
    opts.update({
        "input_title": c.short[:32],
        "input_message": (f"{c.doc} ({c.unit.text}). {rule}")[:255],
        "error_title": "Out of bounds"[:32],
        "error_message": (rule + f" Type a number in {c.unit.text}.")[:255],
        "error_type": "stop",
    })
    ws.data_validation(row, COL_VALUE, row, COL_VALUE, opts)


def _conditional_formats(ws, st: _Styles, kind: Kind, first: int, last: int) -> None:
    rng = (first, COL_VALUE, last, COL_VALUE)
    top = first + 1  # 1-based row of the range's first cell, for relative references
    if kind is Kind.INPUT:
        crit = f"=$C{top}<>$H{top}"
        ws.conditional_format(*rng, {"type": "formula", "criteria": crit, "format": st.changed_input})
    elif kind is Kind.CALC:
        crit = f"=ABS($C{top}-$I{top})>1E-9*ABS($I{top})"
        ws.conditional_format(*rng, {"type": "formula", "criteria": crit, "format": st.changed_calc})
    else:
        crit = f"=$C{top}<>$I{top}"
        ws.conditional_format(*rng, {"type": "formula", "criteria": crit, "format": st.flipped})


def _write_index(ws, st: _Styles, model: Model, sheet_ids: list[str], where, prep: _MonteCarlo | None = None) -> int:
    g = model.graph
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 44)
    ws.set_column(2, 2, 10)
    ws.set_column(3, 3, 30)
    ws.set_column(4, 4, 60)
    ws.set_column(5, 5, 48)
    ws.set_column(6, 6, 16)
    ws.write_string(0, 0, "Napkin model", st.title)
    ws.write_string(1, 0, "Blue cells on a yellow fill are inputs: type a number in the unit shown. Green cells are "
                          "linked to a spec sheet; type a number to override the link. Everything else is a live "
                          "formula. Orange: an input differs from its default; yellow: a result changed since "
                          "export; red: a verdict flipped.", st.subtitle)
    ws.write_string(2, 0, "Read your edits back into Napkin with: napkin import FILE.xlsx", st.subtitle)
    if prep is not None:
        ws.write_url(3, 0, f"internal:'{RANGES_SHEET}'!A1", st.mc_link,
                     f"This workbook carries a Monte Carlo run: {prep.summary()}. Percentiles and verdict "
                     f"probabilities are on the '{RANGES_SHEET}' sheet and right of each sheet's table "
                     f"(plain numbers from the export, not live formulas).")
    heads = ("sheet", "title", "kind", "chapter · section", "question", "verdicts (live)", "inputs changed (live)")
    ws.freeze_panes(5, 1)
    for col, h in enumerate(heads):
        ws.write_string(4, col, h, st.header)
    n = 0
    row = 5
    for sid in sheet_ids:
        sd = g.sheets[sid]
        ws.write_url(row, 0, f"internal:'{sid}'!A1", st.link, sid)
        ws.write_string(row, 1, sd.title, st.wrap)
        ws.write_string(row, 2, sd.kind, st.text)
        ws.write_string(row, 3, f"{sd.chapter} · {sd.section}" if sd.chapter else sd.section, st.wrap)
        ws.write_string(row, 4, sd.question, st.wrap)
        verdicts = [c for c in g.sheet_cells(sid) if c.kind is Kind.VERDICT]
        if verdicts:
            formula, cached = _verdict_summary(model, verdicts)
            ws.write_formula(row, 5, formula, st.verdict, cached)
            n += 1
        inputs = [c for c in g.sheet_cells(sid) if c.kind is Kind.INPUT]
        if inputs:
            first, last = where[inputs[0].name][1], where[inputs[-1].name][1]
            vals = f"'{sid}'!$C${first + 1}:$C${last + 1}"
            defaults = f"'{sid}'!$H${first + 1}:$H${last + 1}"
            changed = sum(model.is_overridden(c.name) for c in inputs)
            ws.write_formula(row, 6, f"=SUMPRODUCT(--({vals}<>{defaults}))", st.text, changed)
            n += 1
        row += 1
    ws.conditional_format(5, 6, row - 1, 6, {"type": "cell", "criteria": ">", "value": 0, "format": st.changed_input})

    overrides = model.overrides()
    row += 1
    ws.write_string(row, 0, "Inputs that differ from the defaults in this export", st.group)
    row += 1
    if not overrides:
        ws.write_string(row, 0, "none: every input has its default value", st.muted)
        return n
    for col, h in enumerate(("input", "doc", "unit", "default", "exported value")):
        ws.write_string(row, col, h, st.header)
    for name, value in overrides.items():
        c = g.cell(name)
        row += 1
        if name in where:
            ws.write_url(row, 0, f"internal:'{c.sheet}'!A{where[name][1] + 1}", st.link, name)
        else:
            ws.write_string(row, 0, name, st.text)
        ws.write_string(row, 1, c.doc, st.wrap)
        ws.write_string(row, 2, c.unit.text, st.text)
        if c.link is None:
            ws.write_number(row, 3, float(c.decl.default), st.text)
        else:
            ws.write_string(row, 3, f"link: {c.link}", st.text)
        ws.write_number(row, 4, value, st.input)
    return n


def _verdict_summary(model: Model, verdicts: list[CellDef]) -> tuple[str, str]:
    parts, cached = [], []
    for c in verdicts:
        parts.append(f'"{c.short}: "&{excel_name(c.name)}')
        v = _cached(model, c)
        cached.append(f"{c.short}: {v}")
    if any(model.error(c.name) for c in verdicts):
        return "=" + '&"; "&'.join(parts), "#NUM!"
    return "=" + '&"; "&'.join(parts), "; ".join(cached)


def _write_meta(wb, model: Model, cells: list[CellDef], where, formulas, prep: _MonteCarlo | None = None) -> None:
    ws = wb.add_worksheet(META_SHEET)
    ws.write_string(0, 0, MARKER)
    ws.write_number(0, 1, FORMAT_VERSION)
    if prep is not None:  # beside the marker: older importers read A1:B1 only
        ws.write_string(0, 2, META_MC_MARKER)
        ws.write_string(0, 3, prep.summary())
    for col, h in enumerate(META_COLUMNS):
        ws.write_string(1, col, h)
    for k, c in enumerate(cells, start=2):
        sid, row = where[c.name]
        kind = "linked input" if c.kind is Kind.INPUT and c.link else c.kind.value
        ws.write_string(k, 0, c.name)
        ws.write_string(k, 1, sid)
        ws.write_number(k, 2, row + 1)
        ws.write_string(k, 3, kind)
        ws.write_string(k, 4, c.unit.text)
        if c.choice is not None:
            ws.write_string(k, 5, c.decl.member)
        elif c.kind is Kind.INPUT and c.link is None and math.isfinite(c.default):
            ws.write_number(k, 5, float(c.decl.default))
        if c.link:
            ws.write_string(k, 6, c.link)
        if c.name in formulas:
            ws.write_string(k, 7, formulas[c.name])
    ws.hide()


# ---- Monte Carlo ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _MonteCarlo:
    """A Monte Carlo run checked against the export: its ranges, what varies, one row per cell."""

    result: MonteCarloResult
    dists: dict[str, Distribution]
    varied: frozenset[str]  # ranged inputs and every cell they reach (its samples vary)
    rows: dict[str, dict]  # percentile_rows of the exported cells
    command: str  # a command line that reproduces the run

    def summary(self) -> str:
        ranges = ", ".join(f"{k} ~ {_spec(d)}" for k, d in self.dists.items())
        return f"{self.result.n:,} samples, seed {self.result.seed}; ranges: {ranges}"


def _num(x: float) -> str:
    """The shortest text that reads back as x."""
    t = repr(float(x))
    return t[:-2] if t.endswith(".0") else t


def _spec(d: Distribution) -> str:
    return ":".join([d.kind, *(_num(x) for x in d.params)])


def _arg(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _prepare_mc(model: Model, mc: MonteCarloResult, cells: list[CellDef], sheets: list[str] | None) -> _MonteCarlo:
    if not isinstance(mc, MonteCarloResult):
        raise TypeError(f"mc must be a model.analysis.montecarlo.MonteCarloResult, not {type(mc).__name__}")
    g = model.graph
    exported = {c.name for c in cells}
    dists = {}
    for name in sorted(mc.ranges, key=lambda n: g.index.get(n, -1)):
        d = mc.distributions.get(name)
        dists[name] = d if d is not None else parse_range(model, name, mc.ranges[name])  # InputError if unknown
        if name not in exported:
            sid = g.cell(name).sheet
            raise ExcelPrintError(
                f"The Monte Carlo range on '{name}' is on sheet '{sid}', which this export leaves out and no exported "
                f"cell reads; add --sheet {sid} or drop the range.")
    varying = {g.index[n] for n in dists}
    fixed = {g.index[n] for n in overridden_links(model)} - varying
    varied = frozenset(g.cells[k].name for k in [*varying, *reach(g, varying, fixed)])
    missing = [c.name for c in cells if c.name in varied and c.name not in mc.stats]
    if missing:
        raise ExcelPrintError(
            f"The Monte Carlo run has no summary of {len(missing)} exported cell(s) its ranges reach "
            f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}); run monte_carlo with outputs=None "
            f"or with every exported cell.")
    rows = {r["name"]: r for r in percentile_rows(model, mc, [c.name for c in cells])}
    parts = ["napkin export FILE.xlsx"]
    parts += [f"--sheet {_arg(s)}" for s in sheets or ()]
    parts += [f"--set {_arg(f'{k}={_num(v)}')}" for k, v in model.overrides().items()]
    parts += [f"--range {_arg(f'{k}={_spec(d)}')}" for k, d in dists.items()]
    parts += [f"--samples {mc.n}", f"--seed {mc.seed}"]
    return _MonteCarlo(mc, dists, varied, rows, " ".join(parts))


def _mc_header(ws, st: _Styles, prep: _MonteCarlo) -> None:
    """Column heads J-N and the note above them: plain numbers, not live formulas."""
    widths = (15, 15, 15, 12, 44)
    for col, w in zip(range(COL_MC_P5, COL_MC_NOTE + 1), widths, strict=True):
        ws.set_column(col, col, w)
    for col, head in zip(range(COL_MC_P5, COL_MC_NOTE + 1), MC_COLUMNS, strict=True):
        ws.write_string(HEADER_ROW, col, head, st.mc_header)
    r = prep.result
    ws.merge_range(HEADER_ROW - 1, COL_MC_P5, HEADER_ROW - 1, COL_MC_NOTE,
                   f"Monte Carlo, {r.n:,} samples, seed {r.seed} (ranges on the '{RANGES_SHEET}' sheet): plain "
                   f"numbers computed at export, NOT live formulas; they do not change when you edit inputs.",
                   st.mc_note)
    ws.set_row(HEADER_ROW - 1, 32)


def _put(ws, row: int, col: int, x, fmt) -> None:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, float(x), fmt)


def _probabilities(r: dict) -> str:
    probs = r["probabilities"] or {}
    text = "; ".join(f"P({lab}) = {p:.1%}" for lab, p in probs.items())
    if r["valid"] < 1:
        text += f"; P(error) = {1 - r['valid']:.1%}"
    return text


def _mc_cells(ws, st: _Styles, c: CellDef, row: int, prep: _MonteCarlo) -> None:
    """One cell's Monte Carlo columns: percentiles, valid share and a note."""
    r = prep.rows[c.name]
    varied = c.name in prep.varied
    if c.kind is Kind.INPUT:
        if not varied:
            return
        d = prep.dists.get(c.name)
        note = f"range {_spec(d)}" if d is not None else "follows its link's samples"
    elif c.kind is Kind.VERDICT:
        if varied:
            note = _probabilities(r)
        else:
            label = next((lab for lab, p in (r["probabilities"] or {}).items() if p == 1), None)
            note = f"constant: {'an error' if label is None else repr(label)}; no ranged input reaches it"
        _put(ws, row, COL_MC_VALID, r["valid"], st.mc_share)
        ws.write_string(row, COL_MC_NOTE, note, st.mc_text)
        return
    elif not varied:
        note = "constant: no ranged input reaches it"
    elif r["valid"] < 1:
        note = f"no result in {1 - r['valid']:.1%} of samples"
    else:
        note = ""
    for col, key in ((COL_MC_P5, "p5"), (COL_MC_P50, "p50"), (COL_MC_P95, "p95")):
        _put(ws, row, col, r[key], st.mc_number)
    _put(ws, row, COL_MC_VALID, r["valid"], st.mc_share)
    if note:
        ws.write_string(row, COL_MC_NOTE, note, st.mc_text)


def _name_link(ws, st: _Styles, row: int, c: CellDef, where) -> None:
    if c.name in where:
        sid, r = where[c.name]
        ws.write_url(row, 0, f"internal:'{sid}'!C{r + 1}", st.link, c.name)
    else:
        ws.write_string(row, 0, c.name, st.name)


def _write_ranges(ws, st: _Styles, model: Model, prep: _MonteCarlo, cells: list[CellDef], where) -> None:
    """The Ranges sheet: ranged inputs, then every calc and verdict label the ranges reach."""
    g = model.graph
    ws.set_tab_color("#7030A0")
    for col, w in enumerate((34, 48, 22, 24, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14)):
        ws.set_column(col, col, w)
    r = prep.result
    ws.write_string(0, 0, "Monte Carlo ranges", st.title)
    ws.write_url(0, 4, f"internal:'{INDEX_SHEET}'!A1", st.link, "← Index")
    ws.write_string(1, 0, f"{r.n:,} samples, seed {r.seed}. Plain numbers computed at export, NOT live formulas: they "
                          f"describe the model as exported (its inputs and overrides) and do not change when you "
                          f"edit inputs. Percentiles are of the samples that evaluated without error; the valid "
                          f"share is that fraction.", st.subtitle)
    ws.write_string(2, 0, f"Reproduce: {prep.command}", st.subtitle)
    row = 4

    ws.write_string(row, 0, "Ranged inputs (display units)", st.group)
    row += 1
    heads = ("input", "doc", "unit", "distribution", "low", "mode", "high", "median", "σ of ln",
             "value in export", "P5", "P50", "P95", "mean")
    for col, h in enumerate(heads):
        ws.write_string(row, col, h, st.header)
    for name, d in prep.dists.items():
        c = g.cell(name)
        s = prep.rows[name]
        row += 1
        _name_link(ws, st, row, c, where)
        ws.write_string(row, 1, c.doc, st.wrap)
        ws.write_string(row, 2, c.unit.text, st.text)
        ws.write_string(row, 3, _spec(d), st.name)
        p = d.params
        named = dict(zip({"uniform": (4, 6), "triangular": (4, 5, 6), "lognormal": (7, 8)}[d.kind], p, strict=False))
        for col, x in named.items():
            ws.write_number(row, col, float(x), st.text)
        _put(ws, row, 9, model.value(name), st.text)
        for col, key in ((10, "p5"), (11, "p50"), (12, "p95"), (13, "mean")):
            _put(ws, row, col, s[key], st.mc_number)

    calcs = [c for c in cells if c.kind is not Kind.VERDICT and c.name in prep.varied and c.name not in prep.dists]
    n_const = sum(1 for c in cells if c.kind is Kind.CALC and c.name not in prep.varied)
    row += 2
    ws.write_string(row, 0, f"Calculations the ranges reach ({len(calcs)})", st.group)
    row += 1
    ws.write_string(row, 0, f"The other {n_const} calculations in this workbook do not depend on a ranged input: "
                            f"P5 = P50 = P95 = their value (shown on their sheets).", st.muted)
    row += 1
    heads = ("cell", "doc", "unit", "P5", "P50", "P95", "mean", "valid share", "value in export")
    for col, h in enumerate(heads):
        ws.write_string(row, col, h, st.header)
    for c in calcs:
        s = prep.rows[c.name]
        row += 1
        _name_link(ws, st, row, c, where)
        ws.write_string(row, 1, c.doc, st.wrap)
        ws.write_string(row, 2, c.unit.text, st.text)
        for col, key in ((3, "p5"), (4, "p50"), (5, "p95"), (6, "mean")):
            _put(ws, row, col, s[key], st.mc_number)
        _put(ws, row, 7, s["valid"], st.mc_share)
        _put(ws, row, 8, None if model.error(c.name) else model.value(c.name), st.text)

    verdicts = [c for c in cells if c.kind is Kind.VERDICT and c.name in prep.varied]
    row += 2
    ws.write_string(row, 0, f"Verdicts the ranges reach ({len(verdicts)}): probability of each label", st.group)
    row += 1
    for col, h in enumerate(("verdict", "doc", "label", "probability", "value in export")):
        ws.write_string(row, col, h, st.header)
    for c in verdicts:
        s = prep.rows[c.name]
        shown = None if model.error(c.name) else model.value(c.name)
        labels = list((s["probabilities"] or {}).items())
        if s["valid"] < 1:
            labels.append(("(error: no label)", 1 - s["valid"]))
        for k, (lab, prob) in enumerate(labels):
            row += 1
            _name_link(ws, st, row, c, where)
            if k == 0:
                ws.write_string(row, 1, c.doc, st.wrap)
            ws.write_string(row, 2, lab, st.verdict if lab == shown else st.text)
            ws.write_number(row, 3, prob, st.mc_share)
            if lab == shown:
                ws.write_string(row, 4, "← exported value", st.muted)
    ws.freeze_panes(4, 1)
