"""Ranges and Monte Carlo: inputs carry distributions; every output gets P5/P50/P95.

An input's range is a `Distribution` in its display unit: `uniform:LO:HI`,
`triangular:LO:MODE:HI` or `lognormal:MEDIAN:SIGMA` (σ of the natural log), written as text or
as a tuple `("triangular", 0.3, 0.45, 0.6)`. Endpoints may carry units (`uniform:1.5 TB/s:2 TB/s`)
and are validated like any edit (dimension, bounds, whole numbers). Samples of a whole-number
input are rounded.

`monte_carlo` draws every ranged input from one seeded generator (inputs in declaration order,
so a seed fixes the result), pushes the arrays through the graph cell by cell (NumPy, see
`model.analysis.vectorize`), and summarises each reached cell as it is computed: percentiles of its
finite samples, the fraction that evaluated without error, and for a verdict the probability
of each label.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from model.analysis.compose import current_point, overridden_links, require_input
from model.analysis.vectorize import evaluate_points, reach
from model.cells import Kind
from model.engine import Model
from model.errors import InputError
from model.quantity import number_text

KINDS = {"uniform": ("LO", "HI"), "triangular": ("LO", "MODE", "HI"), "lognormal": ("MEDIAN", "SIGMA")}
_Z95 = 1.6448536269514722  # standard normal 95th percentile


@dataclass(frozen=True)
class Distribution:
    """A range for one input, parameters in its display unit (σ of a log-normal is a pure number)."""

    kind: str
    params: tuple[float, ...]

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Draw `n` display-unit values."""
        p = self.params
        if self.kind == "uniform":
            return rng.uniform(p[0], p[1], n)
        if self.kind == "triangular":
            return rng.triangular(p[0], p[1], p[2], n)
        return p[0] * np.exp(p[1] * rng.standard_normal(n))

    def low_high(self) -> tuple[float, float]:
        """Return the tornado's low and high: the support's ends, or P5/P95 for a log-normal."""
        p = self.params
        if self.kind == "lognormal":
            return p[0] * math.exp(-_Z95 * p[1]), p[0] * math.exp(_Z95 * p[1])
        return p[0], p[-1]

    def text(self) -> str:
        return ":".join([self.kind, *(number_text(x) for x in self.params)])

    def box_text(self, sep: str = " to ") -> str:
        """The range as a person types it ('300 to 400' for a uniform range, else its spec); every
        digit kept, so it reads back to the same floats (`sep=".."` for a link)."""
        if self.kind == "uniform":
            return f"{number_text(self.params[0])}{sep}{number_text(self.params[1])}"
        return self.text()

    def center(self) -> float:
        """The point value a ranged input shows: the middle of a uniform range, a triangle's mode,
        a log-normal's median (display unit)."""
        p = self.params
        if self.kind == "uniform":
            return (p[0] + p[1]) / 2
        return p[1] if self.kind == "triangular" else p[0]


_RANGE = re.compile(r"^\s*(?P<a>[^\s.][^:]*?|\.\d[^:]*?)\s*(?:\.\.|\bto\b|…)\s*(?P<b>[^:]+?)\s*$", re.IGNORECASE)
_NUMBER_UNIT = re.compile(r"^\s*[-+]?(?:\d[\d,_]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*(?P<unit>.*?)\s*$")


def range_spec(text: object):
    """Read a range typed in a box, or return None when the text is not a range.

    `300 to 400`, `300..400`, `300 … 400` (each end 'number [unit]'; a unit written only after the
    high end applies to both, so `1.5 to 2 TB/s` is 1.5-2 TB/s) give a uniform range
    `("uniform", low, high)`; `uniform:LO:HI`, `triangular:LO:MODE:HI` and `lognormal:MEDIAN:SIGMA`
    are the CLI's --range forms. The ends are text for `parse_range` to validate; nothing is evaluated.
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    t = text.strip()
    kind = t.split(":", 1)[0].strip().lower()
    if kind in KINDS and ":" in t:
        return t
    m = _RANGE.match(t)
    if m is None:
        return None
    a, b = m.group("a").strip(), m.group("b").strip()
    ua, ub = _NUMBER_UNIT.match(a), _NUMBER_UNIT.match(b)
    if ua is not None and ub is not None and not ua.group("unit") and ub.group("unit"):
        a = f"{a} {ub.group('unit')}"
    return ("uniform", a, b)


def parse_range(model: Model, name: str, spec) -> Distribution:
    """Validate a range for input `name` (text 'kind:a:b[:c]', a tuple, or a Distribution)."""
    c = require_input(model, name, "A range")
    given = spec.text() if isinstance(spec, Distribution) else spec
    if isinstance(spec, Distribution):
        kind, raw = spec.kind, list(spec.params)
    elif isinstance(spec, str):
        kind, *raw = [s.strip() for s in spec.split(":")]
    elif isinstance(spec, (tuple, list)) and spec:
        kind, *raw = spec
    else:
        raise InputError(f"Range for '{name}' must be text like 'uniform:LO:HI', not {spec!r}.", name, "bad range")
    usage = "uniform:LO:HI, triangular:LO:MODE:HI or lognormal:MEDIAN:SIGMA"
    if kind not in KINDS:
        raise InputError(f"Range for '{name}' must be {usage}; got {given!r}.", name, "bad range")
    if len(raw) != len(KINDS[kind]):
        raise InputError(f"A {kind} range needs {':'.join(KINDS[kind])} ({len(KINDS[kind])} numbers) for '{name}'; "
                         f"got {given!r}.", name, "bad range")
    unit = c.unit.text
    d = c.decl
    if kind == "lognormal":
        median = _display(model, name, raw[0])
        try:
            sigma = float(raw[1])
        except (TypeError, ValueError):
            sigma = math.nan
        if not (math.isfinite(sigma) and sigma > 0):
            raise InputError(f"The σ of a log-normal range for '{name}' must be a positive number, not {raw[1]!r}.",
                             name, "bad range")
        if d.hi is not None or (d.lo is not None and d.lo > 0):
            raise InputError(f"A log-normal range spreads over (0, ∞) but '{name}' must stay within "
                             f"[{d.lo:g}, {'∞' if d.hi is None else f'{d.hi:g}'}]; use a uniform or triangular range.",
                             name, "range outside bounds")
        if median <= 0:
            raise InputError(f"The median of a log-normal range for '{name}' must be above 0, not {median:g}.",
                             name, "bad range")
        return Distribution(kind, (median, sigma))
    vals = tuple(_display(model, name, x) for x in raw)
    lo, hi = vals[0], vals[-1]
    if not lo < hi:
        raise InputError(f"Range for '{name}' is empty: its low {lo:g} must be below its high {hi:g}"
                         f"{'' if unit == '1' else ' ' + unit}.", name, "empty range")
    if kind == "triangular" and not lo <= vals[1] <= hi:
        raise InputError(f"The mode {vals[1]:g} of the triangular range for '{name}' must lie between "
                         f"{lo:g} and {hi:g}.", name, "bad range")
    return Distribution(kind, vals)


def _display(model: Model, name: str, x) -> float:
    """A range end in the input's display unit, validated like any edit; a plain number is kept
    exactly as given (dividing its base value by the unit's factor could move it by an ulp)."""
    si = model.parse(name, x)
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return float(x)
    if isinstance(x, str):
        try:
            return float(x.replace(",", "").replace("_", ""))
        except ValueError:
            pass
    return si / model.cell(name).unit.factor


@dataclass(frozen=True)
class CellStats:
    """Summary of one cell's samples, in display units."""

    name: str
    kind: str
    unit: str
    p5: float | None
    p50: float | None
    p95: float | None
    mean: float | None
    valid: float  # fraction of samples that evaluated without error
    probabilities: dict[str, float] | None = None  # verdicts: label -> probability


@dataclass
class MonteCarloResult:
    """All cells the ranges reach, summarised; `samples` holds the arrays asked for with `keep`."""

    n: int
    seed: int
    ranges: dict[str, str]
    stats: dict[str, CellStats]
    samples: dict[str, np.ndarray] = field(default_factory=dict)
    distributions: dict[str, Distribution] = field(default_factory=dict)  # exact parameters behind `ranges`

    def to_dict(self) -> dict:
        return {"n": self.n, "seed": self.seed, "ranges": self.ranges,
                "cells": [asdict(s) for s in self.stats.values()]}


def _summarise(c, arr: np.ndarray) -> CellStats:
    ok = np.isfinite(arr)
    valid = float(ok.mean()) if arr.size else 0.0
    if c.kind is Kind.VERDICT:
        idx = arr[ok].astype(int)
        counts = np.bincount(idx, minlength=len(c.labels)) if idx.size else np.zeros(len(c.labels))
        probs = {lab: float(counts[k]) / arr.size for k, lab in enumerate(c.labels)}
        return CellStats(c.name, c.kind.value, c.unit.text, None, None, None, None, valid, probs)
    good = arr[ok] / c.unit.factor
    if good.size == 0:
        return CellStats(c.name, c.kind.value, c.unit.text, None, None, None, None, valid)
    p5, p50, p95 = (float(x) for x in np.percentile(good, [5, 50, 95]))
    return CellStats(c.name, c.kind.value, c.unit.text, p5, p50, p95, float(good.mean()), valid)


def monte_carlo(model: Model, ranges: Mapping[str, object], *, n: int = 10_000, seed: int = 0,
                outputs: Iterable[str] | None = None, keep: Iterable[str] = (),
                progress: Callable[[Iterable], Iterable] | None = None,
                include_constants: bool = True) -> MonteCarloResult:
    """Sample the ranged inputs `n` times and summarise every cell they reach (model unchanged).

    `outputs` limits the summaries to those cells (percentiles cost more than evaluation);
    `keep` returns their sample arrays (display units; label indexes for verdicts). `progress`
    wraps the iterable of cells being computed (e.g. a tqdm bar). Raises InputError for an
    unknown name, a non-input, a bad or empty range, n outside 2..10^7, or — with
    include_constants=False, as the CLI calls it — a range on a definitional constant
    (`constant=True`, e.g. seconds per day).
    """
    if not isinstance(n, int) or isinstance(n, bool) or not 2 <= n <= 10_000_000:
        raise InputError(f"Monte Carlo needs between 2 and 10,000,000 samples, not {n!r}.", None, "bad sample count")
    if not ranges:
        raise InputError("Monte Carlo needs at least one input with a range (e.g. --range p01.eta_base=uniform:0.3:0.6).",
                         None, "no ranges")
    g = model.graph
    if not include_constants:
        for name in ranges:
            c = model.cell(name)
            if c.constant:
                raise InputError(f"Input '{name}' is a definitional constant ({c.doc.rstrip('.')}); it has no range "
                                 f"to sample. Leave it out, or pass --include-constants to vary it anyway.",
                                 name, "constant")
    dists = {name: parse_range(model, name, spec) for name, spec in ranges.items()}
    keep_idx = {model.cell(k).index for k in keep}
    report = None if outputs is None else {model.cell(k).index for k in outputs} | keep_idx
    ranged = [g.cell(nm) for nm in sorted(dists, key=g.index.__getitem__)]
    overridden = {g.index[nm] for nm in overridden_links(model)} - {c.index for c in ranged}
    reached = reach(g, [c.index for c in ranged], overridden)
    stored = [c.index for c in ranged if report is None or c.index in report]
    stored += [k for k in reached if report is None or k in report]
    _check_memory(n, len(stored), len(ranged) + len(reached))
    rng = np.random.default_rng(seed)
    store = {k: np.empty(n) for k in stored}
    point = current_point(model)
    for start in range(0, n, CHUNK):  # evaluate in chunks: working memory stays at CHUNK x graph width
        size = min(CHUNK, n - start)
        varying: dict[int, np.ndarray] = {}
        for c in ranged:
            x = dists[c.name].sample(rng, size)
            if c.decl.integer:
                x = np.round(x)
            varying[c.index] = x * c.unit.factor
            if c.index in store:
                store[c.index][start:start + size] = varying[c.index]
        for k, arr in evaluate_points(g, point, varying, overridden=overridden, keep=(), progress=progress):
            if k in store:
                store[k][start:start + size] = arr
        del varying
    stats: dict[str, CellStats] = {}
    samples: dict[str, np.ndarray] = {}
    for k in stored:
        c = g.cells[k]
        stats[c.name] = _summarise(c, store[k])
        if k in keep_idx:
            samples[c.name] = store[k] / c.unit.factor if c.kind is not Kind.VERDICT else store[k]
        del store[k]
    return MonteCarloResult(n, seed, {k: d.text() for k, d in dists.items()}, stats, samples, dict(dists))


MAX_BYTES = 2 * 1024**3  # what one Monte Carlo run may hold in sample arrays
CHUNK = 1_000_000  # samples evaluated at once; a run of at most CHUNK samples draws exactly as before chunking


def _check_memory(n: int, stored: int, width: int) -> None:
    """Refuse, before drawing anything, a run whose arrays would exceed MAX_BYTES.

    Kept: n samples of each summarised cell (percentiles need them all); working: one chunk of
    every cell the ranges reach.
    """
    need = 8 * n * stored + 8 * min(n, CHUNK) * width
    if need > MAX_BYTES:
        most = max(2, (MAX_BYTES - 8 * min(n, CHUNK) * width) // (8 * max(1, stored)))
        raise InputError(f"Monte Carlo with {n:,} samples of {stored:,} cells would need about {need / 1e9:.1f} GB "
                         f"(at most {MAX_BYTES / 1e9:.1f} GB); use -n {most:,} or fewer, or name fewer cells to report.",
                         None, "too many samples")


def percentile_rows(model: Model, result: MonteCarloResult, names: Iterable[str] | None = None) -> list[dict]:
    """Return one row per cell (every cell of the model unless `names`): P5/P50/P95 in display units.

    Cells the ranges do not reach are constant: their three percentiles equal the current
    value. Verdicts carry `probabilities` instead. This is the table an exporter writes.
    """
    rows = []
    for name in (names if names is not None else [c.name for c in model.graph.cells]):
        s = result.stats.get(name)
        c = model.cell(name)
        if s is None:
            v = model.value(name)
            if c.kind is Kind.VERDICT:
                probs = {lab: float(lab == v) for lab in c.labels} if v is not None else None
                s = CellStats(name, c.kind.value, c.unit.text, None, None, None, None, float(v is not None), probs)
            else:
                s = CellStats(name, c.kind.value, c.unit.text, v, v, v, v, float(v is not None))
        rows.append(asdict(s))
    return rows
