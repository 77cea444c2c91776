"""What every card shares: a `Viewer` over a `Session`, a Panel Card around its body, a count of
its redraws, and a guard that turns any exception into a message inside the card (never a
traceback, and the rest of the page keeps working).

`HeavyCard` is for cards whose analysis can take a while (sensitivity, regimes, sweep): in a
server session the analysis runs on a worker thread over a snapshot of the session's values and is
shown on a later tick, after the edit's results are on screen; a newer request supersedes an older
one. Which cards do this is fixed by their class, never by how long they took last time.
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar

import panel as pn
import param
from panel.io.state import set_curdoc

from dashboards import style
from dashboards.session import Session
from model import Model, display_unit

log = logging.getLogger("napkin.dashboard")

#: How long a chart card's redraw for a sheet switch waits, so the browser paints the results first
#: (quick sheet bench, same machine: switch median 0.23-0.30 s at the next tick, 0.13 s at 150 ms).
AFTER_RESULTS_MS = 150

#: Worker threads shared by every session's heavy cards.
POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="napkin-card")


def esc(text: object) -> str:
    """HTML-escape text for an HTML pane."""
    return html.escape(str(text), quote=True)


def unit_text(unit: str) -> str:
    """A unit as shown next to a number ('' for the pure number '1')."""
    return display_unit(unit)


def problem_text(title: str, exc: BaseException) -> str:
    """A card's failure in words, without Python internals."""
    detail = str(exc).strip() or {"ZeroDivisionError": "a division by zero",
                                  "OverflowError": "a number too large"}.get(type(exc).__name__, "an internal error")
    return (f"The {title} card cannot be drawn for these values ({detail}). "
            "The rest of the page is up to date; change an input to try again.")


def in_server_session() -> bool:
    """True inside a served Bokeh document (not in tests or scripts)."""
    doc = pn.state.curdoc
    return doc is not None and doc.session_context is not None


def page_closed(doc) -> bool:
    """True when the served page of session `doc` has no browser left: its websocket closed or the
    session was destroyed. Work for such a page is skipped: it would only compete with the pages
    people still look at."""
    ctx = getattr(doc, "session_context", None)
    if ctx is None:
        return False
    if ctx.destroyed:
        return True
    session = ctx.session
    return session is not None and session.connection_count == 0


def later_on(doc, fn, delay_ms: int = 0) -> None:
    """Run `fn` on session `doc`'s loop after `delay_ms` (0: at the next tick), as one patch of its
    own, unless the page has closed by then."""

    def run() -> None:
        if page_closed(doc):
            return
        with set_curdoc(doc), pn.io.hold(doc):
            fn()

    if delay_ms:
        doc.add_timeout_callback(run, delay_ms)
    else:
        doc.add_next_tick_callback(run)


def one_patch():
    """Hold the session document's changes and send them as one combined patch on exit.

    Used where a person's action enters the dashboard (an edit, a click): without it every
    property the action touches goes to the browser as its own message, each laid out apart.
    Outside a server session it does nothing.
    """
    return pn.io.hold(pn.state.curdoc) if in_server_session() else contextlib.nullcontext()


def action(fn):
    """Decorate a UI callback so that everything it changes reaches the browser as one patch."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with one_patch():
            return fn(*args, **kwargs)

    return wrapper


class Card(pn.viewable.Viewer):
    """A dashboard card over one session. Subclasses build `body()` and watch the session."""

    session = param.ClassSelector(class_=Session, doc="The session this card shows.")

    title: ClassVar[str] = ""
    css: ClassVar[str] = ""
    width: ClassVar[int | None] = None

    def __init__(self, **params):
        super().__init__(**params)
        self.redraws = 0
        self.problem = pn.pane.HTML("", visible=False, sizing_mode="stretch_width", stylesheets=[style.ROW_CSS],
                                    css_classes=["napkin-card-problem"])
        size = {"width": self.width} if self.width else {"sizing_mode": "stretch_width"}
        # the problem pane joins the card the first time the card fails (a page opens without it)
        self.card = pn.Card(*self.body(), title=self.title, collapsible=False,
                            stylesheets=[style.CARD_CSS], css_classes=[self.css], **size)

    def body(self) -> list[Any]:
        """The Panel objects inside the card (below its problem message)."""
        return []

    def __panel__(self):
        return self.card

    @property
    def model(self) -> Model:
        """The session's model."""
        return self.session.model

    def soon(self, fn):
        """Return a watcher callback that runs `fn` as a patch of its own, AFTER_RESULTS_MS after
        the current action (in a served page; at once elsewhere); of several calls before it runs,
        only the last one does. For the chart cards on a sheet switch: a Bokeh figure re-measures
        its styles on every layout pass, and in the same browser task as the new sheet's results
        it would hold them back; a frame or two later the results are already painted.
        """
        calls = [0]

        def run(*_events) -> None:
            if not in_server_session():
                fn()
                return
            calls[0] += 1
            mine = calls[0]

            def latest() -> None:
                if mine == calls[0]:
                    fn()

            later_on(pn.state.curdoc, latest, AFTER_RESULTS_MS)

        return run

    def guard(self, fn, *args) -> bool:
        """Run `fn(*args)` as a redraw; on any exception show it in the card (no traceback)."""
        self.redraws += 1
        try:
            fn(*args)
        except Exception as exc:  # a card never takes the page down
            log.exception("%s card failed", self.title)
            self.problem.object = f'<div class="error" role="alert">{esc(problem_text(self.title, exc))}</div>'
            self.problem.visible = True
            if self.__panel__() is self.card and self.problem not in self.card.objects:
                self.card.insert(0, self.problem)
            return False
        if self.problem.visible:
            self.problem.visible = False
        return True


class HeavyCard(Card):
    """A card whose analysis runs after the results are on screen (see the module docstring)."""

    def __init__(self, **params):
        super().__init__(**params)
        self._generation = 0
        self.computes = 0

    def plan(self) -> Any:
        """What to compute, decided on the session's thread (cheap); None: nothing to show."""
        return None

    def compute(self, model: Model, plan: Any) -> Any:
        """The analysis for `plan` over `model` (may run on a worker thread: read-only)."""
        raise NotImplementedError

    def show(self, plan: Any, result: Any) -> None:
        """Draw a computed result (on the session's thread)."""
        raise NotImplementedError

    def pending(self, plan: Any) -> None:
        """Say that a result is being worked out (optional)."""

    def request(self) -> None:
        """Recompute and redraw: now outside a server session, else on a worker thread."""
        self._generation += 1
        gen = self._generation
        plan = self.plan()
        if not in_server_session():
            self.guard(self._now, plan)
            return
        self.guard(self.pending, plan)
        doc = pn.state.curdoc
        graph, overrides = self.model.graph, self.model.overrides()
        POOL.submit(self._work, gen, plan, graph, overrides, doc)

    def _now(self, plan: Any) -> None:
        self.computes += 1
        self.show(plan, None if plan is None else self.compute(self.model, plan))

    def _work(self, gen: int, plan: Any, graph, overrides: dict[str, float], doc) -> None:
        if gen != self._generation or page_closed(doc):
            return  # superseded before it started, or nobody is looking
        try:
            self.computes += 1
            m = Model(graph)
            if overrides:
                m.set_many(overrides)
            result, error = (None if plan is None else self.compute(m, plan)), None
        except Exception as exc:
            result, error = None, exc
        if gen != self._generation:
            return

        def apply() -> None:
            if gen != self._generation:
                return
            with pn.io.hold(doc):
                if error is not None:
                    self.guard(_raise, error)
                else:
                    self.guard(self.show, plan, result)

        with set_curdoc(doc):
            pn.state.execute(apply, schedule=True)


def _raise(exc: BaseException) -> None:
    raise exc
