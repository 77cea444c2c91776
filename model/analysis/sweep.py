"""Sweeps: an output over one input (or a grid over two), vectorised, as a pandas DataFrame.

The output is composed down to its free inputs (the swept inputs count as overridden even when they
are linked), printed once as NumPy code and called on the whole grid at once; every other
input keeps its current value. Points where the output fails (division by zero, log of a
negative) are NaN, as a cell in error would be. A verdict sweeps to its labels, which makes a
regime map over two inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.analysis.compose import (
    composed_function,
    current_point,
    depends_on,
    free_inputs,
    overridden_links,
    require_input,
    require_output,
)
from model.cells import Kind
from model.engine import Model
from model.errors import InputError
from model.format import unit_suffix

MAX_POINTS = 20_000_000


@dataclass(frozen=True)
class Axis:
    """One swept input: display-unit bounds (numbers or 'number unit' text), points, spacing."""

    name: str
    lo: object
    hi: object
    n: int = 101
    log: bool = False
    members: tuple[str, ...] = ()  # a device-choice axis: member ids ('*' = every member)


def parse_axis(text: str, *, log: bool = False, default_n: int = 101) -> Axis:
    """Parse 'NAME=LO:HI[:N]' (LO/HI may carry units) into an Axis; raise InputError if malformed."""
    name, sep, spec = text.partition("=")
    if sep and ":" not in spec and spec.strip() and (spec.strip() == "*" or spec.strip()[0].isalpha()):
        members = tuple(x.strip() for x in spec.split(",") if x.strip())
        return Axis(name.strip(), None, None, len(members), log, members)  # device choice: NAME=* or NAME=a,b
    parts = [p.strip() for p in spec.split(":")] if sep else []
    if not name.strip() or len(parts) not in (2, 3) or not all(parts):
        raise InputError(f"A sweep axis is NAME=LO:HI[:N] (e.g. p01.n_gpus=256:4096:16), not {text!r}.", None, "bad axis")
    n = default_n
    if len(parts) == 3:
        try:
            n = int(parts[2])
        except ValueError:
            raise InputError(f"The point count in {text!r} must be a whole number, not {parts[2]!r}.", name.strip(),
                             "bad axis") from None
    return Axis(name.strip(), parts[0], parts[1], n, log)


def axis_values(model: Model, axis: Axis) -> np.ndarray:
    """Return the axis's display-unit grid after validating its ends like any edit of the input."""
    c = require_input(model, axis.name, "A sweep")
    if c.choice is not None or axis.members:
        if c.choice is None:
            raise InputError(f"'{axis.name}' is not a device choice; sweep it as NAME=LO:HI[:N].", axis.name, "bad axis")
        names = c.choice.members if axis.members in ((), ("*",)) else axis.members
        return np.array([model.parse(axis.name, x) for x in names], dtype=float)
    lo = model.parse(axis.name, axis.lo) / c.unit.factor
    hi = model.parse(axis.name, axis.hi) / c.unit.factor
    unit = unit_suffix(c.unit.text)
    if not lo < hi:
        raise InputError(f"Sweep range for '{axis.name}' is empty: LO {lo:g}{unit} must be below HI {hi:g}{unit}.",
                         axis.name, "empty range")
    if not isinstance(axis.n, int) or axis.n < 2:
        raise InputError(f"A sweep of '{axis.name}' needs at least 2 points, not {axis.n!r}.", axis.name, "bad axis")
    if axis.n > MAX_POINTS:  # checked before any array is allocated
        raise InputError(f"A sweep is limited to {MAX_POINTS:,} points; {axis.n:,} were asked for '{axis.name}'.",
                         axis.name, "too many points")
    if axis.log and lo <= 0:
        raise InputError(f"A logarithmic sweep of '{axis.name}' needs LO above 0, not {lo:g}{unit}.", axis.name, "bad axis")
    xs = np.geomspace(lo, hi, axis.n) if axis.log else np.linspace(lo, hi, axis.n)
    if c.decl.integer:
        xs = np.unique(np.round(xs))
    return xs


def sweep(model: Model, output: str, *axes: Axis) -> pd.DataFrame:
    """Return a DataFrame with one column per swept input and one for `output`, display units.

    One axis gives a line (rows in axis order); two give the full grid in long form (first axis
    varying slowest). `df.attrs["units"]` maps column names to units. The model is unchanged.
    Raises InputError for an unknown name, a non-input axis, an output that does not depend on
    an axis, an empty range or too many points.
    """
    if not 1 <= len(axes) <= 2:
        raise InputError(f"A sweep takes one or two inputs, not {len(axes)}.", output, "bad axis")
    out = require_output(model, output, "A sweep", verdict_ok=True)
    names = [a.name for a in axes]
    if len(set(names)) != len(names):
        raise InputError(f"Sweep axes must be different inputs; '{names[0]}' is given twice.", names[0], "bad axis")
    grids = [axis_values(model, a) for a in axes]
    if math.prod(len(x) for x in grids) > MAX_POINTS:
        raise InputError(f"A sweep is limited to {MAX_POINTS:,} points; ask for fewer.", output, "too many points")
    g = model.graph
    overridden = overridden_links(model) | set(names)
    for a in axes:
        if not depends_on(g, output, a.name, overridden):
            ups = [g.cells[i].name for i in free_inputs(g, output, overridden_links(model))]
            raise InputError(f"'{output}' does not depend on '{a.name}'; sweep one of its inputs "
                             f"({', '.join(ups[:6])}{', ...' if len(ups) > 6 else ''}).", a.name, "not upstream")
    mesh = np.meshgrid(*grids, indexing="ij")
    cols = [m.ravel() for m in mesh]
    v: list = current_point(model)
    for a, col in zip(axes, cols, strict=True):
        v[g.index[a.name]] = col * g.cell(a.name).unit.factor
    with np.errstate(all="ignore"):
        y = np.broadcast_to(np.asarray(composed_function(g, output, frozenset(overridden))(v), dtype=float), cols[0].shape)
    data = {a.name: (np.array(g.cell(a.name).labels, dtype=object)[col.astype(int)] if g.cell(a.name).choice else col)
            for a, col in zip(axes, cols, strict=True)}
    if out.kind is Kind.VERDICT:
        labels = np.array(list(out.labels) + [None], dtype=object)
        idx = np.where(np.isfinite(y), y, len(out.labels)).astype(int)
        data[output] = labels[idx]
    else:
        data[output] = np.where(np.isfinite(y), y / out.unit.factor, np.nan)
    df = pd.DataFrame(data)
    df.attrs["units"] = {a.name: g.cell(a.name).unit.text for a in axes} | {output: out.unit.text}
    return df
