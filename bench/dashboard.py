"""Dashboard bench rows: new-session cost, page open, edit-to-screen latency in Chromium next to the
engine's recompute for the same edit, and the concurrent-sessions load check (tools.loadcheck)
twice: over websockets without a browser (the server's latency) and in Chromium (edit-to-screen,
browsers and server sharing this machine's cores).

Browser rows need Debian's `chromium` and Python playwright; without them they are printed with
value None (and a note in the metric) rather than left out.
"""

from __future__ import annotations

import sys
import time

from bench.common import median, p95, row

EDIT_INPUT = "p03.bytes_per_param_gpu"
EDIT_TARGET = "p03.t_memory_gpu"
#: Edit-to-screen on these (input, value element, two values that alternate): issue 12's targets.
EDIT_CASES = {"p03": (EDIT_INPUT, EDIT_TARGET, ("3", "4")),
              "p18": ("p18.batch_train", "p18.act_train", ("16", "32"))}
OPEN_TARGET_S = 0.5
SWITCH_TARGET_S = 0.3
EDIT_TARGET_MS = 100.0
VALUES = ("3", "4")  # alternate, so every edit changes the screen
LOAD_SESSIONS = 20
LOAD_THINK_S = 1.0  # mean pause between one session's edits; each pause is 0.5x to 1.5x of it


def _browser_available() -> bool:
    from tools.browser import chromium_path

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

    from tools.browser import edit_latency_ms, launch, open_sheet, running_server

    n_open = 2 if quick else 5
    n_edits = 20 if quick else 40
    out = []
    with running_server() as url, sync_playwright() as p:
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
    return out


#: When the sheet's values were first on screen, ms after navigation started: the browser's first
#: contentful paint (Paint Timing API) when the page's first paint (dashboards.firstpaint) had been
#: parsed before it, else the frame after the copy was parsed. Checked against Chromium's screencast:
#: the first frame with the sheet came 3–19 ms before the first contentful paint on 12 sheets.
PAINTED_JS = """() => {
  const marks = document.documentElement.dataset;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  if (marks.firstParsedMs === undefined) return null;  // [ms, whether it is the first contentful paint]
  if (fcp && fcp.startTime >= +marks.firstParsedMs) return [fcp.startTime, true];
  return marks.firstPaintMs === undefined ? null : [+marks.firstPaintMs, false];
}"""


def _slowest(times: dict[str, float], k: int = 3) -> str:
    return ", ".join(f"{sid} {t:.2f} s" for sid, t in sorted(times.items(), key=lambda kv: -kv[1])[:k])


def _floor_opens(browser, n: int) -> list[float]:
    """Seconds to open a Panel page that holds nothing but one HTML pane in the same template
    (FastListTemplate, the same extensions), served by Panel in this process: what any page of
    this stack costs on this machine before Napkin builds anything."""
    import panel as pn

    from dashboards.app import OfflineFast
    from tools.browser import free_port

    def page():
        return pn.template.FastListTemplate(title="floor", main=[pn.pane.HTML('<h1 class="floor">floor</h1>')],
                                            sidebar=[pn.widgets.TextInput()], design=OfflineFast, font_url="",
                                            busy_indicator=None)

    port = free_port()
    server = pn.serve({"floor": page}, port=port, address="127.0.0.1", threaded=True, show=False, title="floor")
    try:
        ctx = browser.new_context(viewport={"width": 1440, "height": 900})
        times = []
        for k in range(n + 1):  # the first fills the browser cache, as for the sheets
            pg = ctx.new_page()
            t0 = time.perf_counter()
            pg.goto(f"http://127.0.0.1:{port}/floor")
            pg.locator("h1.floor").first.wait_for(timeout=60_000)
            if k:
                times.append(time.perf_counter() - t0)
            pg.close()
        ctx.close()
        return times
    finally:
        server.stop()


def sheet_rows(quick: bool) -> list[dict]:
    """Issue 12's rows: open every sheet (new page, `?sheet=ID`) until its values are on screen
    (PAINTED_JS) and until it is live (its last cell in the live document),
    switch to every sheet (a click in the sheet list until its last cell is on screen), and
    edit-to-screen on p03 and p18; medians against the targets, the slowest three named."""
    from playwright.sync_api import sync_playwright

    from sheets import default_graph
    from tools.browser import edit_latency_ms, launch, open_sheet, running_server, value_of

    g = default_graph()
    ids = list(g.sheets)
    if quick:
        ids = ids[::6] + ["p03", "p18"]
    last = {sid: g.sheet_cells(sid)[-1].name for sid in ids}
    n_edits = 10 if quick else 30
    opens: dict[str, float] = {}
    painted: dict[str, float] = {}
    n_fcp = 0
    switches: dict[str, float] = {}
    edits: dict[str, list[float]] = {}
    with running_server(g) as url, sync_playwright() as p:
        browser = launch(p)
        ctx = browser.new_context(viewport={"width": 1440, "height": 900})
        page = ctx.new_page()
        open_sheet(page, url, "p01", wait_for=last.get("p01"))  # fills the browser cache
        for sid in ids:
            pg = ctx.new_page()
            opens[sid] = open_sheet(pg, url, sid, wait_for=last[sid])
            ms, by_fcp = pg.evaluate(PAINTED_JS) or (None, False)
            if ms is not None:
                painted[sid] = float(ms) / 1e3
                n_fcp += bool(by_fcp)
            pg.close()
        for sid in ids:
            if sid == "p01":
                continue
            t0 = time.perf_counter()
            page.locator(f'button[data-sheet="{sid}"]').first.click()
            page.locator(f'button.selected[data-sheet="{sid}"]').first.wait_for()
            page.locator(value_of(last[sid])).first.wait_for()
            page.wait_for_function("t => location.search.includes('sheet=' + t)", arg=sid)
            switches[sid] = time.perf_counter() - t0
        for sid, (inp, target, values) in EDIT_CASES.items():
            open_sheet(page, url, sid, wait_for=target)
            page.wait_for_timeout(1000)  # let the heavy cards of the opening settle
            edits[sid] = [edit_latency_ms(page, inp, target, values[k % 2]) for k in range(n_edits)]
        floor = _floor_opens(browser, 5 if quick else 10)
        browser.close()
    out = [
        row(f"dashboard open a sheet until its values are on screen (the page's first paint: first "
            f"contentful paint for {n_fcp}, the frame after for {len(painted) - n_fcp}), median of "
            f"{len(painted)} sheets (target < {OPEN_TARGET_S} s; slowest: {_slowest(painted)})",
            median(list(painted.values())) if painted else None, "s"),
        row(f"dashboard open a sheet until it is live (its last value in the live document), median of "
            f"{len(opens)} sheets (slowest: {_slowest(opens)})", median(list(opens.values())), "s"),
        row(f"dashboard open, the floor: a Panel page of one HTML pane in the same template, median of {len(floor)} "
            f"(same browser, same run)", median(floor), "s"),
        row(f"dashboard switch sheet by a click, median of {len(switches)} sheets "
            f"(target < {SWITCH_TARGET_S} s; slowest: {_slowest(switches)})", median(list(switches.values())), "s"),
    ]
    for sid, lat in edits.items():
        out.append(row(f"dashboard edit-to-screen on {sid}, median of {len(lat)} edits (target < {EDIT_TARGET_MS:g} ms)",
                       median(lat), "ms"))
    return out


def _load_rows(mode: str, quick: bool) -> list[dict]:
    """The load check against a fresh `napkin serve` process: LOAD_SESSIONS sessions editing p03."""
    from tools.loadcheck import check

    seconds = 8.0 if quick else 20.0
    res = check(LOAD_SESSIONS, seconds, LOAD_THINK_S, mode=mode)
    for msg in (res.errors + res.leaks + res.server_log_errors)[:5]:
        print(f"bench: dashboard load ({mode}): {msg.splitlines()[0] if msg else msg}", file=sys.stderr)
    n = res.sessions
    think = f"{0.5 * LOAD_THINK_S:g}-{1.5 * LOAD_THINK_S:g} s between edits"
    if mode == "server":
        what, lat = f"{n} websocket sessions (no browser), {think}", "edit-to-result latency (server)"
    else:
        what, lat = f"{n} Chromium sessions on this machine, {think}", "edit-to-screen latency (browser)"
    return [
        row(f"dashboard load, {what}: sessions", float(n), "sessions"),
        row(f"dashboard load, {what}: edits in {seconds:g} s", float(res.edits), "edits"),
        row(f"dashboard load, {what}: errors (want 0)", float(len(res.errors) + len(res.server_log_errors)), "errors"),
        row(f"dashboard load, {what}: cross-session leaks (want 0)", float(len(res.leaks)), "leaks"),
        row(f"dashboard load, {what}: median {lat}", res.p(0.5), "ms"),
        row(f"dashboard load, {what}: p95 {lat}", res.p(0.95), "ms"),
    ]


def rows(quick: bool) -> list[dict]:
    out = _engine_rows(50 if quick else 200) + _session_rows(3 if quick else 10)
    out += _load_rows("server", quick)
    if _browser_available():
        out += _browser_rows(quick)
        out += sheet_rows(quick)
        out += _load_rows("browser", quick)
    else:
        out.append(row("dashboard edit-to-screen latency (browser): skipped, chromium/playwright missing", None, "ms"))
        out.append(row("dashboard load in Chromium: skipped, chromium/playwright missing", None, "ms"))
    return out
