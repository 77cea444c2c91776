"""The first paint in Debian's Chromium: the sheet reads before Bokeh has loaded, gives way to the
live page without a trace, and says so when the live page never comes.

Hand values (p03, 4 bytes per weight on the A100): 25.6 M × 4 B = 102.4 MB of weights; at 2,039 GB/s
that is 0.05022 ms; arithmetic intensity 4.1 GFLOP / 102.4 MB = 40.04 FLOP/byte, under the ridge
of 312 TFLOP/s / 2,039 GB/s = 153: memory-bound.
"""

from __future__ import annotations

import re

import pytest

from sheets import default_graph
from tools.browser import commit, open_sheet, text_of, wait_text

pytestmark = pytest.mark.external

GRAPH = default_graph()
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
P03_EDITED = "p03&p03.bytes_per_param_gpu=4"


def _first_text(page, name: str) -> str:
    return page.locator(f'#napkin-first [data-first-cell="{name}"]').first.inner_text().strip()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_sheet_reads_before_the_scripts_arrive(browser, server, viewport):
    ctx = browser.new_context(viewport=viewport)
    page = ctx.new_page()
    try:
        page.clock.install()
        page.route(re.compile(r".*/static/js/bokeh.*\.js.*"), lambda route: route.abort())  # no live page
        page.goto(f"{server}?sheet={P03_EDITED}")
        first = page.locator("#napkin-first")
        first.wait_for()
        assert page.locator("#napkin-first h1").inner_text() == "ResNet-50 roofline: A100 vs phone NPU"
        assert _first_text(page, "p03.bytes_per_param_gpu") == "4"
        assert _first_text(page, "p03.weight_bytes_gpu") == "102.4"
        assert _first_text(page, "p03.t_memory_gpu") == "0.05022"
        assert _first_text(page, "p03.intensity_gpu") == "40.04"
        assert _first_text(page, "p03.verdict_gpu") == "memory-bound"
        assert "Loading the live sheet" in first.locator(".loading").inner_text()
        page.wait_for_function("() => document.documentElement.dataset.firstPaintMs !== undefined")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]  # no sideways scrolling, on a phone either
        if viewport is PHONE:  # the empty sheet list does not take the narrow screen
            assert page.locator("#sidebar.hidden").count() == 1
        page.clock.fast_forward("00:25")
        note = first.locator(".loading.failed")
        note.wait_for()
        assert "did not load" in note.inner_text() and "reload the page" in note.inner_text()
        assert page.locator("#napkin-first [class*='cell-']").count() == 0
    finally:
        ctx.close()


def test_the_live_page_takes_over_from_the_first_paint(browser, server):
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        sent = page.request.get(f"{server}?sheet=p18").text()  # what the first paint shows
        shown = dict(re.findall(r'data-first-cell="(p18\.[a-z0-9_]+)">([^<]*)<', sent))
        outputs = [c.name for c in GRAPH.sheet_cells("p18") if c.kind.value != "input"]
        assert set(outputs) <= set(shown)
        open_sheet(page, server, "p18", wait_for=outputs[-1])
        page.locator("#napkin-first").wait_for(state="detached")
        for name in outputs:  # the live page shows what the first paint showed
            assert text_of(page, name) == shown[name], name
        marks = page.evaluate("({...document.documentElement.dataset})")
        assert 0 < float(marks["firstParsedMs"]) <= float(marks["firstPaintMs"])
        assert shown["p18.act_train"] == "123.2"  # 32 × (784 + 128 + 64 + 10) × 4 B = 126,208 B = 123.25 KiB
        commit(page, "p18.batch_train", "64")  # the live page takes edits
        wait_text(page, "p18.act_train", "246.5")  # twice the batch: 252,416 B = 246.5 KiB
        assert errors == []
    finally:
        ctx.close()
