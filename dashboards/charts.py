"""Bokeh charts of the dashboard: the roofline, a sweep of one output over one input, a cell's
neighbourhood in the dependency graph.

Every plotted quantity is read from the model. The only arithmetic here is the drawing of a roof:
a roofline is by definition the bandwidth slope (bytes/s x FLOP/byte) up to the compute ceiling,
so its end points are placed on those two lines.
"""

from __future__ import annotations

import math

from bokeh.models import (
    ColumnDataSource,
    CustomJSTickFormatter,
    HoverTool,
    Range1d,
    Span,
)
from bokeh.plotting import figure

from dashboards.logic import Roof, roof_label, sweep
from model import Kind, Model, format_number

PALETTE = ["#2563eb", "#c2410c", "#047857", "#7c3aed", "#be123c", "#0891b2"]
BADGE_COLOURS = ["#c2410c", "#047857", "#6d28d9", "#0369a1", "#be123c", "#4d7c0f"]
KIND_COLOURS = {Kind.INPUT: "#15803d", Kind.CALC: "#2563eb", Kind.VERDICT: "#c2410c"}

_SI_TICKS = """
const p = [[1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
for (const [f, s] of p) {
  if (Math.abs(tick) >= f) { return String(Number((tick / f).toPrecision(3))) + ' ' + s; }
}
return String(Number(tick.toPrecision(3)));
"""


def _style(fig) -> None:
    fig.toolbar.logo = None
    fig.background_fill_color = "#ffffff"
    fig.border_fill_color = "#ffffff"
    fig.outline_line_color = "#e2e8f0"
    for ax in (*fig.xaxis, *fig.yaxis):
        ax.axis_label_text_font_style = "normal"
        ax.axis_label_text_color = "#475569"
        ax.major_label_text_color = "#475569"
        ax.axis_line_color = "#cbd5e1"
        ax.major_tick_line_color = "#cbd5e1"
        ax.minor_tick_line_color = None
    fig.grid.grid_line_color = "#eef2f7"
    fig.title.text_font_size = "13px"
    fig.title.text_color = "#334155"


def _values(model: Model, roof: Roof) -> tuple[float, float, float, float] | None:
    names = (roof.intensity, roof.ridge, roof.peak, roof.mem_bw)
    if any(model.error(n) is not None for n in names):
        return None
    vals = tuple(model.si_value(n) for n in names)
    if not all(math.isfinite(v) and v > 0 for v in vals):
        return None
    return vals


class RooflineChart:
    """A log-log roofline for one sheet: one roof per accelerator, the workload as a point on it."""

    def __init__(self, model: Model, roofs: list[Roof]):
        self.model = model
        self.roofs = roofs
        self.cells = frozenset(n for r in roofs for n in (r.intensity, r.ridge, r.peak, r.mem_bw))  # all it shows
        fig = figure(x_axis_type="log", y_axis_type="log", height=330, sizing_mode="stretch_width", min_width=280,
                     tools="pan,wheel_zoom,reset,save", toolbar_location="above",
                     x_axis_label="arithmetic intensity (FLOP/byte)", y_axis_label="attainable FLOP/s",
                     title="")
        fig.yaxis.formatter = CustomJSTickFormatter(code=_SI_TICKS)
        fig.xaxis.formatter = CustomJSTickFormatter(code=_SI_TICKS)
        _style(fig)
        self.sources = []
        for k, roof in enumerate(roofs):
            colour = PALETTE[k % len(PALETTE)]
            label = roof_label(model.graph, roof, model)
            line = ColumnDataSource({"x": [], "y": []})
            ridge = ColumnDataSource({"x": [], "y": []})
            point = ColumnDataSource({"x": [], "y": [], "intensity": [], "name": []})
            fig.line("x", "y", source=line, line_width=2.5, color=colour, legend_label=label)
            fig.scatter("x", "y", source=ridge, marker="diamond", size=11, color=colour, alpha=0.6)
            r = fig.scatter("x", "y", source=point, size=14, color=colour, line_color="white", line_width=2)
            fig.add_tools(HoverTool(renderers=[r], tooltips=[("cell", "@name"), ("intensity", "@intensity FLOP/byte")]))
            self.sources.append((line, ridge, point))
        fig.legend.location = "bottom_right"
        fig.legend.background_fill_alpha = 0.85
        fig.legend.label_text_font_size = "12px"
        self.fig = fig
        self.update()

    def update(self) -> None:
        """Redraw every roof and point from the model's current values."""
        present = [(roof, srcs, v) for roof, srcs in zip(self.roofs, self.sources, strict=False)
                   if (v := _values(self.model, roof)) is not None]
        for roof, srcs in zip(self.roofs, self.sources, strict=False):
            if all(roof is not p[0] for p in present):
                for s in srcs:
                    s.data = {k: [] for k in s.data}
        if not present:
            return
        lo = min(min(v[0], v[1]) for _, _, v in present) / 8
        hi = max(max(v[0], v[1]) for _, _, v in present) * 8
        for roof, (line, ridge, point), (inten, rdg, peak, bw) in present:
            line.data = {"x": [lo, rdg, hi], "y": [bw * lo, peak, peak]}
            ridge.data = {"x": [rdg], "y": [peak]}
            point.data = {"x": [inten], "y": [min(peak, bw * inten)],
                          "intensity": [format_number(inten)], "name": [roof.intensity]}
        self.fig.x_range.start, self.fig.x_range.end = lo, hi


class SweepChart:
    """One output of a sheet plotted over a range of one input, points coloured by a verdict."""

    def __init__(self, model: Model):
        self.model = model
        self.source = ColumnDataSource({"x": [], "y": [], "label": [], "colour": []})
        fig = figure(height=300, sizing_mode="stretch_width", min_width=280, tools="pan,wheel_zoom,reset,save,hover",
                     toolbar_location="above", x_axis_type="log", title="")
        fig.line("x", "y", source=self.source, line_width=2, color="#94a3b8")
        fig.scatter("x", "y", source=self.source, size=7, color="colour", legend_field="label")
        fig.hover.tooltips = [("x", "@x"), ("y", "@y"), ("verdict", "@label")]
        fig.yaxis.formatter = CustomJSTickFormatter(code=_SI_TICKS)
        fig.xaxis.formatter = CustomJSTickFormatter(code=_SI_TICKS)
        self.marker = Span(location=1, dimension="height", line_color="#0f172a", line_dash="dashed", line_width=1)
        fig.add_layout(self.marker)
        fig.legend.location = "top_left"
        fig.legend.label_text_font_size = "12px"
        _style(fig)
        self.fig = fig

    def update(self, input_name: str | None, output_name: str | None, verdict: str | None) -> None:
        """Recompute the sweep for the current model state and redraw."""
        if not input_name or not output_name:
            self.source.data = {"x": [], "y": [], "label": [], "colour": []}
            return
        res = sweep(self.model, input_name, output_name, verdict=verdict)
        g = self.model.graph
        cin, cout = g.cell(input_name), g.cell(output_name)
        colours = [BADGE_COLOURS[i % len(BADGE_COLOURS)] if i is not None else "#64748b" for i in res.label_index]
        labels = [lab if lab is not None else "—" for lab in res.labels]
        self.source.data = {"x": res.xs, "y": res.ys, "label": labels, "colour": colours}
        self.fig.xaxis.axis_label = f"{input_name} ({cin.unit.text})"
        self.fig.yaxis.axis_label = f"{cout.short} ({cout.unit.text})"
        self.fig.title.text = f"{cout.short} over {cin.short}"
        if res.current is not None:
            self.marker.location = res.current
        self.fig.legend.visible = verdict is not None


class DependencyChart:
    """A cell with its direct inputs on the left and direct users on the right."""

    MAX_SIDE = 10

    def __init__(self, model: Model):
        self.model = model
        self.nodes = ColumnDataSource({"x": [], "y": [], "label": [], "colour": [], "name": [], "doc": []})
        self.edges = ColumnDataSource({"x0": [], "y0": [], "x1": [], "y1": []})
        fig = figure(height=240, sizing_mode="stretch_width", min_width=280, tools="hover", toolbar_location=None,
                     x_range=Range1d(-0.9, 2.9), y_range=Range1d(-1, 1))
        fig.segment("x0", "y0", "x1", "y1", source=self.edges, color="#cbd5e1", line_width=1.5)
        fig.scatter("x", "y", source=self.nodes, size=12, color="colour", line_color="white")
        fig.text("x", "y", text="label", source=self.nodes, text_font_size="11px", y_offset=-9,
                 text_align="center", text_color="#334155")
        fig.hover.tooltips = [("cell", "@name"), ("", "@doc")]
        fig.axis.visible = False
        fig.grid.visible = False
        fig.outline_line_color = None
        fig.toolbar.logo = None
        self.fig = fig

    def show(self, name: str) -> None:
        """Draw `name`'s neighbourhood: parents at x=0, the cell at x=1, children at x=2."""
        g = self.model.graph
        c = g.cell(name)
        parents = [g.cells[p] for p in g.parents[c.index]]
        children = [g.cells[k] for k in g.children[c.index]]

        def column(cells, x):
            shown = cells[: self.MAX_SIDE]
            n = len(shown)
            ys = [(n - 1) / 2 - k for k in range(n)]
            labels = [(d.short if d.sheet == c.sheet else d.name) for d in shown]
            if len(cells) > n:
                labels[-1] = f"+{len(cells) - n + 1} more"
            return [(x, y, lab, d) for y, lab, d in zip(ys, labels, shown, strict=True)]

        nodes = column(parents, 0) + [(1, 0, c.short, c)] + column(children, 2)
        self.nodes.data = {
            "x": [n[0] for n in nodes], "y": [n[1] for n in nodes], "label": [n[2] for n in nodes],
            "colour": [KIND_COLOURS[n[3].kind] for n in nodes], "name": [n[3].name for n in nodes],
            "doc": [n[3].doc for n in nodes],
        }
        edges = [(x, y, 1, 0) for x, y, _, _ in nodes if x == 0] + [(1, 0, x, y) for x, y, _, _ in nodes if x == 2]
        self.edges.data = {"x0": [e[0] for e in edges], "y0": [e[1] for e in edges],
                           "x1": [e[2] for e in edges], "y1": [e[3] for e in edges]}
        half = max(1, len(parents[: self.MAX_SIDE]), len(children[: self.MAX_SIDE])) / 2 + 0.3
        self.fig.y_range.start, self.fig.y_range.end = -half - 0.3, half
        self.fig.height = int(min(360, max(150, 34 * 2 * half)))
