"""The page the server sends carries the open sheet as plain HTML (dashboards.firstpaint), with
the page's scripts deferred so that it paints before Bokeh has loaded. Read over plain HTTP, no
browser (the browser side is tests/e2e/test_dashboard_first_paint.py).

Hand values, p03 with 4 bytes per weight on the A100: 25.6 M weights × 4 B = 102.4 MB; streamed
at 2,039 GB/s that is 102.4e6 / 2.039e12 s = 0.05022 ms; the A100's ridge is 312 TFLOP/s /
2,039 GB/s = 153 FLOP/byte and the intensity 4.1 GFLOP / 102.4 MB = 40.04 FLOP/byte < 153:
memory-bound.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from dashboards.app import create_app
from dashboards.firstpaint import first_paint, with_first_paint
from napkin.workspace import build_for_serve
from sheets import default_graph
from tools.browser import running_server

WS = Path(__file__).resolve().parents[1] / "resources" / "workspace"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode()


@pytest.fixture(scope="module")
def p03_page() -> str:
    with running_server(default_graph()) as url:
        return _get(url + "?sheet=p03&p03.bytes_per_param_gpu=4")


def _first(html: str) -> str:
    m = re.search(r'<div id="napkin-first".*?</div><script>', html, re.S)
    assert m, "the page has no first paint"
    return m.group(0)


def _shown(first: str, name: str) -> str:
    m = re.search(rf'data-first-cell="{re.escape(name)}">([^<]*)<', first)
    assert m, f"{name} is not in the first paint"
    return m.group(1)


def test_the_page_carries_the_sheet_with_its_edits(p03_page):
    first = _first(p03_page)
    assert "ResNet-50 roofline: A100 vs phone NPU" in first
    assert _shown(first, "p03.bytes_per_param_gpu") == "4"
    assert _shown(first, "p03.weight_bytes_gpu") == "102.4"
    assert _shown(first, "p03.t_memory_gpu") == "0.05022"
    assert _shown(first, "p03.ridge_gpu") == "153"
    assert _shown(first, "p03.intensity_gpu") == "40.04"
    assert _shown(first, "p03.verdict_gpu") == "memory-bound"
    assert 'class="box edited"><span class="text" data-first-cell="p03.bytes_per_param_gpu"' in first
    assert _shown(first, "p03.gpu").startswith("gpu_a100 — ")  # the device choice, by its member


def test_a_refused_value_in_the_link_is_said_in_the_first_paint():
    with running_server(default_graph()) as url:
        first = _first(_get(url + "?sheet=p03&p03.mem_bw_gpu=3%20GB"))
    alert = re.search(r'<div class="error" role="alert">([^<]*)</div>', first)
    assert alert and "p03.mem_bw_gpu" in alert.group(1) and "3 GB" in alert.group(1)
    assert _shown(first, "p03.mem_bw_gpu") == "2,039"  # the model kept its value


def test_the_copy_leaves_the_cell_classes_to_the_live_page(p03_page):
    assert "cell-" not in _first(p03_page)  # value_of() (contract) finds only the live elements


def test_the_head_loads_no_script_before_the_page_is_parsed(p03_page):
    head = p03_page.split("</head>", 1)[0]
    tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head)
    assert len(tags) >= 8  # es-module-shims, KaTeX ×2, Bokeh ×5, Panel, the template's own
    blocking = [t for t in tags if " defer" not in t and 'type="module"' not in t]
    assert blocking == []
    # inline calls into Bokeh wait for it (deferred scripts run before DOMContentLoaded)
    assert re.search(r"^\s*Bokeh\.", head, re.M) is None


def test_a_page_of_another_shape_is_served_as_it_is():
    html = "<html><head><script src='x.js'></script></head><body><p>no main column</p></body></html>"
    assert with_first_paint(html, "<b>first</b>") == html


def test_what_a_user_wrote_is_text_in_the_first_paint(tmp_path):
    for f in WS.iterdir():
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "decode.toml"
    text = path.read_text()
    hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
    text = text.replace('title = "Decode step on one H200"', f'title = "{hostile}"')
    text = text.replace('doc = "Weight bytes read per step"', f'doc = "{hostile}"')
    path.write_text(text)
    graph, problems = build_for_serve(tmp_path)
    assert problems == []
    first = first_paint(create_app(graph, query={"sheet": "decode"}))
    assert "<img" not in first and "<script>alert" not in first
    assert first.count("&lt;img src=x onerror=alert(1)&gt;") == 2  # the title and the input's label
