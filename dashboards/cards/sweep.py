"""The Sweep card: one output of the sheet over a range of one input (model.analysis.sweep via
dashboards.logic.sweep), points coloured by the sheet's first verdict, today's value marked, and
where the swept cells change regime (dashboards.logic.sweep_boundaries). Worked out after the
results are on screen (a HeavyCard).

Default: the calc the first verdict leans on (else the first calc of a spec sheet, the last of a
problem), over the first of the sheet's own inputs along which it is not flat.
"""

from __future__ import annotations

import math

import panel as pn

from dashboards.cards.base import HeavyCard, action, unit_text
from dashboards.charts import SweepChart, SweepMarks
from dashboards.logic import insight_cells, sweep, sweep_boundaries
from model import Kind


def default_output(graph, sheet: str) -> str | None:
    """The calc the sweep shows first on a sheet (see the module docstring)."""
    cells = graph.sheet_cells(sheet)
    outs = [c for c in cells if c.kind is Kind.CALC]
    if not outs:
        return None
    names = {c.name for c in outs}
    for v in (c for c in cells if c.kind is Kind.VERDICT):
        for p in graph.parents[v.index]:
            if graph.cells[p].name in names:
                return graph.cells[p].name
    return outs[0].name if graph.sheets[sheet].kind == "spec" else outs[-1].name


def _flat(res) -> bool:
    ys = [y for y in res.ys if y is not None and math.isfinite(y)]
    return len(ys) < 2 or max(ys) == min(ys)


class SweepCard(HeavyCard):
    """Output over input, with the two selects; follows edits of anything it shows."""

    title = "Sweep"
    css = "napkin-sweep-card"

    def body(self):
        self.output = pn.widgets.Select(label="Output", options={}, width=260, css_classes=["napkin-sweep-output"])
        self.input = pn.widgets.Select(label="over input", options={}, width=260, css_classes=["napkin-sweep-input"])
        self.chart = SweepChart(self.session.model)
        self.marks = SweepMarks(self.chart.fig)
        self.pane = pn.pane.Bokeh(self.chart.fig, sizing_mode="stretch_width", css_classes=["napkin-sweep"])
        return [pn.FlexBox(self.output, self.input, flex_wrap="wrap"), self.pane]

    def __init__(self, **params):
        super().__init__(**params)
        self.choice: tuple[str | None, str | None] = (None, None)  # (output, input) shown
        self.auto_input = True  # the input was picked by the default rule, not by the user
        self.cells: frozenset[str] = frozenset()
        s = self.session
        self.output.param.watch(self._on_output, "value")
        self.input.param.watch(self._on_input, "value")
        s.param.watch(self.soon(self.setup), ["sheet", "graph_version"])
        s.param.watch(self._on_changed, "changed")
        self.setup()

    # ---- choices -----------------------------------------------------------------------------
    def _label(self, name: str) -> str:
        c = self.model.graph.cell(name)
        shown = c.short if c.sheet == self.session.sheet else c.name
        return f"{shown} ({unit_text(c.unit.text) or '1'})"

    def _inputs_for(self, out: str | None) -> list[str]:
        g = self.model.graph
        return [n for n in self.model.upstream_inputs(out) if g.cell(n).choice is None] if out else []

    def _verdict(self) -> str | None:
        g = self.model.graph
        return next((c.name for c in g.sheet_cells(self.session.sheet) if c.kind is Kind.VERDICT), None)

    def setup(self) -> None:
        """Options and default choice for the open sheet, then recompute."""
        g = self.model.graph
        self.chart.model = self.model
        outs = [c.name for c in g.sheet_cells(self.session.sheet) if c.kind is Kind.CALC]
        out = default_output(g, self.session.sheet)
        self.auto_input = True
        self._choose(out, None, {self._label(n): n for n in outs})
        self.card.visible = bool(outs)

    def _choose(self, out: str | None, inp: str | None, out_options: dict | None = None) -> None:
        ins = self._inputs_for(out)
        if inp not in ins:
            own = [n for n in ins if self.model.graph.cell(n).sheet == self.session.sheet]
            inp = (own or ins or [None])[0]
        self.choice = (out, inp)  # set first: the selects' watchers see their own values and stay quiet
        if out_options is not None:
            self.output.options = out_options
        self.input.options = {self._label(n): n for n in ins}
        if self.output.value != out:
            self.output.value = out
        if self.input.value != inp:
            self.input.value = inp
        self.request()

    @action
    def _on_output(self, event) -> None:
        if event.new != self.choice[0]:
            self.auto_input = True
            self._choose(event.new, self.choice[1])

    @action
    def _on_input(self, event) -> None:
        if event.new != self.choice[1]:
            self.auto_input = False
            self.choice = (self.choice[0], event.new)
            self.request()

    def _on_changed(self, event) -> None:
        if self.cells & event.new:
            self.request()

    # ---- work ----------------------------------------------------------------------------------
    def plan(self):
        out, inp = self.choice
        if not out or not inp:
            self.cells = frozenset()
            return None
        verdict = self._verdict()
        own = [n for n in self._inputs_for(out) if self.model.graph.cell(n).sheet == self.session.sheet]
        candidates = [inp] + ([n for n in own if n != inp] if self.auto_input else [])
        shown = [n for n in (out, verdict, *candidates) if n]
        self.cells = insight_cells(self.model.graph, shown)
        return out, tuple(candidates), verdict, self.session.sheet

    def compute(self, model, plan):
        out, candidates, verdict, sheet = plan
        first = None
        for inp in candidates:  # the first input along which the output moves (default choice only)
            res = sweep(model, inp, out, verdict=verdict)
            first = first or (inp, res)
            if not _flat(res):
                break
        else:
            inp, res = first
        marks = sweep_boundaries(model, inp, [out, verdict], sheet)
        return inp, res, marks

    def show(self, plan, result) -> None:
        if plan is None:
            self.chart.show(None, None, None, None)
            self.marks.update([])
            return
        out, _, verdict, _ = plan
        inp, res, marks = result
        if inp != self.choice[1]:
            self.choice = (out, inp)
            self.input.value = inp
        self.chart.show(inp, out, verdict, res)
        self.marks.update(marks)
