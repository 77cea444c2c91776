"""The dashboard over a real websocket (in-process server, Bokeh protocol, no browser): what one
edit sends, and to whom."""

from __future__ import annotations

import asyncio

import pytest

from sheets import default_graph
from tools.browser import running_server
from tools.wsclient import BokehSession, decode

INPUT, TARGET = "p03.bytes_per_param_gpu", "p03.t_memory_gpu"


def _events(patches: list[dict]) -> list[dict]:
    return [e for p in patches for e in p["events"]]


async def _edit_in_one_of_two(url: str) -> tuple[list[dict], list[dict], str]:
    a = await BokehSession.open(url, {"sheet": "p03"})
    b = await BokehSession.open(url, {"sheet": "p03"})
    try:
        for s in (a, b):  # opened: the results, then the cards loaded after the page (defer_load)
            await s.until(lambda o: "napkin-sweep-card" in (o.get("attributes", {}).get("css_classes") or []))
            await s.quiet(0.5)
        inp, out = a.inputs_of(INPUT), a.outputs_of(TARGET)
        to_a: list[dict] = []
        to_b: list[dict] = []
        a.watch(to_a.append)
        b.watch(to_b.append)
        for value in ("1", "4"):
            before = len(to_a)
            await a.type_into(inp["id"], INPUT, value)
            for _ in range(100):  # the reply comes after Panel's debounce; wait for it (10 s at most)
                if len(to_a) > before:
                    break
                await asyncio.sleep(0.1)
            await a.quiet(0.5)
        await b.quiet(0.5)
        return to_a, to_b, out["id"]
    finally:
        await a.close()
        await b.close()


def test_an_edit_is_one_patch_and_other_sessions_hear_nothing():
    with running_server(default_graph()) as url:
        to_a, to_b, out = asyncio.run(_edit_in_one_of_two(url))
    # per edit: one combined patch with the results (not one message per changed property), then
    # at most one patch for each heavy card (sensitivity, regimes, sweep), worked out afterwards
    firsts = [k for k, p in enumerate(to_a) if any(e.get("attr") == "rows" for e in p["events"])]
    assert len(firsts) == 2 and firsts[0] == 0
    assert firsts[1] - firsts[0] <= 4 and len(to_a) - firsts[1] <= 4
    rows = [decode(e["new"]) for e in _events(to_a) if e.get("attr") == "rows" and e["model"]["id"] == out]
    shown = [next(r["value"] for r in rs if r["name"] == TARGET) for rs in rows]
    assert shown == [pytest.approx(25.6e6 * 1 / 2039e9 * 1e3, rel=1e-12),  # by hand, ms
                     pytest.approx(25.6e6 * 4 / 2039e9 * 1e3, rel=1e-12)]
    assert to_b == []  # nothing (not even a busy spinner) reaches the other session
