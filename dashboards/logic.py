"""What the dashboard knows without Panel: navigation, search, deep links, scenarios, rooflines.

Pure functions over a `Graph` or a `Model`, so they are tested without a browser. Nothing here
computes a model quantity: values, traces and the cells an edit changed come from the model.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from model import Graph, InputError, Kind, Model, parse_unit, scenarios
from model.sweep import Axis
from model.sweep import sweep as sweep_frame

SPEC_HEADING = "Spec sheets"

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
    for sid, sd in graph.sheets.items():
        if sd.kind == "spec":
            specs.append(sid)
        else:
            chapters.setdefault(sd.chapter or "", []).append(sid)
    groups = [(f"Chapter {ch}" if ch else "Other problems", ids)
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
    """The sheet a new session opens: the first problem, else the first sheet."""
    for sid, sd in graph.sheets.items():
        if sd.kind != "spec":
            return sid
    return next(iter(graph.sheets))


def css_class(name: str) -> str:
    """CSS class of a cell's widget or value element (contract): 'p03.batch_size' -> 'cell-p03--batch_size'."""
    return "cell-" + name.replace(".", "--")


# ---- deep links -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeepLink:
    """What a URL query asks for: a sheet, input overrides, and the problems found in it."""

    sheet: str | None
    overrides: dict[str, str]
    problems: tuple[str, ...] = ()


def parse_query(graph: Graph, args: Mapping[str, object]) -> DeepLink:
    """Read `?sheet=p34&p34.batch_size=8` (values as str, bytes or lists of them).

    Unknown sheets or keys are reported in `problems`, never raised; values are validated later
    by the model (all together), so a bad one changes nothing.
    """

    def text(v) -> str:
        if isinstance(v, (list, tuple)):
            v = v[-1] if v else ""
        return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)

    problems = []
    sheet = None
    overrides: dict[str, str] = {}
    for key, raw in args.items():
        value = text(raw).strip()
        if key == "sheet":
            if value in graph.sheets:
                sheet = value
            else:
                close = difflib.get_close_matches(value, graph.sheets, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(f"Unknown sheet '{value}' in the link{hint}; showing the first sheet.")
        elif "." in key:
            overrides[key] = value
        elif key not in ("trace",):
            problems.append(f"Ignored link parameter '{key}' (use sheet=ID or SHEET.CELL=VALUE).")
    return DeepLink(sheet, overrides, tuple(problems))


def link_query(sheet: str, overrides: Mapping[str, float], *, trace: str | None = None) -> str:
    """Build the query string ('?sheet=p34&p34.batch_size=8') that reopens this view."""
    items = [("sheet", sheet)]
    items += [(k, f"{v:.12g}") for k, v in sorted(overrides.items())]
    if trace:
        items.append(("trace", trace))
    return "?" + urlencode(items, safe="./")


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


def scenario_bytes(model: Model, name: str = "dashboard session") -> bytes:
    """The session's overrides as a scenario file (model.scenarios' JSON format), UTF-8."""
    return scenarios.scenario_from_model(model, name).to_json().encode("utf-8")


def apply_scenario(model: Model, data: bytes | str, *, source: str = "Scenario file") -> frozenset[str]:
    """Replace the session's overrides with a scenario file's, all or nothing.

    The file is decoded and validated by model.scenarios (shape, names, units, bounds); on any
    problem InputError says why and the model is unchanged. Otherwise every input is reset and
    the scenario's overrides applied in one batch (observers are notified once).
    """
    try:
        obj = json.loads(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{source} is not valid JSON ({exc}); nothing was applied.", None, "bad scenario") from None
    sc = scenarios.validate(model.graph, obj, source)
    changed: set[str] = set()
    stop = model.observe(changed.update)
    try:
        with model.batch():
            model.reset()
            scenarios.apply_scenario(model, sc)
    finally:
        stop()
    return frozenset(changed)


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


def roof_label(graph: Graph, roof: Roof) -> str:
    """A readable name for a roof: the doc of its peak cell's link target's sheet, else the suffix."""
    c = graph.cell(roof.peak)
    if c.link:
        sd = graph.sheets.get(c.link.split(".", 1)[0])
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

    Evaluated by model.sweep (vectorised, the session model untouched). An empty range gives
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
