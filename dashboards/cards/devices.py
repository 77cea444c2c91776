"""The Devices card: one drop-down per device choice of the open sheet (`p03.gpu`), above the other
cards. Picking a member is an edit like any other (`Session.edit`), so the recompute, the link
(`?sheet=p03&p03.gpu=gpu_h100`), undo and the scenario file carry it; the card is hidden on
sheets without a choice."""

from __future__ import annotations

import panel as pn

from dashboards import style
from dashboards.cards.base import Card, action, esc
from dashboards.logic import css_class


class DeviceRow:
    """A drop-down of a family's members for one device choice cell, with what it feeds."""

    def __init__(self, card: DevicesCard, name: str):
        self.card, self.name = card, name
        m = card.model
        c = self.cell = m.cell(name)
        options = {f"{k} — {m.graph.sheets[k].title}": k for k in c.choice.members}
        self.shown = m.value(name)
        self.widget = pn.widgets.Select(name=f"{c.doc or c.short} ({c.short})", options=options, value=self.shown,
                                        css_classes=[css_class(name), "napkin-device"], width=340, margin=(0, 8, 0, 0))
        self.widget.param.watch(self._on_pick, "value")
        self.foot = pn.pane.HTML(self._foot_html(), margin=(2, 0, 0, 0), stylesheets=[style.ROW_CSS])
        self.layout = pn.Column(self.widget, self.foot, margin=(0, 12, 4, 0), css_classes=["device-choice"])

    def _foot_html(self) -> str:
        c, m = self.cell, self.card.model
        reads = [x.short for x in m.graph.sheet_cells(c.sheet)
                 if x.lookup is not None and x.lookup.choice_name == c.name]
        state = f"changed from the default {esc(c.decl.member)}" if m.is_overridden(self.name) else "default"
        out = (f'<div class="meta"><span class="mono">{esc(c.name)}</span> · {state} · family '
               f'{esc(c.choice.family)} · feeds {esc(", ".join(reads))}</div>')
        rejected = self.card.session.rejected.get(self.name)  # (text, message)
        if rejected:
            out += f'<div class="error" role="alert">{esc(rejected[1])}</div>'
        return out

    @action
    def _on_pick(self, event) -> None:
        if event.new is None or event.new == self.shown:
            return  # the card's own write of the model's member, not a pick
        self.card.session.edit(self.name, event.new)

    def update(self) -> None:
        """Show the model's current member and state."""
        self.shown = self.card.model.value(self.name)
        if self.widget.value != self.shown:
            self.widget.value = self.shown
        foot = self._foot_html()
        if self.foot.object != foot:
            self.foot.object = foot


class DevicesCard(Card):
    """The open sheet's device choices; hidden when it has none."""

    title = "Hardware"
    css = "napkin-devices"

    def body(self):
        self.row = pn.FlexBox(flex_wrap="wrap", sizing_mode="stretch_width", margin=0)
        return [self.row]

    def __init__(self, **params):
        super().__init__(**params)
        self.rows: dict[str, DeviceRow] = {}
        s = self.session
        s.param.watch(lambda *_e: self.guard(self.build), ["sheet", "graph_version"])
        s.param.watch(self._on_changed, ["changed", "rejected"])
        self.guard(self.build)

    def build(self) -> None:
        """One drop-down per device choice of the session's sheet."""
        g = self.model.graph
        choices = [c.name for c in g.sheet_cells(self.session.sheet) if c.choice is not None]
        self.rows = {n: DeviceRow(self, n) for n in choices}
        self.row.objects = [r.layout for r in self.rows.values()]
        self.card.visible = bool(choices)

    def _on_changed(self, event) -> None:
        if self.rows:
            self.guard(lambda: [r.update() for r in self.rows.values()])
