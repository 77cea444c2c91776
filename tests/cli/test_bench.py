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
