"""The synthetic 10,000-cell graph of the engine rows (a chain and a fan-out), with no SymPy import.

`python -m bench.synthetic [N]` builds, compiles and evaluates it in a fresh process and prints
JSON {cells, seconds, peak_rss_mb, sympy, pint}: the start-up and memory rows run it that way.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from model import Calc, Input, SheetDef


def synthetic(n: int) -> list[SheetDef]:
    """Two sheets: a chain of n/2 cells (each reads the previous) and a fan-out of n/2 from one hub."""
    half = n // 2
    chain = [("chain_head", Input(1.0, "s", doc="head of the chain"))]
    chain += [("chain_tail_in", Input(1.0, "s", doc="input read only by the last chain cell"))]
    prev = "chain_head"
    for k in range(half - 2):
        f = f"{prev} * 0.999 + chain_tail_in" if k == half - 3 else f"{prev} * 0.999 + 0.001 * chain_head"
        chain.append((f"chain_{k}", Calc(f, "s", doc="chain link")))
        prev = f"chain_{k}"
    fan = [("hub", Input(2.0, "GB", doc="hub")), ("leaf_in", Input(3.0, "GB/s", doc="leaf input"))]
    for k in range(half - 3):
        fan.append((f"fan_{k}", Calc(f"hub * {k + 1}", "GB", doc="fan-out")))
    fan.append(("leaf", Calc("hub / leaf_in", "s", doc="the one cell that reads leaf_in")))
    return [SheetDef("syn_chain", "chain", "spec", "", "", "", chain),
            SheetDef("syn_fan", "fan-out", "spec", "", "", "", fan)]


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: VmHWM on Linux (ru_maxrss there can carry the
    parent's peak across fork + exec), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    """Build + compile + first evaluation of the synthetic graph; print time and peak RSS as JSON."""
    from model import build_graph

    n = int(argv[0]) if argv else 10_000
    defs = synthetic(n)
    t0 = time.perf_counter()
    g = build_graph(defs)
    seconds = time.perf_counter() - t0
    rss = peak_rss_mb()
    print(json.dumps({"cells": len(g.cells), "seconds": seconds, "peak_rss_mb": rss,
                      "sympy": "sympy" in sys.modules, "pint": "pint" in sys.modules}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
