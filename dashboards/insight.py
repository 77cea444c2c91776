"""The dashboard's Sensitivity and Regimes cards, and regime boundaries marked on the Sweep chart.

Sensitivity: for the selected output, a tornado chart (the output with each upstream input at its
low and at its high, bars sorted by swing, a line at today's value) and a table of each input's
value, exact ∂y/∂x and elasticity. Regimes: for the selected cell's Max/Min/Piecewise/verdict,
the active branch, its margin, and the boundary as a formula and as a value of each upstream
input. Every number comes from model.analysis.sensitivity and model.analysis.regimes; this module lays them out.
"""

from __future__ import annotations

import html
import time

import panel as pn
from bokeh.models import ColumnDataSource, CustomJSTickFormatter, FactorRange, HoverTool, LabelSet, Span
from bokeh.plotting import figure
from panel.io.document import unlocked
from panel.models.katex import KaTeX

from dashboards import style
from dashboards.charts import _SI_TICKS, _style
from dashboards.logic import (
    insight_cells,
    regimes_cell,
    regimes_view,
    sensitivity_output,
    sensitivity_view,
    sweep_boundaries,
)
from model import Model, display_unit, format_number, is_pure

LOW_COLOUR = "#2563eb"
HIGH_COLOUR = "#c2410c"
BOUNDARY_COLOUR = "#7c3aed"
MAX_BARS = 12
MAX_SPANS = 6

INSIGHT_CSS = """
table { border-collapse: collapse; width: 100%; font-size: 12.5px; color: #1e293b; }
th { text-align: left; font-weight: 600; color: #64748b; font-size: 11.5px; border-bottom: 1px solid #e2e8f0;
     padding: 3px 6px; }
td { padding: 3px 6px; border-bottom: 1px solid #f1f5f9; vertical-align: top; }
td.num { text-align: right; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
.u { color: #64748b; font-size: 11.5px; }
.switch { margin: 4px 0 12px; }
.sw-head { font-size: 13px; margin-bottom: 3px; }
.active { font-weight: 650; color: #c2410c; }
.cond { font-size: 12px; color: #475569; margin-bottom: 4px; }
.below { color: #1d4ed8; }
.above { color: #b45309; }
.none { color: #64748b; }
.for { font-size: 12.5px; color: #334155; margin-bottom: 4px; }
td.side { white-space: nowrap; }
"""

FORMULA_CSS = """
:host { font-size: 12.5px; }
"""


class HTMLPane(pn.pane.HTML):
    """`pn.pane.HTML` whose content updates send the new text only (as dashboards.app.HTMLPane:
    Panel 1.9 otherwise re-sends every property, stylesheets included, on each update)."""

    def _update(self, ref, model) -> None:
        model.update(text=self._get_properties(model.document)["text"])


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(v: float | None, unit: str = "", digits: int = 4) -> str:
    if v is None:
        return "—"
    u = "" if is_pure(unit) else f' <span class="u">{_esc(unit)}</span>'
    return f"{_esc(format_number(v, digits))}{u}"


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
            unit = display_unit(view["unit"])
            self.fig.xaxis.axis_label = f'{view["output_label"]}{f" ({unit})" if unit else ""}'


class SensitivityCard:
    """Tornado chart and table for one output."""

    def __init__(self):
        self.head = HTMLPane("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS, INSIGHT_CSS],
                                 css_classes=["napkin-sensitivity-head"])
        self.chart = TornadoChart()
        self.pane = pn.pane.Bokeh(self.chart.fig, sizing_mode="stretch_width", css_classes=["napkin-tornado"])
        # shown/hidden through a wrapper: setting `visible` on a live Bokeh pane makes Panel 1.9
        # re-sync the figure's stylesheets, which fails
        self.chart_box = pn.Column(self.pane, sizing_mode="stretch_width", margin=0)
        self.table = HTMLPane("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS, INSIGHT_CSS],
                                  css_classes=["napkin-sensitivity-table"])
        self.card = pn.Card(self.head, self.chart_box, self.table, title="Sensitivity", sizing_mode="stretch_width",
                            collapsible=False, stylesheets=[style.CARD_CSS], css_classes=["napkin-sensitivity-card"])
        self.view: dict | None = None

    def show(self, view: dict | None, message: str | None = None) -> None:
        self.view = view
        with unlocked():
            self.chart.update(view)
        shown = bool(view and view["bars"])
        if self.chart_box.visible != shown:
            self.chart_box.visible = shown
        if view is None:
            self.head.object = f'<div class="hint">{_esc(message or "")}</div>'
            self.table.object = ""
            return
        note = f' <span class="u">({_esc(view["via"])})</span>' if view.get("via") else ""
        self.head.object = (f'<div class="for">How <b>{_esc(view["output_label"])}</b> = '
                            f'{_num(view["value"], view["unit"])} responds to each input it depends on{note}; '
                            f'bars: the output with the input {_esc(view["swing_text"])}.</div>')
        rows = "".join(
            f'<tr data-input="{_esc(b["name"])}"><td class="mono">{_esc(b["label"])}</td>'
            f'<td class="num">{_num(b["value"], b["unit_x"])}</td>'
            f'<td class="num">{_num(b["derivative"], b["derivative_unit"])}</td>'
            f'<td class="num">{_num(b["elasticity"], "", 3)}</td></tr>'
            for b in view["bars"])
        more = len(view["bars"]) - MAX_BARS
        extra = f'<div class="hint">The chart shows the {MAX_BARS} largest swings of {len(view["bars"])}.</div>' \
            if more > 0 else ""
        self.table.object = ("<table><tr><th>input</th><th>value</th><th>∂y/∂x</th><th>elasticity</th></tr>"
                             f"{rows}</table>{extra}" if rows else '<div class="hint">No free inputs.</div>')


class RegimesCard:
    """Each switch of one cell: active branch, margin, boundary formula and value per input."""

    def __init__(self):
        self.body = HTMLPane("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS, INSIGHT_CSS],
                                 css_classes=["napkin-regimes"])
        self.latex = pn.pane.LaTeX("", renderer="katex", sizing_mode="stretch_width",
                                   css_classes=["napkin-regimes-latex"],
                                   stylesheets=[*KaTeX.__css__, style.LATEX_CSS, FORMULA_CSS], visible=False)
        self.card = pn.Card(self.body, self.latex, title="Regimes", sizing_mode="stretch_width", collapsible=False,
                            stylesheets=[style.CARD_CSS], css_classes=["napkin-regimes-card"])
        self.view: dict | None = None

    def show(self, view: dict | None, message: str | None = None) -> None:
        self.view = view
        if view is None or not view["switches"]:
            self.body.object = f'<div class="hint">{_esc(message or "")}</div>'
            self.latex.object = ""
            if self.latex.visible:
                self.latex.visible = False
            return
        parts = [f'<div class="for">Regimes of <b>{_esc(view["label"])}</b> '
                 f'(now {_esc(view["value_text"])})</div>']
        tex = []
        for k, sw in enumerate(view["switches"]):
            margin = "" if sw["margin"] is None else f' · margin ×{_esc(format_number(sw["margin"], 3))}'
            rows = []
            for b in sw["boundaries"]:
                if b["value"] is None:
                    where = '<span class="none">no boundary within its bounds</span>'
                else:
                    where = f'now <span class="{b["side"]}">{b["side"]} it</span>' if b["side"] != "on" else "now on it"
                rows.append(f'<tr data-input="{_esc(b["input"])}"><td class="mono">{_esc(b["label"])}</td>'
                            f'<td class="num">{_num(b["value"], b["unit"])}</td>'
                            f'<td class="num">{_num(b["current"], b["unit"])}</td><td class="side">{where}</td></tr>')
            table = ("<table><tr><th>input</th><th>boundary</th><th>today</th><th></th></tr>"
                     + "".join(rows) + "</table>") if rows else '<div class="hint">No input moves this boundary.</div>'
            parts.append(
                f'<div class="switch" data-kind="{_esc(sw["kind"])}">'
                f'<div class="sw-head">{_esc(sw["kind_text"])}: active <span class="active">{_esc(sw["active"])}</span>'
                f'{margin}</div><div class="cond">flips where <span class="mono">{_esc(sw["condition"])}</span>'
                f'</div>{table}</div>')
            tex.append(rf"&\textbf{{{k + 1}.}}\ {sw['condition_latex']}")
            tex += ["&\\quad " + b["formula"] for b in sw["boundaries"] if b["formula"]]
        self.body.object = "".join(parts)
        self.latex.object = "$$\\begin{aligned}" + r" \\[4pt] ".join(tex) + "\\end{aligned}$$"
        if not self.latex.visible:
            self.latex.visible = True


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
        with unlocked():
            for k, s in enumerate(self.spans):
                if k < len(self.marks):
                    s.location = self.marks[k]["value"]
                    s.visible = True
                elif s.visible:
                    s.visible = False
            self.labels.data = {"x": [m["value"] for m in self.marks], "y": [6 + 14 * k for k in range(len(self.marks))],
                                "text": [m["text"] for m in self.marks]}


#: A regimes view slower than this is refreshed on request, not on every edit.
SLOW_REGIMES_S = 0.3


class Insight:
    """The two cards for a sheet's selected cell, kept current; also marks the sweep chart."""

    def __init__(self, model: Model, sweep_fig=None):
        self.model = model
        self.sensitivity = SensitivityCard()
        self.regimes = RegimesCard()
        self.marks = SweepMarks(sweep_fig) if sweep_fig is not None else None
        self.sheet: str | None = None
        self.output: str | None = None
        self.cell: str | None = None
        self.cells: frozenset[str] = frozenset()  # what the cards show: redrawn when one changes
        self.regimes_seconds = 0.0  # how long the last regimes view took to work out

    def show(self, sheet_id: str, selected: str | None = None) -> None:
        """Show the cards for `selected` (a cell's derivation), or the sheet's default cells."""
        m = self.model
        self.sheet = sheet_id
        self.output = sensitivity_output(m, sheet_id, selected)
        self.cell = regimes_cell(m, sheet_id, selected)
        self.cells = insight_cells(m.graph, [n for n in (self.output, self.cell) if n])
        self.refresh()

    def refresh(self, *, on_edit: bool = False) -> None:
        """Redraw both cards. On an edit, a regimes view that took longer than SLOW_REGIMES_S to
        work out is not recomputed (it would hold up every edit); the card says it is out of
        date and how to refresh it."""
        m = self.model
        if self.output is None:
            self.sensitivity.show(None, "This sheet has no calculation to take derivatives of.")
        else:
            view, msg = sensitivity_view(m, self.output, self.sheet)
            self.sensitivity.show(view, msg)
        if self.cell is None:
            self.regimes.show(None, "This sheet has no cell to show regimes of.")
        elif on_edit and self.regimes_seconds > SLOW_REGIMES_S:
            self.regimes.show(None, f"Inputs changed. Working out the regimes of {self.cell} takes "
                                    f"{self.regimes_seconds:.1f} s, so they are not redone on every edit: "
                                    f"click the cell in Results to refresh them.")
        else:
            t0 = time.perf_counter()
            view, msg = regimes_view(m, self.cell, self.sheet)
            self.regimes_seconds = time.perf_counter() - t0
            self.regimes.show(view, msg)

    def on_change(self, changed: frozenset[str]) -> None:
        """Model observer hook: redraw only if the shown cells or anything upstream moved."""
        if changed & self.cells:
            self.refresh(on_edit=True)

    def mark_sweep(self, input_name: str | None, cells: list[str | None], sheet_id: str | None = None) -> None:
        """Mark on the sweep chart where `cells` (the swept output and its verdict) change regime
        along `input_name`. The app calls it whenever it redraws the sweep."""
        if self.marks is None:
            return
        cells = [c for c in cells if c]
        self.marks.update(sweep_boundaries(self.model, input_name, cells, sheet_id or self.sheet)
                          if input_name and cells else [])
