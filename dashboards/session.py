"""One dashboard session's state in param: the Model, the open sheet, the traced cell, the depth,
and what the last batch of edits changed. The cards (dashboards/cards/) watch these parameters.

An edit is one call to `Model.set` (one parse, one recompute); the model notifies the session once
per batch and the session sets `changed` once, which every card reads to decide whether what it
shows moved. Nothing here computes a model quantity.
"""

from __future__ import annotations

from collections.abc import Mapping

import param

from dashboards.logic import (
    apply_scenario,
    apply_workbook,
    default_sheet,
    model_link_query,
    parse_query,
    plain_message,
    scenario_bytes,
)
from model import Graph, InputError, Model
from model.analysis import monte_carlo, parse_range, range_spec, scenario_from_bytes


class Session(param.Parameterized):
    """The state every card of one dashboard session depends on."""

    model = param.ClassSelector(class_=Model, doc="This session's Model over the shared compiled graph.")
    sheet = param.String(default="", doc="The open sheet's id.")
    trace = param.String(default=None, allow_None=True, doc="The cell whose derivation is shown, if any.")
    depth = param.Integer(default=1, allow_None=True, bounds=(1, None),
                          doc="Derivation depth in levels; None: down to the inputs.")
    changed = param.Parameter(default=frozenset(), doc="Cells changed by the last batch (triggered once per batch).")
    edited = param.Parameter(default=frozenset(), doc="Inputs the user edited in the last action.")
    action = param.String(default="", doc="The last action in words (plain text).")
    rejected = param.Dict(default={}, doc="{input: (text typed, engine message)} for values the model refused.")
    notice = param.Parameter(default=None, doc="(kind 'ok'|'error', text) about session files, or None.")
    problems = param.List(default=[], doc="Problems with the link the session was opened with.")
    link = param.String(default="", doc="The query string that reopens this view ('?sheet=p03&...').")
    graph_version = param.Integer(default=0, doc="Bumped when replace_graph swaps the model's graph.")
    can_undo = param.Boolean(default=False, doc="Whether there is an edit to undo.")
    can_redo = param.Boolean(default=False, doc="Whether there is an undone edit to redo.")
    ranges = param.Dict(default={}, doc="{input: Distribution} of inputs typed as a range ('300 to 400').")
    mc = param.Parameter(default=None, doc="Monte Carlo summary of `ranges` on the current model, or None.")

    MAX_UNDO = 100
    MC_SAMPLES = 4000  # live bands: P5/P95 within about half a percentile point; the workbook uses 10,000

    def __init__(self, graph: Graph, *, query: Mapping[str, object] | None = None, **params):
        model = Model(graph)
        super().__init__(model=model, sheet=default_sheet(graph), **params)
        self._stop = model.observe(self._on_model)
        self._pending_action: tuple[str, frozenset[str]] | None = None
        self._undo: list[tuple[dict, dict]] = []  # (overrides, ranges) before each change, newest last
        self._redo: list[tuple[dict, dict]] = []
        deep = parse_query(graph, query or {})
        problems = list(deep.problems)
        if deep.sheet:
            self.sheet = deep.sheet
        if deep.overrides or deep.ranges:
            try:
                ranges = {n: parse_range(model, n, spec) for n, spec in deep.ranges.items()}
                model.set_many({**deep.overrides, **{n: _point(model, n, d) for n, d in ranges.items()}})
                self.ranges = ranges
            except InputError as exc:
                problems.append(plain_message(f"The link's values were not applied: {exc}"))
        self.mc = self._monte_carlo()
        name = _text((query or {}).get("trace"))
        if name and name in graph.index:
            self.trace = name
        self.problems = problems
        self._update_link()
        self.param.watch(lambda *_e: self._update_link(), ["sheet", "trace"])

    # ---- reading -----------------------------------------------------------------------------
    @property
    def graph(self) -> Graph:
        """The compiled graph the model runs over."""
        return self.model.graph

    # ---- acting ------------------------------------------------------------------------------
    def edit(self, name: str, text: object) -> bool:
        """Apply a user's edit of one input (one parse, one recompute). On a value the model refuses,
        record the text and the engine's message in `rejected` (the model is unchanged).

        A range (`300 to 400`, `3..5 TB/s`, `triangular:1:2:4`, see `range_spec`) makes the input
        uncertain: its value becomes the range's middle and every result it reaches gets a
        P5/P50/P95 band (`mc`). A plain value typed over a range removes the range."""
        was_rejected = name in self.rejected
        spec = range_spec(text)
        ranges = {k: v for k, v in self.ranges.items() if k != name}
        try:
            if was_rejected:  # cleared quietly: the cards redraw once, on `changed`
                with param.parameterized.discard_events(self):
                    self.rejected = {k: v for k, v in self.rejected.items() if k != name}
            if spec is not None:
                dist = parse_range(self.model, name, spec)
                ranges[name] = dist
                point = _point(self.model, name, dist)
                changed = self._change(f"Set {name} to {dist.box_text()}", frozenset({name}), ranges,
                                       lambda: self.model.set(name, point))
            else:
                changed = self._change(f"Set {name} to {text}", frozenset({name}), ranges,
                                       lambda: self.model.set(name, text))
        except InputError as exc:
            self.rejected = {**self.rejected, name: (str(text), plain_message(str(exc)))}
            return False
        if was_rejected and not changed:
            self.param.trigger("rejected")
        return True

    def _change(self, action: str, edited: frozenset[str], ranges: dict, apply) -> frozenset[str]:
        """Run `apply` (one model edit) as one user action that may also change the ranges: one
        undo step, one `changed` (published by the model's notification, or here when only the
        ranges moved). On InputError nothing changes."""
        before = self._state()
        old_ranges = self.ranges
        self._before = before
        self._pending_action = (action, edited)
        with param.parameterized.discard_events(self):
            self.ranges = ranges
        self._published = False
        try:
            changed = apply()
        except InputError:
            with param.parameterized.discard_events(self):
                self.ranges = old_ranges
            raise
        finally:
            self._pending_action = None
            self._before = None
        if not self._published and ranges != old_ranges:  # only a range moved: the model had nothing to say
            self._push_undo(before)
            self._publish(frozenset(edited), action, edited)
            changed = frozenset(edited)
        return changed

    def reset(self, names: list[str] | None = None) -> frozenset[str]:
        """Reset the named inputs (all when None) to their defaults or links."""
        edited = frozenset(self.model.overrides()) | frozenset(self.ranges) if names is None else frozenset(names)
        action = "Reset all inputs" if names is None else f"Reset {', '.join(names)}"
        ranges = {} if names is None else {k: v for k, v in self.ranges.items() if k not in names}
        changed = self._change(action, edited, ranges, lambda: self.model.reset(names))
        dropped = {k: v for k, v in self.rejected.items() if names is not None and k not in names}
        if dropped != self.rejected:
            self.rejected = dropped
        if not changed:
            with param.parameterized.discard_events(self):
                self.edited = edited
            self.action = f"{action}: nothing to change."
        return changed

    def load_scenario(self, data: bytes | str, *, source: str = "Scenario file") -> bool:
        """Replace the session's edits with a scenario file's; a bad file changes nothing."""
        try:
            sc = scenario_from_bytes(self.graph, data, source)
            ranges = {n: parse_range(self.model, n, spec) for n, spec in sc.ranges.items()}
            self._change("Loaded scenario", frozenset(), ranges,
                         lambda: apply_scenario(self.model, data, source=source) and frozenset())
        except InputError as exc:
            self.notice = ("error", plain_message(str(exc)))
            return False
        n = len(self.model.overrides())
        self.rejected = {}
        more = f" and {len(ranges)} range{'s' if len(ranges) != 1 else ''}" if ranges else ""
        self.notice = ("ok", f"Scenario loaded: {n} input{'s' if n != 1 else ''} set{more}.")
        return True

    def load_workbook(self, data: bytes, *, filename: str = "upload.xlsx") -> bool:
        """Replace the session's edits with an edited workbook's inputs (as `napkin import`); a
        workbook with any refused cell changes nothing and the notice names every such cell."""
        box: list = []
        try:
            self._change("Loaded workbook", frozenset(), {},
                         lambda: box.append(apply_workbook(self.model, data, filename)) or frozenset())
        except InputError as exc:
            self.notice = ("error", plain_message(str(exc)))
            return False
        report = box[0]
        n = len(self.model.overrides())
        self.rejected = {}
        text = f"Workbook '{filename}' loaded: {n} input{'s' if n != 1 else ''} set."
        if report.formula_edits:
            names = ", ".join(e.name for e in report.formula_edits[:5]) + (", ..." if len(report.formula_edits) > 5 else "")
            text += (f" {len(report.formula_edits)} edited formula cell{'s' if len(report.formula_edits) != 1 else ''} "
                     f"({names}) not imported: Napkin keeps its own formulas; change inputs instead.")
        self.notice = ("ok", text)
        return True

    def open(self, sheet: str | None = None, trace: str | None = None) -> None:
        """Open a sheet and/or a derivation, in one update."""
        upd: dict = {}
        if sheet is not None and sheet != self.sheet:
            upd["sheet"] = sheet
        if trace is not None and trace != self.trace:
            upd["trace"] = trace
        if upd:
            self.param.update(**upd)

    def replace_graph(self, graph: Graph) -> frozenset[str]:
        """Rebuild the model over a new Graph (live reload), keeping overrides of inputs that still
        exist and still accept their value; the open sheet and trace are kept when they exist."""
        old = self.model
        keep = {n: v for n, v in old.overrides().items() if n in graph.index}
        self._stop()
        model = Model(graph)
        kept: dict[str, float] = {}
        for n, v in keep.items():
            try:
                model.parse(n, v)
            except InputError:
                continue
            kept[n] = v
        if kept:
            model.set_many(kept)
        self._stop = model.observe(self._on_model)
        ranges = {}
        for n, d in self.ranges.items():
            if n in graph.index:
                try:
                    ranges[n] = parse_range(model, n, d)
                except InputError:
                    continue
        with param.parameterized.discard_events(self):
            self.ranges = ranges
        sheet = self.sheet if self.sheet in graph.sheets else default_sheet(graph)
        trace = self.trace if self.trace in graph.index else None
        self.rejected = {}
        self.param.update(model=model, sheet=sheet, trace=trace, graph_version=self.graph_version + 1)
        changed = frozenset(c.name for c in graph.cells)
        self._publish(changed, "Reloaded the sheets", frozenset())
        return changed

    def link_query(self) -> str:
        """The query string that reopens this sheet with this session's edits."""
        return model_link_query(self.model, self.sheet, trace=self.trace, ranges=self.ranges)

    def scenario_bytes(self, name: str = "dashboard session") -> bytes:
        """This session's edits and ranges as a scenario file."""
        return scenario_bytes(self.model, name, self.ranges)

    def monte_carlo(self, n: int = 10_000):
        """Monte Carlo of this session's ranges on its model (None without ranges)."""
        return self._monte_carlo(n)

    # ---- internals ---------------------------------------------------------------------------
    def _state(self) -> tuple[dict, dict]:
        return self.model.overrides(), dict(self.ranges)

    def _push_undo(self, before: tuple[dict, dict]) -> None:
        self._undo = (self._undo + [before])[-self.MAX_UNDO:]
        if not self._restoring:
            self._redo = []
        self._history_flags()

    def _on_model(self, changed: frozenset[str]) -> None:
        action, edited = self._pending_action or ("Edit", frozenset())
        if self._before is not None and self._before != self._state():
            self._push_undo(self._before)
        self._before = None
        self._history_flags()
        self._publish(changed, action, edited)

    def _monte_carlo(self, n: int | None = None):
        if not self.ranges:
            return None
        try:
            return monte_carlo(self.model, self.ranges, n=n or self.MC_SAMPLES, seed=0)
        except InputError:  # a range the model no longer accepts: no bands rather than a crash
            return None

    _before: tuple[dict, dict] | None = None
    _restoring = False

    def _history_flags(self) -> None:
        upd = {"can_undo": bool(self._undo), "can_redo": bool(self._redo)}
        if (self.can_undo, self.can_redo) != (upd["can_undo"], upd["can_redo"]):
            self.param.update(**upd)

    def undo(self) -> bool:
        """Go back to the inputs before the last change (one recompute); False if there is none."""
        return self._restore(self._undo, self._redo, "Undo")

    def redo(self) -> bool:
        """Redo the last undone change; False if there is none."""
        return self._restore(self._redo, self._undo, "Redo")

    def _restore(self, source: list, target: list, word: str) -> bool:
        if not source:
            return False
        overrides, ranges = source.pop()
        target.append(self._state())
        old_ranges = self.ranges
        self._pending_action = (word, frozenset())
        self._restoring = True
        self._published = False
        with param.parameterized.discard_events(self):
            self.ranges = ranges
        try:
            with self.model.batch():
                self.model.reset()
                if overrides:
                    self.model.set_many(overrides)
            if overrides == self.model.overrides() and ranges != old_ranges and not self._published:
                self._publish(frozenset(ranges) | frozenset(old_ranges), word, frozenset())
        finally:
            self._pending_action = None
            self._restoring = False
        self._history_flags()
        if self.rejected:
            self.rejected = {}
        return True

    _published = False

    def _publish(self, changed: frozenset[str], action: str, edited: frozenset[str]) -> None:
        old, mc = self.mc, self._monte_carlo()
        if old is not None or mc is not None:  # every band that moved is a change too
            changed = changed | frozenset(old.stats if old else ()) | frozenset(mc.stats if mc else ())
        self._published = True
        with param.parameterized.discard_events(self):  # read by the cards when `changed` fires
            self.action = action
            self.edited = edited
            self.mc = mc
        if changed == self.changed:
            self.param.trigger("changed")
        else:
            self.changed = changed
        self._update_link()

    def _update_link(self) -> None:
        q = self.link_query()
        if q != self.link:
            self.link = q


def _text(v: object) -> str | None:
    if isinstance(v, (list, tuple)):
        v = v[-1] if v else None
    if isinstance(v, bytes):
        v = v.decode("utf-8", "replace")
    return None if v is None else str(v)


def _point(model: Model, name: str, dist) -> float:
    """The value a ranged input takes: the range's middle (rounded for a whole-number input)."""
    x = dist.center()
    return float(round(x)) if model.cell(name).decl.integer else x
