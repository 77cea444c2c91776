"""Load check: N concurrent dashboard sessions editing the same sheet for a bounded time.

`python -m tools.loadcheck [--sessions 20] [--seconds 20] [--think 1] [--mode browser|server]`
serves the dashboard in its own process on a free loopback port and drives N sessions of p03.
Each commits its own values of `p03.bytes_per_param_gpu`, pausing like a person between edits
(uniformly 0.5x to 1.5x of `--think` seconds, a different schedule per session), and after every
edit checks that the memory time it is shown is its own value's (25.6e6 param x bytes /
2,039 GB/s): a cross-session leak or a lost update shows as a mismatch.

Two modes:
- `browser`: N isolated Chromium contexts (Playwright). Latency is edit-to-screen: from setting
  the input's text in the page to the changed value on screen. The browsers share this
  machine's cores with the server, so this measures both.
- `server`: N websocket sessions speaking Bokeh's protocol without rendering
  (tools.wsclient): from sending the input's new value to receiving the patch with the new
  result. This is the server's latency under N sessions.

Sessions are opened first, a few at a time. Each makes its first edit as it opens (the first
edit does one-off work in a page, such as showing the reset button; reported apart as
`first_edit_ms`) and must then go quiet. The timed edit phase starts when all are open, with the
sessions' first timed edits spread over one think time. Reports edits, errors (including ERROR
lines in the server's log), leaks, and median/p95 latency of the timed edits.
Traffic goes to 127.0.0.1 only; the loop stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools.browser import CHROMIUM_ARGS, EDIT_JS, chromium_path, free_port, value_of

# Many pages share one browser: without these, Chromium throttles timers and rendering in the
# pages it deems in the background, which would measure the browser's scheduling, not the app.
UNTHROTTLED = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
               "--disable-backgrounding-occluded-windows"]

SHEET = "p03"
INPUT = "p03.bytes_per_param_gpu"
TARGET = "p03.t_memory_gpu"
EDIT_LIMIT_S = 15.0  # an edit not on screen by then is an error
ROOT = Path(__file__).resolve().parent.parent


def expected_ms(bytes_per_param: float) -> float:
    """p03's memory time by hand: 25.6e6 params x bytes / 2,039 GB/s, in ms."""
    return 25.6e6 * bytes_per_param / 2039e9 * 1e3


def _same(shown: float, want: float) -> bool:
    return abs(shown - want) <= 1e-9 * abs(want)


def _own_values(k: int) -> list[float]:
    return [k + 3.0, k + 3.5]  # values no other session uses


@dataclass
class LoadResult:
    mode: str
    sessions: int
    seconds: float
    think_s: float
    edits: int = 0
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    first_edit_ms: list[float] = field(default_factory=list)  # each session's first edit, made while opening
    open_phase_s: float | None = None  # from the start to the edit phase's start (all sessions open)
    edit_phase_s: float | None = None  # from the edit phase's start to the last timed edit's result
    server_log_errors: list[str] = field(default_factory=list)

    def p(self, q: float) -> float | None:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.leaks and not self.server_log_errors and self.edits > 0

    def summary(self) -> dict:
        d = asdict(self)
        d.pop("latencies_ms")
        d["open_s"] = sorted(round(x, 2) for x in self.open_s)
        d["first_edit_ms"] = sorted(round(x) for x in self.first_edit_ms)
        for key, v in (("median_ms", self.p(0.5)), ("p95_ms", self.p(0.95)),
                       ("max_ms", max(self.latencies_ms, default=None))):
            d[key] = None if v is None else round(v, 1)
        for key in ("open_phase_s", "edit_phase_s"):
            d[key] = None if d[key] is None else round(d[key], 2)
        if self.edit_phase_s:
            d["edits_per_s"] = round(self.edits / self.edit_phase_s, 2)
        return d


class _Gate:
    """Holds every session until all are open, then starts the timed edit phase."""

    def __init__(self, res: LoadResult):
        self.res = res
        self.opened = 0
        self.all_open = asyncio.Event()
        self.t_first = time.perf_counter()
        self.start_at = self.stop_at = 0.0

    def arrived(self) -> None:
        self.opened += 1
        if self.opened == self.res.sessions:
            now = time.perf_counter()
            self.res.open_phase_s = now - self.t_first
            self.start_at = now
            self.stop_at = now + self.res.seconds
            self.all_open.set()

    async def wait(self) -> None:
        await asyncio.wait_for(self.all_open.wait(), timeout=900)

    def pauses(self, k: int) -> Iterator[float]:
        """Session k's pauses: the first spreads session starts over one think time, then a person's."""
        rng = random.Random(7919 * k + 1)
        think = self.res.think_s
        yield think * k / max(1, self.res.sessions)
        while True:
            yield think * rng.uniform(0.5, 1.5)

    def edited(self) -> None:
        self.res.edit_phase_s = time.perf_counter() - self.start_at


class _Client:
    """One session of the check: open it, commit a value of INPUT, read back TARGET's value."""

    errors: list[str] = []  # problems the connection itself saw (filled on close)

    async def open(self) -> None: ...

    async def quiet(self) -> None:
        """Wait until the session has stopped exchanging messages."""

    async def edit(self, text: str) -> tuple[float, float | None]:
        """Commit `text`; return (ms until the new result arrived, the TARGET value it shows)."""

    async def close(self) -> None: ...


class _BrowserClient(_Client):
    def __init__(self, browser, url: str):
        self.browser, self.url = browser, url
        self.ctx = self.page = self.inp = self.tgt = None
        self.last = [time.perf_counter()]  # when the page's websocket last carried a frame

    async def open(self) -> None:
        self.ctx = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = page = await self.ctx.new_page()

        def on_ws(ws):
            def stamp(_frame):
                self.last[0] = time.perf_counter()
            ws.on("framereceived", stamp)
            ws.on("framesent", stamp)

        page.on("websocket", on_ws)
        await page.goto(f"{self.url}?sheet={SHEET}")
        await page.locator(value_of(TARGET)).first.wait_for(timeout=120_000)
        self.inp = await page.locator(f"{value_of(INPUT)} input").first.element_handle()
        self.tgt = await page.locator(value_of(TARGET)).first.element_handle()
        await self.quiet()

    async def quiet(self, seconds: float = 0.5, limit: float = 60.0) -> None:
        """Wait until the page's websocket has been silent for `seconds` and a frame has been painted."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            gap = time.perf_counter() - self.last[0]
            if gap >= seconds:
                break
            await asyncio.sleep(seconds - gap)
        await self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    async def edit(self, text: str) -> tuple[float, float | None]:
        ms = await self.page.evaluate(EDIT_JS, [self.inp, self.tgt, text, EDIT_LIMIT_S * 1000])
        shown = await self.tgt.get_attribute("data-value")
        return float(ms), None if shown is None else float(shown)

    async def close(self) -> None:
        if self.ctx is not None:
            await self.ctx.close()


def _target_value(content: dict, table_id: str) -> float | None:
    """The target's value in a patch of the outputs table's rows, if the patch carries them."""
    from tools.wsclient import decode

    for ev in content.get("events", []):
        if ev.get("kind") == "ModelChanged" and ev.get("attr") == "rows" and ev["model"]["id"] == table_id:
            for r in decode(ev["new"]):
                if r.get("name") == TARGET:
                    return r.get("value")
    return None


class _WsClient(_Client):
    def __init__(self, url: str):
        self.url = url
        self.sess = self.inp_id = self.table_id = None
        self.errors: list[str] = []

    async def open(self) -> None:
        from tools.wsclient import BokehSession

        self.sess = sess = await BokehSession.open(self.url, {"sheet": SHEET})
        inp, table = sess.inputs_of(INPUT), sess.outputs_of(TARGET)
        if inp is None or table is None:
            raise RuntimeError(f"the page has no input {INPUT} or no outputs table with {TARGET}")
        self.inp_id, self.table_id = inp["id"], table["id"]
        await self.quiet()

    async def quiet(self) -> None:
        await self.sess.quiet()

    async def edit(self, text: str) -> tuple[float, float | None]:
        got: asyncio.Future = asyncio.get_running_loop().create_future()

        def on_patch(content):
            val = _target_value(content, self.table_id)
            if val is not None and not got.done():
                got.set_result((time.perf_counter(), val))

        unwatch = self.sess.watch(on_patch)
        try:
            t0 = time.perf_counter()
            await self.sess.type_into(self.inp_id, INPUT, text)
            t1, shown = await asyncio.wait_for(got, EDIT_LIMIT_S)
        except TimeoutError:
            raise TimeoutError(f"no new result within {EDIT_LIMIT_S:g} s") from None
        finally:
            unwatch()
        return (t1 - t0) * 1e3, shown

    async def close(self) -> None:
        if self.sess is not None:
            self.errors.extend(self.sess.errors)
            await self.sess.close()


async def _session(client: _Client, k: int, gate: _Gate, res: LoadResult, opening: asyncio.Semaphore) -> None:
    own = _own_values(k)

    def check(v: float, shown: float | None) -> None:
        if shown is None or not _same(shown, expected_ms(v)):
            res.leaks.append(f"session {k} set {v:g} but was shown {shown!r} ms")

    arrived = False
    try:
        async with opening:  # a few at a time: opening is the heavy part
            t0 = time.perf_counter()
            await client.open()
            res.open_s.append(time.perf_counter() - t0)
            # The session's first edit does one-off work (the reset button appears, the row and
            # status take their edited look): made here, while few sessions are busy, and reported
            # apart, so the timed phase measures steady editing, not one synchronised burst.
            ms, shown = await client.edit(f"{own[1]:g}")
            check(own[1], shown)
            res.first_edit_ms.append(ms)
            await client.quiet()
        arrived = True
        gate.arrived()
        await gate.wait()
        pauses = gate.pauses(k)
        n = 0
        while True:
            await asyncio.sleep(next(pauses))
            if time.perf_counter() >= gate.stop_at:
                break
            v = own[n % 2]
            n += 1
            try:
                ms, shown = await client.edit(f"{v:g}")
            except Exception as exc:  # noqa: BLE001 - every failure is reported
                res.errors.append(f"session {k}: edit {v:g}: {_first_line(exc)}")
                break
            check(v, shown)
            res.latencies_ms.append(ms)
            res.edits += 1
            gate.edited()
    except Exception as exc:  # noqa: BLE001
        res.errors.append(f"session {k}: {_first_line(exc)}")
        if not arrived:  # a session that failed to open must not hold the others
            gate.arrived()
    finally:
        try:
            await client.close()
        finally:
            res.errors.extend(f"session {k}: {e}" for e in client.errors)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".rstrip(": ")


async def _run(url: str, res: LoadResult, open_at_once: int) -> None:
    gate = _Gate(res)
    opening = asyncio.Semaphore(open_at_once)
    if res.mode == "server":
        await asyncio.gather(*[_session(_WsClient(url), k, gate, res, opening) for k in range(res.sessions)])
        return
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS + UNTHROTTLED)
        try:
            await asyncio.gather(*[_session(_BrowserClient(browser, url), k, gate, res, opening)
                                   for k in range(res.sessions)])
        finally:
            await browser.close()


# ---- server and entry points -------------------------------------------------------------------
_LOG_PROBLEM = re.compile(r"^(ERROR|CRITICAL)\b|Traceback \(most recent call last\)")


@contextlib.contextmanager
def server_process(timeout: float = 60.0) -> Iterator[tuple[str, list[str]]]:
    """Run `napkin serve` in its own process on a free loopback port (so the check's clients do
    not share its interpreter); yield (URL, problems), where problems is filled on exit with the
    ERROR lines and tracebacks of its log; stop it."""
    import socket

    port = free_port()
    # closed and removed in the finally below, after the server has stopped writing to it
    log = tempfile.NamedTemporaryFile(prefix="napkin-loadcheck-", suffix=".log", delete=False)  # noqa: SIM115
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "napkin", "serve", "--port", str(port), "--address", "127.0.0.1"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    problems: list[str] = []
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"napkin serve exited with {proc.returncode}: {Path(log.name).read_text()[-2000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"napkin serve did not listen on port {port} within {timeout:g} s")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/", problems
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()
        text = Path(log.name).read_text(errors="replace")
        os.unlink(log.name)
        problems.extend(line for line in text.splitlines() if _LOG_PROBLEM.search(line))


def run_load(url: str, sessions: int = 20, seconds: float = 20.0, think_s: float = 1.0, *,
             mode: str = "browser", open_at_once: int | None = None) -> LoadResult:
    """Drive `sessions` sessions at `url` for about `seconds` of editing, each pausing 0.5x to
    1.5x `think_s` between its edits. `mode` is 'browser' (Chromium) or 'server' (websocket)."""
    if mode not in ("browser", "server"):
        raise ValueError(f"mode must be 'browser' or 'server', not {mode!r}")
    res = LoadResult(mode, sessions, seconds, think_s)
    asyncio.run(_run(url, res, open_at_once or (2 if mode == "browser" else 4)))
    return res


def check(sessions: int = 20, seconds: float = 20.0, think_s: float = 1.0, *, mode: str = "browser",
          url: str | None = None) -> LoadResult:
    """Run the load check against `url`, or against a fresh `napkin serve` process whose log is checked too."""
    if url:
        return run_load(url, sessions, seconds, think_s, mode=mode)
    with server_process() as (base, problems):
        res = run_load(base, sessions, seconds, think_s, mode=mode)
    res.server_log_errors = problems
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.loadcheck", description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0, help="length of the timed edit phase (s)")
    ap.add_argument("--think", type=float, default=1.0,
                    help="mean pause between a session's edits (s; each pause is 0.5x to 1.5x of it)")
    ap.add_argument("--mode", choices=("browser", "server"), default="browser",
                    help="browser: Chromium pages, edit-to-screen; server: websocket sessions, no rendering")
    ap.add_argument("--url", help="a dashboard already running on this machine (default: start one)")
    args = ap.parse_args(argv)
    res = check(args.sessions, args.seconds, args.think, mode=args.mode, url=args.url)
    print(json.dumps(res.summary()))
    return 0 if res.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
