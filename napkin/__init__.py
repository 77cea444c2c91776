"""The `napkin` command line: a thin adapter over model/, sheets/, exports/ and dashboards/.

This package is the composition root: it alone may import every other package. For notebooks,
`napkin.open(workspace=".")` returns the CLI's Model and `napkin.sheet_frame(m, "p03")` a
DataFrame; `Input`, `Calc` and `Verdict` are here for Python sheet files. Everything is loaded
on first use, so `import napkin` stays cheap.
"""

from __future__ import annotations

_LAZY = {
    "Input": "model", "Calc": "model", "Verdict": "model",
    "open": "napkin.notebook", "sheet_frame": "napkin.notebook", "SheetView": "napkin.notebook",
    "CellView": "napkin.notebook", "sheet": "napkin.notebook", "cell": "napkin.notebook",
}


def __getattr__(name: str):
    """Load the public names on first use (PEP 562)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'napkin' has no attribute {name!r}")


__all__ = ["Calc", "CellView", "Input", "SheetView", "Verdict", "cell", "open", "sheet", "sheet_frame"]
