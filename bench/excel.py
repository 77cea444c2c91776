"""Excel benchmark rows: export time and size of the whole-model workbook, and one input edit
recalculated by the `formulas` package and by LibreOffice next to Napkin's incremental recompute.

Ratio rows follow the bench contract (ratio = baseline / value): the value is Napkin's time for
the edit and the baseline the spreadsheet engine's, so the ratio says how many times faster
Napkin is. `--quick` skips the two spreadsheet engines (they take seconds).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import median, row, timed
from exports.recalc import find_soffice, recalculate
from exports.workbook import layout, write_workbook
from model import Kind, Model

PREFERRED_EDIT = "gpu_a100.mem_bw"  # the edit the engine rows time too


def _edit_target(m: Model) -> str:
    g = m.graph
    if PREFERRED_EDIT in g.index:
        return PREFERRED_EDIT
    inputs = [c.name for c in g.cells if c.kind is Kind.INPUT and c.link is None]
    return max(inputs, key=lambda n: len(m.downstream(n)))


def _napkin_edit_ms(m: Model, name: str, repeat: int) -> float:
    base = m.value(name)
    values = [base * (1.1 if k % 2 == 0 else 1.0) for k in range(repeat)]
    it = iter(values)
    times = timed(lambda: m.set(name, next(it)), repeat)
    m.reset([name])
    return median(times) * 1e3


def rows(quick: bool) -> list[dict]:
    from sheets import default_graph

    g = default_graph()
    m = Model(g)
    out = []
    name = _edit_target(m)
    new_value = m.value(name) * 1.1
    with tempfile.TemporaryDirectory(prefix="napkin-bench-xlsx-") as tmp:
        d = Path(tmp)
        path = d / "model.xlsx"
        info = write_workbook(m, path)  # warm-up: SymPy expressions are built on first use
        export_s = median(timed(lambda: write_workbook(m, path), 1 if quick else 3))
        out.append(row(f"excel: export whole model ({info.cells} cells, {info.formulas} formulas)", export_s, "s"))
        out.append(row("excel: whole-model workbook size", path.stat().st_size / 1024, "KiB"))
        napkin_ms = _napkin_edit_ms(m, name, 50 if quick else 400)
        out.append(row(f"excel: edit {name}, Napkin incremental recompute", napkin_ms, "ms"))
        if quick:
            return out

        sid, r = layout(g, list(g.sheets))[name]
        try:
            import formulas
        except ImportError:
            formulas = None
        if formulas is not None:
            t0 = time.perf_counter()
            xl = formulas.ExcelModel().loads(str(path)).finish()
            load_s = time.perf_counter() - t0
            ref = f"'[{path.name}]{sid.upper()}'!C{r + 1}"
            calc_s = median(timed(lambda: xl.calculate(inputs={ref: new_value}), 3))
            out.append(row("excel: formulas package, load whole-model workbook", load_s, "s"))
            out.append(row(f"excel: edit {name}, Napkin vs formulas full recalc (baseline)", napkin_ms, "ms",
                           baseline=calc_s * 1e3))

        if find_soffice():
            import openpyxl

            wb = openpyxl.load_workbook(path)
            wb[sid].cell(row=r + 1, column=3).value = new_value
            wb.save(d / "edited.xlsx")
            tiny = d / "tiny.xlsx"
            tb = openpyxl.Workbook()
            tb.active["A1"] = 1
            tb.active["B1"] = "=A1*2"
            tb.save(tiny)
            t0 = time.perf_counter()
            recalculate([tiny], d / "out_tiny")
            start_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            recalculate([d / "edited.xlsx"], d / "out")
            lo_s = time.perf_counter() - t0
            out.append(row("excel: LibreOffice start-up + convert of a one-cell workbook", start_s, "s"))
            out.append(row(f"excel: edit {name}, Napkin vs LibreOffice open+recalc+save (baseline)", napkin_ms, "ms",
                           baseline=lo_s * 1e3))
    return out
