"""The load check in Chromium, small and bounded: five browser sessions editing p03 at once
against a real `napkin serve` process. Asserts no error and no cross-session leak; latency is
reported by `napkin bench`, never asserted here."""

from __future__ import annotations

import pytest
from conftest import require_module, require_tool

from tools import loadcheck

pytestmark = pytest.mark.external


def test_five_browser_sessions_edit_without_errors_or_leaks():
    require_tool("chromium", "chromium-browser")
    require_module("playwright")
    res = loadcheck.check(sessions=5, seconds=5.0, think_s=1.0, mode="browser")
    assert res.errors == []
    assert res.leaks == []
    assert res.server_log_errors == []
    assert len(res.open_s) == 5 and len(res.first_edit_ms) == 5
    assert res.edits >= 5 and len(res.latencies_ms) == res.edits
