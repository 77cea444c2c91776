"""Shared fixtures. External tools (LibreOffice, Chromium) skip on a laptop without them,
but fail when NAPKIN_REQUIRE_EXTERNAL is set (CI sets it)."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(*names: str) -> str:
    """Return the path of the first tool found; skip (or fail under NAPKIN_REQUIRE_EXTERNAL) if none."""
    for n in names:
        path = shutil.which(n)
        if path:
            return path
    msg = f"needs {' or '.join(names)} on PATH"
    if os.environ.get("NAPKIN_REQUIRE_EXTERNAL"):
        pytest.fail(msg + " (NAPKIN_REQUIRE_EXTERNAL is set)")
    pytest.skip(msg)


def require_module(name: str):
    """Import a Python module or skip (fail under NAPKIN_REQUIRE_EXTERNAL)."""
    try:
        return __import__(name)
    except ImportError:
        if os.environ.get("NAPKIN_REQUIRE_EXTERNAL"):
            pytest.fail(f"needs Python module {name} (NAPKIN_REQUIRE_EXTERNAL is set)")
        pytest.skip(f"needs Python module {name}")


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium (Playwright), one per test module; skips (fails under
    NAPKIN_REQUIRE_EXTERNAL) without them."""
    require_tool("chromium", "chromium-browser")
    require_module("playwright")
    from playwright.sync_api import sync_playwright

    from tools.browser import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(browser):
    """The dashboard on the built-in model, served on a loopback port for one test module: its URL."""
    from sheets import default_graph
    from tools.browser import running_server

    with running_server(default_graph()) as url:
        yield url


@pytest.fixture(scope="session")
def graph():
    from sheets import default_graph

    return default_graph()


@pytest.fixture
def model(graph):
    from model import Model

    return Model(graph)


# The fast suite (`pytest -m "not slow and not external"`) leaves out what these rules mark slow:
# every test that starts a `python -m napkin` process, the Panel app tests, and the exhaustive
# per-sheet parametrizations of the analysis, workbook and dashboard checks (their hand-worked
# tests stay in the fast suite). The full suite runs them all.
_SLOW_FILES = ("tests/cli/", "tests/dashboards/test_app.py", "tests/dashboards/test_reload.py", "tests/exports/test_excel_ranges.py")
_SLOW_PER_SHEET = ("tests/model/test_vectorize.py", "tests/model/test_regimes.py", "tests/model/test_solve.py",
                   "tests/model/test_sweep.py", "tests/model/test_sensitivity.py", "tests/exports/test_excel_workbook.py",
                   "tests/dashboards/test_logic.py", "tests/dashboards/test_insight.py")
_SHEET_PARAMS = ("sheet", "sheet_id", "sid")


def _is_slow(item: pytest.Item) -> bool:
    path = item.nodeid.split("::", 1)[0]
    if path.startswith(_SLOW_FILES) or item.name.startswith("test_cli_show_json"):
        return True
    params = getattr(getattr(item, "callspec", None), "params", {})
    return path in _SLOW_PER_SHEET and any(p in params for p in _SHEET_PARAMS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests the fast suite leaves out (see _SLOW_FILES above)."""
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)
