"""Napkin in Python and Jupyter: the CLI's Model, HTML views of sheets and cells, DataFrames.

    import napkin
    m = napkin.open(workspace=".")          # the book plus the folder's sheet files
    napkin.sheet(m, "p03")                  # renders as an HTML table in Jupyter
    napkin.cell(m, "p03.latency_gpu")       # value, unit, formula and trace
    napkin.sheet_frame(m, "p03")            # a pandas DataFrame
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass

from model import Kind, Model, cell_dict, format_number, sheet_summary, trace_text


def open(workspace: str | os.PathLike | None = ".", *, sets: dict[str, object] | None = None) -> Model:
    """The Model the CLI uses: the book's sheets plus the workspace's sheet files, with `sets` applied."""
    from napkin.workspace import workspace_graph

    m = Model(workspace_graph(workspace))
    if sets:
        m.set_many(sets)
    return m


def _shown(d: dict) -> str:
    if d["error"]:
        return f"#ERROR: {d['error']}"
    if isinstance(d["value"], str):
        return d["value"]
    return format_number(d["value"])


def _rows(model: Model, sheet_id: str) -> list[dict]:
    sheet_summary(model, sheet_id)  # unknown sheet: InputError with a did-you-mean
    return [cell_dict(model, c.name) for c in model.graph.sheet_cells(sheet_id)]


def sheet_frame(model: Model, sheet_id: str):
    """One sheet as a pandas DataFrame: name, kind, value, unit, formula, link, doc (index: short name)."""
    import pandas as pd

    rows = _rows(model, sheet_id)
    frame = pd.DataFrame([{
        "cell": r["name"].split(".", 1)[1], "name": r["name"], "kind": r["kind"], "value": r["value"],
        "unit": r["unit"], "formula": r["formula"], "link": r.get("link"), "doc": r["doc"],
        "error": r["error"]} for r in rows])
    return frame.set_index("cell")


@dataclass(frozen=True)
class SheetView:
    """A sheet of a model; renders as an HTML table (with units and formulas) in Jupyter."""

    model: Model
    sheet_id: str

    def _repr_html_(self) -> str:
        info = sheet_summary(self.model, self.sheet_id)
        sd = self.model.graph.sheets[self.sheet_id]
        body = "".join(
            f"<tr><td><code>{html.escape(r['name'].split('.', 1)[1])}</code></td><td>{html.escape(r['kind'])}</td>"
            f"<td style='text-align:right'>{html.escape(_shown(r))}</td>"
            f"<td>{'' if r['unit'] == '1' else html.escape(r['unit'])}</td>"
            f"<td><code>{html.escape(r['formula'] or (('= ' + r['link']) if r.get('link') else ''))}</code></td>"
            f"<td>{html.escape(r['doc'])}</td></tr>"
            for r in _rows(self.model, self.sheet_id))
        return (f"<div class='napkin-sheet'><b>{html.escape(info['id'])}</b> — {html.escape(info['title'])}"
                f"<p>{html.escape(sd.question)}</p><table><thead><tr><th>cell</th><th>kind</th><th>value</th>"
                f"<th>unit</th><th>formula</th><th>doc</th></tr></thead><tbody>{body}</tbody></table></div>")

    def __repr__(self) -> str:
        return f"<napkin sheet {self.sheet_id}: {len(self.model.graph.sheet_cells(self.sheet_id))} cells>"


@dataclass(frozen=True)
class CellView:
    """A cell of a model; renders as its value, unit, formula and trace in Jupyter."""

    model: Model
    name: str
    depth: int | None = 1

    def _repr_html_(self) -> str:
        d = cell_dict(self.model, self.name)
        unit = "" if d["unit"] == "1" else " " + d["unit"]
        head = (f"<tr><th>{html.escape(self.name)}</th><td>{html.escape(_shown(d))}{html.escape(unit)}</td>"
                f"<td>{html.escape(d['kind'])}</td><td>{html.escape(d['doc'])}</td></tr>")
        trace = html.escape(trace_text(self.model, self.name, self.depth))
        return (f"<div class='napkin-cell'><table>{head}</table>"
                f"<pre class='napkin-trace'>{trace}</pre></div>")

    def __repr__(self) -> str:
        return trace_text(self.model, self.name, self.depth)


def sheet(model: Model, sheet_id: str) -> SheetView:
    """An HTML-rendering view of one sheet."""
    sheet_summary(model, sheet_id)
    return SheetView(model, sheet_id)


def cell(model: Model, name: str, *, depth: int | None = 1) -> CellView:
    """An HTML-rendering view of one cell with its trace (`depth` levels; None for all)."""
    c = model.cell(name)
    if c.kind not in (Kind.INPUT, Kind.CALC, Kind.VERDICT):  # pragma: no cover - every kind is listed
        raise TypeError(name)
    return CellView(model, name, depth)


__all__ = ["CellView", "SheetView", "cell", "open", "sheet", "sheet_frame"]
