"""Write the model as an Excel workbook of live formulas (XlsxWriter): the renderer.

Which library for which direction, and why:

- **Writing: XlsxWriter.** It stores a cached value next to every formula
  (`write_formula(..., value=...)`), so viewers that never recalculate (pandas, file previews,
  `openpyxl` with `data_only=True`) still show the numbers. openpyxl cannot store a cached value
  with a formula. XlsxWriter also writes notes, data validation, conditional formats, charts and
  workbook-scope defined names, and is fast.
- **Reading: openpyxl** (`exports/workbook_import.py`). XlsxWriter cannot read files.

The layout both sides rely on is in `exports.layout`; the Monte Carlo annex in
`exports.montecarlo_annex`; the charts' tables in `exports.charts`; formats in `exports.styles`.
Each problem sheet reads answer first: question, verdicts coloured by tone, key results, then
inputs and the derivation, then live charts. Tabs: the exported problems, their spec sheets,
then Changes (with overrides), Index and Ranges; a whole-model export opens on the Index, a
one-problem export on that problem.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import sympy as sp
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from exports import devices_sheet
from exports.charts import ChartTable, roofline_table, sweep_table
from exports.excel_printer import ExcelPrintError, check_excel_names, excel_name, excel_number, excel_string, to_excel_formula
from exports.layout import (
    CHANGES_SHEET,
    COL_DEFAULT,
    COL_DOC,
    COL_EXPORTED,
    COL_FORMULA,
    COL_KIND,
    COL_MC_P5,
    COL_NAME,
    COL_SOURCE,
    COL_UNIT,
    COL_VALUE,
    COLUMNS,
    FORMAT_VERSION,
    HEADER_ROW,
    INDEX_SHEET,
    MARKER,
    MAX_FORMULA,
    MC_COLUMNS,
    META_COLUMNS,
    META_MC_MARKER,
    META_SHEET,
    RANGES_SHEET,
    Block,
    blocks,
    check_sheet_names,
    closure,
    exported_cells,
    layout,
    meta_checksum,
    sheet_order,
)
from exports.montecarlo_annex import MonteCarloAnnex, mc_cells, mc_header, prepare_mc, write_ranges
from exports.styles import Styles, fit_width, number_format, print_setup, row_height, shown, text_width
from model import CellDef, Graph, Kind, Model, display_unit, format_number, trace_text, unit_suffix
from model.analysis import MonteCarloResult

__all__ = [
    "CHANGES_SHEET", "COLUMNS", "COL_NAME", "COL_VALUE", "FORMAT_VERSION", "HEADER_ROW", "INDEX_SHEET",
    "MC_COLUMNS", "META_MC_MARKER", "META_SHEET", "RANGES_SHEET", "ExportInfo", "cell_excel_formula",
    "exported_cells", "layout", "write_workbook",
]

#: Widest a wrapped column gets (characters); narrower columns fit their longest text.
_WRAP_MAX = {COL_DOC: 44, COL_FORMULA: 40, COL_SOURCE: 30}


@dataclass(frozen=True)
class ExportInfo:
    """What was written: the path (None for a stream), counts and size."""

    path: Path | None
    worksheets: int
    cells: int
    formulas: int
    bytes: int


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


def exported_formulas(graph: Graph) -> dict[str, str]:
    """Return the Excel formula of every cell of `graph` that has one (printed once per graph)."""
    cells = list(graph.cells)
    return _formulas(graph, cells, {c.name: excel_name(c.name) for c in cells})


def _error_code(model: Model, name: str) -> str:
    err = model.error(name)
    root = model.error(err.origin) if err.origin != name else err
    return "#DIV/0!" if "division by zero" in str(root or err) else "#NUM!"


def _cached(model: Model, c: CellDef):
    """The value Excel should show before recalculating: number, label or error code."""
    if model.error(c.name) is not None:
        return _error_code(model, c.name)
    return model.value(c.name)


def _unit(c: CellDef) -> str:
    """The unit as shown: nothing for a verdict or a plain number."""
    return "" if c.kind is Kind.VERDICT else display_unit(c.unit.text)


def tones(c: CellDef) -> dict[str, str]:
    """Return a verdict's {label: tone} (good, bad or neutral); empty before tones exist."""
    return dict(getattr(c, "tones", None) or {})


@dataclass
class _Book:
    """What every worksheet writer shares."""

    wb: object
    st: Styles
    model: Model
    where: dict[str, tuple[str, int]]
    formulas: dict[str, str]
    prep: MonteCarloAnnex | None
    n_formulas: int = 0
    chart_widths: tuple[float, float] = (13, 13)


def write_workbook(model: Model, target: str | os.PathLike | BinaryIO, *, sheets: list[str] | None = None,
                   mc: MonteCarloResult | None = None) -> ExportInfo:
    """Write the model's sheets (all, or `sheets` plus those they read from) as a live workbook.

    `target` is a path or a writable binary stream (the workbook is built in memory, then written
    in one go). Inputs hold the model's current values (overrides included); every calc, verdict
    and linked input is a formula with its current value cached. A path is written to a temporary
    file, then moved into place, so a failure leaves no partial file.

    `mc`, a `model.analysis.monte_carlo` result computed on this model (same overrides) with
    `outputs=None` or covering every exported cell, adds the `Ranges` sheet, Monte Carlo columns
    on each sheet and a line on the Index. Raises ExcelPrintError if it lacks an exported cell
    its ranges reach, or ranges an input outside the export.
    """
    g = model.graph
    sheet_ids = list(g.sheets) if sheets is None else closure(g, list(sheets), model.choices())
    check_sheet_names(sheet_ids)
    where = layout(g, sheet_ids)
    cells = [g.cell(n) for n in where]
    defined = {c.name: excel_name(c.name) for c in cells}
    check_excel_names(defined.values())
    formulas = _formulas(g, cells, defined)
    prep = None if mc is None else prepare_mc(model, mc, cells, sheets)

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False})
    wb.set_properties({"title": "Napkin model", "subject": "Reactive napkin math for ML systems",
                       "comments": f"{MARKER} format {FORMAT_VERSION}"})
    book = _Book(wb, Styles(wb), model, where, formulas, prep)
    order = sheet_order(g, sheet_ids)
    problems = [s for s in order if g.sheets[s].kind != "spec"]
    asked = [s for s in (sheets or []) if g.sheets[s].kind != "spec"]
    one = len(asked) == 1 or (sheets is not None and len(problems) == 1)
    index_first = not one
    index_ws = wb.add_worksheet(INDEX_SHEET) if index_first else None
    changes_ws = wb.add_worksheet(CHANGES_SHEET) if model.overrides() and index_first else None
    sheet_ws = {sid: wb.add_worksheet(sid) for sid in order}
    if changes_ws is None and model.overrides():
        changes_ws = wb.add_worksheet(CHANGES_SHEET)
    if index_ws is None:
        index_ws = wb.add_worksheet(INDEX_SHEET)
    has_devices = any(c.choice is not None for c in cells)
    if has_devices:  # after the sheets (and Index), before the Monte Carlo annex, which stays last
        book.n_formulas += devices_sheet.write_devices_sheet(wb, book.st, model, defined)
    if prep is not None:
        write_ranges(wb.add_worksheet(RANGES_SHEET), book.st, model, prep, cells, where)
    for sid in order:
        _write_sheet(book, sheet_ws[sid], sid)
    _write_index(book, index_ws, order)
    if changes_ws is not None:
        _write_changes(book, changes_ws, order)
    _write_meta(book, cells)
    for c in cells:
        sid, row = where[c.name]
        wb.define_name(defined[c.name], f"='{sid}'!{xl_rowcol_to_cell(row, COL_VALUE, True, True)}")
    (index_ws if index_first else sheet_ws[(asked or problems)[0]]).activate()
    wb.close()
    data = buf.getvalue()
    path = _save(data, target)
    return ExportInfo(path, len(sheet_ids) + 1 + (prep is not None) + (changes_ws is not None) + has_devices, len(cells),
                      book.n_formulas, len(data))


def _save(data: bytes, target) -> Path | None:
    if hasattr(target, "write"):
        target.write(data)
        return None
    path = Path(target)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # the umask's mode, as for any file the user writes (mkstemp's is 0600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


# ---- a sheet ------------------------------------------------------------------------------------
def _widths(book: _Book, sid: str, bl: list[Block]) -> dict[int, float]:
    """Column widths that fit each column's text (wrapped columns capped)."""
    cells = [c for b in bl for c in b.cells]
    m = book.model
    values = [shown(_cached(m, c), c.unit.text) for c in cells]
    w = {
        COL_NAME: fit_width([c.name for c in cells], lo=14, hi=48, mono=True),
        COL_DOC: fit_width([c.doc for c in cells], lo=20, hi=_WRAP_MAX[COL_DOC]),
        COL_VALUE: fit_width(values, lo=12, hi=24, bold=True),  # longer verdict labels wrap
        COL_UNIT: fit_width([_unit(c) for c in cells], lo=6, hi=16),
        COL_FORMULA: fit_width([_formula_shown(c) for c in cells], lo=10,
                               hi=_WRAP_MAX[COL_FORMULA], mono=True),
        COL_SOURCE: fit_width([c.source for c in cells], lo=8, hi=_WRAP_MAX[COL_SOURCE]),
        COL_KIND: fit_width([k for k in ("input", "linked input", "calc", "verdict", "key result")
                             if any(_kind_text(c) == k for c in cells)] + ["kind"]
                            + ["device choice" for c in cells if c.choice is not None][:1], lo=6, hi=14),
        COL_DEFAULT: fit_width([shown(c.decl.default, c.unit.text) for c in cells
                                if c.kind is Kind.INPUT and c.link is None and c.choice is None]
                               + [shown(_link_default(m, c), c.unit.text) for c in cells if c.kind is Kind.INPUT and c.link]
                               + [c.decl.member for c in cells if c.choice is not None],  # a choice's default member id
                               lo=9, hi=20),
        COL_EXPORTED: fit_width(values, lo=11, hi=30),
    }
    return {col: max(width, text_width(COLUMNS[col], bold=True)) for col, width in w.items()}  # heads on one line


def _formula_shown(c: CellDef) -> str:
    """The text of the formula column: the formula, or a linked input's link."""
    if c.kind is Kind.INPUT:
        return f"link: {c.link}" if c.link else ""
    return c.formula or ""


def _kind_text(c: CellDef) -> str:
    return "linked input" if c.kind is Kind.INPUT and c.link else c.kind.value


def _write_sheet(book: _Book, ws, sid: str) -> None:
    g, st, model = book.model.graph, book.st, book.model
    sd = g.sheets[sid]
    bl = blocks(g, sid)
    ws.set_tab_color({"spec": "#A6A6A6", "problem": "#4472C4", "exercise": "#70AD47"}.get(sd.kind, "#4472C4"))
    widths = _widths(book, sid, bl)
    for col, w in widths.items():
        ws.set_column(col, col, w)
    total = sum(widths.values())
    heights: dict[int, float] = {}
    ws.write_string(0, 0, f"{sd.id} — {sd.title}", st.title)
    where_txt = f"Chapter {sd.chapter} · {sd.section}" if sd.chapter else sd.section
    ws.write_string(1, 0, f"{sd.kind} sheet" + (f" · {where_txt}" if where_txt else ""), st.subtitle)
    ws.write_url(1, COL_EXPORTED, f"internal:'{INDEX_SHEET}'!A1", st.link, "← Index")
    if sd.question:
        ws.merge_range(2, 0, 2, COL_EXPORTED, "", st.question)
        ws.write_string(2, 0, sd.question, st.question)
        heights[2] = row_height([(sd.question, total * 0.95)]) or 15
        ws.set_row(2, heights[2])
    for col, head in enumerate(COLUMNS):
        ws.write_string(HEADER_ROW, col, head, st.header)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    if book.prep is not None:
        mc_header(ws, st, book.prep)
    last = HEADER_ROW
    for b in bl:
        ws.write_string(b.first - 1, 0, b.heading, st.group)
        for k, c in enumerate(b.cells):
            row = b.first + k
            if b.kind == "key":
                _write_key_row(book, ws, c, row)
            else:
                _write_row(book, ws, c, row)
                if book.prep is not None:
                    mc_cells(ws, st, c, row, book.prep)
            h = row_height([(c.doc, widths[COL_DOC]), (c.source if b.kind != "key" else "", widths[COL_SOURCE]),
                            (_formula_shown(c) if b.kind != "key" else "", widths[COL_FORMULA], True),
                            (shown(_cached(model, c), c.unit.text) if c.kind is Kind.VERDICT else "", widths[COL_VALUE],
                             False, True)])
            if h:
                ws.set_row(row, h)
                heights[row] = h
            last = row
        if b.kind != "key":
            _conditional_formats(ws, st, b, g)
    last_col = COL_EXPORTED if book.prep is None else COL_MC_P5 + len(MC_COLUMNS) - 1
    chart_col = last_col + 2
    chart_last = _write_charts(book, ws, sid, HEADER_ROW, chart_col)
    printed = [widths[c] for c in sorted(widths)]
    if book.prep is not None:
        printed += [15, 15, 15, 12, 44]
    if chart_last > HEADER_ROW:
        ws.set_column(chart_col - 1, chart_col - 1, 2)
        ws.set_column(chart_col, chart_col, book.chart_widths[0])
        ws.set_column(chart_col + 1, chart_col + 1, book.chart_widths[1])
        ws.set_column(chart_col + 2, chart_col + 9, 8.43)
        printed += [2, *book.chart_widths, *[8.43] * 8]  # the chart spans about eight default columns
    print_setup(ws, f"{sd.id} — {sd.title}", repeat_row=HEADER_ROW, widths=printed, heights=heights,
                last_row=max(last, chart_last))


def _value_format(book: _Book, c: CellDef, role: str):
    if c.kind is Kind.VERDICT:
        return book.st.verdict
    return book.st.number(role, number_format(_cached(book.model, c), c.unit.text))


def _write_key_row(book: _Book, ws, c: CellDef, row: int) -> None:
    """A key result: a link to the calc's own row and a live reference to its value."""
    st = book.st
    sid, own = book.where[c.name]
    ws.write_url(row, COL_NAME, f"internal:'{sid}'!A{own + 1}", st.link, c.short)
    ws.write_string(row, COL_DOC, c.doc, st.wrap)
    ws.write_formula(row, COL_VALUE, f"={excel_name(c.name)}", _value_format(book, c, "key"), _cached(book.model, c))
    ws.write_string(row, COL_UNIT, _unit(c), st.text)
    ws.write_string(row, COL_KIND, "key result", st.muted)
    book.n_formulas += 1


def _write_row(book: _Book, ws, c: CellDef, row: int) -> None:
    st, model, formulas = book.st, book.model, book.formulas
    ws.write_string(row, COL_NAME, c.name, st.name)
    ws.write_string(row, COL_DOC, c.doc, st.wrap)
    ws.write_string(row, COL_UNIT, _unit(c), st.text)
    ws.write_string(row, COL_SOURCE, c.source, st.wrap)
    cached = _cached(model, c)
    if c.choice is not None:  # a device choice: member id from a drop-down list
        devices_sheet.write_choice_cell(ws, st, model, c, row, COL_VALUE, COL_DEFAULT)
        ws.write_string(row, COL_KIND, "device choice", st.text)
        ws.write_string(row, COL_EXPORTED, model.value(c.name), st.muted)
        return
    if c.kind is Kind.INPUT:
        d = c.decl
        overridden = model.is_overridden(c.name)
        role = "input" if c.link is None or overridden else "linked"
        fmt = _value_format(book, c, role)
        if c.link is None and not overridden:
            ws.write_number(row, COL_VALUE, float(d.default), fmt)  # as declared: no conversion noise
        elif overridden:
            ws.write_number(row, COL_VALUE, cached, fmt)
        else:
            ws.write_formula(row, COL_VALUE, formulas[c.name], fmt, cached)
            book.n_formulas += 1
        if c.link is None:
            ws.write_number(row, COL_DEFAULT, float(d.default), book.st.number("muted", number_format(float(d.default), c.unit.text)))
            ws.write_string(row, COL_KIND, "input", st.text)
        else:
            ld = _link_default(model, c)
            ws.write_formula(row, COL_DEFAULT, formulas[c.name], book.st.number("muted", number_format(ld, c.unit.text)), ld)
            ws.write_string(row, COL_FORMULA, f"link: {c.link}", st.formula_text)
            ws.write_string(row, COL_KIND, "linked input", st.text)
            book.n_formulas += 1
        _validation(ws, c, row)
        note = _input_note(c)
        if note:
            ws.write_comment(row, COL_VALUE, note, {"x_scale": 2.5, "y_scale": 1 + note.count("\n") * 0.3})
    else:
        ws.write_formula(row, COL_VALUE, formulas[c.name], _value_format(book, c, "calc"), cached)
        ws.write_string(row, COL_FORMULA, c.formula or "", st.formula_text)
        ws.write_string(row, COL_KIND, c.kind.value, st.text)
        note = trace_text(model, c.name, depth=1)
        ws.write_comment(row, COL_VALUE, note, {"x_scale": 3.5, "y_scale": 1 + note.count("\n") * 0.6})
        book.n_formulas += 1
    if isinstance(cached, str):
        ws.write_string(row, COL_EXPORTED, cached, st.muted)
    else:
        ws.write_number(row, COL_EXPORTED, cached, book.st.number("muted", number_format(cached, c.unit.text)))


def _conditional_formats(ws, st: Styles, b: Block, g: Graph) -> None:
    first, last = b.first, b.first + len(b.cells) - 1
    rng = (first, COL_VALUE, last, COL_VALUE)
    top = first + 1  # 1-based row of the range's first cell, for relative references
    if b.kind == "inputs":
        crit = f"=$C{top}<>$H{top}"
        ws.conditional_format(*rng, {"type": "formula", "criteria": crit, "format": st.changed_input})
    elif b.kind == "calcs":
        crit = f"=ABS($C{top}-$I{top})>1E-9*ABS($I{top})"
        ws.conditional_format(*rng, {"type": "formula", "criteria": crit, "format": st.changed_calc})
    else:
        for k, c in enumerate(b.cells):
            r = first + k
            for label in c.labels:
                tone = tones(c).get(label, "neutral")
                ws.conditional_format(r, COL_VALUE, r, COL_VALUE, {
                    "type": "cell", "criteria": "==", "value": excel_string(label), "format": st.tone.get(tone, st.tone["neutral"])})
        crit = f"=$C{top}<>$I{top}"
        ws.conditional_format(*rng, {"type": "formula", "criteria": crit, "format": st.flipped})


def _write_charts(book: _Book, ws, sid: str, row: int, col: int) -> int:
    """Write the sweep and roofline tables and their charts from (row, col); return the last row used."""
    last = row
    book.chart_widths = (13, 13)
    for make in (sweep_table, roofline_table):
        table = make(book.model, sid, row + 2, col, formulas=book.formulas)
        if table is None:
            continue
        last = _chart(book, ws, sid, table, row, col)
        row = last + 2
    return last


CHART_ROWS = 14  # rows a chart covers (about 280 px at 20 px a row)


def _chart(book: _Book, ws, sid: str, t: ChartTable, row: int, col: int) -> int:
    """One chart: title, its table of live formulas at (row, col), the chart right of the table."""
    st = book.st
    ws.write_string(row, col, t.title, st.group)
    ws.write_string(row + 1, col, t.heads[0], st.chart_header)
    ws.write_string(row + 1, col + 1, t.heads[1], st.chart_header)
    heads = (t.heads[0], t.heads[1]) if not t.points else (t.heads[0], t.heads[1], "operating point: intensity")
    book.chart_widths = (max(book.chart_widths[0], fit_width([h for h in heads if h != t.heads[1]], lo=10, hi=34, bold=True)),
                         max(book.chart_widths[1], fit_width([t.heads[1]], lo=10, hi=34, bold=True)))
    first = row + 2
    for k, ((xf, x), (yf, y)) in enumerate(t.rows):
        ws.write_formula(first + k, col, xf, st.number("table", number_format(x, t.x_unit)), x)
        y_cached = y if isinstance(y, float) and math.isfinite(y) else "#NUM!"
        y_fmt = "0%" if t.kind == "roofline" else number_format(y, t.y_unit)
        ws.write_formula(first + k, col + 1, yf, st.number("table", y_fmt), y_cached)
        book.n_formulas += 2
    end = first + len(t.rows) - 1
    chart = book.wb.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
    chart.add_series({"name": t.heads[1] if t.kind == "sweep" else "attainable share of peak",
                      "categories": [sid, first, col, end, col], "values": [sid, first, col + 1, end, col + 1],
                      "marker": {"type": "circle", "size": 5}})
    if t.points:
        p0 = end + 1
        ws.write_string(p0, col, "operating point: intensity", st.chart_header)
        ws.write_string(p0, col + 1, "share of peak", st.chart_header)
        for k, (label, (xf, x), (yf, y)) in enumerate(t.points):
            r = p0 + 1 + k
            ws.write_formula(r, col, xf, st.number("table", number_format(x, t.x_unit)), x)
            ws.write_formula(r, col + 1, yf, st.number("table", "0%"), y)
            book.n_formulas += 2
            chart.add_series({"name": label, "categories": [sid, r, col, r, col], "values": [sid, r, col + 1, r, col + 1],
                              "marker": {"type": "diamond", "size": 9}, "line": {"none": True}})
        end = p0 + len(t.points)
    log = {"log_base": 10} if t.kind == "roofline" else {}
    chart.set_title({"name": t.title[:120], "name_font": {"size": 10}})
    chart.set_x_axis({"name": t.heads[0], **log, "major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}}})
    chart.set_y_axis({"name": t.heads[1], **({"num_format": "0%", "min": 0, "max": 1.05} if t.kind == "roofline" else {})})
    chart.set_legend({"position": "bottom"} if t.points else {"none": True})
    chart.set_size({"width": 440, "height": 20 * CHART_ROWS})
    ws.insert_chart(row + 1, col + 2, chart, {"x_offset": 8, "y_offset": 4, "object_position": 1})
    return max(end, row + 1 + CHART_ROWS)


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




# ---- Index, Changes, meta -----------------------------------------------------------------------
def _verdict_summary(model: Model, verdicts: list[CellDef]) -> tuple[str, str]:
    parts, cached = [], []
    for c in verdicts:
        parts.append(f'"{c.short}: "&{excel_name(c.name)}')
        cached.append(f"{c.short}: {_cached(model, c)}")
    if any(model.error(c.name) for c in verdicts):
        return "=" + '&"; "&'.join(parts), "#NUM!"
    return "=" + '&"; "&'.join(parts), "; ".join(cached)


INDEX_HEADS = ("sheet", "answer (live verdicts)", "title", "inputs changed (live)", "kind", "chapter · section")
INDEX_HEADER_ROW = 4


def _write_index(book: _Book, ws, order: list[str]) -> None:
    g, st, model, where = book.model.graph, book.st, book.model, book.where
    answers = {}
    for sid in order:
        verdicts = [c for c in g.sheet_cells(sid) if c.kind is Kind.VERDICT]
        if verdicts:
            answers[sid] = _verdict_summary(model, verdicts)
    widths = (fit_width(order + [INDEX_HEADS[0]], lo=8, hi=20, bold=True),
              fit_width([a[1] for a in answers.values()] + [INDEX_HEADS[1]], lo=24, hi=80, bold=True),
              fit_width([g.sheets[s].title for s in order], lo=20, hi=60),
              fit_width([INDEX_HEADS[3]], lo=8, hi=30, bold=True), fit_width([INDEX_HEADS[4], "exercise"], lo=8, hi=20, bold=True),
              fit_width([f"{g.sheets[s].chapter} · {g.sheets[s].section}" for s in order] + [INDEX_HEADS[5]], lo=16, hi=40,
                        bold=True))
    for col, w in enumerate(widths):
        ws.set_column(col, col, w)
    ws.write_string(0, 0, "Napkin model", st.title)
    legend = ("One line per sheet: its answer (live), then the title. Blue cells on a yellow fill are inputs: type a "
              "number in the unit shown. Green cells follow a spec sheet; type a number to override. Everything else is "
              "a live formula. Orange: an input differs from its default; yellow: a result changed since export; a red "
              "border: a verdict flipped. Read your edits back with: napkin import FILE.xlsx")
    ws.merge_range(1, 0, 1, len(INDEX_HEADS) - 1, "", st.subtitle_wrap)
    ws.write_string(1, 0, legend, st.subtitle_wrap)
    heights = {1: row_height([(legend, sum(widths) * 0.95)]) or 15}
    ws.set_row(1, heights[1])
    if model.overrides():
        ws.write_url(2, 0, f"internal:'{CHANGES_SHEET}'!A1", st.link,
                     f"{len(model.overrides())} input(s) differ from the defaults in this export: see the '{CHANGES_SHEET}' sheet")
    if book.prep is not None:
        ws.write_url(3, 0, f"internal:'{RANGES_SHEET}'!A1", st.mc_link,
                     f"This workbook carries a Monte Carlo run: {book.prep.summary()}. Percentiles and verdict "
                     f"probabilities are on the '{RANGES_SHEET}' sheet and right of each sheet's table "
                     f"(plain numbers from the export, not live formulas).")
    ws.freeze_panes(INDEX_HEADER_ROW + 1, 1)
    for col, h in enumerate(INDEX_HEADS):
        ws.write_string(INDEX_HEADER_ROW, col, h, st.header)
    row = INDEX_HEADER_ROW + 1
    for sid in order:
        sd = g.sheets[sid]
        ws.write_url(row, 0, f"internal:'{sid}'!A1", st.link, sid)
        if sid in answers:
            formula, cached = answers[sid]
            ws.write_formula(row, 1, formula, st.verdict, cached)
            book.n_formulas += 1
        ws.write_string(row, 2, sd.title, st.wrap)
        inputs = [c for c in g.sheet_cells(sid) if c.kind is Kind.INPUT]
        if inputs:
            first, last = where[inputs[0].name][1], where[inputs[-1].name][1]
            vals = f"'{sid}'!$C${first + 1}:$C${last + 1}"
            defaults = f"'{sid}'!$H${first + 1}:$H${last + 1}"
            changed = sum(model.is_overridden(c.name) for c in inputs)
            ws.write_formula(row, 3, f"=SUMPRODUCT(--({vals}<>{defaults}))", st.text, changed)
            book.n_formulas += 1
        ws.write_string(row, 4, sd.kind, st.text)
        ws.write_string(row, 5, f"{sd.chapter} · {sd.section}" if sd.chapter else sd.section, st.wrap)
        h = row_height([(answers.get(sid, ("", ""))[1], widths[1], False, True), (sd.title, widths[2]),
                        (f"{sd.chapter} · {sd.section}", widths[5])])
        if h:
            ws.set_row(row, h)
            heights[row] = h
        row += 1
    ws.conditional_format(INDEX_HEADER_ROW + 1, 3, row - 1, 3,
                          {"type": "cell", "criteria": ">", "value": 0, "format": st.changed_input})
    print_setup(ws, "Napkin model — Index", repeat_row=INDEX_HEADER_ROW, widths=list(widths), heights=heights,
                last_row=row - 1, max_pages_tall=2)  # 92 sheets: two pages, not three


def _write_changes(book: _Book, ws, order: list[str]) -> None:
    """Every input that differs from the book's default (old → new) and every verdict that flipped."""
    g, st, model, where = book.model.graph, book.st, book.model, book.where
    base = Model(g)
    exported = set(where)
    for col, w in enumerate((34, 44, 16, 16, 10, 30)):
        ws.set_column(col, col, w)
    heights: dict[int, float] = {}
    ws.set_tab_color("#C55A11")
    ws.write_string(0, 0, "Changes in this export", st.title)
    ws.write_string(1, 0, "Inputs set with --set or a scenario, and the verdicts they flipped, against the model's defaults.",
                    st.subtitle)
    row = 3
    ws.write_string(row, 0, "Inputs that differ from the defaults", st.group)
    row += 1
    for col, h in enumerate(("input", "doc", "default", "exported value", "unit", "now (live)")):
        ws.write_string(row, col, h, st.header)
    hdr = row
    for name, value in model.overrides().items():
        c = g.cell(name)
        row += 1
        if name in where:
            ws.write_url(row, 0, f"internal:'{c.sheet}'!A{where[name][1] + 1}", st.link, name)
        else:
            ws.write_string(row, 0, name, st.name)
        ws.write_string(row, 1, c.doc, st.wrap)
        old = _cached(base, c)
        if c.choice is not None:  # a device choice: member ids, as text
            ws.write_string(row, 2, str(old), st.text)
            ws.write_string(row, 3, str(value), st.input)
            ws.write_string(row, 4, "device", st.text)
            if name in exported:
                ws.write_formula(row, 5, f"={excel_name(name)}", st.text, str(value))
                book.n_formulas += 1
        else:
            _write_changed_number(book, ws, row, c, old, value, name in exported)
        h = row_height([(c.doc, 44)])
        if h:
            ws.set_row(row, h)
            heights[row] = h
    row += 2
    ws.write_string(row, 0, "Verdicts that flipped", st.group)
    row += 1
    flipped = [c for sid in order for c in g.sheet_cells(sid)
               if c.kind is Kind.VERDICT and _cached(base, c) != _cached(model, c)]
    if not flipped:
        ws.write_string(row, 0, "none: every verdict has its default answer", st.muted)
    else:
        for col, h in enumerate(("verdict", "doc", "default", "exported", "", "now (live)")):
            ws.write_string(row, col, h, st.header)
        for c in flipped:
            row += 1
            ws.write_url(row, 0, f"internal:'{c.sheet}'!A{where[c.name][1] + 1}", st.link, c.name)
            ws.write_string(row, 1, c.doc, st.wrap)
            ws.write_string(row, 2, str(_cached(base, c)), st.text)
            ws.write_string(row, 3, str(_cached(model, c)), st.verdict)
            ws.write_formula(row, 5, f"={excel_name(c.name)}", st.verdict, _cached(model, c))
            book.n_formulas += 1
            h = row_height([(c.doc, 44), (str(_cached(model, c)), 16)])
            if h:
                ws.set_row(row, h)
                heights[row] = h
    print_setup(ws, "Napkin model — Changes", repeat_row=hdr, widths=[34, 44, 16, 16, 10, 30], heights=heights,
                last_row=row)


def _write_changed_number(book: _Book, ws, row: int, c: CellDef, old, value: float, exported: bool) -> None:
    """One changed numeric input on the Changes sheet: default, exported value, unit, live value."""
    st = book.st
    if c.link is None:
        ws.write_number(row, 2, float(c.decl.default), st.number("muted", number_format(float(c.decl.default), c.unit.text)))
    elif isinstance(old, str):
        ws.write_string(row, 2, f"link: {c.link}", st.text)
    else:
        ws.write_number(row, 2, old, st.number("muted", number_format(old, c.unit.text)))
    ws.write_number(row, 3, value, st.number("input", number_format(value, c.unit.text)))
    ws.write_string(row, 4, _unit(c), st.text)
    if exported:
        ws.write_formula(row, 5, f"={excel_name(c.name)}", st.number("calc", number_format(value, c.unit.text)), value)
        book.n_formulas += 1


def _write_meta(book: _Book, cells: list[CellDef]) -> None:
    ws = book.wb.add_worksheet(META_SHEET)
    marker = [MARKER, FORMAT_VERSION, None, None]
    if book.prep is not None:  # beside the marker: older importers read A1:B1 only
        marker[2:] = [META_MC_MARKER, book.prep.summary()]
    for col, v in enumerate(marker):
        if isinstance(v, str):
            ws.write_string(0, col, v)
        elif v is not None:
            ws.write_number(0, col, v)
    for col, h in enumerate(META_COLUMNS):
        ws.write_string(1, col, h)
    rows = []
    for c in cells:
        sid, row = book.where[c.name]
        if c.choice is not None:
            default = c.decl.member
        else:
            default = (float(c.decl.default) if c.kind is Kind.INPUT and c.link is None and math.isfinite(c.default)
                       else None)
        rows.append((c.name, sid, row + 1, _kind_text(c), c.unit.text, default, c.link or None,
                     book.formulas.get(c.name)))
    for k, values in enumerate(rows, start=2):
        for col, v in enumerate(values):
            if isinstance(v, str):
                ws.write_string(k, col, v)
            elif v is not None:
                ws.write_number(k, col, v)
    ws.write_string(0, 4, "checksum")
    ws.write_string(0, 5, meta_checksum(marker, [META_COLUMNS, *rows]))
    ws.protect("", {"select_locked_cells": True})
    ws.hide()
