"""Live reload without a browser: a Reloader over a copied workspace and a dashboard session.

Hand values: decode.t_memory = 140 GB / 4800 GB/s = 29.1667 ms (58.333 ms with the formula
doubled); t_compute at batch 16 = 16 × 140 GFLOP / 989 TFLOP/s = 2.2649 ms.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboards.app import create_app
from dashboards.reload import Reloader
from napkin.workspace import build_for_serve, watch_paths
from sheets import default_graph

WS = Path(__file__).resolve().parents[1] / "resources" / "workspace"


@pytest.fixture
def setup(tmp_path):
    for f in WS.iterdir():
        shutil.copy(f, tmp_path / f.name)
    reloader = Reloader(lambda: build_for_serve(tmp_path), lambda: watch_paths(tmp_path), fallback=default_graph)
    app = create_app(reloader.graph, query={"sheet": "decode"})
    reloader.attach(app, None)
    return tmp_path, reloader, app


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_saved_formula_replaces_the_graph_and_keeps_edits(setup):
    ws, reloader, app = setup
    app.edit("decode.batch", "16")
    assert app.model.value("decode.t_compute") == pytest.approx(16 * 140e9 / 989e12 * 1e3)
    old_graph = app.graph
    _edit(ws / "decode.toml", 'calc = "weights / mem_bw"', 'calc = "2 * weights / mem_bw"')
    reloader.reload()
    assert app.graph is not old_graph and app.graph is reloader.graph
    assert app.model.value("decode.t_memory") == pytest.approx(2 * 140 / 4800 * 1e3)
    assert app.model.overrides() == {"decode.batch": 16}
    assert app.sheet_id == "decode" and not app.reload_banner.visible
    rows = {r["name"]: r for r in app.outputs.rows}
    assert rows["decode.t_memory"]["text"] == "58.33"
    # the other components follow the new model
    # every card reads the session's (new) model
    cards = (app.sweep, app.sensitivity, app.regimes, app.derivation, app.results, app.inputs)
    assert app.session.model is app.model and all(card.session is app.session for card in cards)


def test_a_broken_save_keeps_the_last_good_model_and_shows_the_errors(setup):
    ws, reloader, app = setup
    good = reloader.graph
    app.edit("decode.batch", "16")
    _edit(ws / "decode.toml", 'calc = "weights / mem_bw"', 'calc = "weights / mem_bww"')
    reloader.reload()
    assert reloader.graph is good and app.graph is good
    assert app.model.overrides() == {"decode.batch": 16}
    assert app.reload_banner.visible
    assert f"{ws / 'decode.toml'}:36: decode.t_memory: [unknown name]" in app.reload_banner.object
    _edit(ws / "decode.toml", "mem_bww", "mem_bw")
    reloader.reload()
    assert not app.reload_banner.visible and app.graph is not good


def test_edits_of_removed_inputs_are_dropped(setup):
    ws, reloader, app = setup
    app.edit("serving.budget", "1")
    app.edit("decode.batch", "16")
    text = (ws / "serving.toml").read_text()
    text = text.replace('[cells.budget]\ninput = 3\nunit = "USD"\ndoc = "Budget per million tokens"\n', "")
    (ws / "serving.toml").write_text(text.split("[cells.verdict]")[0])  # no budget, no verdict
    reloader.reload()
    assert reloader.problems == []
    assert "serving.budget" not in app.graph.index
    assert app.model.overrides() == {"decode.batch": 16}


def test_the_watcher_thread_notices_a_save(setup):
    import time

    ws, reloader, app = setup
    reloader.interval = 0.05
    reloader.start()
    try:
        _edit(ws / "fleet.py", "Input(2.5,", "Input(5,")
        deadline = time.monotonic() + 10
        while reloader.rebuilds == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reloader.rebuilds >= 1
        assert app.model.value("fleet.cost_per_hour") == pytest.approx(40.0)
    finally:
        reloader.stop()
