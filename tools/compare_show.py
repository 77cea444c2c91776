"""Compare every sheet's `show --json` with a baseline file: values must not change.

Usage: python3 -m tools.compare_show BASELINE.json   (exit status 1 when a value changed)

The baseline maps sheet id -> `sheet_dict(Model(default_graph()), id)`. For each cell present in
both, the value, SI value, units and error must be equal; cells added or removed, and cells whose
kind or formula changed (a linked input turned into a calc, say), are listed but do not fail.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from model import Model, sheet_dict
from sheets import default_graph

_VALUE_KEYS = ("value", "si_value", "unit", "si_unit", "error")


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def compare(baseline: dict, current: dict) -> tuple[list[str], list[str]]:
    """Return (value changes, notes on cells added, removed or redefined) between two dumps."""
    changes: list[str] = []
    notes: list[str] = []
    for sid in sorted(baseline.keys() | current.keys()):
        if sid not in current or sid not in baseline:
            notes.append(f"sheet {sid}: {'removed' if sid not in current else 'added'}")
            continue
        old = {c["name"]: c for c in baseline[sid]["cells"]}
        new = {c["name"]: c for c in current[sid]["cells"]}
        for name in sorted(old.keys() - new.keys()):
            changes.append(f"{name}: removed")
        for name in sorted(new.keys() - old.keys()):
            notes.append(f"{name}: added ({new[name]['kind']}, value {new[name]['value']!r} {new[name]['unit']})")
        for name in sorted(old.keys() & new.keys()):
            a, b = old[name], new[name]
            for key in _VALUE_KEYS:
                if not _same(a.get(key), b.get(key)):
                    changes.append(f"{name}: {key} {a.get(key)!r} -> {b.get(key)!r}")
            if a["kind"] != b["kind"] or a["formula"] != b["formula"]:
                notes.append(f"{name}: {a['kind']} {a['formula'] or a.get('link')!r} -> {b['kind']} {b['formula']!r}")
    return changes, notes


def main(argv: list[str] | None = None) -> int:
    """Print the comparison; return 1 if any value changed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("baseline")
    args = ap.parse_args(argv)
    with open(args.baseline, encoding="utf-8") as fh:
        baseline = json.load(fh)
    m = Model(default_graph())
    current = json.loads(json.dumps({sid: sheet_dict(m, sid) for sid in m.graph.sheets}, sort_keys=True, default=str))
    changes, notes = compare(baseline, current)
    n_cells = sum(len(s["cells"]) for s in current.values())
    for line in notes:
        print(f"note: {line}")
    for line in changes:
        print(f"CHANGED: {line}")
    print(f"{len(current)} sheets, {n_cells} cells compared: {len(changes)} value change(s), {len(notes)} note(s)")
    return 1 if changes else 0


if __name__ == "__main__":
    sys.exit(main())
