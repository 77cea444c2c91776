"""Start fast, stay lean: cold start of the CLI, imports, the cost of one edit over the bare floor,
the 10,000-cell graph's build time and peak memory — each next to its baseline from the same run.

Start-up rows time fresh processes (`python -m napkin ...` with this checkout first on the path,
byte-code caching on, the graph's disk cache warmed by one untimed run) and take the median of
several runs, interleaved with the baselines `python -c pass` and `python -c "import sympy"`.
Edit rows compare `Model.set` with the bare loop over the same compiled functions (store the
value, call each recomputed cell's function), in short interleaved samples, best of many.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import median, row

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {r.stderr.strip()[-300:]}")
    return dt


def _timed_processes(cases: dict[str, list[str]], n: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall time of each command over n interleaved runs (after one untimed warm-up each)."""
    for args in cases.values():
        _run(args, env)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(n):
        for k, args in cases.items():
            times[k].append(_run(args, env))
    return {k: median(v) for k, v in times.items()}


def _startup_rows(n: int) -> list[dict]:
    env = _env()
    cases = {
        "pass": ["-c", "pass"],
        "sympy": ["-c", "import sympy"],
        "get": ["-m", "napkin", "get", "p03.verdict_gpu"],
        "help": ["-m", "napkin", "--help"],
    }
    t = _timed_processes(cases, n, env)
    nocache = _timed_processes({"get": cases["get"]}, max(1, n // 3), _env(NAPKIN_NO_CACHE="1"))["get"]
    out = [
        row(f"start-up floor: python -c pass (median of {n})", t["pass"], "s"),
        row("start-up reference: python -c 'import sympy'", t["sympy"], "s", t["pass"]),
        row("napkin get p03.verdict_gpu, cold process (target < 0.3 s)", t["get"], "s", t["pass"]),
        row("napkin get p03.verdict_gpu, cold process, disk cache off (builds the graph)", nocache, "s", t["pass"]),
        row("napkin --help (target < 0.15 s)", t["help"], "s", t["pass"]),
    ]
    try:
        d = _timed_processes({"panel": ["-c", "import panel"], "app": ["-c", "import dashboards.app"],
                              "nogc": ["-c", "import gc; gc.disable(); import dashboards.app"]}, max(1, n // 3), env)
    except RuntimeError:  # the dashboard's dependencies are not installed
        return out
    out.append(row("import dashboards.app (target < 1 s; baseline: import panel alone)", d["app"], "s", d["panel"]))
    out.append(row("import dashboards.app with the cyclic GC paused, as napkin serve imports it", d["nogc"], "s", d["app"]))
    return out


def _edit_rows(size: int, quick: bool) -> list[dict]:
    from bench.synthetic import synthetic
    from model import Model, build_graph

    g = build_graph(synthetic(size))
    m = Model(g)
    funcs = g.funcs
    values = m._values  # the bare loop works on the same list the model uses

    def bare_loop(name: str, reps: int) -> float:
        i = g.index[name]
        plan = m._plan_for(i).idx
        factor = g.cell(name).unit.factor
        t0 = time.perf_counter()
        for k in range(reps):
            values[i] = (2.0 + (k & 1)) * factor
            for j in plan:
                values[j] = funcs[j](values)
        return (time.perf_counter() - t0) / reps

    def set_loop(name: str, reps: int) -> float:
        s = m.set
        t0 = time.perf_counter()
        for k in range(reps):
            s(name, 2.0 + (k & 1))
        return (time.perf_counter() - t0) / reps

    out = []
    one = "syn_chain.chain_tail_in"
    # Many short samples, interleaved, best of each: on shared cores a long timing loop is
    # preempted more often than a short one, which would bias the comparison against the longer.
    reps, rounds = (500, 40) if quick else (500, 300)
    sets, bares = [], []
    for _ in range(rounds):
        sets.append(set_loop(one, reps))
        bares.append(bare_loop(one, reps))
    s1, b1 = min(sets), min(bares)
    out.append(row(f"one-cell edit: Model.set (best of {rounds} samples of {reps})", s1 * 1e6, "us", b1 * 1e6))
    out.append(row("one-cell edit: fixed overhead of set over the bare store-and-call (target < 1 µs)",
                   max(s1 - b1, 1e-9) * 1e6, "us"))
    head = "syn_chain.chain_head"
    m.set(head, 2.0)
    cells = len(m.last_recomputed)
    rounds = 5 if quick else 40
    sets, bares = [], []
    for _ in range(rounds):
        sets.append(set_loop(head, 1))
        bares.append(bare_loop(head, 1))
    s2, b2 = min(sets) / cells, min(bares) / cells
    out.append(row(f"{cells:,}-cell chain edit, per cell (target ≤ 1.5× bare, i.e. ratio ≥ 0.67)", s2 * 1e9, "ns", b2 * 1e9))
    m.reset()
    return out


def _memory_rows(size: int, runs: int) -> list[dict]:
    env = _env()
    results = []
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-m", "bench.synthetic", str(size)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            raise RuntimeError(r.stderr.strip()[-300:])
        results.append(json.loads(r.stdout))
    d = min(results, key=lambda x: x["seconds"])
    d["peak_rss_mb"] = max(x["peak_rss_mb"] for x in results)
    base = subprocess.run([sys.executable, "-c", "import model; from bench.synthetic import peak_rss_mb; print(peak_rss_mb())"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    rss0 = float(base.stdout.strip())
    return [
        row(f"{d['cells']:,}-cell graph: build + compile + first evaluation, fresh process, best of {runs} (target < 1 s)",
            d["seconds"], "s"),
        row(f"{d['cells']:,}-cell graph: peak RSS of that process (target < 100 MB; baseline: after import model)",
            d["peak_rss_mb"], "MB", rss0),
    ]


def rows(quick: bool) -> list[dict]:
    size = 2_000 if quick else 10_000
    return [*_startup_rows(3 if quick else 9), *_edit_rows(size, quick), *_memory_rows(size, 1 if quick else 3)]
