"""The Compare card: pin the current scenario as A, keep editing (B), and see every result of the
open sheet that differs as A → B, with the attribution `napkin diff` computes
(model.analysis.diff_scenarios: each changed input's factor or share). Worked out after the
results are on screen (a HeavyCard)."""

from __future__ import annotations

import panel as pn

from dashboards import style
from dashboards.cards.base import HeavyCard, action, esc, unit_text
from dashboards.cards.sensitivity import INSIGHT_CSS
from model import Kind, format_number
from model.analysis import diff_scenarios, scenario_from_model

MAX_CONTRIBUTIONS = 3


def _value(v, unit: str) -> str:
    if isinstance(v, str) or v is None:
        return esc(v if v is not None else "—")
    u = unit_text(unit)
    return f"{esc(format_number(v))}{' <span class=u>' + esc(u) + '</span>' if u else ''}"


def compare_html(diff, sheet: str) -> str:
    """A table of the diff's changed outputs: name, A → B, ratio, the largest contributions."""
    if not diff.outputs:
        return '<div class="hint">No result on this sheet differs from the pinned scenario A.</div>'
    rows = []
    for o in diff.outputs:
        short = o.name.split(".", 1)[1] if o.name.startswith(sheet + ".") else o.name
        ratio = "" if o.ratio is None else f"×{esc(format_number(o.ratio, 3))}"
        parts = []
        for c in o.contributions[:MAX_CONTRIBUTIONS]:
            share = f"×{format_number(c.factor, 3)}" if c.factor is not None else f"{c.delta:+.3g}"
            parts.append(f'<span class="mono">{esc(c.input)}</span> {esc(share)}')
        rows.append(f'<tr data-cell="{esc(o.name)}"><td class="mono">{esc(short)}</td>'
                    f'<td class="num">{_value(o.a, o.unit)} → {_value(o.b, o.unit)}</td>'
                    f'<td class="num">{ratio}</td><td>{"; ".join(parts)}</td></tr>')
    return ("<table><tr><th>result</th><th>A → B</th><th>ratio</th><th>because of</th></tr>"
            + "".join(rows) + "</table>")


class CompareCard(HeavyCard):
    """Pinned scenario A against the session's current values (B)."""

    title = "Compare"
    css = "napkin-compare-card"

    def body(self):
        self.pin = pn.widgets.Button(label="Pin these values as A", color="light", css_classes=["napkin-pin"],
                                     margin=(0, 4))
        self.unpin = pn.widgets.Button(label="Unpin", color="light", css_classes=["napkin-unpin"], margin=(0, 4),
                                       visible=False)
        self.html = pn.pane.HTML('<div class="hint">Pin the current values, change inputs, and every result '
                                 "that moved is listed here as A → B with what caused it.</div>",
                                 sizing_mode="stretch_width", stylesheets=[style.ROW_CSS, INSIGHT_CSS],
                                 css_classes=["napkin-compare"])
        return [pn.Row(self.pin, self.unpin, margin=0), self.html]

    def __init__(self, **params):
        super().__init__(**params)
        self.pinned = None
        self.diff = None
        self.pin.on_click(action(lambda *_e: self.pin_now()))
        self.unpin.on_click(action(lambda *_e: self.pin_now(clear=True)))
        s = self.session
        s.param.watch(self.soon(lambda: self.pinned is not None and self.request()), "sheet")
        s.param.watch(lambda *_e: self.pinned is not None and self.request(), "changed")

    def pin_now(self, *, clear: bool = False) -> None:
        """Pin the current overrides as scenario A (or unpin)."""
        self.pinned = None if clear else scenario_from_model(self.model, "A")
        self.unpin.visible = not clear
        self.request()

    def plan(self):
        if self.pinned is None:
            return None
        sheet = self.session.sheet
        outs = tuple(c.name for c in self.model.graph.sheet_cells(sheet) if c.kind is not Kind.INPUT)
        return self.pinned, sheet, outs

    def compute(self, model, plan):
        pinned, sheet, outs = plan
        return diff_scenarios(model.graph, pinned, scenario_from_model(model, "B"), outputs=list(outs))

    def show(self, plan, result) -> None:
        self.diff = result
        if plan is None:
            self.html.object = ('<div class="hint">Pin the current values, change inputs, and every result '
                                "that moved is listed here as A → B with what caused it.</div>")
            return
        n = len(result.inputs)
        head = (f'<div class="for">A: pinned values · B: now · {n} input{"s" if n != 1 else ""} differ'
                f'{": " + esc(", ".join(i["name"] for i in result.inputs[:6])) if n else ""}</div>')
        self.html.object = head + compare_html(result, plan[1])
