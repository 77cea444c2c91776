"""Workspace benchmark rows: what 50 user sheet files add to `napkin` start-up (target < 0.5 s)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, row

N_SHEETS = 50

_TOML = '''[sheet]
title = "User sheet {k}"
question = "Synthetic sheet {k} of a 50-sheet workspace."

[cells.bw]
link = "gpu_h200.mem_bw"
unit = "GB/s"

[cells.size]
input = {size}
unit = "GB"
lo = 1

[cells.t_read]
calc = "size / bw{prev}"
unit = "ms"

[cells.limit]
input = 50
unit = "ms"

[cells.slow]
verdict = {{ "slow" = "t_read > limit" }}
otherwise = "fast"
'''

_PY = '''"""User sheet {k}."""

from napkin import Calc, Input, Verdict

bw = Input(link="gpu_h100.mem_bw", unit="GB/s")
size = Input({size}, "GB", lo=1)
t_read = Calc("size / bw{prev}", "ms")
limit = Input(50, "ms")
slow = Verdict({{"slow": "t_read > limit"}}, otherwise="fast")
'''


def write_workspace(folder: Path, n: int = N_SHEETS) -> None:
    """Write n user sheets (one in five in Python), each linking a spec and reading the sheet before it."""
    for k in range(n):
        prev = f" + user_{k - 1:02d}.t_read" if k else ""
        if k % 5 == 4:
            (folder / f"user_{k:02d}.py").write_text(_PY.format(k=k, size=10 + k, prev=prev))
        else:
            (folder / f"user_{k:02d}.toml").write_text(_TOML.format(k=k, size=10 + k, prev=prev))


def _startup_once(folder: Path, **extra_env: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), **extra_env}
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "napkin", "--workspace", str(folder), "list"],
                       check=False, capture_output=True, text=True, env=env, timeout=120)
    took = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"napkin list failed on the bench workspace: {r.stderr.strip()}")
    return took


def rows(quick: bool) -> list[dict]:
    from model import build_graph
    from napkin.workspace import builtin_sheets, check, find

    repeat = 5 if quick else 11
    with tempfile.TemporaryDirectory(prefix="napkin-bench-ws-") as tmp:
        empty, full = Path(tmp) / "empty", Path(tmp) / "full"
        empty.mkdir()
        full.mkdir()
        write_workspace(full)
        book, with_ws, book_cold, ws_cold = [], [], [], []
        for _ in range(repeat):  # interleaved, so both feel the same machine load
            book.append(_startup_once(empty))
            with_ws.append(_startup_once(full))
            book_cold.append(_startup_once(empty, NAPKIN_NO_CACHE="1"))
            ws_cold.append(_startup_once(full, NAPKIN_NO_CACHE="1"))
        builtin = list(builtin_sheets())
        b_build, w_build = [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            build_graph(builtin)
            b_build.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            g, problems = check(find(full))
            w_build.append(time.perf_counter() - t0)
        assert not problems, problems
    users = sum(1 for sd in g.sheets.values() if sd.kind == "user")
    build_s, swap_s = _reload(repeat)
    return [
        row("napkin list start-up, book only (empty workspace): median", median(book), "s"),
        row(f"napkin list start-up with {users} user sheets: median", median(with_ws), "s", median(book)),
        row(f"  time {users} user sheets add to start-up (target < 0.5 s)", median(with_ws) - median(book), "s"),
        row(f"  the same with NAPKIN_NO_CACHE=1 (first run after an edit): time {users} sheets add",
            median(ws_cold) - median(book_cold), "s"),
        row("build the book's graph in-process: median", median(b_build), "s"),
        row(f"read {users} user files + build book and them ({len(g.cells)} cells): median", median(w_build), "s",
            median(b_build)),
        row(f"  time {users} user sheets add to the build (target < 0.5 s)", median(w_build) - median(b_build), "s"),
        row("live reload of tests/resources/workspace: rebuild the model: median", build_s, "s"),
        row("live reload: swap one open session's graph, keeping its edits: median", swap_s, "s"),
    ]


def _reload(repeat: int) -> tuple[float, float]:
    """Median seconds of a live reload's two steps, server side (what `napkin serve` does on a save)."""
    from dashboards.app import create_app
    from napkin.workspace import build_for_serve

    folder = Path(__file__).resolve().parents[1] / "tests" / "resources" / "workspace"
    graph, problems = build_for_serve(folder)
    assert not problems, problems
    app = create_app(graph, query={"sheet": "decode", "decode.batch": "16"})
    builds, swaps = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        graph, _ = build_for_serve(folder)
        t1 = time.perf_counter()
        app.replace_graph(graph)
        swaps.append(time.perf_counter() - t1)
        builds.append(t1 - t0)
    assert app.model.overrides() == {"decode.batch": 16}
    return median(builds), median(swaps)
