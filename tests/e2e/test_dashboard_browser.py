"""The dashboard in Debian's Chromium, driven by Playwright: what a person sees and does.

One server (in-process, free loopback port) and one browser serve the whole module. Skipped
without chromium or playwright on a laptop; they must run under NAPKIN_REQUIRE_EXTERNAL=1.
"""

from __future__ import annotations

import pytest
from conftest import require_tool

from dashboards.logic import css_class
from model import Kind
from sheets import default_graph
from tools.browser import (
    commit,
    data_value,
    open_sheet,
    text_of,
    value_of,
    wait_text,
    watch_external,
)

pytestmark = pytest.mark.external

GRAPH = default_graph()
VIEWPORT = {"width": 1400, "height": 1000}

# p03 by hand: weights 25.6e6 param x 2 B = 51.2 MB; 51.2 MB / 2,039 GB/s = 0.02511 ms;
# 4.1 GFLOP / 312 TFLOP/s = 0.01314 ms of compute, so the A100 is memory-bound.
# At 1 B/param: 25.6 MB / 2,039 GB/s = 0.01256 ms < 0.01314 ms: compute-bound.
# With gpu_a100.mem_bw = 10 TB/s: 51.2 MB / 10 TB/s = 0.00512 ms: compute-bound.


@pytest.fixture(scope="module")
def external():
    found: list[str] = []
    yield found
    assert found == [], f"the page fetched from outside this machine: {found}"


@pytest.fixture
def page(browser, server, external):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    pg = ctx.new_page()
    watch_external(pg, external)
    yield pg
    ctx.close()


def test_edit_moves_dependents_and_flips_a_verdict(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    assert text_of(page, "p03.t_memory_gpu") == "0.02511"
    assert text_of(page, "p03.verdict_gpu") == "memory-bound"
    colour_before = page.locator(value_of("p03.verdict_gpu")).first.evaluate("e => getComputedStyle(e).backgroundColor")
    commit(page, "p03.bytes_per_param_gpu", "1")
    wait_text(page, "p03.verdict_gpu", "compute-bound")
    assert text_of(page, "p03.t_memory_gpu") == "0.01256"
    assert data_value(page, "p03.t_memory_gpu") == pytest.approx(25.6e6 / 2039e9 * 1e3, rel=1e-12)
    assert text_of(page, "p03.t_compute_gpu") == "0.01314"  # independent of the edit
    colour_after = page.locator(value_of("p03.verdict_gpu")).first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour_after != colour_before
    changed = page.locator(".crow.changed, .vrow.changed")
    assert changed.count() >= 3  # weight bytes, memory time, latency ... highlighted
    assert page.locator(".crow.changed " + value_of("p03.t_compute_gpu")).count() == 0
    assert "p03.bytes_per_param_gpu=1" in page.url  # the address bar is a deep link


def test_spec_edit_changes_another_problem(page, server):
    open_sheet(page, server, "gpu_a100", wait_for="gpu_a100.ridge_fp16")
    commit(page, "gpu_a100.mem_bw", "10 TB/s")
    wait_text(page, "gpu_a100.ridge_fp16", "31.2")  # 312 TFLOP/s / 10 TB/s
    status = page.locator(".napkin-status .status").first.inner_text()
    assert "other cells changed in" in status
    chip = page.locator('.napkin-affected button[data-key="p03"]').first
    chip.click()
    wait_text(page, "p03.verdict_gpu", "compute-bound")
    assert text_of(page, "p03.t_memory_gpu") == "0.00512"
    assert page.locator(f"{value_of('p03.mem_bw_gpu')} input").first.input_value() == "10,000"


def test_trace_shows_latex(page, server):
    open_sheet(page, server, "p03", wait_for="p03.t_memory_gpu")
    page.locator(value_of("p03.t_memory_gpu")).first.click()
    katex = page.locator(".napkin-trace .katex").first
    katex.wait_for()
    text = " ".join(page.locator(".napkin-trace .katex-mathml").all_inner_texts()) + page.locator(
        ".napkin-trace .katex-html").first.inner_text()
    for piece in ("weight_bytes_gpu", "mem_bw_gpu", "51.2", "2,039", "0.02511"):
        assert piece in text
    assert page.locator(".napkin-trace .katex-html").count() >= 1  # laid out by KaTeX, not raw TeX
    inputs = page.locator('.napkin-trace-inputs button[data-key="gpu_a100.mem_bw"]')
    assert inputs.count() == 1
    inputs.first.click()  # up to the spec input
    page.locator(value_of("gpu_a100.mem_bw")).first.wait_for()
    assert "NVIDIA A100" in page.locator(".napkin-header h1").first.inner_text()


def test_bad_input_shows_the_engine_message_and_keeps_the_value(page, server):
    open_sheet(page, server, "p03", wait_for="p03.t_memory_gpu")
    commit(page, "p03.bytes_per_param_gpu", "-3")
    msg = page.get_by_text("must be at least 0 B/param, not -3").first
    msg.wait_for()
    assert "p03.bytes_per_param_gpu" in msg.inner_text()
    box = page.locator(f"{value_of('p03.bytes_per_param_gpu')} input").first
    assert box.input_value() == "-3"  # left in the box to be fixed, not snapped back
    assert text_of(page, "p03.t_memory_gpu") == "0.02511"  # the model kept its last good value
    commit(page, "p03.bytes_per_param_gpu", "lots")
    page.get_by_text("needs a number").first.wait_for()


def test_two_browser_contexts_are_independent(browser, server, external):
    a = browser.new_context(viewport=VIEWPORT)
    b = browser.new_context(viewport=VIEWPORT)
    try:
        pa, pb = a.new_page(), b.new_page()
        for pg in (pa, pb):
            watch_external(pg, external)
            open_sheet(pg, server, "p03", wait_for="p03.verdict_gpu")
        commit(pa, "p03.bytes_per_param_gpu", "1")
        wait_text(pa, "p03.verdict_gpu", "compute-bound")
        commit(pb, "p03.ops_per_image", "8.2")
        wait_text(pb, "p03.t_compute_gpu", "0.02628")  # 8.2 GFLOP / 312 TFLOP/s
        assert text_of(pb, "p03.verdict_gpu") == "compute-bound"  # b's own edit, not a's
        assert text_of(pb, "p03.t_memory_gpu") == "0.02511"  # a's bytes did not reach b
        assert text_of(pa, "p03.t_compute_gpu") == "0.01314"  # b's compute did not reach a
        pb.reload()
        open_sheet(pb, server, "p03", wait_for="p03.verdict_gpu")
        assert text_of(pb, "p03.verdict_gpu") == "memory-bound"  # a new session starts clean
    finally:
        a.close()
        b.close()


def test_deep_links_and_css_classes_on_every_sheet(page, server):
    """?sheet= opens a sheet (with values); every sheet's cells carry their contract classes."""
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu", query="&p03.bytes_per_param_gpu=1")
    assert text_of(page, "p03.verdict_gpu") == "compute-bound"
    last = list(GRAPH.sheets)[-1]
    open_sheet(page, server, last)
    assert GRAPH.sheets[last].title in page.locator(".napkin-header h1").first.inner_text()
    collect = """() => {
      const out = new Set();
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          for (const c of el.classList) if (c.startsWith('cell-')) out.add(c);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return [...out];
    }"""
    ids = list(GRAPH.sheets)
    # a spread over every kind (the first and last of each, every third): each switch re-renders
    # a sheet in ~0.5 s on 2 cores; tests/dashboards covers every sheet on the Panel objects
    kinds = {}
    for sid in ids:
        kinds.setdefault(GRAPH.sheets[sid].kind, []).append(sid)
    sample = set(ids[::3]) | {"p03"} | {k[0] for k in kinds.values()} | {k[-1] for k in kinds.values()}
    for sid in [s for s in ids if s in sample]:
        sd = GRAPH.sheets[sid]
        page.locator(f'button[data-sheet="{sid}"]').first.click()
        page.locator(f'button.selected[data-sheet="{sid}"]').first.wait_for(timeout=10_000)
        page.locator(".napkin-header h1").filter(has_text=sd.title.strip()).first.wait_for(timeout=10_000)
        cells = GRAPH.sheet_cells(sid)
        last_cell = cells[-1].name
        page.locator(value_of(last_cell)).first.wait_for()
        found = set(page.evaluate(collect))
        want = {css_class(c.name) for c in cells}
        assert want <= found, f"{sid}: missing {sorted(want - found)}"
        for c in cells:  # the value element of a calc or verdict; the widget of an input
            if c.kind is Kind.INPUT:  # a device choice is a drop-down
                assert page.locator(f"{value_of(c.name)} {'select' if c.choice else 'input'}").count() == 1
        assert f"sheet={sid}" in page.url


def test_workbook_download_recalculates_to_what_the_page_shows(page, server, tmp_path):
    require_tool("soffice", "libreoffice")
    import openpyxl
    from excel_helpers import value_cell

    from exports.recalc import recalculate

    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    commit(page, "p03.bytes_per_param_gpu", "1")
    wait_text(page, "p03.verdict_gpu", "compute-bound")
    shown = {c.name: (data_value(page, c.name) if c.kind is Kind.CALC else text_of(page, c.name))
             for c in GRAPH.sheet_cells("p03") if c.kind is not Kind.INPUT}
    with page.expect_download() as dl:
        page.locator(".napkin-xlsx button, .napkin-xlsx a").first.click()
    src = tmp_path / "napkin.xlsx"
    dl.value.save_as(src)
    # LibreOffice, with the cached values ignored, must recalculate every formula to the page's values
    (out,) = recalculate([src], tmp_path / "recalc")
    wb = openpyxl.load_workbook(out, data_only=True)
    assert value_cell(wb, "p03.bytes_per_param_gpu").value == 1
    for name, want in shown.items():
        got = value_cell(wb, name).value
        if isinstance(want, str):
            assert got == want, name
        else:
            assert got == pytest.approx(want, rel=1e-9), name


def test_scenario_upload_bad_file_changes_nothing(page, server, tmp_path):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    good = tmp_path / "good.json"
    good.write_text('{"napkin_scenario": 1, "name": "one byte", "overrides": {"p03.bytes_per_param_gpu": "1 B/param"}}')
    page.locator(".napkin-scenario-upload input[type=file]").first.set_input_files(str(good))
    wait_text(page, "p03.verdict_gpu", "compute-bound")
    bad = tmp_path / "bad.json"
    bad.write_text('{"napkin_scenario": 1, "name": "x", "overrides": {"p03.n_params": -5}}')
    page.locator(".napkin-scenario-upload input[type=file]").first.set_input_files(str(bad))
    page.get_by_text("Nothing was applied").first.wait_for()
    assert text_of(page, "p03.verdict_gpu") == "compute-bound"


def test_screenshots_of_roofline_and_trace(browser, server, tmp_path):
    from tools.screenshots import VIEWPORT as SHOT
    from tools.screenshots import take

    ctx = browser.new_context(viewport=SHOT)
    try:
        paths = take(ctx.new_page(), server, tmp_path)
    finally:
        ctx.close()
    for p in paths:
        assert p.stat().st_size > 20_000 and p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sensitivity_and_regimes_cards_show_the_p03_boundary(page, server):
    """The Regimes card shows the bandwidth at which p03 turns compute-bound (by hand: 25.6e6 x
    2 B x 312 TFLOP/s / 4.1 GFLOP = 3,896 GB/s); the tornado chart is drawn; an edit moves it."""
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    row = page.locator('.napkin-regimes tr[data-input="gpu_a100.mem_bw"]').first
    row.wait_for()
    assert "3,896" in row.inner_text() and "below it" in row.inner_text()
    page.locator(".napkin-sensitivity-card canvas").first.wait_for()
    box = page.locator(f"{value_of('p03.bytes_per_param_gpu')} input").first
    box.fill("4")
    box.press("Enter")
    page.locator('.napkin-regimes tr[data-input="gpu_a100.mem_bw"]').filter(has_text="7,792").first.wait_for(
        timeout=10_000)
