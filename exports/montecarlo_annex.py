"""The Monte Carlo annex of a workbook: the `Ranges` sheet and columns J-N beside each table.

These are plain numbers from the run at export, not formulas; the importer reads columns A and C
only and never the `Ranges` sheet, so they are never mistaken for edits.
"""

from __future__ import annotations

import math
import shlex
from dataclasses import dataclass

from exports.excel_printer import ExcelPrintError
from exports.layout import (
    COL_MC_NOTE,
    COL_MC_P5,
    COL_MC_P50,
    COL_MC_P95,
    COL_MC_VALID,
    HEADER_ROW,
    INDEX_SHEET,
    MC_COLUMNS,
    RANGES_SHEET,
)
from model import CellDef, Kind, Model
from model.analysis import Distribution, MonteCarloResult, overridden_links, parse_range, percentile_rows, reach

__all__ = ["MonteCarloAnnex", "mc_cells", "mc_header", "prepare_mc", "write_ranges"]

@dataclass(frozen=True)
class MonteCarloAnnex:
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
    return shlex.quote(text)


def prepare_mc(model: Model, mc: MonteCarloResult, cells: list[CellDef], sheets: list[str] | None) -> MonteCarloAnnex:
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
    return MonteCarloAnnex(mc, dists, varied, rows, " ".join(parts))


def mc_header(ws, st, prep: MonteCarloAnnex) -> None:
    """Column heads J-N and the note above them: plain numbers, not live formulas."""
    widths = (15, 15, 15, 12, 44)
    for col, w in zip(range(COL_MC_P5, COL_MC_NOTE + 1), widths, strict=False):
        ws.set_column(col, col, w)
    for col, head in zip(range(COL_MC_P5, COL_MC_NOTE + 1), MC_COLUMNS, strict=False):
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


def mc_cells(ws, st, c: CellDef, row: int, prep: MonteCarloAnnex) -> None:
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


def _name_link(ws, st, row: int, c: CellDef, where) -> None:
    if c.name in where:
        sid, r = where[c.name]
        ws.write_url(row, 0, f"internal:'{sid}'!C{r + 1}", st.link, c.name)
    else:
        ws.write_string(row, 0, c.name, st.name)


def write_ranges(ws, st, model: Model, prep: MonteCarloAnnex, cells: list[CellDef], where) -> None:
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
