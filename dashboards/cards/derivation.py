"""The Derivation card: the traced cell's formula, the same with today's values, the result (LaTeX
by KaTeX), links to its inputs and users, and its neighbourhood in the graph to the chosen depth."""

from __future__ import annotations

import panel as pn
from panel.models.katex import KaTeX

from dashboards import style
from dashboards.cards.base import Card, action, esc
from dashboards.charts import DependencyChart
from dashboards.components import ChipList
from model import Kind, latex_name, trace

MAX_CHIPS = 24
DEPTHS = {"1 level": 1, "2 levels": 2, "to the inputs": None}


def derivation_latex(steps) -> str:
    """Lay out trace steps for reading: each cell on its own lines, aligned on '=':
    formula, then the same with values substituted, then the result (display math for KaTeX)."""
    lines = []
    for s in steps:
        lhs = latex_name(s.name)
        if s.latex_formula is None:
            lines.append(rf"{lhs} &= {s.latex_result}")
        else:
            lines.append(rf"{lhs} &= {s.latex_formula} \\ &= {s.latex_substituted} \\ &= {s.latex_result}")
    return "$$\\begin{aligned}" + r" \\[10pt] ".join(lines) + "\\end{aligned}$$"


def chip(d, own_sheet: str) -> dict:
    """A chip linking to cell `d` (short name on its own sheet)."""
    is_input = d.kind is Kind.INPUT and d.link is None
    return {"key": d.name, "label": d.name if d.sheet != own_sheet else d.short, "title": d.doc,
            "kind": "input" if is_input else ""}


class DerivationCard(Card):
    """How the selected cell is derived; follows edits of anything in the shown steps."""

    title = "Derivation"
    css = "napkin-trace-card"

    def body(self):
        self.hint = pn.pane.HTML('<div class="hint">Click any output or verdict to see how it is derived: '
                                 "the formula, the same with today's values, the result.</div>",
                                 stylesheets=[style.ROW_CSS], sizing_mode="stretch_width")
        self.head = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS])
        self.depth = pn.widgets.RadioButtonGroup(options=DEPTHS, value=self.session.depth, color="light",
                                                 css_classes=["napkin-depth"])
        self.latex = pn.pane.LaTeX("", renderer="katex", sizing_mode="stretch_width", css_classes=["napkin-trace"],
                                   stylesheets=[*KaTeX.__css__, style.LATEX_CSS])
        self.deps = ChipList(label_text="from", sizing_mode="stretch_width", css_classes=["napkin-trace-deps"],
                             margin=(3, 10))
        self.inputs = ChipList(label_text="inputs", sizing_mode="stretch_width", css_classes=["napkin-trace-inputs"],
                               margin=(3, 10))
        self.users = ChipList(label_text="used by", sizing_mode="stretch_width", css_classes=["napkin-trace-users"],
                              margin=(3, 10))
        self.graph_chart: DependencyChart | None = None
        # filled with the first derivation shown (the graph too): a page opens without these models
        self.content = pn.Column(sizing_mode="stretch_width", visible=False, margin=0)
        return [self.hint, self.content]

    def __init__(self, **params):
        super().__init__(**params)
        self.names: set[str] = set()  # cells in the shown steps: an edit of one redraws the card
        s = self.session
        for chips in (self.deps, self.inputs, self.users):
            chips.on_msg(self._on_chip)
        self.depth.param.watch(action(lambda e: setattr(self.session, "depth", e.new)), "value")
        s.param.watch(lambda *_e: self.guard(self.render), ["trace", "depth", "graph_version"])
        s.param.watch(self._on_changed, "changed")
        if s.trace:
            self.guard(self.render)

    def render(self) -> None:
        """Show the session's traced cell (or the hint when there is none)."""
        s = self.session
        name = s.trace
        if not name or name not in s.model.graph.index:
            self.names = set()
            self.hint.visible, self.content.visible = True, False
            return
        m, g = s.model, s.model.graph
        c = g.cell(name)
        if self.depth.value != s.depth:
            self.depth.value = s.depth
        steps = trace(m, name, s.depth)
        self.names = {st.name for st in steps} | {name}
        self.latex.object = derivation_latex(steps)
        kind = {"input": "input", "calc": "calculation", "verdict": "verdict"}[c.kind.value]
        err = m.error(name)
        err_html = f'<div class="error">{esc(err)}</div>' if err else ""
        self.head.object = (f'<div class="trace-title">{esc(c.doc or c.short)}</div>'
                            f'<div class="name">{esc(name)} · {kind}'
                            f'{" · source: " + esc(c.source) if c.source else ""}</div>{err_html}')
        parents = [g.cells[p] for p in g.parents[c.index]]
        children = [g.cells[k] for k in g.children[c.index]]
        ups = [g.cell(n) for n in m.upstream_inputs(name) if g.cell(n).link is None]
        self.deps.param.update(items=[chip(d, c.sheet) for d in parents][:MAX_CHIPS], visible=bool(parents))
        self.inputs.param.update(items=[chip(d, c.sheet) for d in ups][:MAX_CHIPS],
                                 visible=bool(ups) and c.kind is not Kind.INPUT)
        users = [chip(d, c.sheet) for d in children][:MAX_CHIPS] or [
            {"key": "", "label": "nothing", "title": "No cell uses this one", "kind": "none"}]
        self.users.items = users
        if self.graph_chart is None:
            self.graph_chart = DependencyChart(m)
            self.graph_chart.view.on_msg(self._on_chip)  # a click on a node opens it, as a chip does
            self.content.objects = [self.head, self.depth, self.latex, self.deps, self.inputs, self.users,
                                    self.graph_chart.view]
        self.graph_chart.model = m
        self.graph_chart.show(name, s.depth)
        self.hint.visible, self.content.visible = False, True

    def _on_changed(self, event) -> None:
        if self.names & event.new:
            self.guard(self.render)

    @action
    def _on_chip(self, msg) -> None:
        data = getattr(msg, "data", msg)
        key = data.get("open") if isinstance(data, dict) else None
        g = self.model.graph
        if key in g.index:
            self.session.open(sheet=g.cell(key).sheet, trace=key)
