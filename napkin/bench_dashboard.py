"""Dashboard bench rows: new-session cost, page open, edit-to-screen latency in Chromium next to the
engine's recompute for the same edit, and a concurrent-sessions load check.

Browser rows need Debian's `chromium` and Python playwright; without them they are printed with
value None (and a note in the metric) rather than left out.
"""

from __future__ import annotations

import sys
import time

from napkin.bench import median, p95, row

EDIT_INPUT = "p03.bytes_per_param_gpu"
EDIT_TARGET = "p03.t_memory_gpu"
VALUES = ("3", "4")  # alternate, so every edit changes the screen


def _browser_available() -> bool:
    from dashboards.browser import chromium_path

    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return chromium_path() is not None


def _engine_rows(n: int) -> list[dict]:
    from model import Model
    from sheets import default_graph

    m = Model(default_graph())
    times = []
    for k in range(n):
        t0 = time.perf_counter()
        m.set(EDIT_INPUT, VALUES[k % 2])
        times.append(time.perf_counter() - t0)
    return [row(f"dashboard edit {EDIT_INPUT}: engine recompute (median of {n})", median(times) * 1e3, "ms")]


def _session_rows(n: int) -> list[dict]:
    from dashboards.app import create_app
    from sheets import default_graph

    g = default_graph()
    create_app(g, query={"sheet": "p03"})  # warm imports and caches
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        create_app(g, query={"sheet": "p03"})
        times.append(time.perf_counter() - t0)
    return [row(f"dashboard new session, server side (create_app, p03, median of {n})", median(times) * 1e3, "ms")]


def _browser_rows(quick: bool) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from dashboards.browser import edit_latency_ms, launch, open_sheet, running_server
    from dashboards.loadcheck import run_load

    n_open = 2 if quick else 5
    n_edits = 20 if quick else 40
    out = []
    with running_server() as url:
        with sync_playwright() as p:
            browser = launch(p)
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            open_sheet(page, url, "p03", wait_for=EDIT_TARGET)  # first load fills the browser cache
            opens = []
            for _ in range(n_open):
                page2 = ctx.new_page()
                opens.append(open_sheet(page2, url, "p03", wait_for=EDIT_TARGET))
                page2.close()
            lat = [edit_latency_ms(page, EDIT_INPUT, EDIT_TARGET, VALUES[k % 2]) for k in range(n_edits)]
            browser.close()
        out += [
            row(f"dashboard open ?sheet=p03 to values on screen (browser, median of {n_open})", median(opens), "s"),
            row(f"dashboard edit-to-screen latency, median of {n_edits} edits (browser; target < 150 ms)",
                median(lat), "ms"),
            row(f"dashboard edit-to-screen latency, p95 of {n_edits} edits (browser)", p95(lat), "ms"),
        ]
        sessions, seconds = (20, 8.0) if quick else (20, 20.0)
        res = run_load(url, sessions, seconds)
        for msg in (res.errors + res.leaks)[:5]:
            print(f"bench: dashboard load: {msg.splitlines()[0]}", file=sys.stderr)
        out += [
            row(f"dashboard load: {sessions} browser sessions on this machine, edits in {seconds:g} s", float(res.edits),
                "edits"),
            row(f"dashboard load: {sessions} sessions, errors (want 0)", float(len(res.errors)), "errors"),
            row(f"dashboard load: {sessions} sessions, cross-session leaks (want 0)", float(len(res.leaks)), "leaks"),
            row(f"dashboard load: {sessions} sessions, median edit-to-screen latency", res.p(0.5), "ms"),
            row(f"dashboard load: {sessions} sessions, p95 edit-to-screen latency", res.p(0.95), "ms"),
        ]
    return out


def rows(quick: bool) -> list[dict]:
    out = _engine_rows(50 if quick else 200) + _session_rows(3 if quick else 10)
    if _browser_available():
        out += _browser_rows(quick)
    else:
        out.append(row("dashboard edit-to-screen latency (browser): skipped, chromium/playwright missing", None, "ms"))
    return out
