"""The Regimes card: each switch of the selected cell (Max, Min, Piecewise, verdict): the active
branch, its margin, and — numbered and titled with the threshold it is for — the boundary as a
formula and as a value of each upstream input, from model.analysis.regimes (via
dashboards.logic.regimes_view). Always worked out after the results are on screen (a HeavyCard)."""

from __future__ import annotations

import panel as pn
from panel.models.katex import KaTeX

from dashboards import style
from dashboards.cards.base import HeavyCard, esc
from dashboards.cards.sensitivity import INSIGHT_CSS, num
from dashboards.logic import insight_cells, regimes_cell, regimes_view
from model import format_number

FORMULA_CSS = """
:host { font-size: 12.5px; overflow-x: auto; max-width: 100%; }
"""


def regimes_html(view: dict) -> tuple[str, str]:
    """The card's HTML and LaTeX for a `logic.regimes_view` view."""
    parts = [f'<div class="for">Regimes of <b>{esc(view["label"])}</b> (now {esc(view["value_text"])})</div>']
    tex = []
    for k, sw in enumerate(view["switches"], start=1):
        margin = "" if sw["margin"] is None else f' · margin ×{esc(format_number(sw["margin"], 3))}'
        rows = []
        for b in sw["boundaries"]:
            if b["value"] is None:
                where = '<span class="none">no boundary within its bounds</span>'
            else:
                where = f'now <span class="{b["side"]}">{b["side"]} it</span>' if b["side"] != "on" else "now on it"
            rows.append(f'<tr data-input="{esc(b["input"])}"><td class="mono">{esc(b["label"])}</td>'
                        f'<td class="num">{num(b["value"], b["unit"])}</td>'
                        f'<td class="num">{num(b["current"], b["unit"])}</td><td class="side">{where}</td></tr>')
        table = ("<table><tr><th>input</th><th>boundary</th><th>today</th><th></th></tr>"
                 + "".join(rows) + "</table>") if rows else '<div class="hint">No input moves this boundary.</div>'
        parts.append(
            f'<div class="switch" data-kind="{esc(sw["kind"])}" data-switch="{k}">'
            f'<div class="sw-head"><span class="sw-no">{k}.</span>Threshold: '
            f'<span class="mono">{esc(sw["condition"])}</span></div>'
            f'<div class="cond">{esc(sw["kind_text"])}; active now: <span class="active">{esc(sw["active"])}</span>'
            f'{margin}</div>{table}</div>')
        tex.append(rf"&\textbf{{{k}.}}\ {sw['condition_latex']}")
        tex += ["&\\quad " + b["formula"] for b in sw["boundaries"] if b["formula"]]
    return "".join(parts), "$$\\begin{aligned}" + r" \\[4pt] ".join(tex) + "\\end{aligned}$$"


class RegimesCard(HeavyCard):
    """Regimes of the selected cell (or the sheet's first verdict / switch)."""

    title = "Regimes"
    css = "napkin-regimes-card"

    def body(self):
        self.html = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS, INSIGHT_CSS],
                                 css_classes=["napkin-regimes"])
        self.latex = pn.pane.LaTeX("", renderer="katex", sizing_mode="stretch_width",
                                   css_classes=["napkin-regimes-latex"],
                                   stylesheets=[*KaTeX.__css__, style.LATEX_CSS, FORMULA_CSS])
        self.latex_box = pn.Column(self.latex, sizing_mode="stretch_width", margin=0, visible=False)
        return [self.html, self.latex_box]

    def __init__(self, **params):
        super().__init__(**params)
        self.cell: str | None = None
        self.cells: frozenset[str] = frozenset()
        self.view: dict | None = None
        s = self.session
        s.param.watch(self.soon(self.select), ["sheet", "trace", "graph_version"])
        s.param.watch(self._on_changed, "changed")
        self.select()

    def select(self) -> None:
        """Follow the session's selection: choose the cell, then recompute."""
        s = self.session
        self.cell = regimes_cell(s.model, s.sheet, s.trace)
        self.cells = insight_cells(s.model.graph, [self.cell]) if self.cell else frozenset()
        self.request()

    def _on_changed(self, event) -> None:
        if self.cells & event.new:
            self.request()

    def plan(self):
        return None if self.cell is None else (self.cell, self.session.sheet)

    def compute(self, model, plan):
        return regimes_view(model, plan[0], plan[1])

    def pending(self, plan) -> None:
        if plan is not None and self.view is None:
            self.html.object = f'<div class="pending">Working out the regimes of {esc(plan[0])} …</div>'

    def show(self, plan, result) -> None:
        view, message = (None, "This sheet has no cell to show regimes of.") if plan is None else result
        self.view = view
        if view is None or not view["switches"]:
            self.html.object = f'<div class="hint">{esc(message or "")}</div>'
            self.latex.object = ""
            if self.latex_box.visible:
                self.latex_box.visible = False
            return
        body, tex = regimes_html(view)
        self.html.object = body
        self.latex.object = tex
        if not self.latex_box.visible:
            self.latex_box.visible = True
