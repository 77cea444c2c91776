"""The content: one module per sheet. `load_sheets()` discovers them; `default_graph()` builds.

Problem and exercise sheets live directly in this package (`p01.py` ... `ex4.py`); spec sheets
live in `sheets/specs/`. A module only declares cells; the engine builds the graph.
"""

from __future__ import annotations

import functools
import gc
import importlib
import pkgutil
import re
from pathlib import Path

from model import Graph, SheetDef, build_graph, cached_graph, sheet_from_module

_ORDER = re.compile(r"^(p|ex)(\d+)$")


def _sort_key(sd: SheetDef):
    m = _ORDER.match(sd.id)
    if sd.kind == "spec":
        return (0, 0, "")
    return (1 if m.group(1) == "p" else 2, int(m.group(2)), sd.id)


def load_sheets() -> list[SheetDef]:
    """Import every sheet module and return their definitions: specs first, then p01..ex4."""
    importlib.import_module("sheets.specs._families")  # device families, declared once
    defs = []
    for pkg_name in ("sheets.specs", "sheets"):
        pkg = importlib.import_module(pkg_name)
        for info in pkgutil.iter_modules(pkg.__path__):
            if info.ispkg or info.name.startswith("_"):
                continue
            mod = importlib.import_module(f"{pkg_name}.{info.name}")
            defs.append(sheet_from_module(mod))
    specs = [d for d in defs if d.kind == "spec"]
    rest = sorted((d for d in defs if d.kind != "spec"), key=_sort_key)
    return specs + rest


def sheet_files() -> list[Path]:
    """Return the source files of every sheet module (what the built-in graph is made from)."""
    root = Path(__file__).resolve().parent
    return sorted([*root.glob("*.py"), *(root / "specs").glob("*.py")])


@functools.lru_cache(maxsize=1)
def default_graph() -> Graph:
    """Return (once per process) the compiled graph of the built-in model, from the disk cache if valid.

    The graph lives as long as the process, so it is moved out of the cyclic garbage collector's
    reach (`gc.freeze()`): later collections do not walk its many small objects again.
    """
    importlib.import_module("sheets.specs._families")  # the family registry, also when the graph comes from the cache
    graph = cached_graph(sheet_files(), lambda: build_graph(load_sheets()), name="builtin")
    gc.freeze()
    return graph
