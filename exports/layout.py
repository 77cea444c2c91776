"""The workbook layout contract, shared by the renderer (`exports.workbook`) and the importer.

Each exported sheet is one worksheet named by its id. Rows 0-3 hold the title, the chapter line
and the question; row `HEADER_ROW` is the table header (columns `COLUMNS`); below it come the
blocks, each a heading row, its rows and a blank row, answer first:

1. **Answer**: the sheet's verdicts (live formulas);
2. **Key results**: three to five calcs the sheet declares with a module attribute
   `KEY = ("t_memory_gpu", ...)` (short names), else the calcs its verdicts read; these rows are
   live references to the calcs' own rows, column A holds their doc text, never a cell name;
3. **Inputs**, then 4. **Calculations** (the derivation).

Column A of a cell's own row holds its full name and column C its value: a number for an input,
a formula over defined names for everything else. Every cell's value has a workbook-scope defined
name (`P03_T_MEMORY_GPU`). The hidden, protected sheet `napkin_meta` records per cell its row,
kind, unit, default and exported formula, and a keyed checksum of all that
(`meta_checksum`): the importer refuses a workbook whose meta sheet was edited.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from exports.excel_printer import ExcelPrintError
from model import CellDef, Graph, Kind

__all__ = [
    "CHANGES_SHEET", "COLUMNS", "FORMAT_VERSION", "HEADER_ROW", "INDEX_SHEET", "MARKER", "MAX_FORMULA",
    "MC_COLUMNS", "META_COLUMNS", "META_MC_MARKER", "META_SHEET", "RANGES_SHEET", "Block", "blocks",
    "check_sheet_names", "closure", "exported_cells", "key_results", "layout", "meta_checksum", "sheet_order",
]

FORMAT_VERSION = 2  # 2: answer-first blocks, keyed meta checksum
INDEX_SHEET = "Index"
META_SHEET = "napkin_meta"
RANGES_SHEET = "Ranges"
CHANGES_SHEET = "Changes"
META_MC_MARKER = "monte carlo"  # napkin_meta!C1 when the workbook carries a Monte Carlo run; D1 summarises it
MARKER = "napkin workbook"

#: Columns of a sheet's table, in order. The importer reads NAME and VALUE only.
COLUMNS = ("name", "doc", "value", "unit", "formula", "source", "kind", "default", "as exported")
COL_NAME, COL_DOC, COL_VALUE, COL_UNIT, COL_FORMULA, COL_SOURCE, COL_KIND, COL_DEFAULT, COL_EXPORTED = range(9)
HEADER_ROW = 4  # 0-based row of the table header; blocks start below it
#: napkin_meta: A1 marker, B1 format version, E1 checksum label, F1 the checksum; row 2 these heads.
META_COLUMNS = ("name", "worksheet", "row", "kind", "unit", "default", "link", "formula")
META_CHECKSUM_CELL = "F1"
MAX_FORMULA = 8192  # Excel's limit on a formula's length, in characters
#: Columns right of a sheet's table when the workbook carries a Monte Carlo run (plain numbers).
MC_COLUMNS = ("Monte Carlo P5", "Monte Carlo P50", "Monte Carlo P95", "Monte Carlo valid share", "Monte Carlo note")
COL_MC_P5, COL_MC_P50, COL_MC_P95, COL_MC_VALID, COL_MC_NOTE = range(len(COLUMNS), len(COLUMNS) + len(MC_COLUMNS))
MAX_KEY = 5

_EXCEL_SHEET_BAD = set("[]:*?/\\")
# Not a secret: it only makes the checksum specific to Napkin workbooks of this format, so that an
# edited meta sheet (a changed unit, a column pointed elsewhere) is detected on import.
_CHECKSUM_KEY = hashlib.sha256(f"napkin workbook meta, format {FORMAT_VERSION}".encode()).digest()


@dataclass(frozen=True)
class Block:
    """A run of rows under one heading: `kind` is verdicts, key, inputs or calcs."""

    heading: str
    kind: str
    cells: tuple[CellDef, ...]
    first: int  # 0-based row of the first cell (the heading is the row above)


def key_results(graph: Graph, sid: str) -> list[CellDef]:
    """Return the sheet's key results: its declared `KEY` names, else the calcs its verdicts read."""
    sd = graph.sheets[sid]
    cells = graph.sheet_cells(sid)
    declared = tuple(getattr(sd, "key", ()) or ())
    if declared:
        by_short = {c.short: c for c in cells}
        unknown = [k for k in declared if k not in by_short or by_short[k].kind is Kind.VERDICT]
        if unknown:
            raise ExcelPrintError(
                f"Sheet '{sid}' declares KEY results {', '.join(map(repr, unknown))} that are not inputs or calcs of "
                f"the sheet; name its calcs by their short names, e.g. KEY = ('{cells[-1].short}',).")
        return [by_short[k] for k in declared[:MAX_KEY]]
    own = {c.index for c in cells}
    picked: list[CellDef] = []
    for v in (c for c in cells if c.kind is Kind.VERDICT):
        for p in graph.parents[v.index]:
            c = graph.cells[p]
            if p in own and c.kind is Kind.CALC and all(c.index != q.index for q in picked):
                picked.append(c)
    if not picked:  # no verdict, or verdicts over inputs only: the last calcs are the results
        picked = [c for c in cells if c.kind is Kind.CALC][-3:]
    return picked[:MAX_KEY]


def blocks(graph: Graph, sid: str) -> list[Block]:
    """Return the sheet's blocks in row order: answer, key results, inputs, calculations."""
    cells = graph.sheet_cells(sid)
    groups = [
        ("Answer", "verdicts", [c for c in cells if c.kind is Kind.VERDICT]),
        ("Key results", "key", key_results(graph, sid) if any(c.kind is Kind.CALC for c in cells) else []),
        ("Inputs", "inputs", [c for c in cells if c.kind is Kind.INPUT]),
        ("Calculations (the derivation)", "calcs", [c for c in cells if c.kind is Kind.CALC]),
    ]
    out = []
    row = HEADER_ROW + 1
    for heading, kind, group in groups:
        if not group:
            continue
        out.append(Block(heading, kind, tuple(group), row + 1))
        row += len(group) + 2  # heading, rows, blank
    return out


def layout(graph: Graph, sheet_ids: list[str]) -> dict[str, tuple[str, int]]:
    """Return {cell name: (worksheet, 0-based row)} of each cell's own row, for the given sheets."""
    where: dict[str, tuple[str, int]] = {}
    for sid in sheet_ids:
        for b in blocks(graph, sid):
            if b.kind != "key":
                for k, c in enumerate(b.cells):
                    where[c.name] = (sid, b.first + k)
    return where


def closure(graph: Graph, sheet_ids: list[str], choices: dict[str, str] | None = None) -> list[str]:
    """Return the sheets asked for plus every sheet their cells read from, in graph order.

    An input linked through a device choice reads only the chosen member (from `choices`, {choice
    cell: member id}; the declared default when absent): the other members' figures reach the
    workbook as numbers on the Devices sheet, not as whole spec sheets.
    """
    unknown = [s for s in sheet_ids if s not in graph.sheets]
    if unknown:
        raise ExcelPrintError(f"Unknown sheet(s) {', '.join(unknown)}; run 'napkin list' to see the sheets.")
    want = set(sheet_ids)
    todo = list(want)
    while todo:
        sid = todo.pop()
        for c in graph.sheet_cells(sid):
            for p in _reads(graph, c, choices or {}):
                other = graph.cells[p].sheet
                if other not in want:
                    want.add(other)
                    todo.append(other)
    return [sid for sid in graph.sheets if sid in want]


def _reads(graph: Graph, c: CellDef, choices: dict[str, str]) -> list[int]:
    """The cells `c` reads; for a device-linked input, the choice cell and the chosen member's cell."""
    if c.lookup is None:
        return list(graph.parents[c.index])
    ch = graph.cells[c.lookup.choice]
    member = choices.get(ch.name)
    target = c.lookup.default_target if member is None else c.lookup.target(ch.labels.index(member))
    return [ch.index] + ([] if target is None else [graph.index[target]])


def sheet_order(graph: Graph, sheet_ids: list[str]) -> list[str]:
    """Return the worksheets' tab order: problems and exercises first, then the spec sheets."""
    return ([s for s in sheet_ids if graph.sheets[s].kind != "spec"]
            + [s for s in sheet_ids if graph.sheets[s].kind == "spec"])


def exported_cells(graph: Graph, sheets: list[str] | None = None, choices: dict[str, str] | None = None) -> list[str]:
    """Return the names of the cells `write_workbook(..., sheets=sheets)` writes, in sheet order
    (`choices`: the model's device choices, see `closure`)."""
    return list(layout(graph, list(graph.sheets) if sheets is None else closure(graph, list(sheets), choices)))


def check_sheet_names(sheet_ids: list[str]) -> None:
    """Raise ExcelPrintError if a sheet id cannot name a worksheet or clashes with a reserved one."""
    problems = []
    reserved = {s.lower() for s in (INDEX_SHEET, META_SHEET, RANGES_SHEET, CHANGES_SHEET, "history", "devices")}
    for sid in sheet_ids:
        if len(sid) > 31 or set(sid) & _EXCEL_SHEET_BAD or sid.lower() in reserved:
            problems.append(sid)
    if problems:
        raise ExcelPrintError(
            f"Sheet ids {', '.join(problems)} cannot name Excel worksheets (at most 31 characters, none of "
            f"[]:*?/\\, not '{INDEX_SHEET}', '{META_SHEET}', '{RANGES_SHEET}', '{CHANGES_SHEET}', 'Devices' or 'History'); "
            f"rename the sheet modules.")


def _canon(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, (int, float)):
        return repr(float(x))
    return str(x)


def meta_checksum(marker_row: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """Return the keyed checksum (HMAC-SHA256, hex) of the meta sheet's marker cells and rows."""
    h = hmac.new(_CHECKSUM_KEY, digestmod=hashlib.sha256)
    for row in (marker_row, *rows):
        h.update("\x1f".join(_canon(v) for v in row).encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()
