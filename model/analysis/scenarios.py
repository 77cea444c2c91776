"""Scenarios: named sets of overrides, saved and loaded as files, compared with attribution.

File format (JSON): `{"napkin_scenario": 1, "name": "fp8", "overrides": {"p01.n_gpus": "2048 GPU",
"p01.eta_base": 0.55}}` — a value is a number in the input's display unit or "number unit" text.
An optional `"ranges": {"p01.eta_base": "uniform:0.4:0.6"}` gives inputs ranges (the `--range`
specs, display units), which the dashboard, `napkin mc` and `napkin export` sample.
Loading validates every override with the engine (unit, dimension, bounds); a bad file raises
InputError naming the file and the problem, and nothing is applied. Saving writes a temporary
file beside the target and renames it over (atomic: a reader never sees half a file).

`diff_scenarios` evaluates both scenarios and explains each output's change by the inputs that
changed. The explanation is a Shapley decomposition over the changed inputs, of ln y when y
keeps one sign (so the factors multiply to the total ratio) and of y otherwise (the parts add
up to the total difference). When y is a product of powers of the inputs this equals the exact
log-decomposition (the factor of x is (x_B/x_A)^k) and is labelled exact; otherwise it is the
average over all orders of changing the inputs, which is exact in total but splits
interactions by convention (labelled as such).
"""

from __future__ import annotations

import contextlib
import glob
import json
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import sympy as sp

from model.analysis.compose import compose, current_point, overridden_links
from model.analysis.montecarlo import parse_range
from model.analysis.vectorize import evaluate_points
from model.cells import Kind
from model.engine import Model
from model.errors import InputError
from model.files import publish
from model.format import is_pure
from model.quantity import quote_value

FORMAT_VERSION = 1
EXACT_LIMIT = 12  # changed inputs up to which every subset is evaluated (2^12 points)
SAMPLED_ORDERS = 256


@dataclass(frozen=True)
class Scenario:
    """A named set of input overrides (display-unit numbers or 'number unit' text)."""

    name: str
    overrides: dict[str, object] = field(default_factory=dict)
    ranges: dict[str, str] = field(default_factory=dict)  # input -> range spec, e.g. "uniform:3000:5000"

    def to_json(self) -> str:
        data = {"napkin_scenario": FORMAT_VERSION, "name": self.name, "overrides": self.overrides}
        if self.ranges:  # only when there are some: files without ranges stay as they were
            data["ranges"] = self.ranges
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def scenario_from_model(model: Model, name: str, ranges: dict[str, object] | None = None) -> Scenario:
    """Capture the model's current overrides as a Scenario ('number unit' text that reads back exactly).

    Values are written by model.quantity.format_quantity_text: a plain number for unit '1',
    '3 /month' for a unit such as '1/month' (the old '3.0 1/month' is still read). `ranges`
    ({input: Distribution or spec}) are written as specs in the inputs' display units.
    """
    out: dict[str, object] = {}
    for n, text in model.override_texts().items():
        out[n] = float(text) if is_pure(model.cell(n).unit.text) and _is_float_text(text) else text
    specs = {n: (d.text() if hasattr(d, "text") else str(d)) for n, d in (ranges or {}).items()}
    return Scenario(name, out, dict(sorted(specs.items())))


def _is_float_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def validate(graph, data, source: str = "scenario") -> Scenario:
    """Check a decoded scenario object against the graph; return it or raise InputError."""
    def bad(msg: str, rule: str = "bad scenario"):
        raise InputError(f"{source}: {msg}; nothing was applied.", None, rule)

    if not isinstance(data, dict) or data.get("napkin_scenario") != FORMAT_VERSION:
        bad(f'not a Napkin scenario (expected an object with "napkin_scenario": {FORMAT_VERSION})')
    extra = set(data) - {"napkin_scenario", "name", "overrides", "ranges"}
    if extra:
        bad(f"unexpected key(s) {', '.join(sorted(map(repr, extra)))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        bad('"name" must be non-empty text')
    overrides = data.get("overrides")
    if not isinstance(overrides, dict):
        bad('"overrides" must be an object of {input name: value}')
    ranges = data.get("ranges", {})
    if not isinstance(ranges, dict) or not all(isinstance(v, str) for v in ranges.values()):
        bad('"ranges" must be an object of {input name: "uniform:LO:HI" | "triangular:LO:MODE:HI" | '
            '"lognormal:MEDIAN:SIGMA"}')
    probe = Model(graph)
    try:
        for key, value in overrides.items():
            probe.parse(key, value)
        for key, spec in ranges.items():
            parse_range(probe, key, spec)
    except InputError as exc:
        raise InputError(f"{source}: {exc.message} Nothing was applied.", exc.cell, exc.rule) from None
    return Scenario(name, dict(overrides), dict(ranges))


MAX_FILE_BYTES = 4 * 1024 * 1024  # far more than a scenario over every input of every sheet


def load_scenario(graph, path: str | os.PathLike) -> Scenario:
    """Read (size-capped) and validate a scenario file; raise InputError saying why if it is unusable."""
    p = Path(path)
    shown = quote_value(str(p), 120)
    try:
        with open(p, "rb") as fh:  # read at most the cap: a symlink to /dev/zero cannot fill memory
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"Cannot read scenario file {shown}: {exc.strerror or exc}.", None, "unreadable file") from None
    return scenario_from_bytes(graph, raw, f"Scenario file {shown}")


def scenario_from_bytes(graph, raw: bytes | str, source: str = "Scenario file") -> Scenario:
    """Decode and validate a scenario's bytes (an upload, a file's content); raise InputError saying why.

    Refused before parsing: more than MAX_FILE_BYTES, not UTF-8; while parsing: not JSON, brackets
    nested too deeply, integers too long to read. Nothing is applied anywhere.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{source} is larger than {MAX_FILE_BYTES // 1024**2} MB; it is not a Napkin "
                         f"scenario. Nothing was applied.", None, "bad scenario")
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source} is not UTF-8 text (bad byte at offset {exc.start}); nothing was applied.",
                             None, "bad scenario") from None
    else:
        text = raw
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source} is not valid JSON (line {exc.lineno}: {exc.msg}); nothing was applied.",
                         None, "bad scenario") from None
    except (RecursionError, ValueError) as exc:  # 100k nested brackets; integers over Python's digit limit
        why = "brackets nested too deeply" if isinstance(exc, RecursionError) else "a number too long to read"
        raise InputError(f"{source} holds {why}; nothing was applied.", None, "bad scenario") from None
    return validate(graph, data, source)


def save_scenario(scenario: Scenario, path: str | os.PathLike) -> Path:
    """Write a scenario file atomically (temporary file in the same folder, then rename).

    The file gets the usual permissions (0666 less the umask, like any file a program creates);
    temporary files left by an interrupted earlier save of the same target are removed.
    """
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise InputError(f"Cannot save the scenario to {quote_value(str(p), 120)}: it is a folder; give a file name such as "
                         f"{quote_value(str(p / 'scenario.json'), 120)}.", None, "bad path")
    if not folder.is_dir():
        raise InputError(f"Cannot save the scenario to {quote_value(str(p), 120)}: the folder {quote_value(str(folder), 120)} does not "
                         f"exist; create it first.", None, "bad path")
    for old in folder.glob(f".{glob.escape(p.name)}.*.tmp"):  # left by a save that was killed
        with contextlib.suppress(OSError):
            old.unlink()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"Cannot save the scenario to {quote_value(str(p), 120)}: {exc.strerror or exc}.", None, "bad path") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(scenario.to_json())
            fh.flush()
            os.fsync(fh.fileno())
        publish(tmp, p)  # the umask's mode, as for any file the user writes (mkstemp's is 0600)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"Cannot save the scenario to {quote_value(str(p), 120)}: {exc.strerror or exc}.", None, "bad path") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p


def apply_scenario(model: Model, scenario: Scenario) -> frozenset[str]:
    """Set all of a scenario's overrides in one batch (validated first; all or nothing)."""
    return model.set_many(scenario.overrides)


@dataclass(frozen=True)
class Contribution:
    """One changed input's share of an output's change."""

    input: str
    a: float
    b: float
    unit: str
    factor: float | None  # multiplicative share (ratio mode)
    delta: float  # additive share in the output's display unit (difference mode), or ln-share (ratio mode)


@dataclass(frozen=True)
class OutputChange:
    name: str
    kind: str
    unit: str
    a: object
    b: object
    ratio: float | None
    mode: str  # "ratio" | "difference" | "label"
    method: str
    contributions: list[Contribution]


@dataclass(frozen=True)
class ScenarioDiff:
    a: str
    b: str
    inputs: list[dict]
    outputs: list[OutputChange]

    def to_dict(self) -> dict:
        return asdict(self)


def _is_product(expr: sp.Basic, changed: set) -> bool:
    """Return True if expr is a constant times powers of the changed symbols (nested products allowed)."""
    if expr.is_Number or isinstance(expr, sp.Symbol) or not (expr.free_symbols & changed):
        return True
    if isinstance(expr, sp.Mul):
        return all(_is_product(f, changed) for f in expr.args)
    if isinstance(expr, sp.Pow) and expr.exp.is_Number:
        return _is_product(expr.base, changed)
    return False


def diff_scenarios(graph, a: Scenario, b: Scenario, *, outputs: Iterable[str] | None = None,
                   seed: int = 0) -> ScenarioDiff:
    """Compare two scenarios: changed inputs, and each changed output with its attribution."""
    ma, mb = Model(graph), Model(graph)
    apply_scenario(ma, a)
    apply_scenario(mb, b)
    overridden = overridden_links(ma) | overridden_links(mb)
    pa, pb = current_point(ma), current_point(mb)
    cells = graph.cells
    leaves = [c.index for c in cells if c.kind is Kind.INPUT and (c.link is None or c.name in overridden)]
    changed = [i for i in leaves if not _same(pa[i], pb[i])]
    inputs = [{"name": cells[i].name, "a": _shown(cells[i], pa[i]), "b": _shown(cells[i], pb[i]),
               "unit": cells[i].unit.text} for i in changed]
    wanted = None if outputs is None else {ma.cell(n).index for n in outputs}
    k = len(changed)
    if k == 0:
        return ScenarioDiff(a.name, b.name, inputs, [])
    if k <= EXACT_LIMIT:
        masks = np.arange(2 ** k)
        weights = None
    else:  # sampled orders: each order contributes k+1 points along its path from A to B
        rng = np.random.default_rng(seed)
        orders = [rng.permutation(k) for _ in range(SAMPLED_ORDERS)]
        at_b = np.zeros((len(orders) * (k + 1), k), dtype=bool)  # row: a point on an order's path; col: input at B
        for n, o in enumerate(orders):
            for t in range(1, k + 1):
                at_b[n * (k + 1) + t, o[:t]] = True
        weights = orders
    if weights is None:
        at_b = ((masks[:, None] >> np.arange(k)[None, :]) & 1).astype(bool)
    varying = {i: np.where(at_b[:, j], pb[i], pa[i]) for j, i in enumerate(changed)}
    overridden_idx = {graph.index[n] for n in overridden} - set(changed)
    changed_syms = {cells[i].symbol for i in changed}
    out: list[OutputChange] = []
    for idx, ys in evaluate_points(graph, pa, varying, overridden=overridden_idx):
        c = cells[idx]
        if c.kind is Kind.INPUT or (wanted is not None and idx not in wanted):
            continue
        ya = float(ys[0])  # mask 0: every input at A
        yb = float(ys[-1]) if weights is None else float(pb[idx])  # last mask: every input at B
        if c.kind is Kind.VERDICT:
            la, lb = ma.value(c.name), mb.value(c.name)
            if la != lb:
                out.append(OutputChange(c.name, "verdict", "1", la, lb, None, "label", "label changed", []))
            continue
        if _same(ya, yb) or not (math.isfinite(ya) and math.isfinite(yb)):
            continue
        ratio_mode = bool(np.all(np.isfinite(ys)) and (np.all(ys > 0) or np.all(ys < 0)))
        vals = np.log(np.abs(ys)) if ratio_mode else ys / c.unit.factor
        phi = _shapley(vals, k) if weights is None else _sampled(vals, weights, k)
        if weights is not None:
            method = f"Shapley estimate from {SAMPLED_ORDERS} random orders of the {k} changed inputs (approximate)"
        elif ratio_mode and _is_product(compose(graph, c.name, overridden), changed_syms):
            method = "exact: product of powers, so each factor is (x_B/x_A)^exponent"
        else:
            method = "Shapley: averaged over every order of changing the inputs (exact in total; interactions split evenly)"
        contribs = [Contribution(cells[i].name, _shown(cells[i], pa[i]), _shown(cells[i], pb[i]),
                                 cells[i].unit.text, math.exp(p) if ratio_mode else None, float(p))
                    for i, p in zip(changed, phi, strict=True) if abs(p) > 1e-12 * max(1.0, float(np.max(np.abs(vals))))]
        contribs.sort(key=lambda x: -abs(x.delta))
        f = c.unit.factor
        out.append(OutputChange(c.name, c.kind.value, c.unit.text, ya / f, yb / f, yb / ya if ya else None,
                                "ratio" if ratio_mode else "difference", method, contribs))
    return ScenarioDiff(a.name, b.name, inputs, out)


def _shown(c, base: float):
    """An input's value for people: display units, or the member id of a device choice."""
    return c.labels[int(base)] if c.choice is not None else base / c.unit.factor


def _same(x: float, y: float) -> bool:
    return x == y or (x != x and y != y) or abs(x - y) <= 1e-12 * max(abs(x), abs(y))


def _shapley(vals: np.ndarray, k: int) -> list[float]:
    """Exact Shapley values of the set function vals[mask] (mask bit j: input j at B)."""
    masks = np.arange(2 ** k)
    sizes = np.array([bin(m).count("1") for m in masks])
    w = np.array([math.factorial(s) * math.factorial(k - s - 1) / math.factorial(k) if s < k else 0.0 for s in sizes])
    phi = []
    for j in range(k):
        without = masks[(masks >> j) & 1 == 0]
        phi.append(float(np.sum(w[without] * (vals[without | (1 << j)] - vals[without]))))
    return phi


def _sampled(vals: np.ndarray, orders, k: int) -> list[float]:
    """Shapley estimate: average marginal change of each input along the sampled orders."""
    phi = np.zeros(k)
    for n, order in enumerate(orders):
        path = vals[n * (k + 1):(n + 1) * (k + 1)]
        for t, j in enumerate(order):
            phi[int(j)] += path[t + 1] - path[t]
    return list(phi / len(orders))


__all__ = ["Contribution", "OutputChange", "Scenario", "ScenarioDiff", "apply_scenario", "diff_scenarios",
           "load_scenario", "save_scenario", "scenario_from_bytes", "scenario_from_model", "validate"]
