"""Napkin's dashboard: every sheet, its inputs as boxes, outputs that move, derivations in LaTeX.

Serve it with `napkin serve` or `panel serve dashboards/app.py`. `create_app(graph)` builds one
session: a `Session` (dashboards/session.py: its own `Model` over the shared compiled graph, the
open sheet, the traced cell, what the last edit changed) and one `Viewer` per card
(dashboards/cards/) that depends on the session's parameters. Every number shown comes from the
model.

Contract (ARCHITECTURE.md §6): `/?sheet=p03` opens sheet p03; the widget of input
`p03.batch_size` carries CSS class `cell-p03--batch_size`, and so does the element showing the
value of each calc or verdict. More query keys `SHEET.CELL=VALUE` set inputs (`p34.batch=8`),
`trace=NAME` opens a derivation.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import panel as pn
from panel.io.resources import CDN_DIST
from panel.theme import Fast

from dashboards import style
from dashboards.cards import (
    CompareCard,
    DerivationCard,
    DevicesCard,
    InputsCard,
    RegimesCard,
    ResultsCard,
    RooflineCard,
    SensitivityCard,
    StatusCard,
    SweepCard,
)
from dashboards.cards.base import action, esc, in_server_session, later_on
from dashboards.cards.derivation import derivation_latex
from dashboards.cards.inputs import input_text
from dashboards.components import Navigator, Orientation, PageScript
from dashboards.firstpaint import FirstPaintTemplate, first_paint
from dashboards.logic import is_workbook, search_sheets, sheet_groups
from dashboards.session import Session
from model import Graph

__all__ = ["NapkinApp", "create_app", "derivation_latex", "input_text", "workbook_writer"]

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


def workbook_writer():
    """Return the Excel exporter's `write_workbook(model, path_or_stream)`, or None if not installed."""
    try:
        from exports.workbook import write_workbook
    except ImportError:
        return None
    return write_workbook


class _Later:
    """A card built the first time it is read, and put in its place on the page. In a served page
    that is once the browser has shown the sheet, one card per tick (`NapkinApp._load_later`), so
    a new session builds only what it shows first and other sessions' requests go in between."""

    def __init__(self, cls):
        self.cls = cls

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, app, owner=None):
        if app is None:
            return self
        card = app.__dict__[self.name] = self.cls(session=app.session)  # later reads find it here
        app._slots[self.name].objects = [card]
        return card


class FirstPaintFastList(pn.template.FastListTemplate):
    """Panel's FastListTemplate whose served page carries a first paint: `first_paint()` gives
    the HTML shown until the live document has rendered (dashboards.firstpaint)."""

    first_paint = None

    def _init_doc(self, doc=None, comm=None, title=None, notebook=False, location=True):
        doc = super()._init_doc(doc, comm, title=title, notebook=notebook, location=location)
        if not notebook and self.first_paint is not None and doc.template is not None:
            doc.template = FirstPaintTemplate.wrap(doc.template, self.first_paint)
        return doc


class NapkinApp:
    """One dashboard session: the Session, its cards and the page. `template` is what is served."""

    roofline = _Later(RooflineCard)
    compare = _Later(CompareCard)
    sensitivity = _Later(SensitivityCard)
    regimes = _Later(RegimesCard)
    sweep = _Later(SweepCard)
    LATER = ("roofline", "compare", "sensitivity", "regimes", "sweep")  # in the order they are built

    def __init__(self, graph: Graph | None = None, *, query: Mapping[str, object] | None = None):
        if graph is None:
            from sheets import default_graph

            graph = default_graph()
        self.session = s = Session(graph, query=query)
        self.status = StatusCard(session=s)
        self.inputs = InputsCard(session=s)
        self.results = ResultsCard(session=s)
        self.derivation = DerivationCard(session=s)
        self.devices = DevicesCard(session=s)

        # -- sidebar: search and the sheets
        self.search = pn.widgets.TextInput(placeholder="Search: id, title or cell name", sizing_mode="stretch_width",
                                           css_classes=["napkin-search"], margin=(4, 4, 4, 4))
        self.search.param.watch(self._on_search, "value_input")
        self.nav = Navigator(groups=self._nav_groups(), selected=s.sheet, sizing_mode="stretch_width", margin=(0, 4))
        self.nav.on_msg(self._on_nav)

        # -- toolbar: this session's tools
        self.reset_all = pn.widgets.Button(label="Reset all", color="default", css_classes=["napkin-reset-all"],
                                           margin=(4, 4), width=100)
        self.reset_all.on_click(action(lambda *_e: s.reset(None)))
        self.undo = pn.widgets.Button(label="↶ Undo", color="light", css_classes=["napkin-undo"], margin=(4, 4),
                                      width=80, disabled=True, description="Undo the last change (Ctrl+Z)")
        self.redo = pn.widgets.Button(label="↷ Redo", color="light", css_classes=["napkin-redo"], margin=(4, 4),
                                      width=80, disabled=True, description="Redo (Ctrl+Shift+Z)")
        self.undo.on_click(action(lambda *_e: s.undo()))
        self.redo.on_click(action(lambda *_e: s.redo()))
        s.param.watch(lambda *_e: self._history(), ["can_undo", "can_redo"])
        self.page_script = PageScript()
        self.page_script.on_msg(self._on_key)
        self.download_xlsx = pn.widgets.FileDownload(
            callback=self.workbook_bytes, filename="napkin.xlsx", label="Excel workbook", color="primary",
            css_classes=["napkin-xlsx"], margin=(4, 4), width=140, embed=False)
        self.download_scenario = pn.widgets.FileDownload(
            callback=lambda: io.BytesIO(self.session.scenario_bytes()), filename="napkin-scenario.json",
            label="Save scenario", color="default", css_classes=["napkin-scenario-download"], margin=(4, 4),
            width=130, embed=False)
        self.upload = pn.widgets.FileInput(accept=".json,.xlsx", multiple=False, css_classes=["napkin-scenario-upload"],
                                           margin=(4, 4), width=230)
        self.upload.param.watch(self._on_upload, "value")
        self.link = pn.widgets.TextInput(value="", css_classes=["napkin-link"], margin=(4, 4), width=260,
                                         placeholder="link to this view")
        self.session_msg = pn.pane.HTML("", sizing_mode="stretch_width", css_classes=["napkin-session-msg"],
                                        stylesheets=[style.ROW_CSS], margin=(0, 4))
        self.toolbar = pn.FlexBox(
            pn.pane.HTML('<span class="side-label" title="A scenario (.json) saved here, or a workbook (.xlsx) '
                         'exported and edited in Excel">Load scenario or workbook:</span>', stylesheets=[style.ROW_CSS],
                         margin=(10, 0, 0, 4)),
            self.upload, self.download_scenario, self.download_xlsx, self.undo, self.redo, self.reset_all, self.link,
            flex_wrap="wrap", align_items="center", css_classes=["napkin-toolbar"], sizing_mode="stretch_width")

        # -- page
        self.reload_banner = pn.pane.HTML("", visible=False, sizing_mode="stretch_width",
                                          css_classes=["napkin-reload-errors"], stylesheets=[style.ROW_CSS])
        self.alert = pn.pane.HTML("", visible=False, sizing_mode="stretch_width", css_classes=["napkin-alert"],
                                  stylesheets=[style.ROW_CSS])
        self.header = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[style.HEADER_CSS],
                                   css_classes=["napkin-header"])
        s.param.watch(lambda *_e: self._on_sheet(), ["sheet", "graph_version"])
        s.param.watch(lambda e: self._show_link(e.new), "link")
        s.param.watch(lambda e: self._show_notice(e.new), "notice")
        self._on_sheet()
        self._show_link(s.link)
        self._show_problems(s.problems)
        self.template = self._template()
        if in_server_session():
            pn.state.location.sync(s, {"sheet": "sheet"})
            pn.state.location.search = s.link

    # ---- layout ---------------------------------------------------------------------------
    def _template(self):
        self._slots = {name: pn.Column(sizing_mode="stretch_width", margin=0) for name in self.LATER}
        if in_server_session():
            pn.state.onload(self._load_later)

        def column(*objects, wide: bool):
            style_ = {"flex": "2 1 320px", "min-width": "0"} if wide else \
                {"flex": "1 1 320px", "max-width": "520px", "min-width": "0"}
            return pn.Column(*objects, sizing_mode="stretch_width", margin=0, styles=style_)

        # The analysis cards are a root of their own below the results: Bokeh lays out a root as a
        # whole, and a chart re-measures its styles on every pass, so a sheet switch or an edit in
        # the top root would otherwise wait for every chart on the page.
        slot = self._slots  # where each deferred card goes (see _Later)
        analysis = pn.FlexBox(column(slot["roofline"], wide=False),
                              column(slot["compare"], slot["sensitivity"], slot["regimes"], slot["sweep"], wide=True),
                              flex_wrap="wrap", sizing_mode="stretch_width", margin=0, css_classes=["napkin-analysis"])
        main = pn.Column(
            self.reload_banner, self.toolbar, self.session_msg, self.alert,
            Orientation(sizing_mode="stretch_width", css_classes=["napkin-orientation"], margin=(4, 10)),
            self.header, self.devices, self.status,
            pn.FlexBox(column(self.inputs, wide=False), column(self.results, self.derivation, wide=True),
                       flex_wrap="wrap", sizing_mode="stretch_width", margin=0),
            self.page_script, sizing_mode="stretch_width", css_classes=["napkin-main"],
        )
        template = FirstPaintFastList(
            title="Napkin", sidebar=[self.search, self.nav], main=[main, analysis], accent_base_color=style.ACCENT,
            header_background=style.HEADER, font=style.FONT, font_url="", theme_toggle=False,
            sidebar_width=300, main_layout=None, shadow=False, corner_radius=8, design=OfflineFast,
            meta_viewport="width=device-width, initial-scale=1",
            # Panel's busy spinner follows one process-wide flag and is shared by every template:
            # one session's edit would set it spinning, and send patches, in every open session.
            busy_indicator=None,
        )
        template.first_paint = lambda: first_paint(self)
        return template

    def _load_later(self) -> None:
        """Build the deferred cards, one per tick of the server's loop (each its own patch), while
        the page is still open."""
        doc = pn.state.curdoc
        todo = [name for name in self.LATER if name not in vars(self)]

        def step() -> None:
            if todo:
                getattr(self, todo.pop(0))
                later_on(doc, step)

        later_on(doc, step)

    def servable(self, title: str = "Napkin"):
        """Mark the session's template servable (for `panel serve dashboards/app.py`)."""
        return self.template.servable(title=title)

    # ---- reading (tests and scripts) ---------------------------------------------------------
    @property
    def model(self):
        """The session's model."""
        return self.session.model

    @property
    def graph(self) -> Graph:
        """The compiled graph."""
        return self.session.model.graph

    @property
    def sheet_id(self) -> str:
        """The open sheet."""
        return self.session.sheet

    @property
    def rows(self) -> dict:
        """Every input's row by name, in the sheet's order: the Inputs card's boxes and the Hardware
        card's device drop-downs (each has `.widget`)."""
        both = {**self.inputs.rows, **self.devices.rows}
        return {c.name: both[c.name] for c in self.graph.sheet_cells(self.session.sheet) if c.name in both}

    @property
    def outputs(self):
        """The Results card's table."""
        return self.results.table

    def edit(self, name: str, value) -> bool:
        """Apply an edit as the input box would; True if the model accepted it."""
        return self.session.edit(name, value)

    def show_sheet(self, sheet_id: str) -> None:
        """Open a sheet."""
        self.session.sheet = sheet_id

    def show_trace(self, name: str) -> None:
        """Open a cell's derivation (and its sheet)."""
        self.session.open(sheet=self.graph.cell(name).sheet, trace=name)

    def reset_inputs(self, names: list[str] | None) -> None:
        """Reset the named inputs (all when None)."""
        self.session.reset(names)

    def load_scenario(self, data: bytes | str, *, source: str = "Scenario file") -> bool:
        """Replace the session's edits with a scenario file's; a bad file changes nothing."""
        return self.session.load_scenario(data, source=source)

    def workbook_bytes(self) -> io.BytesIO:
        """The session's state as an Excel workbook (the exporter's live formulas), in memory; with
        ranges, their Monte Carlo (10,000 samples, seed 0) fills the workbook's Ranges sheet."""
        writer = workbook_writer()
        if writer is None:
            raise RuntimeError("The Excel exporter (exports.workbook.write_workbook) is not available.")
        buf = io.BytesIO()
        writer(self.session.model, buf, mc=self.session.monte_carlo())
        buf.seek(0)
        return buf

    # ---- reactions ----------------------------------------------------------------------------
    def _nav_groups(self) -> list[dict]:
        sheets = self.graph.sheets
        return [{"heading": heading, "items": [{"id": sid, "title": sheets[sid].title, "kind": sheets[sid].kind}
                                               for sid in ids]}
                for heading, ids in sheet_groups(self.graph)]

    @action
    def _on_search(self, event) -> None:
        query = (event.new or "").strip()
        self.nav.shown = None if not query else search_sheets(self.graph, query)

    @action
    def _on_nav(self, msg) -> None:
        data = getattr(msg, "data", msg)
        sid = data.get("open") if isinstance(data, dict) else None
        if sid in self.graph.sheets:
            self.session.sheet = sid

    def _on_sheet(self) -> None:
        g, sid = self.graph, self.session.sheet
        sd = g.sheets[sid]
        where = f"Chapter {sd.chapter} · {sd.section}" if sd.chapter else sd.section
        kind = {"problem": "Problem", "exercise": "Exercise", "spec": "Spec sheet", "user": "Your sheet"}.get(sd.kind, sd.kind)
        question = "".join(f"<p>{esc(p)}</p>" for p in (sd.question or "").split("\n\n") if p.strip())
        self.header.object = (
            f'<div class="kicker"><span class="sid">{esc(sid)}</span> {esc(kind)} · {esc(where)}</div>'
            f'<h1>{esc(sd.title)}</h1><div class="question">{question}</div>')
        if self.nav.selected != sid:
            self.nav.selected = sid

    def _show_link(self, query: str) -> None:
        base = ""
        if in_server_session():
            loc = pn.state.location
            if loc.href:
                base = loc.href.split("?", 1)[0].split("#", 1)[0]
            if loc.search != query:
                loc.search = query
        self.link.value = base + query

    def _show_notice(self, notice) -> None:
        if not notice:
            self.session_msg.object = ""
            return
        kind, text = notice
        role = ' role="alert"' if kind == "error" else ""
        self.session_msg.object = f'<div class="{"error" if kind == "error" else "ok"}"{role}>{esc(text)}</div>'

    def _show_problems(self, problems: list[str]) -> None:
        if problems:
            self.alert.object = "".join(f'<div class="error" role="alert">{esc(p)}</div>' for p in problems)
            self.alert.visible = True
        else:
            self.alert.visible = False

    def replace_graph(self, graph: Graph) -> frozenset[str]:
        """Swap in a rebuilt graph (workspace live reload), keeping edits of inputs that still exist."""
        changed = self.session.replace_graph(graph)
        self.nav.groups = self._nav_groups()
        return changed

    def show_reload_errors(self, title: str, problems: list[str]) -> None:
        """Show (or, with no problems, hide) the banner of a broken workspace save."""
        if problems:
            items = "".join(f"<li><code>{esc(p)}</code></li>" for p in problems)
            self.reload_banner.object = f'<div class="error" role="alert"><b>{esc(title)}</b><ul>{items}</ul></div>'
        self.reload_banner.visible = bool(problems)

    def _history(self) -> None:
        self.undo.disabled = not self.session.can_undo
        self.redo.disabled = not self.session.can_redo

    @action
    def _on_key(self, msg) -> None:
        data = getattr(msg, "data", msg)
        if isinstance(data, dict) and data.get("undo"):
            self.session.undo()
        elif isinstance(data, dict) and data.get("redo"):
            self.session.redo()

    @action
    def _on_upload(self, event) -> None:
        if not event.new:
            return
        name = self.upload.filename or "upload"
        if is_workbook(event.new, name):
            self.session.load_workbook(event.new, filename=name)
        else:
            self.session.load_scenario(event.new, source=f"Scenario file '{name}'")


def create_app(graph: Graph | None = None, *, query: Mapping[str, object] | None = None) -> NapkinApp:
    """Build one dashboard session (its own Model). In a server session the URL query is read."""
    if query is None and in_server_session():
        query = dict(pn.state.session_args or {})
    return NapkinApp(graph, query=query)


if __name__.startswith("bokeh_app"):  # `panel serve dashboards/app.py`: one call per session
    create_app().servable()
