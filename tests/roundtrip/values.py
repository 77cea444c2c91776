"""Values for round-trip properties: every input of every sheet, default × a random factor in bounds."""

from __future__ import annotations

import random

from model import Kind, Model


def every_input_value(model: Model, seed: int, *, digits: int | None = None) -> dict[str, float | str]:
    """Return {input: display value} for EVERY input: its value × a factor in [0.3, 3), kept in bounds.

    A device choice gets another member of its family (its sheet id, as a person picks it).
    Whole-number inputs stay whole; a value equal to the current one is nudged so each input is
    really overridden. The factor makes values with all 17 significant digits (0.1 + 0.2 style);
    `digits` rounds them to that many significant digits (15: what a person can type in Excel).
    """
    rng = random.Random(seed)
    out: dict[str, float | str] = {}
    for c in model.graph.cells:
        if c.kind is not Kind.INPUT:
            continue
        if c.choice is not None:
            out[c.name] = rng.choice([m for m in c.choice.members if m != model.value(c.name)])
            continue
        d = c.decl
        cur = model.value(c.name)
        base = cur if cur not in (None, 0) else (d.hi if d.hi else 1.0) * 0.5
        v = base * rng.uniform(0.3, 3.0)
        lo, hi = d.lo, d.hi
        if hi is not None and v > hi:
            v = hi - (hi - (lo or 0.0)) * rng.uniform(0.0, 0.5)
        if lo is not None and (v < lo or (d.strict_lo and v <= lo)):
            v = lo + abs(base) * rng.uniform(0.01, 1.0)
        if d.integer:
            v = float(max(round(v), int(lo or 0) + (1 if d.strict_lo else 0)))
            if hi is not None and v > hi:
                v = float(int(hi))
        if digits is not None:
            v = float(f"{v:.{digits}g}")
        out[c.name] = v
    model.set_many(out)  # all valid by construction (raises here, not in the property, if not)
    return out
