"""Arithmetic in a dashboard box, over a real websocket (issue #12): the text typed into an input
is read by the same value reader as --set, so `=2*2` means 4 B/param and `(3 - 1.5) B/param * 2` means 3."""

from __future__ import annotations

import asyncio

import pytest

from sheets import default_graph
from tools.browser import running_server
from tools.wsclient import BokehSession, decode

INPUT, TARGET = "p03.bytes_per_param_gpu", "p03.t_memory_gpu"


async def _type(url: str, texts: list[str]) -> list[list[dict]]:
    s = await BokehSession.open(url, {"sheet": "p03"})
    try:
        await s.quiet(0.5)
        inp = s.inputs_of(INPUT)
        got: list[list[dict]] = []
        for text in texts:
            patches: list[dict] = []
            stop = s.watch(patches.append)
            await s.type_into(inp["id"], INPUT, text)
            for _ in range(100):
                if patches:
                    break
                await asyncio.sleep(0.1)
            await s.quiet(0.5)
            stop()
            got.append(patches)
        return got
    finally:
        await s.close()


def _shown(patches: list[dict]) -> float | None:
    for p in patches:
        for e in p["events"]:
            if e.get("attr") == "rows":
                for r in decode(e["new"]):
                    if r["name"] == TARGET:
                        return r["value"]
    return None


def test_arithmetic_typed_in_a_box_is_read_like_set():
    with running_server(default_graph()) as url:
        first, second = asyncio.run(_type(url, ["=2*2", "(3 - 1.5) B/param * 2"]))
    assert _shown(first) == pytest.approx(25.6e6 * 4 / 2039e9 * 1e3, rel=1e-12)  # by hand, ms
    assert _shown(second) == pytest.approx(25.6e6 * 3 / 2039e9 * 1e3, rel=1e-12)
