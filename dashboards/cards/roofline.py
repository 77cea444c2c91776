"""The Roofline card: on sheets with roofline-shaped cells, each accelerator's roof and the
workload's point on it (dashboards.charts.RooflineChart), redrawn when one of its cells moves."""

from __future__ import annotations

import panel as pn

from dashboards.cards.base import Card
from dashboards.charts import RooflineChart
from dashboards.logic import rooflines


class RooflineCard(Card):
    """The open sheet's rooflines; hidden on sheets without one."""

    title = "Roofline"
    css = "napkin-roofline-card"

    def body(self):
        self.pane = pn.pane.Bokeh(None, sizing_mode="stretch_width", css_classes=["napkin-roofline"])
        return [self.pane]

    def __init__(self, **params):
        super().__init__(**params)
        self.chart: RooflineChart | None = None
        s = self.session
        s.param.watch(self.soon(lambda: self.guard(self.build)), ["sheet", "graph_version"])
        s.param.watch(self._on_changed, "changed")
        self.guard(self.build)

    def build(self) -> None:
        """A new chart for the open sheet (or none)."""
        roofs = rooflines(self.model.graph, self.session.sheet)
        if roofs:
            self.chart = RooflineChart(self.model, roofs)
            self.pane.object = self.chart.fig
        else:
            self.chart = None
        self.card.visible = bool(roofs)

    def _on_changed(self, event) -> None:
        if self.chart is None:
            return
        g = self.model.graph
        if any(g.cell(n).choice is not None for n in event.new if n in g.index):
            self.guard(self.build)  # another device: new roofs, and its name in the legend
        elif self.chart.cells & event.new:
            self.guard(self.chart.update)
