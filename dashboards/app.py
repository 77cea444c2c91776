"""Napkin's dashboard: every sheet, its inputs as widgets, outputs that move, derivations in LaTeX.

Serve it with `napkin serve` or `panel serve dashboards/app.py`. `create_app(graph)` builds one
session: its own `Model` over the shared compiled graph, so one session's edits never reach
another. Widgets come from the model's metadata; every number shown comes from the model.

Contract (ARCHITECTURE.md §6): `/?sheet=p03` opens sheet p03; the widget of input
`p03.batch_size` carries CSS class `cell-p03--batch_size`, and so does the element showing the
value of each calc or verdict. More query keys `SHEET.CELL=VALUE` set inputs (`p34.batch_size=8`).
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import tempfile
import time
from collections.abc import Mapping

import panel as pn
import param
from panel.io.document import unlocked
from panel.io.resources import CDN_DIST
from panel.models.katex import KaTeX
from panel.theme import Fast

from dashboards import style
from dashboards.charts import DependencyChart, RooflineChart, SweepChart
from dashboards.components import ChipList, Navigator, OutputTable
from dashboards.devices import DeviceChoice
from dashboards.insight import Insight
from dashboards.logic import (
    affected_sheets,
    apply_scenario,
    css_class,
    default_sheet,
    model_link_query,
    parse_query,
    rooflines,
    scenario_bytes,
    search_sheets,
    sheet_groups,
    users_of,
)
from model import Graph, InputError, Kind, Model, closure, display_unit, format_number, latex_name, trace

pn.extension("katex", raw_css=[style.PAGE_CSS], notifications=False)


class OfflineFast(Fast):
    """Panel's Fast design without its web font (system fonts instead): nothing from the internet.

    Relative resource paths are spelled as Panel's own bundle paths so they resolve as Fast's do.
    """

    _resources = {
        kind: ({k: (v if v.startswith(("http", "//")) else f"{CDN_DIST}bundled/fast/{v}") for k, v in res.items()}
               if isinstance(res, dict) and kind != "tarball" else res)
        for kind, res in Fast._resources.items() if kind != "font"
    }


MAX_CHIPS = 24


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _msg(event) -> dict:
    """The payload of a component message (`on_msg` passes the event; tests may pass the dict)."""
    data = getattr(event, "data", event)
    return data if isinstance(data, dict) else {}


def _unit(text: str) -> str:
    return display_unit(text)


def input_text(model: Model, name: str) -> str:
    """An input's current value as the widget shows it (display unit, up to 10 digits)."""
    v = model.value(name)
    return "" if v is None else format_number(v, 10)


def workbook_writer():
    """Return the Excel exporter's `write_workbook(model, path)`, or None if it is not installed."""
    try:
        from exports.workbook import write_workbook
    except ImportError:
        return None
    return write_workbook


def one_patch():
    """Hold the session document's changes and send them as one combined patch on exit.

    Without it every widget, pane and chart property an edit touches goes to the browser as its
    own websocket message, each applied (and laid out) separately. Outside a server session
    (tests, scripts) it does nothing.
    """
    doc = pn.state.curdoc
    if doc is None or doc.session_context is None:
        return contextlib.nullcontext()
    return pn.io.hold(doc)


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


class HTMLPane(pn.pane.HTML):
    """`pn.pane.HTML` whose content updates send the new text only.

    Panel (1.9) re-sends all of an HTML pane's properties when its `object` changes, and on the
    first change the stylesheets differ from those it was rendered with (one more theme sheet):
    the browser then restyles and re-lays out the page and the server re-walks the document's
    models, about 0.1 s of each for every pane's first update. The object decides only the text.
    """

    def _update(self, ref, model) -> None:
        model.update(text=self._get_properties(model.document)["text"])


class UnitInput(pn.widgets.TextInput):
    """A text input showing its unit inside the box (Bokeh's TextInput suffix)."""

    suffix = param.String(default=None, allow_None=True, doc="Unit shown at the right end of the box.")


class InputRow:
    """One input: its doc, a text widget (number, or number with unit), unit, reset, messages."""

    def __init__(self, app: NapkinApp, name: str):
        self.app = app
        self.name = name
        m = app.model
        c = m.cell(name)
        self.cell = c
        self.widget = UnitInput(
            value=input_text(m, name), label=c.doc or c.short, suffix=_unit(c.unit.text) or None,
            css_classes=[css_class(name), "napkin-input"], width=300, margin=(0, 4, 0, 0),
            stylesheets=[style.INPUT_CSS], description=None,
        )
        self.widget.param.watch(self._on_edit, "value")
        # Always in the layout, hidden by a class while the input has its default: showing it by
        # toggling `visible` would re-lay out the whole page in the browser at the first edit.
        self.reset = pn.widgets.Button(label="↺", width=34, height=31, margin=(0, 0, 0, 2), align="end",
                                       color="light", description=f"Reset {name} to its default",
                                       css_classes=self._reset_classes(m.is_overridden(name)),
                                       stylesheets=[style.RESET_CSS])
        self.reset.on_click(lambda _e: app.reset_inputs([name]))
        self.foot = HTMLPane(self._foot_html(None), margin=(2, 0, 0, 0), stylesheets=[style.ROW_CSS],
                             sizing_mode="stretch_width")
        self.error: str | None = None
        self.layout = pn.Column(pn.Row(self.widget, self.reset, margin=0), self.foot,
                                margin=(6, 0, 8, 0), sizing_mode="stretch_width", css_classes=["input-row"])

    @staticmethod
    def _reset_classes(shown: bool) -> list[str]:
        return ["napkin-reset"] if shown else ["napkin-reset", "idle"]

    @property
    def reset_shown(self) -> bool:
        """Whether the reset button is shown (the input is overridden)."""
        return "idle" not in self.reset.css_classes

    def _foot_html(self, error: str | None) -> str:
        c, m = self.cell, self.app.model
        d = c.decl
        bits = [f'<span class="mono">{_esc(c.name)}</span>']
        unit = _unit(c.unit.text)
        if d.lo is not None or d.hi is not None:
            lo = "" if d.lo is None else format_number(d.lo, 10)
            hi = "" if d.hi is None else format_number(d.hi, 10)
            if d.hi is None:
                bits.append(f"{'&gt;' if d.strict_lo else '≥'} {lo} {_esc(unit)}".strip())
            elif d.lo is None:
                bits.append(f"≤ {hi} {_esc(unit)}".strip())
            else:
                bits.append(f"{lo} … {hi} {_esc(unit)}".strip())
        if d.integer:
            bits.append("whole number")
        if c.link:
            state = "overridden; ↺ restores the link" if m.is_overridden(self.name) else "linked"
            bits.append(f'{state} to <span class="mono">{_esc(c.link)}</span>')
        elif m.is_overridden(self.name):
            bits.append("changed from the default")
        if d.illustrative:
            bits.append("illustrative value")
        meta = " · ".join(bits)
        out = f'<div class="meta">{meta}</div>' if meta else ""
        if c.source:
            out += f'<div class="source" title="{_esc(c.source)}">source: {_esc(c.source)}</div>'
        if d.note:
            out += f'<div class="note">{_esc(d.note)}</div>'
        users = self.app.users.get(self.name)
        if users:
            out += f'<div class="used">used by {_esc(", ".join(users[:12]))}{" …" if len(users) > 12 else ""}</div>'
        if error:
            out += f'<div class="error" role="alert">{_esc(error)}</div>'
        return out

    def _on_edit(self, event) -> None:
        if self.app._syncing:
            return
        self.app.edit(self.name, event.new)

    def show_error(self, message: str | None) -> None:
        """Show (or clear) the engine's message under the widget."""
        if message == self.error:
            return
        self.error = message
        classes = [css_class(self.name), "napkin-input"] + (["invalid"] if message else [])
        self.widget.css_classes = classes
        self.foot.object = self._foot_html(message)

    def refresh(self, changed: bool) -> None:
        """Show the model's current value (the last good one), override state and highlight."""
        m = self.app.model
        text = input_text(m, self.name)
        with self.app.syncing():
            if self.widget.value != text:
                self.widget.value = text
        reset_classes = self._reset_classes(m.is_overridden(self.name))
        if self.reset.css_classes != reset_classes:
            self.reset.css_classes = reset_classes
        classes = [css_class(self.name), "napkin-input"]
        if self.error:
            classes.append("invalid")
        if changed:
            classes.append("changed")
        if self.widget.css_classes != classes:
            self.widget.css_classes = classes
        self.foot.object = self._foot_html(self.error)


class NapkinApp:
    """One dashboard session over its own Model. `template` is what the server shows."""

    def __init__(self, graph: Graph | None = None, *, query: Mapping[str, object] | None = None):
        if graph is None:
            from sheets import default_graph

            graph = default_graph()
        self.graph = graph
        self.model = Model(graph)
        self._syncing = False
        self.last_changed: frozenset[str] = frozenset()
        self._edited: set[str] = set()
        self._action = "Edit"
        self.last_edit_seconds: float | None = None
        self.rows: dict[str, InputRow] = {}
        self.users: dict[str, list[str]] = {}
        self.trace_name: str | None = None
        self.trace_depth: int | None = 1
        self.sheet_id = default_sheet(graph)
        self.model.observe(self._on_change)

        # -- sidebar
        self.search = pn.widgets.TextInput(placeholder="Search: id, title or cell name", sizing_mode="stretch_width",
                                           css_classes=["napkin-search"], margin=(4, 4, 4, 4))
        self.search.param.watch(self._on_search, "value_input")
        self.nav = Navigator(groups=self._nav_groups(), selected=self.sheet_id, sizing_mode="stretch_width",
                             margin=(0, 4))
        self.nav.on_msg(self._on_nav)

        # -- session tools
        self.reset_all = pn.widgets.Button(label="Reset all inputs", color="default", sizing_mode="stretch_width",
                                           css_classes=["napkin-reset-all"], margin=(4, 4))
        self.reset_all.on_click(lambda _e: self.reset_inputs(None))
        self.download_xlsx = pn.widgets.FileDownload(
            callback=self.workbook_bytes, filename="napkin.xlsx", label="Download Excel workbook",
            color="primary", sizing_mode="stretch_width", css_classes=["napkin-xlsx"], margin=(4, 4),
            embed=False)
        self.download_scenario = pn.widgets.FileDownload(
            callback=lambda: io.BytesIO(scenario_bytes(self.model)), filename="napkin-scenario.json",
            label="Download scenario", color="default", sizing_mode="stretch_width",
            css_classes=["napkin-scenario-download"], margin=(4, 4), embed=False)
        self.upload = pn.widgets.FileInput(accept=".json", multiple=False, sizing_mode="stretch_width",
                                           css_classes=["napkin-scenario-upload"], margin=(4, 4))
        self.upload.param.watch(self._on_upload, "value")
        self.session_msg = HTMLPane("", sizing_mode="stretch_width", css_classes=["napkin-session-msg"],
                                    stylesheets=[style.ROW_CSS], margin=(4, 4))
        self.link = pn.widgets.TextInput(label="Link to this view", value="", sizing_mode="stretch_width",
                                         css_classes=["napkin-link"], margin=(4, 4))

        # -- main
        self.alert = HTMLPane("", visible=False, sizing_mode="stretch_width", css_classes=["napkin-alert"],
                              stylesheets=[style.ROW_CSS])
        self.header = HTMLPane("", sizing_mode="stretch_width", stylesheets=[style.HEADER_CSS],
                               css_classes=["napkin-header"])
        self.status = HTMLPane("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS],
                               css_classes=["napkin-status"], margin=(0, 10))
        self.devices_bar = pn.Row(sizing_mode="stretch_width", margin=(0, 10), visible=False,
                                  css_classes=["napkin-devices"])  # one drop-down per device choice
        self.status_chips = ChipList(sizing_mode="stretch_width", css_classes=["napkin-affected"], margin=(0, 10))
        self.status_chips.on_msg(self._on_chip)
        self.inputs_col = pn.Column(sizing_mode="stretch_width", margin=0)
        self.outputs = OutputTable(sizing_mode="stretch_width", css_classes=["napkin-outputs"])
        self.outputs.on_msg(self._on_output)

        # -- derivation
        self.trace_head = HTMLPane("", sizing_mode="stretch_width", stylesheets=[style.ROW_CSS])
        self.depth = pn.widgets.RadioButtonGroup(options={"1 level": 1, "2 levels": 2, "to the inputs": None},
                                                 value=1, color="light", css_classes=["napkin-depth"])
        self.depth.param.watch(self._on_depth, "value")
        self.latex = pn.pane.LaTeX("", renderer="katex", sizing_mode="stretch_width", css_classes=["napkin-trace"],
                                   stylesheets=[*KaTeX.__css__, style.LATEX_CSS])  # KaTeX's CSS inside the shadow root
        self.trace_deps = ChipList(label_text="from", sizing_mode="stretch_width", css_classes=["napkin-trace-deps"])
        self.trace_inputs = ChipList(label_text="inputs", sizing_mode="stretch_width",
                                     css_classes=["napkin-trace-inputs"])
        self.trace_users = ChipList(label_text="used by", sizing_mode="stretch_width",
                                    css_classes=["napkin-trace-users"])
        for chips in (self.trace_deps, self.trace_inputs, self.trace_users):
            chips.on_msg(self._on_chip)
            chips.margin = (3, 10)
        self.depgraph = DependencyChart(self.model)
        self.depgraph_pane = pn.pane.Bokeh(self.depgraph.fig, sizing_mode="stretch_width")
        self.trace_body = pn.Column(self.trace_head, self.depth, self.latex, self.trace_deps, self.trace_inputs,
                                    self.trace_users, self.depgraph_pane, sizing_mode="stretch_width", visible=False)
        self.trace_hint = HTMLPane('<div class="hint">Click any output or verdict to see how it is derived: '
                                   "the formula, the same with today's values, the result.</div>",
                                   stylesheets=[style.ROW_CSS], sizing_mode="stretch_width")

        # -- charts
        self.roofline: RooflineChart | None = None
        self.roofline_pane = pn.pane.Bokeh(None, sizing_mode="stretch_width", css_classes=["napkin-roofline"])
        self.roofline_card = pn.Card(self.roofline_pane, title="Roofline", width=450,
                                     visible=False, collapsible=False, stylesheets=[style.CARD_CSS],
                                     css_classes=["napkin-roofline-card"])
        self.sweep = SweepChart(self.model)
        self.sweep_output = pn.widgets.Select(label="Output", options={}, width=260, css_classes=["napkin-sweep-output"])
        self.sweep_input = pn.widgets.Select(label="over input", options={}, width=260, css_classes=["napkin-sweep-input"])
        self.sweep_output.param.watch(self._on_sweep_output, "value")
        self.sweep_input.param.watch(lambda _e: self._update_sweep(), "value")
        self.sweep_pane = pn.pane.Bokeh(self.sweep.fig, sizing_mode="stretch_width", css_classes=["napkin-sweep"])
        # -- sensitivity and regimes of the selected cell; regime boundaries marked on the sweep
        self.insight = Insight(self.model, self.sweep.fig)
        self.sweep_card = pn.Card(pn.Row(self.sweep_output, self.sweep_input), self.sweep_pane, title="Sweep",
                                  sizing_mode="stretch_width", collapsible=False, stylesheets=[style.CARD_CSS])

        self.inputs_card = pn.Card(self.inputs_col, title="Inputs", width=450, collapsible=False,
                                   stylesheets=[style.CARD_CSS], css_classes=["napkin-inputs-card"])
        self.outputs_card = pn.Card(self.outputs, title="Results", sizing_mode="stretch_width", collapsible=False,
                                    stylesheets=[style.CARD_CSS], css_classes=["napkin-outputs-card"])
        self.trace_card = pn.Card(self.trace_hint, self.trace_body, title="Derivation", sizing_mode="stretch_width",
                                  collapsible=False, stylesheets=[style.CARD_CSS], css_classes=["napkin-trace-card"])

        self.template = self._template()

        link = parse_query(graph, query or {})
        problems = list(link.problems)
        if link.sheet:
            self.sheet_id = link.sheet
        if link.overrides:
            try:
                self.model.set_many(link.overrides)
            except InputError as exc:
                problems.append(f"The link's values were not applied: {exc}")
        self.show_sheet(self.sheet_id)
        if query and query.get("trace"):
            name = query["trace"]
            name = name[-1] if isinstance(name, list) else name
            name = name.decode() if isinstance(name, bytes) else str(name)
            if name in graph.index:
                self.show_trace(name)
        self._set_alert(problems)

    # ---- layout ---------------------------------------------------------------------------
    def _template(self):
        sidebar = [
            self.search, self.nav,
            HTMLPane('<div class="side-heading">This session</div>', stylesheets=[style.ROW_CSS], margin=(8, 4, 0, 4)),
            self.reset_all, self.download_xlsx, self.download_scenario,
            HTMLPane('<div class="side-label">Load a scenario file (.json)</div>', stylesheets=[style.ROW_CSS],
                     margin=(4, 4, 0, 4)),
            self.upload, self.session_msg, self.link,
        ]
        main = pn.Column(
            self.alert, self.header, self.devices_bar, self.status, self.status_chips,
            pn.Row(pn.Column(self.inputs_card, self.roofline_card, width=460, margin=0),
                   pn.Column(self.outputs_card, self.trace_card, self.insight.sensitivity.card,
                             self.insight.regimes.card, self.sweep_card,
                             sizing_mode="stretch_width", margin=0),
                   sizing_mode="stretch_width", margin=0),
            sizing_mode="stretch_width", css_classes=["napkin-main"],
        )
        return pn.template.FastListTemplate(
            title="Napkin", sidebar=sidebar, main=[main], accent_base_color=style.ACCENT,
            header_background=style.HEADER, font=style.FONT, font_url="", theme_toggle=False,
            sidebar_width=300, main_layout=None, shadow=False, corner_radius=8, design=OfflineFast,
            # Panel's busy spinner follows one process-wide flag and is shared by every template:
            # one session's edit would set it spinning, and send patches, in every open session.
            busy_indicator=None,
        )

    def servable(self, title: str = "Napkin"):
        """Mark the session's template servable (for `panel serve dashboards/app.py`)."""
        return self.template.servable(title=title)

    # ---- navigation -------------------------------------------------------------------------
    def _nav_groups(self) -> list[dict]:
        sheets = self.graph.sheets
        return [{"heading": heading, "items": [{"id": sid, "title": sheets[sid].title, "kind": sheets[sid].kind}
                                               for sid in ids]}
                for heading, ids in sheet_groups(self.graph)]

    def _on_search(self, event) -> None:
        query = (event.new or "").strip()
        self.nav.visible = None if not query else search_sheets(self.graph, query)

    def _on_nav(self, msg) -> None:
        sid = _msg(msg).get("open")
        if sid in self.graph.sheets:
            self.show_sheet(sid)

    def _on_chip(self, msg) -> None:
        key = _msg(msg).get("open")
        if key in self.graph.sheets:
            self.show_sheet(key)
        elif key in self.graph.index:
            c = self.graph.cell(key)
            if c.kind is Kind.INPUT and (c.link is None or self.model.is_overridden(key)):
                self.show_sheet(c.sheet)
                self.show_trace(key)
            else:
                if c.sheet != self.sheet_id:
                    self.show_sheet(c.sheet)
                self.show_trace(key)

    def show_sheet(self, sheet_id: str) -> None:
        """Open a sheet: rebuild its inputs, outputs and charts from the model."""
        with one_patch():
            self._show_sheet(sheet_id)

    def _show_sheet(self, sheet_id: str) -> None:
        g, m = self.graph, self.model
        sd = g.sheets[sheet_id]
        self.sheet_id = sheet_id
        cells = g.sheet_cells(sheet_id)
        inputs = [c for c in cells if c.kind is Kind.INPUT]
        self.users = {c.name: users_of(m, c.name) for c in inputs} if sd.kind == "spec" else {}
        self.rows = {c.name: (DeviceChoice(self, c.name) if c.choice is not None else InputRow(self, c.name))
                     for c in inputs}
        choices = [r for r in self.rows.values() if isinstance(r, DeviceChoice)]
        self.devices_bar.objects = [r.layout for r in choices]
        self.devices_bar.visible = bool(choices)
        where = f"Chapter {sd.chapter} · {sd.section}" if sd.chapter else sd.section
        kind = {"problem": "Problem", "exercise": "Exercise", "spec": "Spec sheet"}.get(sd.kind, sd.kind)
        question = "".join(f"<p>{_esc(p)}</p>" for p in (sd.question or "").split("\n\n") if p.strip())
        self.header.object = (
            f'<div class="kicker"><span class="sid">{_esc(sheet_id)}</span> {_esc(kind)} · {_esc(where)}</div>'
            f'<h1>{_esc(sd.title)}</h1><div class="question">{question}</div>')
        self.inputs_col.objects = [r.layout for r in self.rows.values() if not isinstance(r, DeviceChoice)] or [
            HTMLPane('<div class="hint">This sheet has no inputs of its own.</div>', stylesheets=[style.ROW_CSS])]
        self.outputs.param.update(rows=self._output_rows(cells), changed=[], selected=self.trace_name or "")
        self.outputs_card.visible = any(c.kind is not Kind.INPUT for c in cells)
        self._draw_roofline()
        # the cards before the sweep: a card's change of size re-lays out the page, which must not
        # repaint the sweep chart between its new data and its legend's (Bokeh paints mid-patch)
        self.insight.show(sheet_id, self.trace_name)
        self._setup_sweep(cells)
        if self.nav.selected != sheet_id:
            self.nav.selected = sheet_id
        self._update_link()

    def _draw_roofline(self) -> None:
        g, m, sheet_id = self.graph, self.model, self.sheet_id
        roofs = rooflines(g, sheet_id)
        if roofs:
            self.roofline = RooflineChart(m, roofs)
            self.roofline_pane.object = self.roofline.fig
            self.roofline_card.visible = True
        else:
            self.roofline = None
            self.roofline_card.visible = False

    def _output_rows(self, cells) -> list[dict]:
        return [self._output_row(c) for c in cells if c.kind is not Kind.INPUT]

    def _output_row(self, c) -> dict:
        m = self.model
        err = m.error(c.name)
        v = m.value(c.name)
        if c.kind is Kind.VERDICT:
            text = "#ERROR" if err else v
            badge = c.labels.index(v) if v is not None else 0
            value = None
        else:
            text = "#ERROR" if err else format_number(v)
            badge = 0
            value = v
        return {"name": c.name, "short": c.short, "kind": c.kind.value, "doc": c.doc or c.short, "text": text,
                "unit": _unit(c.unit.text), "value": value, "badge": badge, "error": str(err) if err else None,
                "cls": css_class(c.name)}

    # ---- editing ----------------------------------------------------------------------------
    class _Syncing:
        def __init__(self, app):
            self.app = app

        def __enter__(self):
            self.prev, self.app._syncing = self.app._syncing, True

        def __exit__(self, *exc):
            self.app._syncing = self.prev

    def syncing(self):
        """Context in which widget updates made by the app are not taken as user edits."""
        return self._Syncing(self)

    def edit(self, name: str, value) -> bool:
        """Apply a user's edit of one input; on bad input show the engine's message and keep the
        last good value. Return True if the model accepted it."""
        row = self.rows.get(name)
        t0 = time.perf_counter()
        self._action = f"Set <b>{_esc(name)}</b> to {_esc(value)}"
        self._edited = {name}
        with one_patch():
            try:
                self.model.parse(name, value)
            except InputError as exc:
                if row is not None:
                    row.show_error(str(exc))
                    row.refresh(changed=False)
                return False
            if row is not None:
                row.show_error(None)
            self.model.set(name, value)
            if row is not None:
                row.refresh(changed=False)
        self.last_edit_seconds = time.perf_counter() - t0
        return True

    def reset_inputs(self, names: list[str] | None) -> None:
        """Reset the named inputs (all when None) to their defaults or links."""
        self._action = "Reset all inputs" if names is None else f"Reset <b>{_esc(', '.join(names))}</b>"
        self._edited = set(self.model.overrides()) if names is None else set(names)
        with one_patch():
            for n in names or list(self.rows):
                if n in self.rows:
                    self.rows[n].show_error(None)
            changed = self.model.reset(names)
            if not changed:
                self.status.object = f'<div class="status">{self._action}: nothing to change.</div>'
            for n in names or []:
                if n in self.rows:
                    self.rows[n].refresh(changed=False)

    def _on_change(self, changed: frozenset[str]) -> None:
        """Model observer: refresh what shows a changed cell, then the status, trace, charts."""
        self.last_changed = changed
        g = self.graph
        here = {n for n in changed if g.cell(n).sheet == self.sheet_id}
        edited = self._edited
        for name, row in self.rows.items():
            if name in changed or "changed" in row.widget.css_classes:
                row.refresh(changed=name in changed and name not in edited)
        if here:
            self.outputs.rows = self._output_rows(g.sheet_cells(self.sheet_id))
        self.outputs.changed = sorted(here)
        by_sheet = affected_sheets(g, changed)
        n_other = len(changed - edited)
        n_sheets = len(by_sheet)
        action = self._action
        self.status.object = (f'<div class="status">{action}: <b>{n_other}</b> other cell{"s" if n_other != 1 else ""} '
                              f'changed in <b>{n_sheets}</b> sheet{"s" if n_sheets != 1 else ""}.</div>')
        self.status_chips.items = [
            {"key": sid, "label": f"{sid} ({len(names)})", "title": ", ".join(names[:20]), "kind": "sheet"}
            for sid, names in list(by_sheet.items())[:MAX_CHIPS]]
        if self.trace_name and self._trace_names & changed:
            self._render_trace()
        self.insight.on_change(changed)  # before the charts (see _show_sheet)
        if self.roofline is not None and any(g.cell(n).choice is not None for n in here):
            self._draw_roofline()  # another device: redraw, its name is in the legend
        elif self.roofline is not None and changed & self.roofline.cells:  # charts only when what they show moved
            with unlocked():
                self.roofline.update()
        if self.sweep_output.value and changed & self._sweep_cells:
            self._update_sweep()
        self._update_link()

    # ---- session files ---------------------------------------------------------------------
    def workbook_bytes(self) -> io.BytesIO:
        """The session's state as an Excel workbook (the exporter's live formulas)."""
        writer = workbook_writer()
        if writer is None:
            raise RuntimeError("The Excel exporter (exports.workbook.write_workbook) is not available.")
        with tempfile.TemporaryDirectory(prefix="napkin-xlsx-") as tmp:
            path = os.path.join(tmp, "napkin.xlsx")
            writer(self.model, path)
            with open(path, "rb") as fh:
                return io.BytesIO(fh.read())

    def load_scenario(self, data: bytes | str, *, source: str = "Scenario file") -> bool:
        """Replace the session's edits with a scenario file's; a bad file changes nothing."""
        self._action = "Loaded scenario"
        self._edited = set()
        with one_patch():
            try:
                apply_scenario(self.model, data, source=source)
            except InputError as exc:
                self.session_msg.object = f'<div class="error" role="alert">{_esc(exc)}</div>'
                return False
            n = len(self.model.overrides())
            self.session_msg.object = f'<div class="ok">Scenario loaded: {n} input{"s" if n != 1 else ""} set.</div>'
            for row in self.rows.values():
                row.show_error(None)
                row.refresh(changed=False)
        return True

    def _on_upload(self, event) -> None:
        if event.new:
            self.load_scenario(event.new, source=f"Scenario file '{self.upload.filename or 'upload'}'")

    # ---- derivation --------------------------------------------------------------------------
    def _on_output(self, msg) -> None:
        name = _msg(msg).get("trace")
        if name in self.graph.index:
            self.show_trace(name)

    def _on_depth(self, event) -> None:
        self.trace_depth = event.new
        if self.trace_name:
            with one_patch():
                self._render_trace()

    def show_trace(self, name: str) -> None:
        """Open the derivation of a cell: LaTeX trace, links to its inputs, its neighbourhood."""
        with one_patch():
            self._show_trace(name)

    def _show_trace(self, name: str) -> None:
        m = self.model
        c = m.cell(name)
        self.trace_name = name
        self.outputs.selected = name if c.sheet == self.sheet_id else ""
        g = self.graph
        parents = [g.cells[p] for p in g.parents[c.index]]
        children = [g.cells[k] for k in g.children[c.index]]

        def chip(d):
            is_input = d.kind is Kind.INPUT and d.link is None
            return {"key": d.name, "label": d.name if d.sheet != c.sheet else d.short, "title": d.doc,
                    "kind": "input" if is_input else ""}

        self.trace_deps.items = [chip(d) for d in parents][:MAX_CHIPS]
        ups = [g.cell(n) for n in m.upstream_inputs(name) if g.cell(n).link is None]
        self.trace_inputs.items = [chip(d) for d in ups][:MAX_CHIPS]
        self.trace_inputs.visible = bool(ups) and c.kind is not Kind.INPUT
        self.trace_deps.visible = bool(parents)
        self.trace_users.items = [chip(d) for d in children][:MAX_CHIPS]
        self.trace_users.visible = bool(children)
        with unlocked():
            self.depgraph.show(name)
        self._render_trace()
        self.insight.show(self.sheet_id, name)
        self.trace_hint.visible = False
        self.trace_body.visible = True
        self._update_link()

    def _render_trace(self) -> None:
        m, name = self.model, self.trace_name
        c = m.cell(name)
        steps = trace(m, name, self.trace_depth)
        self._trace_names = {s.name for s in steps} | {name}
        self.latex.object = derivation_latex(steps)
        kind = {"input": "input", "calc": "calculation", "verdict": "verdict"}[c.kind.value]
        err = m.error(name)
        err_html = f'<div class="error">{_esc(err)}</div>' if err else ""
        self.trace_head.object = (f'<div class="trace-title">{_esc(c.doc or c.short)}</div>'
                                  f'<div class="name">{_esc(name)} · {kind}'
                                  f'{" · source: " + _esc(c.source) if c.source else ""}</div>{err_html}')

    _trace_names: set[str] = set()
    _sweep_cells: frozenset[str] = frozenset()  # what the sweep chart depends on: redrawn when one changes

    # ---- sweep --------------------------------------------------------------------------------
    def _setup_sweep(self, cells) -> None:
        outs = [c for c in cells if c.kind is Kind.CALC]
        with self.syncing():
            self.sweep_output.options = {f"{c.short} ({_unit(c.unit.text) or '1'})": c.name for c in outs}
            default = outs[-1].name if outs else None
            verdicts = [c for c in cells if c.kind is Kind.VERDICT]
            if verdicts:  # the calc the first verdict leans on most directly, if any
                deps = [self.graph.cells[p].name for p in self.graph.parents[verdicts[0].index]]
                for d in deps:
                    if d in {c.name for c in outs}:
                        default = d
                        break
            self.sweep_output.value = default
        self.sweep_card.visible = bool(outs)
        self._on_sweep_output(None)

    def _on_sweep_output(self, _event) -> None:
        out = self.sweep_output.value
        if not out:
            with unlocked():
                self.sweep.update(None, None, None)
            return
        ins = [n for n in self.model.upstream_inputs(out) if self.graph.cell(n).choice is None]
        opts = {}
        for n in ins:
            c = self.graph.cell(n)
            opts[f"{n if c.sheet != self.sheet_id else c.short} ({_unit(c.unit.text) or '1'})"] = n
        with self.syncing():
            prev = self.sweep_input.value
            self.sweep_input.options = opts
            own = [n for n in ins if self.graph.cell(n).sheet == self.sheet_id]
            self.sweep_input.value = prev if prev in ins else (own[0] if own else (ins[0] if ins else None))
        self._update_sweep()

    def _update_sweep(self) -> None:
        if self._syncing:
            return
        g = self.graph
        cells = g.sheet_cells(self.sheet_id)
        verdicts = [c.name for c in cells if c.kind is Kind.VERDICT]
        verdict = verdicts[0] if verdicts else None
        shown = [g.index[n] for n in (self.sweep_input.value, self.sweep_output.value, verdict) if n]
        self._sweep_cells = frozenset(g.cells[i].name for i in closure(shown, g.parents, include_start=True))
        with unlocked():
            self.sweep.update(self.sweep_input.value, self.sweep_output.value, verdict)
        self.insight.mark_sweep(self.sweep_input.value, [self.sweep_output.value, verdict], self.sheet_id)

    # ---- messages and link ----------------------------------------------------------------------
    def _set_alert(self, problems: list[str]) -> None:
        if problems:
            self.alert.object = "".join(f'<div class="error" role="alert">{_esc(p)}</div>' for p in problems)
            self.alert.visible = True
        else:
            self.alert.visible = False

    def link_query(self) -> str:
        """The query string that reopens this sheet with this session's edits."""
        return model_link_query(self.model, self.sheet_id, trace=self.trace_name)

    def _update_link(self) -> None:
        q = self.link_query()
        loc = pn.state.location if pn.state.curdoc is not None and pn.state.curdoc.session_context else None
        base = ""
        if loc is not None and loc.href:
            base = loc.href.split("?", 1)[0].split("#", 1)[0]
            if loc.search != q:
                with contextlib.suppress(Exception):  # the browser's location could not be updated; the link still works
                    loc.search = q
        with self.syncing():
            self.link.value = base + q


def create_app(graph: Graph | None = None, *, query: Mapping[str, object] | None = None) -> NapkinApp:
    """Build one dashboard session (its own Model). In a server session the URL query is read."""
    if query is None and pn.state.curdoc is not None and pn.state.curdoc.session_context is not None:
        query = dict(pn.state.session_args or {})
    return NapkinApp(graph, query=query)


if __name__.startswith("bokeh_app"):  # `panel serve dashboards/app.py`: one call per session
    create_app().servable()
