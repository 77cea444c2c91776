"""The load check, small and bounded: concurrent websocket sessions (no browser) against a real
`napkin serve` process, its leak detection against a server that does leak, and the Bokeh-protocol
client's decoding. Speed is not asserted here (it lives in `napkin bench`)."""

from __future__ import annotations

import pytest

from tools import loadcheck
from tools.browser import running_server
from tools.wsclient import decode, objects


def test_expected_value_by_hand():
    # 25.6e6 param x 2 B = 51.2 MB; 51.2 MB / 2,039 GB/s = 0.025110348 ms (the sheet's default)
    assert loadcheck.expected_ms(2) == pytest.approx(0.0251103482, rel=1e-9)


def test_concurrent_sessions_edit_without_errors_or_leaks():
    res = loadcheck.check(sessions=5, seconds=4.0, think_s=0.5, mode="server")
    assert res.errors == []
    assert res.leaks == []
    assert res.server_log_errors == []
    assert len(res.open_s) == 5 and len(res.first_edit_ms) == 5
    assert res.edits >= 5  # every session edited in the timed phase (about 8 edits each)
    assert len(res.latencies_ms) == res.edits
    assert res.ok


def test_a_shared_model_is_caught(monkeypatch):
    """Fault injection: every session gets the same Model. The check must not pass."""
    import dashboards.session as app_module  # the Session builds each tab's Model

    shared = {}
    real = app_module.Model

    def one_model(graph):
        return shared.setdefault("m", real(graph))

    monkeypatch.setattr(app_module, "Model", one_model)
    monkeypatch.setattr(loadcheck, "EDIT_LIMIT_S", 3.0)  # a lost update shows as a timeout: keep it short
    with running_server() as url:
        res = loadcheck.run_load(url, sessions=3, seconds=2.0, think_s=0.5, mode="server")
    assert res.leaks or res.errors
    assert not res.ok


def test_decode_maps_and_find_objects():
    rows = [{"type": "map", "entries": [["name", "p03.t_memory_gpu"], ["value", 0.0251]]}]
    assert decode(rows) == [{"name": "p03.t_memory_gpu", "value": 0.0251}]
    doc = {"roots": [{"type": "object", "name": "Row", "id": "p1", "attributes": {"children": [
        {"type": "object", "name": "TextInput", "id": "p2", "attributes": {"value": "2"}}, {"id": "p1"}]}}]}
    assert [o["id"] for o in objects(doc)] == ["p1", "p2"]
