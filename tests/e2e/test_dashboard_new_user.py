"""Issue 12's defects as a new user meets them, in Debian's Chromium: typing, clicking and reading
the screen and the console. Each test fails on the dashboard as it was before the fix."""

from __future__ import annotations

import json

import pytest

from sheets import default_graph
from tools.browser import commit, open_sheet, text_of, value_of, wait_text, watch_external

pytestmark = pytest.mark.external

GRAPH = default_graph()
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


class Watch:
    """What the page reported: console errors, failed requests, uncaught exceptions."""

    def __init__(self, page):
        self.console: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        watch_external(page, self.external)


def _page(browser, viewport=DESKTOP):
    ctx = browser.new_context(viewport=viewport, accept_downloads=True)
    pg = ctx.new_page()
    return ctx, pg, Watch(pg)


@pytest.fixture
def page(browser):
    ctx, pg, watch = _page(browser)
    pg.watch = watch
    yield pg
    ctx.close()


def shown_sheets(page) -> list[str]:
    return page.locator("nav.nav button[data-sheet]").evaluate_all("els => els.map(e => e.dataset.sheet)")


def test_search_filters_the_sheet_list(page, server):
    open_sheet(page, server, "p01", wait_for="p01.days_base")
    search = page.locator(".napkin-search input").first
    for query, must, must_not in (("p34", {"p34"}, {"p01", "p03"}),
                                  ("mem_bw", {"p03", "gpu_a100"}, {"p01"}),
                                  ("roofline", {"p03"}, {"p01"})):
        search.fill("")
        search.press_sequentially(query, delay=30)
        for _ in range(50):  # the list follows each key press
            ids = set(shown_sheets(page))
            if must <= ids and not (must_not & ids):
                break
            page.wait_for_timeout(100)
        assert must <= ids and not (must_not & ids), (query, sorted(ids)[:10])
    assert not [m for m in page.watch.console if "visible" in m], page.watch.console


@pytest.mark.parametrize("how", ["typed", "deep link"])
def test_zero_at_a_bound_never_shows_a_traceback(page, server, how):
    if how == "deep link":
        open_sheet(page, server, "p03", wait_for="p03.verdict_gpu", query="&p03.mem_bw_gpu=0")
    else:
        open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
        commit(page, "p03.mem_bw_gpu", "0")
    wait_text(page, "p03.t_memory_gpu", "#ERROR")  # a division by zero is the cell's state
    page.locator(".napkin-regimes-card").first.wait_for()
    page.wait_for_timeout(1500)  # the heavy cards come after the results
    body = page.evaluate("() => document.body.innerText")
    assert "Traceback" not in body and "ZeroDivisionError" not in body
    commit(page, "p03.mem_bw_gpu", "2039")  # the page keeps working: the link follows the edit
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    page.wait_for_function("() => location.search.includes('p03.mem_bw_gpu=2039')")
    assert not page.watch.console, page.watch.console


@pytest.mark.parametrize("sheet, query", [("p01", ""), ("p03", ""), ("p18", ""),
                                          ("p03", "&trace=p03.t_memory_gpu"), ("gpu_a100", "")])
def test_no_console_errors_and_no_failed_requests(page, server, sheet, query):
    first = GRAPH.sheet_cells(sheet)[-1].name
    open_sheet(page, server, sheet, wait_for=first, query=query)
    if "trace" in query:
        page.locator(".napkin-trace .katex").first.wait_for()
        assert page.evaluate("() => document.fonts.check('16px KaTeX_Main')")  # KaTeX's own font is loaded
    page.wait_for_timeout(2000)
    w = page.watch
    assert w.console == [] and w.failed == [] and w.external == [], (w.console, w.failed, w.external)


def test_phone_layout_reads_without_sideways_scrolling(browser, server):
    ctx, page, watch = _page(browser, PHONE)
    try:
        open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
        page.wait_for_timeout(800)
        meta = page.evaluate("() => document.querySelector('meta[name=viewport]')?.content || ''")
        assert "width=device-width" in meta
        assert page.evaluate("() => document.getElementById('sidebar').classList.contains('hidden')")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        box = page.locator(f"{value_of('p03.bytes_per_param_gpu')} input").first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        commit(page, "p03.bytes_per_param_gpu", "1")
        wait_text(page, "p03.verdict_gpu", "compute-bound")
    finally:
        ctx.close()


def test_session_tools_are_in_the_first_screen(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    for css in (".napkin-xlsx", ".napkin-scenario-download", ".napkin-scenario-upload", ".napkin-reset-all",
                ".napkin-link"):
        box = page.locator(css).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"], (css, box)
    commit(page, "p03.bytes_per_param_gpu", "1")
    wait_text(page, "p03.verdict_gpu", "compute-bound")
    page.locator(".napkin-reset-all button").first.click()
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    link = page.locator(".napkin-link input").first
    page.wait_for_function("el => el.value.includes('?sheet=p03')", arg=link.element_handle())


def test_verdict_colours_follow_their_meaning(page, server):
    open_sheet(page, server, "p18", wait_for="p18.verdict_fit_infer")
    colour = "e => getComputedStyle(e).backgroundColor"
    assert text_of(page, "p18.verdict_fit_train") == "does not fit"
    assert text_of(page, "p18.verdict_fit_infer") == "fits"
    bad = page.locator(value_of("p18.verdict_fit_train")).first.evaluate(colour)
    good = page.locator(value_of("p18.verdict_fit_infer")).first.evaluate(colour)
    assert bad == "rgb(185, 28, 28)" and good == "rgb(4, 120, 87)"  # red, green


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_verdict_badges_show_their_whole_answer(browser, server, viewport):
    # p03's questions are long; the answer beside each must not be cut to "mem…".
    ctx, page, _ = _page(browser, viewport)
    open_sheet(page, server, "p03", wait_for="p03.verdict_gap")
    for name, answer in (("p03.verdict_gpu", "memory-bound"), ("p03.verdict_npu", "memory-bound"),
                         ("p03.verdict_gap", "compute gap explains it")):
        badge = page.locator(value_of(name)).first
        assert badge.inner_text().strip() == answer
        assert badge.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"{name} is cut on screen"
    ctx.close()


def test_long_labels_wrap_and_regime_groups_name_their_threshold(page, server):
    open_sheet(page, server, "p18", wait_for="p18.verdict_fit_infer")
    labels = page.locator(".napkin-inputs-card label")
    assert labels.count() >= 5
    for k in range(labels.count()):
        fits = labels.nth(k).evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        assert fits, labels.nth(k).inner_text()
    page.locator(value_of("p18.verdict_ratio")).first.click()
    first = page.locator('.napkin-regimes .switch[data-switch="1"] .sw-head').first
    first.wait_for(timeout=30_000)
    assert "Threshold" in first.inner_text()
    card = page.locator(".napkin-regimes-card").first
    assert card.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


def test_sweep_today_line_is_labelled_and_defaults_move(page, server):
    open_sheet(page, server, "p34", wait_for="p34.verdict_bound")
    sel = page.locator(".napkin-sweep-input select").first
    page.wait_for_function("el => el.value && !el.value.includes('n_params')", arg=sel.element_handle())


def test_analysis_cards_follow_quick_sheet_switches(page, server):
    # The chart cards redraw a moment after each switch; after three quick clicks the Sweep card
    # must offer the last sheet's calcs, not an earlier one's.
    from model import Kind

    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    page.locator(".napkin-sweep-output select").first.wait_for()
    for sid in ("p34", "p01", "p18"):
        page.locator(f'button[data-sheet="{sid}"]').first.click()
    page.locator(value_of(GRAPH.sheet_cells("p18")[-1].name)).first.wait_for()
    calcs = sorted(c.short for c in GRAPH.sheet_cells("p18") if c.kind is Kind.CALC)
    sel = page.locator(".napkin-sweep-output select").first
    # p03 (where it started) has as many calcs as p18: wait for the names, not the count
    shows = "([el, want]) => JSON.stringify([...el.options].map(o => o.text.split(' (')[0]).sort()) === want"
    try:
        page.wait_for_function(shows, arg=[sel.element_handle(), json.dumps(calcs, separators=(",", ":"))], timeout=15_000)
    finally:
        shown = sorted(t.rsplit(" (", 1)[0] for t in sel.evaluate("el => [...el.options].map(o => o.text)"))
    assert shown == calcs
    assert page.watch.console == []


def test_errors_read_without_python_internals_and_stay_in_the_box(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    commit(page, "p03.mem_bw_gpu", "3 tb/s")
    msg = page.locator(".napkin-inputs-card .error").first
    msg.wait_for()
    text = msg.inner_text()
    assert "tb/s" in text and "((" not in text and "'," not in text
    box = page.locator(f"{value_of('p03.mem_bw_gpu')} input").first
    assert box.input_value() == "3 tb/s"  # left to be fixed
    commit(page, "p03.mem_bw_gpu", "3 TB/s")
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    page.locator(".napkin-inputs-card .error").first.wait_for(state="detached")
    edited = page.locator(f"{value_of('p03.mem_bw_gpu')}.edited").count()
    assert edited == 1  # the edited input is highlighted


def test_used_by_and_depth(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu", query="&trace=p03.verdict_gpu")
    page.locator(".napkin-trace-users button", has_text="nothing").first.wait_for()
    page.locator(".napkin-depth button", has_text="2 levels").first.click()
    page.wait_for_function("() => location.search.includes('trace=p03.verdict_gpu')")


def test_the_dependency_graph_follows_the_depth_and_opens_what_is_clicked(page, server):
    # p03.t_memory_gpu = weight_bytes_gpu / mem_bw_gpu; weight_bytes_gpu = n_params * bytes_per_param_gpu,
    # mem_bw_gpu reads the chosen device: the second level adds those
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu", query="&trace=p03.t_memory_gpu")
    nodes = page.locator(".napkin-graph g.node")
    page.locator('.napkin-graph g.node[data-cell="p03.mem_bw_gpu"]').first.wait_for()
    assert page.locator('.napkin-graph g.node[data-cell="p03.n_params"]').count() == 0
    one = nodes.count()
    page.locator(".napkin-depth button", has_text="2 levels").first.click()
    page.locator('.napkin-graph g.node[data-cell="p03.n_params"]').first.wait_for()
    assert nodes.count() >= one + 3
    page.locator('.napkin-graph g.node[data-cell="p03.weight_bytes_gpu"]').first.click()
    page.wait_for_function("() => location.search.includes('trace=p03.weight_bytes_gpu')")
    page.locator(".napkin-trace-card .trace-title", has_text="FP16 weight bytes read per image").first.wait_for()
    assert page.watch.console == [] and page.watch.failed == []


def test_ctrl_z_undoes_and_ctrl_shift_z_redoes(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    commit(page, "p03.bytes_per_param_gpu", "1")
    wait_text(page, "p03.verdict_gpu", "compute-bound")
    page.locator(".napkin-header h1").first.click()  # focus out of the box: keys go to the page
    page.keyboard.press("Control+z")
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    box = page.locator(f"{value_of('p03.bytes_per_param_gpu')} input").first
    page.wait_for_function("el => el.value === '2'", arg=box.element_handle())
    page.keyboard.press("Control+Shift+z")
    wait_text(page, "p03.verdict_gpu", "compute-bound")


def test_first_visit_orientation_is_dismissed_for_good(browser, server):
    ctx, page, _ = _page(browser)
    try:
        open_sheet(page, server, "p01", wait_for="p01.days_base")
        note = page.locator(".napkin-orientation .first-visit").first
        note.wait_for()
        assert "Edit a box" in note.inner_text() and "Click a result" in note.inner_text()
        page.locator(".napkin-orientation button.dismiss").first.click()
        note.wait_for(state="hidden")
        page.reload()
        open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
        page.wait_for_timeout(500)
        assert page.locator(".napkin-orientation .first-visit").count() == 0
    finally:
        ctx.close()


def test_compare_pins_a_and_lists_changes(page, server):
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    page.locator(".napkin-pin button").first.click()
    page.locator(".napkin-unpin button").first.wait_for()
    commit(page, "p03.bytes_per_param_gpu", "1")
    row = page.locator('.napkin-compare tr[data-cell="p03.weight_bytes_gpu"]').first
    row.wait_for(timeout=20_000)
    assert "51.2" in row.inner_text() and "25.6" in row.inner_text() and "bytes_per_param_gpu" in row.inner_text()


def test_an_edited_workbook_loads_through_the_upload(page, server, tmp_path):
    """Download the workbook, edit it as Excel would (an input, the device drop-down, a formula
    cell), load it through the same upload as a scenario: the inputs apply, the formula edit is
    named and ignored; a workbook with one refused value changes nothing and says which cell."""
    from excel_helpers import edit_workbook

    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    with page.expect_download() as dl:
        page.locator(".napkin-xlsx button, .napkin-xlsx a").first.click()
    src = tmp_path / "napkin.xlsx"
    dl.value.save_as(src)
    good = edit_workbook(src, tmp_path / "edited.xlsx",
                         {"p03.bytes_per_param_gpu": 1, "p03.gpu": "gpu_h100", "p03.latency_gpu": 1.0})
    upload = page.locator(".napkin-scenario-upload input[type=file]").first
    upload.set_input_files(str(good))
    page.get_by_text("Workbook 'edited.xlsx' loaded: 2 inputs set").first.wait_for(timeout=20_000)
    msg = page.locator(".napkin-session-msg div.ok").first.inner_text()
    assert "1 edited formula cell (p03.latency_gpu) not imported" in msg
    # by hand: 25.6e6 B / 3,350 GB/s = 7.642 us against 4.1 GFLOP / 989 TFLOP/s = 4.146 us
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    assert page.locator(".cell-p03--peak_gpu input").first.input_value() == "989"
    assert "0.007642" in text_of(page, "p03.latency_gpu")
    bad = edit_workbook(src, tmp_path / "bad.xlsx", {"p03.bytes_per_param_gpu": 4, "p03.n_params": -5})
    upload.set_input_files(str(bad))
    page.get_by_text("nothing was applied").first.wait_for(timeout=20_000)
    msg = page.locator(".napkin-session-msg div.error").first.inner_text()
    assert "p03.n_params" in msg and "bad.xlsx" in msg and "napkin-upload" not in msg
    assert text_of(page, "p03.verdict_gpu") == "memory-bound"
    assert page.locator(".cell-p03--peak_gpu input").first.input_value() == "989"


def test_a_range_typed_in_a_box_shows_bands_and_odds(page, server):
    """Type '3000 to 5000' into the A100 bandwidth: the verdict shows the odds of each answer and
    t_memory its P5-P95 band (by hand: P(compute-bound) = (5000 - 3896.2) / 2000 = 55 %; t_memory
    P5 = 51.2e6 / 4900e9 s = 0.01045 ms, P95 = 51.2e6 / 3100e9 s = 0.01652 ms). The link carries the
    range and reopens with the same bands; a plain value removes them."""
    open_sheet(page, server, "p03", wait_for="p03.verdict_gpu")
    commit(page, "p03.mem_bw_gpu", "3000 to 5000")
    band = page.locator(".cell-p03--verdict_gpu-band").first
    band.wait_for(timeout=20_000)
    odds = band.inner_text()
    share = float(odds.split("compute-bound ")[1].split("%")[0])
    assert abs(share - 55.2) < 3, odds
    t_mem = page.locator(".cell-p03--t_memory_gpu-band").first.inner_text()
    lo, hi = (float(x) for x in t_mem.removeprefix("P5–P95 ").split(" – "))
    assert abs(lo / 0.010449 - 1) < 0.02 and abs(hi / 0.016516 - 1) < 0.02, t_mem
    assert page.locator(".cell-p03--t_compute_gpu-band").first.is_hidden()
    assert "range (uniform) 3,000 … 5,000" in page.locator(".range-note").first.inner_text()
    assert page.locator(".cell-p03--mem_bw_gpu input").first.input_value() == "3000 to 5000"
    link = page.locator(".napkin-link input").first.input_value()
    assert "p03.mem_bw_gpu=3000..5000" in link
    other = page.context.new_page()
    try:
        other.goto(link if link.startswith("http") else server + link[link.index("?"):])
        other.locator(".cell-p03--verdict_gpu-band").first.wait_for(timeout=60_000)
        assert other.locator(".cell-p03--verdict_gpu-band").first.inner_text() == odds
    finally:
        other.close()
    commit(page, "p03.mem_bw_gpu", "2500")
    wait_text(page, "p03.verdict_gpu", "memory-bound")
    page.locator(".cell-p03--verdict_gpu-band").first.wait_for(state="hidden", timeout=20_000)
