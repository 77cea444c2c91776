"""What the dashboard knows without Panel: navigation, search, deep links, scenarios, rooflines.

Pure functions over a `Graph` or a `Model`, so they are tested without a browser. Nothing here
computes a model quantity: values, traces and the cells an edit changed come from the model.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from model import Graph, InputError, Kind, Model, ModelError, closure, display_unit, format_number, parse_unit
from model.analysis import (
    Axis,
    Scenario,
    has_switch,
    regimes,
    scenario_from_bytes,
    scenario_from_model,
    sensitivity,
    switch_cells,
)
from model.analysis import apply_scenario as apply_overrides
from model.analysis import sweep as sweep_frame

SPEC_HEADING = "Spec sheets"
USER_HEADING = "Your sheets"

# ---- navigation ---------------------------------------------------------------------------


def _chapter_key(chapter: str) -> tuple:
    m = re.match(r"^\s*(\d+)", chapter or "")
    return (0, int(m.group(1)), chapter) if m else (1, 0, chapter or "")


def sheet_groups(graph: Graph) -> list[tuple[str, list[str]]]:
    """Group sheet ids for the navigator: problems and exercises by chapter, spec sheets apart.

    Chapters come in numeric order; within a chapter the registry's order is kept (p01..p50,
    then ex1..ex4). Spec sheets form the last group.
    """
    chapters: dict[str, list[str]] = {}
    specs: list[str] = []
    user: list[str] = []
    for sid, sd in graph.sheets.items():
        if sd.kind == "spec":
            specs.append(sid)
        elif sd.kind == "user":
            user.append(sid)
        else:
            chapters.setdefault(sd.chapter or "", []).append(sid)
    groups = [(USER_HEADING, user)] if user else []
    groups += [(f"Chapter {ch}" if ch else "Other problems", ids)
               for ch, ids in sorted(chapters.items(), key=lambda kv: _chapter_key(kv[0]))]
    if specs:
        groups.append((SPEC_HEADING, specs))
    return groups


def search_sheets(graph: Graph, query: str) -> list[str]:
    """Return the ids of sheets whose id, title or a cell name contains every word of `query`.

    Case-insensitive; an empty query matches every sheet. Order: the registry's.
    """
    words = query.lower().split()
    if not words:
        return list(graph.sheets)
    out = []
    for sid, sd in graph.sheets.items():
        hay = " ".join([sid, sd.title.lower(), " ".join(c.name for c in graph.sheet_cells(sid))]).lower()
        if all(w in hay for w in words):
            out.append(sid)
    return out


def default_sheet(graph: Graph) -> str:
    """The sheet a new session opens: the user's first sheet, else the first problem, else the first."""
    for sid, sd in graph.sheets.items():
        if sd.kind == "user":
            return sid
    for sid, sd in graph.sheets.items():
        if sd.kind != "spec":
            return sid
    return next(iter(graph.sheets))


_REPR = re.compile(r"\s*\(\((?:'[^']*'|\"[^\"]*\")(?:,\s*(?:'[^']*'|\"[^\"]*\"))*,?\)\)")


def plain_message(text: str) -> str:
    """An engine message as a person should read it: any leftover Python tuple repr such as
    " (('tb',))" removed (the message's words are kept as they are)."""
    return _REPR.sub("", text)


def css_class(name: str) -> str:
    """CSS class of a cell's widget or value element (contract): 'p03.batch_size' -> 'cell-p03--batch_size'."""
    return "cell-" + name.replace(".", "--")


# ---- deep links -----------------------------------------------------------------------------


# Deep links live in dashboards/links.py (exact value text); re-exported here for callers.
from dashboards.links import DeepLink, link_query, model_link_query, parse_query  # noqa: E402,F401

# ---- what an edit changed -------------------------------------------------------------------


def affected_sheets(graph: Graph, changed: frozenset[str] | set[str]) -> dict[str, list[str]]:
    """Group changed cell names by sheet, sheets in registry order, cells in declaration order."""
    by_sheet: dict[str, list[str]] = {}
    for name in sorted(changed, key=lambda n: graph.index[n]):
        by_sheet.setdefault(graph.cell(name).sheet, []).append(name)
    order = {sid: k for k, sid in enumerate(graph.sheets)}
    return dict(sorted(by_sheet.items(), key=lambda kv: order[kv[0]]))


def users_of(model: Model, name: str) -> list[str]:
    """Sheets (other than the cell's own) holding a cell that depends on `name`."""
    own = model.cell(name).sheet
    out: list[str] = []
    for n in model.downstream(name):
        sid = model.graph.cell(n).sheet
        if sid != own and sid not in out:
            out.append(sid)
    return out


# ---- scenarios --------------------------------------------------------------------------------


def scenario_bytes(model: Model, name: str = "dashboard session", ranges=None) -> bytes:
    """The session's overrides (and ranges) as a scenario file (model.analysis.scenarios' JSON), UTF-8."""
    return scenario_from_model(model, name, ranges).to_json().encode("utf-8")


def apply_scenario(model: Model, data: bytes | str, *, source: str = "Scenario file") -> Scenario:
    """Replace the session's overrides with a scenario file's, all or nothing; return the scenario
    (its `ranges` are for the caller: they are validated here, applied by the session).

    The file is decoded and validated by model.analysis.scenarios (shape, names, units, bounds,
    ranges); on any problem InputError says why and the model is unchanged. Otherwise every input
    is reset and the scenario's overrides applied in one batch (observers are notified once).
    """
    sc = scenario_from_bytes(model.graph, data, source)  # size, UTF-8, JSON, nesting and every value checked
    with model.batch():
        model.reset()
        apply_overrides(model, sc)
    return sc

def is_workbook(data: bytes | str, filename: str = "") -> bool:
    """True when an upload is an .xlsx workbook (a zip archive) rather than a JSON scenario."""
    return (isinstance(data, bytes) and data[:4] == b"PK\x03\x04") or filename.lower().endswith(".xlsx")


def apply_workbook(model: Model, data: bytes, filename: str = "upload.xlsx"):
    """Replace the session's overrides with an edited Napkin workbook's inputs; return the report.

    The `napkin import` rules: the archive is guarded, every input cell is read and checked (names,
    units, bounds, device members), and on any refusal WorkbookError names each cell and the model
    is unchanged. Edited formula cells are listed in the report, never applied.
    """
    import tempfile
    from pathlib import Path

    from exports.workbook_import import WorkbookError, read_workbook

    if not isinstance(data, bytes):
        data = data.encode()
    safe = re.sub(r"[^\w.-]", "_", Path(filename or "upload.xlsx").name)[:80] or "upload.xlsx"
    with tempfile.TemporaryDirectory(prefix="napkin-upload-") as d:
        path = Path(d) / safe
        path.write_bytes(data)
        try:
            report = read_workbook(model, path)
        except WorkbookError as exc:  # name the file as the user knows it, not the temporary path
            raise WorkbookError(str(exc).replace(str(path), safe), [p.replace(str(path), safe) for p in exc.problems]) from None
    with model.batch():  # all or nothing: a refused value rolls the reset back too
        model.reset()
        model.set_many(report.overrides())
    return report

# ---- roofline detection -----------------------------------------------------------------------

_INTENSITY = parse_unit("FLOP/byte").dims
_RATE = parse_unit("FLOP/s").dims
_BANDWIDTH = parse_unit("byte/s").dims


@dataclass(frozen=True)
class Roof:
    """One accelerator's roofline on a sheet: four cells sharing a suffix (e.g. '_gpu')."""

    label: str
    intensity: str
    ridge: str
    peak: str
    mem_bw: str


def rooflines(graph: Graph, sheet_id: str) -> list[Roof]:
    """Find roofline-shaped cell groups on a sheet.

    The rule: a calc named `intensity<S>` (FLOP/byte) qualifies when the same sheet also has
    cells named `ridge<S>` (FLOP/byte), `peak<S>` (FLOP/s) and `mem_bw<S>` (byte/s) of any kind,
    for the same suffix S ('' included). Each such group draws one roof: the bandwidth slope up to
    the ridge, the compute ceiling after it, and the workload's intensity as a point.
    """
    cells = {c.short: c for c in graph.sheet_cells(sheet_id)}
    out = []
    for short, c in cells.items():
        if not short.startswith("intensity") or c.kind is not Kind.CALC or c.unit.dims != _INTENSITY:
            continue
        sfx = short[len("intensity"):]
        need = {"ridge": _INTENSITY, "peak": _RATE, "mem_bw": _BANDWIDTH}
        found = {}
        for stem, dims in need.items():
            d = cells.get(stem + sfx)
            if d is None or d.unit.dims != dims:
                break
            found[stem] = d.name
        else:
            label = sfx.strip("_") or sheet_id
            out.append(Roof(label, c.name, found["ridge"], found["peak"], found["mem_bw"]))
    return out


def roof_label(graph: Graph, roof: Roof, model: Model | None = None) -> str:
    """A readable name for a roof: the title of the sheet its peak cell links to (through a device
    choice, the chosen member's, when `model` is given), else the suffix."""
    c = graph.cell(roof.peak)
    link = model.link_of(c.name) if model is not None else c.link
    if link:
        sd = graph.sheets.get(link.split(".", 1)[0])
        if sd is not None:
            return sd.title
    return roof.label


# ---- sweeps -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sweep:
    """An output evaluated over a range of one input (display units), with a verdict per point."""

    xs: list[float]
    ys: list[float | None]
    labels: list[str | None]
    label_index: list[int | None]
    current: float | None


def sweep_range(model: Model, input_name: str) -> tuple[float, float]:
    """The default sweep range of an input, display units: a decade either side of its current
    value, clipped to its bounds (for a logarithmic axis, so both ends are above zero)."""
    decl = model.cell(input_name).decl
    cur = model.value(input_name)
    if cur is None or cur <= 0:
        cur = 1.0
    lo, hi = cur / 10, cur * 10
    if decl.lo is not None and decl.lo > lo:
        lo = decl.lo * (1.01 if decl.strict_lo else 1)
    if decl.hi is not None and decl.hi < hi:
        hi = decl.hi
    if decl.integer:
        lo, hi = max(1.0, float(math.ceil(lo))), float(math.floor(hi))
    return lo, hi


def sweep(model: Model, input_name: str, output_name: str, *, verdict: str | None = None, n: int = 41) -> Sweep:
    """Sweep `output_name` (and `verdict`, when it depends on the input) over `input_name`.

    Evaluated by model.analysis.sweep (vectorised, the session model untouched). An empty range gives
    just the current point.
    """
    lo, hi = sweep_range(model, input_name)
    current = model.value(input_name)
    if not 0 < lo < hi:
        return Sweep([], [], [], [], current)
    axis = Axis(input_name, lo, hi, n, log=True)
    df = sweep_frame(model, output_name, axis)
    xs = [float(x) for x in df[input_name]]
    ys = [None if not math.isfinite(y) else float(y) for y in df[output_name]]
    labels: list[str | None] = [None] * len(xs)
    idx: list[int | None] = [None] * len(xs)
    if verdict:
        try:
            vdf = sweep_frame(model, verdict, axis)
        except InputError:  # the verdict does not depend on this input
            vdf = None
        if vdf is not None:
            vlabels = model.graph.cell(verdict).labels
            labels = list(vdf[verdict])
            idx = [vlabels.index(lab) if lab in vlabels else None for lab in labels]
    return Sweep(xs, ys, labels, idx, current)


# ---- sensitivity and regimes (the Sensitivity and Regimes cards, marks on the sweep) ----------

SWING = 0.2
SWING_TEXT = "at today's value −20 % and +20 % (within its bounds)"
_KIND_TEXT = {"max": "Max: the larger term sets the value", "min": "Min: the smaller term sets the value",
              "piecewise": "Piecewise", "verdict": "Verdict"}


def cell_label(graph: Graph, name: str, sheet_id: str | None) -> str:
    """A cell's name as the sheet shows it: short on its own sheet, qualified elsewhere."""
    c = graph.cell(name)
    return c.short if c.sheet == sheet_id else c.name


def _strip_sheet(text: str, sheet_id: str | None) -> str:
    return re.sub(rf"\b{re.escape(sheet_id)}\.", "", text) if sheet_id else text


def sensitivity_output(model: Model, sheet_id: str, selected: str | None = None) -> str | None:
    """The calc the Sensitivity card explains.

    The selected cell (the open derivation, on this sheet) when it is a calc; for a selected
    verdict, the first calc it compares. Otherwise the sheet's default: the first verdict's first
    calc parent, else the sheet's first calc. None when the sheet has no calc.
    """
    g = model.graph
    cells = g.sheet_cells(sheet_id)

    def first_calc_parent(c):
        return next((g.cells[p].name for p in g.parents[c.index] if g.cells[p].kind is Kind.CALC), None)

    if selected in g.index and g.cell(selected).sheet == sheet_id:
        c = g.cell(selected)
        if c.kind is Kind.CALC:
            return selected
        if c.kind is Kind.VERDICT and (p := first_calc_parent(c)):
            return p
    for c in cells:
        if c.kind is Kind.VERDICT and (p := first_calc_parent(c)):
            return p
    return next((c.name for c in cells if c.kind is Kind.CALC), None)


def regimes_cell(model: Model, sheet_id: str, selected: str | None = None) -> str | None:
    """The cell the Regimes card explains: the selected one on this sheet (any kind; the card
    says when it has a single regime), else the sheet's first verdict, else its first cell with a
    Max/Min/Piecewise, else its first calc."""
    g = model.graph
    if selected in g.index and g.cell(selected).sheet == sheet_id:
        return selected
    cells = g.sheet_cells(sheet_id)
    verdicts = [c.name for c in cells if c.kind is Kind.VERDICT]
    switches = regime_switch_cells(model, sheet_id)
    calcs = [c.name for c in cells if c.kind is Kind.CALC]
    return (verdicts or switches or calcs or [None])[0]


def regime_switch_cells(model: Model, sheet_id: str) -> list[str]:
    """The sheet's cells with more than one regime (model.analysis.regimes.switch_cells)."""
    return switch_cells(model, sheet_id)


def insight_cells(graph: Graph, names: list[str]) -> frozenset[str]:
    """`names` and every cell they depend on: when one of these changes, the cards are redrawn."""
    idx = [graph.index[n] for n in names]
    return frozenset(graph.cells[i].name for i in closure(idx, graph.parents, include_start=True))


def sensitivity_view(model: Model, output: str, sheet_id: str | None = None, *,
                     swing: float = SWING) -> tuple[dict | None, str | None]:
    """model.analysis.sensitivity of `output`, shaped for the card: (view, None), or (None, why not).

    view: {output, output_label, value, unit, swing_text, via, bars: [{name, label, value, unit_x,
    derivative, derivative_unit, elasticity, x_low, x_high, y_low, y_high}]}, bars sorted by
    swing (the distance between the two ends), largest first; inputs without both ends last.
    """
    g = model.graph
    try:
        s = sensitivity(model, output, swing=swing)
    except (InputError, ModelError) as exc:
        return None, str(exc)
    bars = [{"name": i.name, "label": cell_label(g, i.name, sheet_id), "value": i.value, "unit_x": _plain_unit(i.unit),
             "derivative": i.derivative, "derivative_unit": i.derivative_unit, "elasticity": i.elasticity,
             "x_low": i.x_low, "x_high": i.x_high, "y_low": i.y_low, "y_high": i.y_high} for i in s.inputs]

    def swing_of(b):
        if b["y_low"] is None or b["y_high"] is None:
            return (1, 0.0)
        return (0, -abs(b["y_high"] - b["y_low"]))

    bars.sort(key=swing_of)  # stable: ties keep sensitivity's order (|elasticity|)
    return {"output": output, "output_label": cell_label(g, output, sheet_id), "value": s.value,
            "unit": _plain_unit(s.unit), "swing_text": SWING_TEXT, "via": None, "bars": bars}, None


def _plain_unit(text: str) -> str:
    return display_unit(text)


def regimes_view(model: Model, name: str, sheet_id: str | None = None) -> tuple[dict | None, str | None]:
    """model.analysis.regimes of `name`, shaped for the card: (view, None), or (None, why there is none).

    view: {cell, label, value_text, switches: [{kind, kind_text, active, margin, condition,
    condition_latex, boundaries: [{input, label, value, values, unit, current, side, formula}]}]};
    `side` is where today's value lies: "below", "above" or "on" the boundary value.
    """
    g = model.graph
    c = g.cell(name)
    label = cell_label(g, name, sheet_id)
    if not has_switch(c):
        others = [cell_label(g, n, sheet_id) for n in regime_switch_cells(model, c.sheet)]
        tail = f" Cells with regimes on this sheet: {', '.join(others)}." if others else ""
        return None, f"{label} has a single regime (no Max, Min, Piecewise or verdict).{tail}"
    try:
        r = regimes(model, name)
    except (InputError, ModelError) as exc:
        return None, str(exc)
    v = model.value(name)
    if model.error(name) is not None:
        value_text = "#ERROR"
    elif c.kind is Kind.VERDICT:
        value_text = str(v)
    else:
        value_text = f"{format_number(v)} {_plain_unit(c.unit.text)}".strip()
    switches = []
    for sw in r.switches:
        bounds = []
        for b in sw.boundaries:
            side = None
            if b.value is not None:
                side = "below" if b.current < b.value else "above" if b.current > b.value else "on"
            bounds.append({"input": b.input, "label": cell_label(g, b.input, sheet_id), "value": b.value,
                           "values": list(b.values), "unit": _plain_unit(b.unit), "current": b.current,
                           "side": side, "formula": b.formula})
        switches.append({"kind": sw.kind, "kind_text": _KIND_TEXT.get(sw.kind, sw.kind),
                         "active": _strip_sheet(sw.active_text, sheet_id), "margin": sw.margin,
                         "condition": _strip_sheet(sw.condition, sheet_id), "condition_latex": sw.condition_latex,
                         "boundaries": bounds})
    return {"cell": name, "label": label, "value_text": value_text, "switches": switches}, None


def sweep_boundaries(model: Model, input_name: str, cells: list[str], sheet_id: str | None = None) -> list[dict]:
    """Where the swept `cells` (output, colouring verdict) change regime along `input_name`.

    One mark per distinct boundary value of the input, from model.analysis.regimes (every root within the
    input's bounds): [{value (display units), cell, text}], in the order found.
    """
    g = model.graph
    unit = _plain_unit(g.cell(input_name).unit.text)
    marks: list[dict] = []
    seen: set[str] = set()
    for name in cells:
        if not name or not has_switch(g.cell(name)):
            continue
        try:
            r = regimes(model, name, inputs=[input_name])
        except (InputError, ModelError):
            continue
        for sw in r.switches:
            for b in sw.boundaries:
                for x in b.values:
                    shown = format_number(x)
                    if b.input != input_name or shown in seen:
                        continue
                    seen.add(shown)
                    marks.append({"value": x, "cell": name,
                                  "text": f"{cell_label(g, name, sheet_id)} flips at {shown} {unit}".rstrip()})
    return marks
