"""Picking hardware in the dashboard, in Debian's Chromium via Playwright: the drop-down above the
sheet re-links the problem, the verdict and the roofline change, and the URL reopens the view."""

from __future__ import annotations

import pytest

from sheets import default_graph
from tools.browser import open_sheet, text_of, wait_text, watch_external

pytestmark = pytest.mark.external

GRAPH = default_graph()

# The roofline legend: labels of the Legend renderers of the plots on screen (Bokeh views).
LEGEND_JS = """() => {
  const out = [], seen = new Set();
  const walk = (v) => {
    if (!v || seen.has(v)) return; seen.add(v);
    if (v.renderer_views) for (const [m] of v.renderer_views)
      if (m.type === 'Legend' || m.constructor.name === 'Legend')
        for (const it of m.items) if (it.label && typeof it.label.value === 'string') out.push(it.label.value);
    for (const k of (v.child_views || [])) walk(k);
  };
  for (const v of Object.values(Bokeh.index)) walk(v);
  return out;
}"""

# p03 at 1 B/param by hand: 25.6 MB of weights.
#   A100: 25.6e6 / 2,039e9 = 0.01256 ms < 4.1e9 / 312e12 = 0.01314 ms  -> compute-bound
#   H100: 25.6e6 / 3,350e9 = 0.007642 ms > 4.1e9 / 989e12 = 0.004146 ms -> memory-bound


@pytest.fixture
def page(browser, server):
    found: list[str] = []
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    watch_external(pg, found)
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    ctx.close()
    assert found == [], f"the page fetched from outside this machine: {found}"
    assert [e for e in errors if "KaTeX" not in e and "404" not in e] == []


def _legend(page) -> list[str]:
    page.wait_for_function("() => window.Bokeh && Object.keys(Bokeh.index).length > 0")
    return page.evaluate(LEGEND_JS)


def _select(page):
    return page.locator(".cell-p03--gpu select").first


def test_pick_h100_changes_verdict_and_roofline_and_the_url_reopens_it(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu", query="&p03.bytes_per_param_gpu=1")
    assert text_of(page, "p03.verdict_gpu") == "compute-bound"
    assert text_of(page, "p03.t_memory_gpu") == "0.01256"
    assert _select(page).input_value().startswith("gpu_a100")
    page.wait_for_function(f"() => ({LEGEND_JS})().includes('NVIDIA A100 SXM 80 GB')")

    _select(page).select_option(label="gpu_h100 — NVIDIA H100 SXM5")
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    assert text_of(page, "p03.t_memory_gpu") == "0.007642"
    assert text_of(page, "p03.t_compute_gpu") == "0.004146"
    assert page.locator(".cell-p03--peak_gpu input").first.input_value() == "989"
    page.wait_for_function(f"() => ({LEGEND_JS})().includes('NVIDIA H100 SXM5')")
    legend = _legend(page)
    assert "NVIDIA A100 SXM 80 GB" not in legend and "Flagship phone NPU" in legend

    link = page.locator(".napkin-link input").first
    page.wait_for_function("el => el.value.includes('p03.gpu=gpu_h100')", arg=link.element_handle())
    url = link.input_value()
    assert "sheet=p03" in url and "p03.bytes_per_param_gpu=1" in url

    page.goto(url if url.startswith("http") else server + url)
    page.locator(".cell-p03--verdict_gpu").first.wait_for()
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    assert _select(page).input_value().startswith("gpu_h100")
    assert text_of(page, "p03.t_memory_gpu") == "0.007642"
    page.wait_for_function(f"() => ({LEGEND_JS})().includes('NVIDIA H100 SXM5')")


def test_a_device_without_the_mode_shows_na(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu", query="&p03.gpu=soc_m4_max")
    assert _select(page).input_value().startswith("soc_m4_max")
    wait_text(page, "p03.t_memory_gpu", "0.09377")  # 51.2 MB / 546 GB/s: defined
    assert "#ERROR" in text_of(page, "p03.verdict_gpu")
    title = page.locator(".cell-p03--t_compute_gpu").first.get_attribute("title")
    assert "soc_m4_max has no FP16 matrix unit (peak_fp16_tensor is n/a: Apple publishes no GPU FP16 matrix peak)" in title
