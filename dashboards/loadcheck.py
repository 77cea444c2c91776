"""Load check: N concurrent browser sessions editing the same sheet for a bounded time.

`python -m dashboards.loadcheck [--sessions 20] [--seconds 20]` serves the dashboard on a free
loopback port, opens N isolated browser contexts on p03 and has each commit its own values of
`p03.bytes_per_param_gpu` in a loop. After every edit a session checks that the memory time on
its screen is its own value's (25.6e6 param x bytes / 2,039 GB/s): a cross-session leak or a
lost update shows as a mismatch. Reports edits, errors, leaks and edit-to-screen latency.
Traffic goes to 127.0.0.1 only; the loop stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from dataclasses import asdict, dataclass, field

from dashboards.browser import CHROMIUM_ARGS, EDIT_JS, chromium_path, running_server, value_of

# Twenty pages share one browser: without these, Chromium throttles timers and rendering in the
# pages it deems in the background, which would measure the browser's scheduling, not the app.
UNTHROTTLED = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
               "--disable-backgrounding-occluded-windows"]

SHEET = "p03"
INPUT = "p03.bytes_per_param_gpu"
TARGET = "p03.t_memory_gpu"


def expected_ms(bytes_per_param: float) -> float:
    """p03's memory time by hand: 25.6e6 params x bytes / 2,039 GB/s, in ms."""
    return 25.6e6 * bytes_per_param / 2039e9 * 1e3


@dataclass
class LoadResult:
    sessions: int
    seconds: float
    edits: int = 0
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)

    def p(self, q: float) -> float | None:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else None

    def summary(self) -> dict:
        d = asdict(self)
        d.pop("latencies_ms")
        d["median_ms"], d["p95_ms"] = self.p(0.5), self.p(0.95)
        return d


async def _session(browser, url: str, k: int, gate: dict, res: LoadResult, opened: asyncio.Semaphore,
                   think_s: float) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await ctx.new_page()
        async with opened:  # open a few at a time: page loads are the heavy part on 2 cores
            t0 = time.perf_counter()
            await page.goto(f"{url}?sheet={SHEET}")
            await page.locator(value_of(TARGET)).first.wait_for(timeout=60_000)
            res.open_s.append(time.perf_counter() - t0)
        gate["open"] += 1
        if gate["open"] == res.sessions:
            gate["stop_at"] = time.perf_counter() + res.seconds
            gate["all_open"].set()
        await asyncio.wait_for(gate["all_open"].wait(), timeout=300)  # all sessions edit together
        stop_at = gate["stop_at"]
        inp = await page.locator(f"{value_of(INPUT)} input").first.element_handle()
        tgt = await page.locator(value_of(TARGET)).first.element_handle()
        own = [k + 3.0, k + 3.5]  # values no other session uses
        n = 0
        while time.perf_counter() < stop_at:
            v = own[n % 2]
            n += 1
            try:
                ms = await page.evaluate(EDIT_JS, [inp, tgt, f"{v:g}", 30_000])
            except Exception as exc:  # noqa: BLE001 - every failure is reported
                res.errors.append(f"session {k}: {exc}")
                break
            shown = float(await tgt.get_attribute("data-value"))
            if abs(shown - expected_ms(v)) > 1e-9 * expected_ms(v):
                res.leaks.append(f"session {k} set {v:g} but shows {shown!r} ms")
            res.latencies_ms.append(ms)
            res.edits += 1
            await asyncio.sleep(think_s * (0.5 + ((k * 7919 + n * 104729) % 1000) / 1000))  # a person pauses
    except Exception as exc:  # noqa: BLE001
        res.errors.append(f"session {k}: {exc}")
        if not gate["all_open"].is_set():  # a session that failed to open must not hold the others
            gate["open"] += 1
            if gate["open"] == res.sessions:
                gate["stop_at"] = time.perf_counter() + res.seconds
                gate["all_open"].set()
    finally:
        await ctx.close()


async def _run(url: str, sessions: int, seconds: float, think_s: float) -> LoadResult:
    from playwright.async_api import async_playwright

    res = LoadResult(sessions, seconds)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS + UNTHROTTLED)
        opened = asyncio.Semaphore(4)
        gate = {"open": 0, "stop_at": None, "all_open": asyncio.Event()}
        await asyncio.gather(*[_session(browser, url, k, gate, res, opened, think_s) for k in range(sessions)])
        await browser.close()
    return res


def run_load(url: str, sessions: int = 20, seconds: float = 20.0, think_s: float = 2.0) -> LoadResult:
    """Drive `sessions` browser sessions at `url` for about `seconds` of editing each, pausing
    about `think_s` (0.5x to 1.5x) between a session's edits as a person would."""
    return asyncio.run(_run(url, sessions, seconds, think_s))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dashboards.loadcheck", description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--think", type=float, default=2.0, help="mean pause between a session's edits (s)")
    ap.add_argument("--url", help="a dashboard already running on this machine (default: start one)")
    args = ap.parse_args(argv)
    if args.url:
        res = run_load(args.url, args.sessions, args.seconds, args.think)
    else:
        with running_server() as url:
            res = run_load(url, args.sessions, args.seconds, args.think)
    s = res.summary()
    s["open_s"] = sorted(round(x, 2) for x in s["open_s"])
    print(json.dumps(s))
    return 0 if not res.errors and not res.leaks and res.edits else 1


if __name__ == "__main__":
    raise SystemExit(main())
