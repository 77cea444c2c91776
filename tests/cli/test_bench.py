"""`napkin bench --json` keeps its contract (rows of metric/value/unit/baseline/ratio); no timing asserted."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_json_contract_engine_rows():
    r = subprocess.run([sys.executable, "-m", "napkin", "bench", "--json", "--quick", "--only", "engine"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["rows"]
    assert rows
    for row in rows:
        assert set(row) == {"metric", "value", "unit", "baseline", "ratio"}
        assert isinstance(row["value"], float) and row["value"] > 0
        if row["baseline"] is not None:
            assert row["ratio"] == row["baseline"] / row["value"]
    metrics = " ".join(r["metric"] for r in rows)
    assert "build whole model" in metrics and "synthetic" in metrics and "edit gpu_a100.mem_bw" in metrics


def test_lean_rows_have_baselines_from_the_same_run():
    from bench.lean import _edit_rows, _memory_rows

    rows = _edit_rows(2_000, True) + _memory_rows(2_000, 1)
    by_metric = {r["metric"].split(" (")[0]: r for r in rows}
    one = by_metric["one-cell edit: Model.set"]
    assert one["baseline"] > 0 and one["value"] > one["baseline"]  # the bare store-and-call is the floor
    chain = next(r for r in rows if "chain edit, per cell" in r["metric"])
    assert chain["metric"].startswith("998-cell") and chain["baseline"] > 0
    rss = next(r for r in rows if "peak RSS" in r["metric"])
    assert 0 < rss["baseline"] < rss["value"]  # a process that built the graph holds more than one that did not
