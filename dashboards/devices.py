"""Device choices in the dashboard: one drop-down per choice, shown above the sheet's cards.

`DeviceChoice` has the interface the app uses for an input row (widget, layout, refresh,
show_error, reset_shown), so edits go through the same `app.edit` path and the URL carries the
choice like any other override (`?sheet=p03&p03.gpu=gpu_h100`).
"""

from __future__ import annotations

import html

import panel as pn

from dashboards import style
from dashboards.logic import css_class


def _label(graph, member: str) -> str:
    return f"{member} — {graph.sheets[member].title}"


class DeviceChoice:
    """A drop-down of a family's members for one device choice cell."""

    def __init__(self, app, name: str):
        self.app = app
        self.name = name
        m = app.model
        c = m.cell(name)
        self.cell = c
        self.error: str | None = None
        options = {_label(m.graph, k): k for k in c.choice.members}
        self.widget = pn.widgets.Select(label=f"{c.doc or c.short} ({c.short})", options=options, value=m.value(name),
                                        css_classes=[css_class(name), "napkin-device"], width=340, margin=(0, 8, 0, 0))
        self.widget.param.watch(self._on_pick, "value")
        self.foot = pn.pane.HTML(self._foot_html(), margin=(2, 0, 0, 0), stylesheets=[style.ROW_CSS])
        self.layout = pn.Column(self.widget, self.foot, margin=(0, 12, 4, 0), css_classes=["device-choice"])

    @property
    def reset_shown(self) -> bool:
        """Whether the choice differs from the sheet's default device."""
        return self.app.model.is_overridden(self.name)

    def _foot_html(self) -> str:
        c, m = self.cell, self.app.model
        reads = [x.short for x in m.graph.sheet_cells(c.sheet) if x.lookup is not None and x.lookup.choice_name == c.name]
        state = "changed from the default " + html.escape(c.decl.member) if m.is_overridden(self.name) else "default"
        out = (f'<div class="meta"><span class="mono">{html.escape(c.name)}</span> · {state} · family '
               f'{html.escape(c.choice.family)} · feeds {html.escape(", ".join(reads))}</div>')
        if self.error:
            out += f'<div class="error" role="alert">{html.escape(self.error)}</div>'
        return out

    def _on_pick(self, event) -> None:
        if self.app._syncing or event.new is None:
            return
        self.app.edit(self.name, event.new)

    def show_error(self, message: str | None) -> None:
        """Show (or clear) a refused choice's message."""
        self.error = message
        self.foot.object = self._foot_html()

    def refresh(self, changed: bool) -> None:
        """Show the model's current member."""
        v = self.app.model.value(self.name)
        with self.app.syncing():
            if self.widget.value != v:
                self.widget.value = v
        self.foot.object = self._foot_html()
