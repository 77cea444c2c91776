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
    FactorRange,
    HoverTool,
    LabelSet,
    Span,
)
from bokeh.plotting import figure

from dashboards.components import GraphView
from dashboards.logic import Roof, roof_label, sweep
from model import Kind, Model, format_number

LOW_COLOUR = "#2563eb"
HIGH_COLOUR = "#c2410c"
BOUNDARY_COLOUR = "#7c3aed"
MAX_BARS = 12
MAX_SPANS = 6
PALETTE = ["#2563eb", "#c2410c", "#047857", "#7c3aed", "#be123c", "#0891b2"]
TONE_COLOURS = {"good": "#047857", "bad": "#b91c1c", "neutral": "#475569"}
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
            point = ColumnDataSource({"x": [], "y": [], "intensity": [], "name": [], "text": []})
            fig.line("x", "y", source=line, line_width=2.5, color=colour, legend_label=label)
            fig.scatter("x", "y", source=ridge, marker="diamond", size=11, color=colour, alpha=0.6)
            r = fig.scatter("x", "y", source=point, size=14, color=colour, line_color="white", line_width=2)
            fig.add_layout(LabelSet(x="x", y="y", text="text", source=point, x_offset=8, y_offset=-16,
                                    text_font_size="11px", text_color=colour))
            fig.add_tools(HoverTool(renderers=[r], tooltips=[("cell", "@name"), ("intensity", "@intensity FLOP/byte")]))
            self.sources.append((line, ridge, point))
        legend = fig.legend[0]
        legend.orientation = "horizontal"
        legend.border_line_color = None
        fig.add_layout(legend, "below")  # outside the plot: never over a roof or a point
        fig.min_border_right = 28  # room for the last tick label: nothing clipped on the right
        legend.label_text_font_size = "12px"
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
                          "intensity": [format_number(inten)], "name": [roof.intensity],
                          "text": [f"{roof.label}: {format_number(inten)} FLOP/byte"]}
        self.fig.x_range.start, self.fig.x_range.end = lo, hi


class SweepChart:
    """One output of a sheet plotted over a range of one input, points coloured by the verdict's
    tones, today's value as a labelled dashed line, the legend beside the plot (never over it)."""

    def __init__(self, model: Model):
        self.model = model
        self.source = ColumnDataSource({"x": [], "y": [], "label": [], "colour": []})
        fig = figure(height=300, sizing_mode="stretch_width", min_width=260, tools="pan,wheel_zoom,reset,save,hover",
                     toolbar_location="above", x_axis_type="log", title="")
        fig.line("x", "y", source=self.source, line_width=2, color="#94a3b8")
        fig.scatter("x", "y", source=self.source, size=7, color="colour", legend_field="label")
        fig.hover.tooltips = [("x", "@x"), ("y", "@y"), ("verdict", "@label")]
        fig.yaxis.formatter = CustomJSTickFormatter(code=_SI_TICKS)
        fig.xaxis.formatter = CustomJSTickFormatter(code=_SI_TICKS)
        self.marker = Span(location=1, dimension="height", line_color="#0f172a", line_dash="dashed", line_width=1)
        fig.add_layout(self.marker)
        self.today = ColumnDataSource({"x": [], "y": [], "text": []})
        fig.add_layout(LabelSet(x="x", y="y", y_units="screen", text="text", source=self.today,
                                text_font_size="11px", text_color="#0f172a", x_offset=4))
        legend = fig.legend[0]
        legend.orientation = "horizontal"
        legend.label_text_font_size = "12px"
        legend.border_line_color = None
        fig.add_layout(legend, "below")  # outside the plot: never covers the curve
        _style(fig)
        self.fig = fig

    def show(self, input_name: str | None, output_name: str | None, verdict: str | None, res) -> None:
        """Draw a `logic.sweep` result (None: clear)."""
        if not input_name or not output_name or res is None:
            self.source.data = {"x": [], "y": [], "label": [], "colour": []}
            self.today.data = {"x": [], "y": [], "text": []}
            return
        g = self.model.graph
        cin, cout = g.cell(input_name), g.cell(output_name)
        tones = g.cell(verdict).tones if verdict else {}
        colours = [TONE_COLOURS.get(tones.get(lab, "neutral"), TONE_COLOURS["neutral"]) if lab is not None
                   else "#64748b" for lab in res.labels]
        labels = [lab if lab is not None else "—" for lab in res.labels]
        self.source.data = {"x": res.xs, "y": res.ys, "label": labels, "colour": colours}
        self.fig.xaxis.axis_label = f"{input_name} ({cin.unit.text})"
        self.fig.yaxis.axis_label = f"{cout.short} ({cout.unit.text})"
        self.fig.title.text = f"{cout.short} over {cin.short}"
        if res.current is not None:
            self.marker.location = res.current
            unit = "" if cin.unit.text == "1" else f" {cin.unit.text}"
            self.today.data = {"x": [res.current], "y": [6], "text": [f"today: {format_number(res.current)}{unit}"]}
        self.fig.legend.visible = verdict is not None

    def update(self, input_name: str | None, output_name: str | None, verdict: str | None) -> None:
        """Recompute the sweep for the current model state and redraw."""
        res = sweep(self.model, input_name, output_name, verdict=verdict) if input_name and output_name else None
        self.show(input_name, output_name, verdict, res)


class DependencyChart:
    """A cell with its inputs to the left, as many levels as the derivation's depth, and its direct
    users on the right (drawn by `dashboards.components.GraphView`, SVG; no Bokeh figure)."""

    MAX_SIDE = 10
    MAX_LEVELS = 6  # "to the inputs" draws at most this many levels

    def __init__(self, model: Model):
        self.model = model
        self.view = GraphView(sizing_mode="stretch_width", css_classes=["napkin-graph"], margin=(4, 10))
        self.levels = 0

    def show(self, name: str, depth: int | None = 1) -> None:
        """Draw `name` at x=0, its ancestors `depth` levels deep to the left (None: down to the inputs),
        its direct users at x=1."""
        g = self.model.graph
        c = g.cell(name)
        limit = self.MAX_LEVELS if depth is None else max(1, min(depth, self.MAX_LEVELS))
        columns: list[list] = []
        seen = {c.index}
        frontier = [c.index]
        for _ in range(limit):
            nxt = []
            for i in frontier:
                for p in g.parents[i]:
                    if p not in seen:
                        seen.add(p)
                        nxt.append(p)
            if not nxt:
                break
            columns.append([g.cells[i] for i in nxt])
            frontier = nxt
        self.levels = len(columns)
        children = [g.cells[k] for k in g.children[c.index]]

        def column(cells, x):
            shown = cells[: self.MAX_SIDE]
            n = len(shown)
            ys = [(n - 1) / 2 - k for k in range(n)]
            labels = [(d.short if d.sheet == c.sheet else d.name) for d in shown]
            if len(cells) > n:
                labels[-1] = f"+{len(cells) - n + 1} more"
            return [(x, y, lab, d) for y, lab, d in zip(ys, labels, shown, strict=True)]

        nodes = [(0, 0, c.short, c)] + column(children, 1)
        for level, cells in enumerate(columns, start=1):
            nodes += column(cells, -level)
        at = {d.index: (x, y) for x, y, _, d in nodes}
        edges = []
        for x, y, _, d in nodes:
            if x == 1:
                edges.append((0, 0, x, y))
            elif x <= 0:
                for p in g.parents[d.index]:
                    px, py = at.get(p, (None, None))
                    if px is not None and px == x - 1:
                        edges.append((px, py, x, y))
        tallest = max([1, len(children[: self.MAX_SIDE])] + [len(col[: self.MAX_SIDE]) for col in columns])
        half = tallest / 2 + 0.3
        self.view.param.update(
            nodes=[{"x": x, "y": y, "label": lab, "colour": KIND_COLOURS[d.kind], "name": d.name, "doc": d.doc or ""}
                   for x, y, lab, d in nodes],
            edges=[list(e) for e in edges],
            x_range=[-self.levels - 0.9, 1.9], y_range=[-half - 0.3, half],
            graph_height=int(min(360, max(150, 34 * 2 * half))))


class TornadoChart:
    """Horizontal bars: the output with one input at its low (blue) and at its high (orange),
    both drawn from today's value (the dashed line), largest swing on top."""

    def __init__(self):
        self.source = ColumnDataSource({k: [] for k in (
            "label", "name", "centre", "y_low", "y_high", "x_low", "x_high", "y_low_text", "y_high_text")})
        fig = figure(y_range=FactorRange(), height=160, sizing_mode="stretch_width", min_width=280,
                     tools="save", toolbar_location=None, title="")
        lo = fig.hbar(y="label", left="centre", right="y_low", height=0.62, source=self.source, color=LOW_COLOUR,
                      alpha=0.85, legend_label="input at its low")
        hi = fig.hbar(y="label", left="centre", right="y_high", height=0.62, source=self.source, color=HIGH_COLOUR,
                      alpha=0.85, legend_label="input at its high")
        fig.add_tools(HoverTool(renderers=[lo, hi], tooltips=[
            ("input", "@name"), ("low → output", "@x_low → @y_low_text"), ("high → output", "@x_high → @y_high_text")]))
        self.centre = Span(location=0, dimension="height", line_color="#0f172a", line_dash="dashed", line_width=1)
        fig.add_layout(self.centre)
        fig.xaxis.formatter = CustomJSTickFormatter(code=_SI_TICKS)
        legend = fig.legend[0]
        legend.orientation = "horizontal"
        legend.label_text_font_size = "11px"
        legend.border_line_color = None
        fig.add_layout(legend, "above")  # above the bars, never over them
        _style(fig)
        self.fig = fig

    def update(self, view: dict | None) -> None:
        """Draw `logic.sensitivity_view`'s bars (or nothing for None)."""
        bars = (view or {}).get("bars", [])[:MAX_BARS]
        rev = list(reversed(bars))  # a categorical axis runs bottom-up: largest swing on top
        nan = float("nan")
        self.source.data = {
            "label": [b["label"] for b in rev], "name": [b["name"] for b in rev],
            "centre": [view["value"]] * len(rev) if rev else [],
            "y_low": [nan if b["y_low"] is None else b["y_low"] for b in rev],
            "y_high": [nan if b["y_high"] is None else b["y_high"] for b in rev],
            "x_low": [f'{format_number(b["x_low"])} {b["unit_x"]}'.strip() for b in rev],
            "x_high": [f'{format_number(b["x_high"])} {b["unit_x"]}'.strip() for b in rev],
            "y_low_text": ["—" if b["y_low"] is None else format_number(b["y_low"]) for b in rev],
            "y_high_text": ["—" if b["y_high"] is None else format_number(b["y_high"]) for b in rev],
        }
        self.fig.y_range.factors = [b["label"] for b in rev]
        self.fig.height = 70 + 26 * max(1, len(rev))
        if view is not None:
            self.centre.location = view["value"]
            unit = view["unit"] if view["unit"] not in ("", "1") else ""
            self.fig.xaxis.axis_label = f'{view["output_label"]}{f" ({unit})" if unit else ""}'


class SweepMarks:
    """Regime boundaries of the swept cells as vertical lines (Spans) on the Sweep chart."""

    def __init__(self, fig):
        self.spans = [Span(location=0, dimension="height", line_color=BOUNDARY_COLOUR, line_width=2,
                           line_dash="dotdash", visible=False) for _ in range(MAX_SPANS)]
        for s in self.spans:
            fig.add_layout(s)
        self.labels = ColumnDataSource({"x": [], "y": [], "text": []})
        fig.add_layout(LabelSet(x="x", y="y", y_units="screen", text="text", source=self.labels,
                                text_font_size="11px", text_color=BOUNDARY_COLOUR, x_offset=4))
        self.marks: list[dict] = []

    def update(self, marks: list[dict]) -> None:
        """Show `logic.sweep_boundaries`'s marks (the first MAX_SPANS)."""
        self.marks = marks[:MAX_SPANS]
        for k, s in enumerate(self.spans):
            if k < len(self.marks):
                s.location = self.marks[k]["value"]
                s.visible = True
            elif s.visible:
                s.visible = False
        self.labels.data = {"x": [m["value"] for m in self.marks], "y": [22 + 14 * k for k in range(len(self.marks))],
                            "text": [m["text"] for m in self.marks]}
