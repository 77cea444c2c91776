"""The whole repository passes `ruff check` with the configuration in pyproject.toml."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> list[str] | None:
    exe = shutil.which("ruff")
    if exe:
        return [exe]
    try:
        import ruff  # noqa: F401  (the PyPI wheel ships the binary; `python -m ruff` runs it)
    except ImportError:
        return None
    return [sys.executable, "-m", "ruff"]


def test_ruff_check_passes():
    cmd = _ruff()
    if cmd is None:
        if os.environ.get("NAPKIN_REQUIRE_EXTERNAL"):
            pytest.fail("ruff is not installed (pip install -e '.[test]')")
        pytest.skip("ruff is not installed")
    out = subprocess.run([*cmd, "check", "--no-cache", str(ROOT)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
