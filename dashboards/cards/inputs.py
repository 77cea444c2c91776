"""The Inputs card: one row per input of the open sheet (a text box that takes a number or a number
with a unit, its bounds and source, a reset button, the engine's message for a refused value).
A box also takes a range (`3000 to 5000`): the input then carries that uncertainty (Session.edit).

The box the user typed in is never written back: an accepted value stays as typed, a refused one
stays in the box (marked invalid, with the engine's message) so it can be fixed. Boxes are
rewritten only when the model's value moved for another reason (a reset, a scenario, a link).
"""

from __future__ import annotations

import param

from dashboards.cards.base import Card, action, esc, unit_text
from dashboards.components import InputTable
from dashboards.logic import css_class, users_of
from model import Kind, format_number

MAX_USERS = 12


class BoxState(param.Parameterized):
    """What one input's box holds and shows (the browser draws it inside the card's InputTable):
    setting `value` is what typing into the box and pressing Enter does."""

    value = param.String(default="", doc="The box's text.")
    css_classes = param.List(default=[], doc="Classes of the element holding the box.")
    label = param.String(default="", doc="The label above the box.")
    suffix = param.String(default=None, allow_None=True, doc="Unit shown at the right end of the box.")


def input_text(model, name: str) -> str:
    """An input's current value as its box shows it (display unit, up to 10 digits)."""
    v = model.value(name)
    return "" if v is None else format_number(v, 10)


def box_text(session, name: str) -> str:
    """What an input's box shows: its range as typed ('3000 to 5000') or its value."""
    d = session.ranges.get(name)
    return d.box_text() if d is not None else input_text(session.model, name)


def bounds_text(decl, unit: str) -> str | None:
    """An input's bounds in words ('≥ 0 GB/s', '1 … 8'), or None."""
    if decl.lo is None and decl.hi is None:
        return None
    lo = "" if decl.lo is None else format_number(decl.lo, 10)
    hi = "" if decl.hi is None else format_number(decl.hi, 10)
    if decl.hi is None:
        return f"{'>' if decl.strict_lo else '≥'} {lo} {unit}".strip()
    if decl.lo is None:
        return f"≤ {hi} {unit}".strip()
    return f"{lo} … {hi} {unit}".strip()


class InputRow:
    """One input's state; `update()` follows the model, setting `widget.value` sends typed text."""

    def __init__(self, card: InputsCard, name: str, users: list[str] | None):
        self.card = card
        self.name = name
        c = card.model.cell(name)
        self.cell = c
        self.users = users
        self.shown = box_text(card.session, name)  # what the box was last given by the dashboard
        self.write = 0  # moves when the dashboard rewrites the box
        self.widget = BoxState(value=self.shown, label=c.doc or c.short, suffix=unit_text(c.unit.text) or None,
                               css_classes=self._classes())
        self.widget.param.watch(self._on_edit, "value")
        self.foot = self._foot_html()

    @property
    def error(self) -> str | None:
        """The engine's message for the value last refused, if any."""
        r = self.card.session.rejected.get(self.name)
        return r[1] if r else None

    @property
    def reset_shown(self) -> bool:
        """Whether the reset button is shown (the input is overridden)."""
        return self.card.model.is_overridden(self.name)

    def data(self) -> dict:
        """The row as the InputTable draws it."""
        w = self.widget
        return {"name": self.name, "cls": css_class(self.name), "label": w.label, "unit": w.suffix or "",
                "text": self.shown, "write": self.write, "classes": w.css_classes[2:], "reset": self.reset_shown,
                "reset_title": f"Reset {self.name} to its default", "foot": self.foot}

    def _classes(self) -> list[str]:
        m = self.card.model
        out = [css_class(self.name), "napkin-input"]
        if m.is_overridden(self.name):
            out.append("edited")
        if self.name in self.card.session.rejected:
            out.append("invalid")
        if self.name in self.card.session.ranges:
            out.append("ranged")
        return out

    def _foot_html(self) -> str:
        c, m = self.cell, self.card.model
        d = c.decl
        bits = [f'<span class="mono">{esc(c.name)}</span>']
        b = bounds_text(d, unit_text(c.unit.text))
        if b:
            bits.append(esc(b))
        if d.integer:
            bits.append("whole number")
        if c.link:
            state = "overridden; ↺ restores the link" if m.is_overridden(self.name) else "linked"
            bits.append(f'{state} to <span class="mono">{esc(c.link)}</span>')
        elif m.is_overridden(self.name):
            bits.append('<span class="edited-note">changed from the default</span>')
        if d.illustrative:
            bits.append("illustrative value")
        dist = self.card.session.ranges.get(self.name)
        if dist is not None:
            lo, hi = dist.low_high()
            what = "uniform" if dist.kind == "uniform" else dist.kind
            bits.append(f'<span class="range-note">range ({esc(what)}) {esc(format_number(lo))} … '
                        f'{esc(format_number(hi))}: results show P5–P95; the point value is '
                        f'{esc(format_number(dist.center()))}</span>')
        out = f'<div class="meta">{" · ".join(bits)}</div>'
        if c.source:
            out += f'<div class="source" title="{esc(c.source)}">source: {esc(c.source)}</div>'
        if d.note:
            out += f'<div class="note">{esc(d.note)}</div>'
        if self.users is not None:
            shown = ", ".join(self.users[:MAX_USERS]) + (" …" if len(self.users) > MAX_USERS else "")
            out += f'<div class="used">used by {esc(shown) if self.users else "nothing"}</div>'
        if self.error:
            out += f'<div class="error" role="alert">{esc(self.error)}</div>'
        return out

    @action
    def _on_edit(self, event) -> None:
        if event.new == self.shown and self.name not in self.card.session.rejected:
            return  # the dashboard's own write of the model's value, not a user's edit
        self.card.session.edit(self.name, event.new)

    def update(self, *, value: bool) -> None:
        """Follow the model's state; rewrite the box only when `value` (moved for another reason)."""
        if value:
            text = box_text(self.card.session, self.name)
            if self.widget.value != text or self.shown != text:
                self.shown = text
                self.write += 1
                self.widget.value = text
        else:
            self.shown = self.widget.value
        self.widget.css_classes = self._classes()
        self.foot = self._foot_html()


class InputsCard(Card):
    """Every input of the open sheet, drawn by one InputTable."""

    title = "Inputs"
    css = "napkin-inputs-card"

    def body(self):
        self.table = InputTable(sizing_mode="stretch_width", margin=(0, 4), css_classes=["napkin-input-table"])
        self.table.on_msg(self._on_msg)
        return [self.table]

    def __init__(self, **params):
        super().__init__(**params)
        self.rows: dict[str, InputRow] = {}
        s = self.session
        s.param.watch(lambda *_e: self.guard(self.build), ["sheet", "graph_version"])
        s.param.watch(self._on_changed, "changed")
        s.param.watch(self._on_rejected, "rejected")
        self.guard(self.build)

    def build(self) -> None:
        """One row per input of the session's sheet."""
        g, m, sid = self.model.graph, self.model, self.session.sheet
        inputs = [c for c in g.sheet_cells(sid) if c.kind is Kind.INPUT and c.choice is None]  # choices: DevicesCard
        spec = g.sheets[sid].kind == "spec"
        self.rows = {c.name: InputRow(self, c.name, users_of(m, c.name) if spec else None) for c in inputs}
        self._push()

    def _push(self) -> None:
        """Send every row's state to the browser (one small list; unchanged rows are not redrawn)."""
        self.table.rows = [r.data() for r in self.rows.values()]

    @action
    def _on_msg(self, msg) -> None:
        data = getattr(msg, "data", msg)
        if not isinstance(data, dict):
            return
        row = self.rows.get(data.get("edit") or data.get("reset"))
        if row is None:
            return
        if "edit" in data:
            row.widget.value = str(data.get("text", ""))
        else:
            self.session.reset([row.name])

    def _on_changed(self, event) -> None:
        touched = [r for n, r in self.rows.items() if n in event.new]
        if touched:
            edited = self.session.edited
            # the box the user typed in keeps their text; others show the model's new value
            self.guard(self._update, [(r, r.name not in edited or not self.model.is_overridden(r.name))
                                      for r in touched])

    def _update(self, rows: list[tuple[InputRow, bool]]) -> None:
        for r, value in rows:
            r.update(value=value)
        self._push()

    def _on_rejected(self, event) -> None:
        names = {n for n in set(event.new) | set(event.old) if event.new.get(n) != event.old.get(n)}
        if event.old is event.new or event.old == event.new:  # a trigger: redraw every flagged row
            names = set(self.rows)
        rows = [self.rows[n] for n in names if n in self.rows]
        if rows:
            self.guard(self._update, [(r, False) for r in rows])
