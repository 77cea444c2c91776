"""Read a workbook a person edited back into the model (openpyxl).

openpyxl reads what a person left in each cell: a number, text, or a formula they typed (with
`data_only=False` a formula comes back as its text, never evaluated). XlsxWriter, which writes the
workbook, cannot read. Nothing read from a file is ever evaluated as code: numbers are taken as
numbers, text goes through the engine's own value parser ('1.5 TB/s'), formulas are compared as
text.

How it works: the hidden `napkin_meta` sheet says which worksheet and unit each exported cell
has and what formula it was exported with. Each cell's row is found by its name in column A (so
rows a person inserted or moved do not matter); its value is column C.

- an input holding a number that differs from the default (or, for a linked input, a number
  typed over the link) is an edit, applied as an override;
- an input holding a formula (other than a linked input's own link), text without a unit, an
  error value or nothing is refused with an error naming the cell;
- a calc or verdict whose formula differs from the export is reported, not imported;
- a missing worksheet (renamed or deleted), a missing row, or a file that is not a Napkin
  workbook is refused with an error saying what to do;
- before any XML is parsed, `exports.workbook_guard.check_archive` refuses what cannot be a Napkin
  workbook (zip bombs, a million rows, a styles bomb, DTDs: entity expansion, XXE); the file is
  then streamed read-only (openpyxl through defusedxml), reading only the meta sheet and columns
  A and C of the worksheets it names;
- the hidden meta sheet carries a keyed checksum (`exports.layout.meta_checksum`) of its content:
  an edited meta sheet (a unit changed, a row or worksheet pointed elsewhere) is refused;
- a Monte Carlo run's `Ranges` sheet and columns J-N are results, never read: the import notes
  that the workbook carries one.
"""

from __future__ import annotations

import math
import os
import re
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.formula import ArrayFormula

from exports.layout import (
    COL_NAME,
    COL_VALUE,
    FORMAT_VERSION,
    MARKER,
    META_COLUMNS,
    META_MC_MARKER,
    META_SHEET,
    meta_checksum,
)
from exports.workbook_guard import MAX_ROWS, MAX_TEXT, check_archive
from model import InputError, Kind, Model, format_number, is_plain_number, unit_suffix

__all__ = ["FormulaEdit", "ImportReport", "InputEdit", "OutputChange", "WorkbookError", "import_workbook", "read_workbook"]

_NUMERIC_LITERAL = re.compile(r"(?<![A-Za-z0-9_.$])(\d+\.?\d*(?:[Ee][+-]?\d+)?|\.\d+(?:[Ee][+-]?\d+)?)")


class WorkbookError(InputError):
    """The workbook cannot be imported; nothing was applied. The message names each cell."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message, None, "workbook")
        self.problems = problems or [message]


@dataclass(frozen=True)
class InputEdit:
    """An input whose value in the workbook differs from the default: old -> new, display units."""

    name: str
    cell: str
    old: float | str  # str: a device choice's member id
    new: float | str
    unit: str


@dataclass(frozen=True)
class FormulaEdit:
    """A formula cell changed in the workbook (reported, never imported)."""

    name: str
    cell: str
    exported: str
    found: str


@dataclass(frozen=True)
class OutputChange:
    """A calc or verdict whose value changed because of the imported edits."""

    name: str
    kind: str
    old: float | str | None
    new: float | str | None
    unit: str


@dataclass
class ImportReport:
    """What a workbook changed: input edits, edited formula cells, notes, and changed outputs."""

    path: str
    edits: list[InputEdit] = field(default_factory=list)
    formula_edits: list[FormulaEdit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changed: list[OutputChange] = field(default_factory=list)

    def overrides(self) -> dict[str, float]:
        """Return {input name: new value in its display unit}, for Model.set_many."""
        return {e.name: e.new for e in self.edits}

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "edits": [asdict(e) for e in self.edits],
            "formula_edits": [asdict(e) for e in self.formula_edits],
            "changed": [asdict(c) for c in self.changed],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class _MetaRow:
    name: str
    worksheet: str
    row: int
    kind: str
    unit: str
    default: float | None
    link: str | None
    formula: str | None


def _addr(ws_title: str, row: int) -> str:
    return f"'{ws_title}'!C{row}"


def normalise_formula(text: str) -> str:
    """Return a formula in a canonical form: no '=', spaces, sheet quotes or case; numbers to 15 digits."""
    t = text.strip().lstrip("=").replace(" ", "").replace("'", "").upper()
    t = t.replace("_XLFN.", "")
    # Excel and LibreOffice keep 15 significant digits of a number typed in a formula
    return _NUMERIC_LITERAL.sub(lambda m: f"{float(m.group(1)):.15g}", t)


def _open(path: Path):
    """Check the archive's sizes and XML prologs, then open it read-only (rows streamed, never all loaded)."""
    if not path.exists():
        raise WorkbookError(f"No such file: {path}.")
    if not path.is_file():
        raise WorkbookError(f"{path} is not a file; give the path of an .xlsx workbook written by 'napkin export'.")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"{path} is not an Excel .xlsx workbook (not a zip archive); import reads workbooks "
                            f"written by 'napkin export'.")
    why = check_archive(path)
    if why is not None:
        raise WorkbookError(f"Cannot import {path.name}: {why}; nothing was applied. Import reads workbooks written by "
                            f"'napkin export'.")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise WorkbookError(
            f"{path} is not an Excel .xlsx workbook ({type(exc).__name__}); "
            f"import reads workbooks written by 'napkin export'."
        ) from None
    except Exception as exc:  # noqa: BLE001 - malformed XML in any part: one clear line, never a traceback
        raise WorkbookError(_malformed(path, exc)) from None


def _malformed(path: Path, exc: BaseException) -> str:
    return (f"Cannot import {path.name}: a part of the workbook is not well-formed Excel XML ({type(exc).__name__}: "
            f"{str(exc)[:120]}); nothing was applied. Export a fresh workbook with 'napkin export'.")


def _rows(ws, max_col: int, path: Path):
    """Stream a worksheet's rows as (1-based row, cells), at most MAX_ROWS of them."""
    for k, row in enumerate(ws.iter_rows(max_col=max_col), start=1):
        if k > MAX_ROWS:
            raise WorkbookError(f"Cannot import {path.name}: worksheet '{ws.title}' has more than {MAX_ROWS:,} rows; a "
                                f"Napkin worksheet has a few hundred. Nothing was applied.")
        yield k, row


def _value(cell):
    return getattr(cell, "value", None)


def _read_meta(wb, path: Path) -> list[_MetaRow]:
    edited = (f"Cannot import {path.name}: the hidden '{META_SHEET}' sheet was edited ({{why}}); Napkin uses it to know "
              f"which cell is which and cannot trust it. Export a fresh workbook and make your edits on the visible "
              f"sheets. Nothing was applied.")
    if META_SHEET not in wb.sheetnames:
        raise WorkbookError(
            f"{path} is not a Napkin workbook (it has no '{META_SHEET}' sheet); "
            f"write one with 'napkin export FILE.xlsx', edit it, then import it."
        )
    ws = wb[META_SHEET]
    rows: list[tuple] = []
    for _, cells in _rows(ws, len(META_COLUMNS), path):
        values = tuple(_value(c) for c in cells)
        rows.append(values + (None,) * (len(META_COLUMNS) - len(values)))
    if not rows or rows[0][0] != MARKER:
        raise WorkbookError(
            f"{path} is not a Napkin workbook (its '{META_SHEET}' sheet has no marker); "
            f"write one with 'napkin export FILE.xlsx', edit it, then import it."
        )
    version = rows[0][1]
    if not isinstance(version, (int, float)) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise WorkbookError(f"{path} was written by a newer Napkin (format {version!r}); this one reads format {FORMAT_VERSION}.")
    if version < FORMAT_VERSION:
        raise WorkbookError(f"{path} was written by an older Napkin (format {version!r}, without a checksum of its "
                            f"'{META_SHEET}' sheet); export a fresh workbook and make the edits again.")
    marker, checksum = rows[0][:4], rows[0][5]
    if len(rows) < 2 or tuple(rows[1]) != META_COLUMNS:
        raise WorkbookError(edited.format(why="its column heads changed"))
    body = [r for r in rows[2:] if any(v is not None for v in r)]
    if not isinstance(checksum, str) or meta_checksum(marker, [META_COLUMNS, *body]) != checksum:
        raise WorkbookError(edited.format(why="its content no longer matches the checksum written at export"))
    out = []
    for k, values in enumerate(body, start=3):
        name, sheet, row, kind, unit, default, link, formula = values
        if not isinstance(row, int) or isinstance(row, bool) or not 1 <= row <= MAX_ROWS:
            raise WorkbookError(edited.format(why=f"row {k}'s 'row' cell holds {row!r}, not a row number"))
        if not isinstance(name, str) or not isinstance(sheet, str) or sheet == META_SHEET or sheet != name.split(".")[0]:
            raise WorkbookError(edited.format(why=f"row {k} points '{name}' at worksheet {sheet!r}"))
        out.append(_MetaRow(name, sheet, row, str(kind), str(unit), default, link, formula))
    return out


def _is_formula(cell) -> bool:
    return getattr(cell, "data_type", None) == "f" or isinstance(_value(cell), ArrayFormula)


def _formula_text(cell) -> str:
    v = cell.value
    return v.text if isinstance(v, ArrayFormula) else str(v)


def read_workbook(model: Model, path: str | os.PathLike) -> ImportReport:
    """Read a Napkin workbook; return its input edits and edited formulas (nothing is applied).

    Only the meta sheet (columns A-H) and, of each worksheet it names, columns A and C are read,
    streamed in read-only mode after the archive passed `check_archive`. Raises WorkbookError,
    naming every offending cell, if any input cannot be read or the file is not a Napkin workbook.
    """
    path = Path(path)
    wb = _open(path)
    try:
        return _read(model, wb, path)
    except WorkbookError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed XML found while streaming: one clear line
        raise WorkbookError(_malformed(path, exc)) from None
    finally:
        wb.close()


def _read(model: Model, wb, path: Path) -> ImportReport:
    meta = _read_meta(wb, path)
    report = ImportReport(str(path))
    problems: list[str] = []
    head = next(wb[META_SHEET].iter_rows(max_row=1, max_col=4, values_only=True), ())
    if len(head) > 2 and head[2] == META_MC_MARKER:
        report.notes.append(
            f"the workbook carries a Monte Carlo run ({head[3]}); its percentiles and ranges are "
            f"results, not inputs, and are not imported: pass the ranges again with --range")

    missing_sheets = sorted({m.worksheet for m in meta} - set(wb.sheetnames))
    for sid in missing_sheets:
        problems.append(
            f"worksheet '{sid}' is missing (renamed or deleted?); Napkin finds cells by worksheet name: "
            f"rename it back to '{sid}' or export a fresh workbook")
    cells_by_sheet: dict[str, dict[str, tuple[int, object]]] = {}
    for sid in sorted({m.worksheet for m in meta} - set(missing_sheets)):
        found: dict[str, tuple[int, object]] = {}
        for r, cells in _rows(wb[sid], COL_VALUE + 1, path):
            name = _value(cells[COL_NAME]) if cells else None
            if isinstance(name, str) and len(name) <= 200 and name.strip() not in found:
                found[name.strip()] = (r, cells[COL_VALUE] if len(cells) > COL_VALUE else None)
        cells_by_sheet[sid] = found

    g = model.graph
    for m in meta:
        if m.worksheet in missing_sheets:
            continue
        hit = cells_by_sheet[m.worksheet].get(m.name)
        if hit is None:
            problems.append(
                f"the row of '{m.name}' is missing from worksheet '{m.worksheet}' (deleted?); column A must "
                f"keep each cell's name; undo the deletion or export a fresh workbook")
            continue
        row, cell = hit
        cell = cell if cell is not None else _Empty()
        where = _addr(m.worksheet, row)
        if m.name not in g.index:
            report.notes.append(f"{where}: '{m.name}' is no longer in the model; ignored")
            continue
        c = g.cell(m.name)
        if m.kind in ("input", "linked input"):
            if c.kind is not Kind.INPUT:
                report.notes.append(f"{where}: '{m.name}' is no longer an input; ignored")
                continue
            try:
                edit = _read_input(model, m, cell, where)
            except InputError as exc:
                problems.append(str(exc))
                continue
            if isinstance(edit, InputEdit):
                report.edits.append(edit)
            elif edit:
                report.notes.append(edit)
        elif m.formula:
            if not _is_formula(cell):
                found = "nothing" if cell.value is None else repr(cell.value)[:80]
                report.formula_edits.append(FormulaEdit(m.name, where, m.formula, found))
            elif normalise_formula(_formula_text(cell)) != normalise_formula(m.formula):
                report.formula_edits.append(FormulaEdit(m.name, where, m.formula, _formula_text(cell)))
    if problems:
        head = f"Cannot import {path.name}: {len(problems)} problem{'s' if len(problems) > 1 else ''}; nothing was applied. "
        raise WorkbookError(head + " ".join(f"({k}) {p}." for k, p in enumerate(problems, 1)), problems)
    return report


class _Empty:
    """A cell the row does not have (read-only rows stop at their last value)."""

    value = None
    data_type = "n"


def _read_input(model: Model, m: _MetaRow, cell, where: str) -> InputEdit | str | None:
    """Interpret an input cell; return an InputEdit, a note, or None (unchanged). Raise InputError."""
    c = model.graph.cell(m.name)
    unit_txt = unit_suffix(m.unit)
    what = f"{where} (input {m.name}, in {m.unit})"
    v = cell.value
    if _is_formula(cell):
        text = _formula_text(cell)
        if m.link and m.formula and normalise_formula(text) == normalise_formula(m.formula):
            return None  # the link as exported: follows its spec value
        raise InputError(
            f"{what} holds the formula {text!r}; inputs take a number, so type a number{unit_txt} "
            f"(formulas in input cells are not imported)", m.name, "formula in input")
    if isinstance(v, str) and len(v) > MAX_TEXT:
        raise InputError(f"{what} holds {len(v):,} characters of text; an input takes a number{unit_txt} (at most "
                         f"{MAX_TEXT:,} characters)", m.name, "text too long")
    if c.choice is not None and isinstance(v, str) and v.strip():  # a device choice: a member id
        try:
            base = model.parse(m.name, v.strip())
        except InputError as exc:
            raise InputError(f"{where}: {exc.message.rstrip('.')}", m.name, exc.rule) from None
        if base == c.default:
            return None
        return InputEdit(m.name, where, c.labels[int(c.default)], c.labels[int(base)], "1")
    if v is None or (isinstance(v, str) and not v.strip()):
        hint = " or restore the link" if m.link else ""
        raise InputError(f"{what} is empty; type a number{unit_txt}{hint}", m.name, "empty input")
    if cell.data_type == "e" or (isinstance(v, str) and v.strip().startswith("#")):
        raise InputError(f"{what} holds the error value {v!r}; type a number{unit_txt}", m.name, "error value")
    if isinstance(v, bool):
        raise InputError(f"{what} holds the logical value {v}; type a number{unit_txt}", m.name, "not a number")
    if isinstance(v, (int, float)):
        given = float(v) if m.unit == c.unit.text else f"{float(v)!r} {m.unit}"
    elif isinstance(v, str):
        if is_plain_number(v):  # model.quantity: linear scan, length-capped (was a backtracking regex)
            raise InputError(
                f"{what} holds the text {v.strip()!r} with no unit; type it as a number (not text) in {m.unit}, "
                f"or add the unit, e.g. '{v.strip()} {m.unit}'", m.name, "unit-less text")
        if v.strip().startswith("="):  # arithmetic in a box is for Napkin's own boxes; a workbook input takes a number
            raise InputError(f"{what} holds the text {v.strip()[:40]!r}; inputs take a number, so type a number{unit_txt} "
                             f"(formulas in input cells are not imported)", m.name, "formula in input")
        given = v.strip()
    else:
        raise InputError(f"{what} holds {v!r}; type a number{unit_txt}", m.name, "not a number")
    try:
        base = model.parse(m.name, given)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message.rstrip('.')}", m.name, exc.rule) from None
    new = given if isinstance(given, float) else base / c.unit.factor  # a number as typed, exactly
    old_base = c.default if c.link is None else model.si_value(c.link) if model.error(c.link) is None else math.nan
    old = old_base / c.unit.factor
    if math.isfinite(old_base) and abs(base - old_base) <= 1e-12 * max(abs(base), abs(old_base)):
        if c.link is not None:
            return f"{where}: {m.name} holds the number {format_number(new)}, equal to its link {c.link}; left linked"
        return None
    return InputEdit(m.name, where, old, new, c.unit.text)


def import_workbook(model: Model, path: str | os.PathLike) -> ImportReport:
    """Read a workbook's edits, apply them to `model` as overrides, and list the changed outputs.

    The model is left unchanged if the workbook cannot be read or any value is refused.
    """
    report = read_workbook(model, path)
    before = {c.name: _shown(model, c.name) for c in model.graph.cells if c.kind is not Kind.INPUT}
    model.set_many(report.overrides())
    for c in model.graph.cells:
        if c.kind is Kind.INPUT:
            continue
        old, new = before[c.name], _shown(model, c.name)
        if old != new and not _close(old, new):
            report.changed.append(OutputChange(c.name, c.kind.value, old, new, c.unit.text))
    return report


def _shown(model: Model, name: str):
    return None if model.error(name) is not None else model.value(name)


def _close(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    return False
