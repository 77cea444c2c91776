"""The status line: what the last action changed, and links to the sheets it reached."""

from __future__ import annotations

import panel as pn

from dashboards import style
from dashboards.cards.base import Card, action, esc
from dashboards.components import ChipList
from dashboards.logic import affected_sheets

MAX_CHIPS = 24


class StatusCard(Card):
    """'Set X to Y: N other cells changed in M sheets', with one chip per sheet reached."""

    title = "Status"
    css = "napkin-status-card"

    def body(self):
        self.text = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS],
                                 css_classes=["napkin-status"], margin=(0, 10))
        self.chips = ChipList(sizing_mode="stretch_width", css_classes=["napkin-affected"], margin=(0, 10))
        self.chips.on_msg(self._on_chip)
        return [self.text, self.chips]

    def __init__(self, **params):
        super().__init__(**params)
        self.layout = pn.Column(self.problem, self.text, self.chips, sizing_mode="stretch_width", margin=0)
        s = self.session
        s.param.watch(lambda *_e: self.guard(self.render), "changed")
        s.param.watch(lambda *_e: self.guard(self.render_action), "action")

    def __panel__(self):
        return self.layout  # a line under the header, not a card

    def render(self) -> None:
        """Describe the last batch of changes."""
        s = self.session
        changed, edited = s.changed, s.edited
        by_sheet = affected_sheets(s.model.graph, changed)
        n_other = len(changed - edited)
        n_sheets = len(by_sheet)
        self.text.object = (f'<div class="status">{esc(s.action)}: <b>{n_other}</b> other cell'
                            f'{"s" if n_other != 1 else ""} changed in <b>{n_sheets}</b> '
                            f'sheet{"s" if n_sheets != 1 else ""}.</div>')
        self.chips.items = [
            {"key": sid, "label": f"{sid} ({len(names)})", "title": ", ".join(names[:20]), "kind": "sheet"}
            for sid, names in list(by_sheet.items())[:MAX_CHIPS]]

    def render_action(self) -> None:
        """An action that changed nothing (its text says so)."""
        self.text.object = f'<div class="status">{esc(self.session.action)}</div>'
        self.chips.items = []

    @action
    def _on_chip(self, msg) -> None:
        data = getattr(msg, "data", msg)
        key = data.get("open") if isinstance(data, dict) else None
        if key in self.model.graph.sheets:
            self.session.sheet = key
