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


@pytest.fixture(scope="session")
def graph():
    from sheets import default_graph

    return default_graph()


@pytest.fixture
def model(graph):
    from model import Model

    return Model(graph)
