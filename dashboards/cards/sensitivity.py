"""The Sensitivity card: for the selected output, a tornado chart (the output with each upstream
input at its low and at its high, largest swing on top) and a table of each input's value, exact
∂y/∂x and elasticity, from model.analysis.sensitivity (via dashboards.logic.sensitivity_view).
Worked out after the results are on screen (a HeavyCard)."""

from __future__ import annotations

import panel as pn

from dashboards import style
from dashboards.cards.base import HeavyCard, esc
from dashboards.charts import MAX_BARS, TornadoChart
from dashboards.logic import insight_cells, sensitivity_output, sensitivity_view
from model import format_number

INSIGHT_CSS = """
table { border-collapse: collapse; width: 100%; font-size: 12.5px; color: #1e293b; table-layout: auto; }
th { text-align: left; font-weight: 600; color: #64748b; font-size: 11.5px; border-bottom: 1px solid #e2e8f0;
     padding: 3px 6px; }
td { padding: 3px 6px; border-bottom: 1px solid #f1f5f9; vertical-align: top; overflow-wrap: anywhere; }
td.num { text-align: right; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
.u { color: #64748b; font-size: 11.5px; }
.switch { margin: 4px 0 12px; }
.sw-head { font-size: 13px; margin-bottom: 3px; overflow-wrap: anywhere; }
.sw-no { display: inline-block; min-width: 1.6em; font-weight: 700; color: #475569; }
.active { font-weight: 650; color: #c2410c; }
.cond { font-size: 12px; color: #475569; margin-bottom: 4px; overflow-wrap: anywhere; }
.below { color: #1d4ed8; }
.above { color: #b45309; }
.none { color: #64748b; }
.for { font-size: 12.5px; color: #334155; margin-bottom: 4px; }
.pending { font-size: 12px; color: #64748b; }
td.side { white-space: nowrap; }
"""


def num(v: float | None, unit: str = "", digits: int = 4) -> str:
    """A number with its unit for a card's HTML ('—' for None)."""
    if v is None:
        return "—"
    u = "" if unit in ("", "1") else f' <span class="u">{esc(unit)}</span>'
    return f"{esc(format_number(v, digits))}{u}"


class SensitivityCard(HeavyCard):
    """Tornado chart and table for the selected output (or the sheet's default one)."""

    title = "Sensitivity"
    css = "napkin-sensitivity-card"

    def body(self):
        self.head = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS, INSIGHT_CSS],
                                 css_classes=["napkin-sensitivity-head"])
        self.chart = TornadoChart()
        self.pane = pn.pane.Bokeh(self.chart.fig, sizing_mode="stretch_width", css_classes=["napkin-tornado"])
        self.chart_box = pn.Column(self.pane, sizing_mode="stretch_width", margin=0)
        self.table = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS, INSIGHT_CSS],
                                  css_classes=["napkin-sensitivity-table"])
        return [self.head, self.chart_box, self.table]

    def __init__(self, **params):
        super().__init__(**params)
        self.output: str | None = None
        self.cells: frozenset[str] = frozenset()
        self.view: dict | None = None
        s = self.session
        s.param.watch(self.soon(self.select), ["sheet", "trace", "graph_version"])
        s.param.watch(self._on_changed, "changed")
        self.select()

    def select(self) -> None:
        """Follow the session's selection: choose the output, then recompute."""
        s = self.session
        self.output = sensitivity_output(s.model, s.sheet, s.trace)
        self.cells = insight_cells(s.model.graph, [self.output]) if self.output else frozenset()
        self.request()

    def _on_changed(self, event) -> None:
        if self.cells & event.new:
            self.request()

    def plan(self):
        return None if self.output is None else (self.output, self.session.sheet)

    def compute(self, model, plan):
        return sensitivity_view(model, plan[0], plan[1])

    def show(self, plan, result) -> None:
        if plan is None:
            view, message = None, "This sheet has no calculation to take derivatives of."
        else:
            view, message = result
        self.view = view
        self.chart.update(view)
        shown = bool(view and view["bars"])
        if self.chart_box.visible != shown:
            self.chart_box.visible = shown
        if view is None:
            self.head.object = f'<div class="hint">{esc(message or "")}</div>'
            self.table.object = ""
            return
        note = f' <span class="u">({esc(view["via"])})</span>' if view.get("via") else ""
        self.head.object = (f'<div class="for">How <b>{esc(view["output_label"])}</b> = '
                            f'{num(view["value"], view["unit"])} responds to each input it depends on{note}; '
                            f'bars: the output with the input {esc(view["swing_text"])}.</div>')
        rows = "".join(
            f'<tr data-input="{esc(b["name"])}"><td class="mono">{esc(b["label"])}</td>'
            f'<td class="num">{num(b["value"], b["unit_x"])}</td>'
            f'<td class="num">{num(b["derivative"], b["derivative_unit"])}</td>'
            f'<td class="num">{num(b["elasticity"], "", 3)}</td></tr>'
            for b in view["bars"])
        more = len(view["bars"]) - MAX_BARS
        extra = (f'<div class="hint">The chart shows the {MAX_BARS} largest swings of {len(view["bars"])}.</div>'
                 if more > 0 else "")
        self.table.object = ("<table><tr><th>input</th><th>value</th><th>∂y/∂x</th><th>elasticity</th></tr>"
                             f"{rows}</table>{extra}" if rows else '<div class="hint">No free inputs.</div>')
