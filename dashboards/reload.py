"""Live reload for `napkin serve`: watch the workspace's sheet files, rebuild, update every session.

A `Reloader` polls the files' modification times on a thread. When one changes it rebuilds the
graph with the `build` function it was given (the dashboard does not know how sheet files are
read). A good build replaces the graph of every open session on its own document's next tick
(`app.replace_graph`, which keeps the user's edits of inputs that still exist); a broken build
keeps the last good graph and shows the definition errors (file:line) in each session's banner.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from model import Graph

log = logging.getLogger(__name__)

#: build() -> (graph or None, problems as 'file:line: cell: [rule] message' lines)
BuildFn = Callable[[], tuple[Graph | None, list[str]]]

BANNER_TITLE = "The workspace has definition errors; showing the last good model until they are fixed:"


def _stamp(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    out = {}
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        out[str(p)] = (st.st_mtime_ns, st.st_size)
    return out


class Reloader:
    """Keeps the last good graph of a workspace and pushes rebuilds to the attached sessions."""

    def __init__(self, build: BuildFn, paths: Callable[[], list[Path]], *, fallback: Callable[[], Graph],
                 interval: float = 0.1):
        self._build, self._paths, self.interval = build, paths, interval
        self._lock = threading.Lock()
        self._sessions: dict[int, tuple[object, object]] = {}  # id(app) -> (app, bokeh document)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._seen = _stamp(self._paths())
        self.rebuilds = 0
        graph, self.problems = self._build()
        self.graph: Graph = graph if graph is not None else fallback()

    # ---- sessions ------------------------------------------------------------------------------
    def attach(self, app, doc) -> None:
        """Register a session (its app and Bokeh document); show current errors in its banner."""
        with self._lock:
            self._sessions[id(app)] = (app, doc)
        if doc is not None:
            key = id(app)
            doc.on_session_destroyed(lambda _ctx: self.detach(key))
        if self.problems:
            app.show_reload_errors(BANNER_TITLE, self.problems)

    def detach(self, key: int) -> None:
        with self._lock:
            self._sessions.pop(key, None)

    # ---- watching ------------------------------------------------------------------------------
    def start(self) -> Reloader:
        """Start the polling thread (a daemon); return self."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="napkin-reload", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            now = _stamp(self._paths())
            if now == self._seen:
                continue
            time.sleep(0.03)  # let an editor finish writing
            self._seen = _stamp(self._paths())
            try:
                self.reload()
            except Exception:
                log.exception("workspace reload failed")

    def reload(self) -> None:
        """Rebuild now; on success swap every session's graph, else show the errors."""
        graph, problems = self._build()
        self.rebuilds += 1
        self.problems = problems
        if graph is not None and not problems:
            self.graph = graph
        with self._lock:
            sessions = list(self._sessions.values())
        for app, doc in sessions:
            cb = partial(self._apply, app, doc, graph if not problems else None, problems)
            if doc is None:
                cb()
                continue
            try:
                doc.add_next_tick_callback(cb)
            except Exception:  # noqa: BLE001 - the session has gone
                self.detach(id(app))

    @staticmethod
    def _apply(app, doc, graph: Graph | None, problems: list[str]) -> None:
        from panel.io.state import set_curdoc

        def run():
            if graph is not None:
                app.replace_graph(graph)
                app.show_reload_errors(BANNER_TITLE, [])
            else:
                app.show_reload_errors(BANNER_TITLE, problems)

        if doc is None:
            run()
        else:
            with set_curdoc(doc):
                run()
