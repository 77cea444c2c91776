"""The reactive engine: one `Model` per session over a shared, compiled `Graph`.

How it works:
1. `set`/`set_many` (or edits inside `batch()`) validate every new value first: unit and
   dimension, bounds, finiteness. If any is bad, an InputError is raised and nothing changes.
2. The edited inputs' descendants are marked STALE and recomputed in topological order with
   the compiled functions; nothing else is touched.
3. A failure while computing (division by zero, a domain error, a non-finite result) puts
   that cell in ERROR, naming the cause; its descendants go to ERROR naming that ancestor.
4. Observers are called once per edit or batch with the frozenset of cell names that changed.
"""

from __future__ import annotations

import contextlib
import math
import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from model.build import CellDef, Graph
from model.cells import Input, Kind, State
from model.errors import InputError, UnitParseError
from model.format import unit_suffix
from model.graph import closure
from model.units import parse_unit

_NUMBER = re.compile(
    r"^\s*(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?|[+-]?\.\d+(?:[eE][+-]?\d+)?)"
    r"\s*(?P<unit>[^\d\s].*?)?\s*$"
)


@dataclass(frozen=True)
class CellError:
    """Why a cell has no value: the cause, and the ancestor where it started."""

    message: str
    origin: str

    def __str__(self) -> str:
        return self.message


def _run(g: Graph, i: int, values: list[float], errors: dict[int, CellError]) -> None:
    """Recompute cell i in place, recording or clearing its error."""
    if errors:
        for p in g.parents[i]:
            err = errors.get(p)
            if err is not None:
                root = errors.get(g.index[err.origin], err)
                values[i] = math.nan
                errors[i] = CellError(f"blocked by '{err.origin}': {root.message}", err.origin)
                return
    try:
        x = g.funcs[i](values)
    except ZeroDivisionError:
        cause = "division by zero"
    except OverflowError:
        cause = "numeric overflow"
    except (ValueError, TypeError):
        cause = "math domain error (log of a non-positive number or root of a negative one)"
    else:
        if math.isfinite(x):
            values[i] = x
            if errors:
                errors.pop(i, None)
            return
        cause = "result is not finite"
    values[i] = math.nan
    errors[i] = CellError(cause, g.cells[i].name)


def evaluate_all(g: Graph) -> tuple[list[float], dict[int, CellError]]:
    """Evaluate every cell of a graph from its defaults, in topological order."""
    values = [c.default for c in g.cells]
    errors: dict[int, CellError] = {}
    funcs = g.funcs
    for i in g.order:
        if funcs[i] is not None:
            _run(g, i, values, errors)
    return values, errors


_INITIAL: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _initial(g: Graph) -> tuple[tuple[float, ...], Mapping[int, CellError]]:
    state = _INITIAL.get(g)
    if state is None:
        values, errors = evaluate_all(g)
        state = _INITIAL[g] = (tuple(values), MappingProxyType(errors))
    return state


def initial_values(g: Graph) -> tuple[float, ...]:
    """Return every cell's value (base units) at the defaults; evaluated once per graph, read-only."""
    return _initial(g)[0]


def initial_errors(g: Graph) -> Mapping[int, CellError]:
    """Return {cell index: CellError} at the defaults; evaluated once per graph, read-only."""
    return _initial(g)[1]


class Model:
    """One session's values over a shared Graph: read, edit, observe, trace."""

    def __init__(self, graph: Graph):
        self.graph = graph
        values, errors = _initial(graph)
        self._values = list(values)
        self._errors = dict(errors)
        self._overrides: dict[int, float] = {}
        self._observers: list[Callable[[frozenset[str]], None]] = []
        self._pending: dict[int, float | None] | None = None
        self._plans: dict = {}
        self.last_recomputed: tuple[str, ...] = ()

    # ---- reading -------------------------------------------------------------------------
    def cell(self, name: str) -> CellDef:
        """Return the definition of a cell; InputError with a did-you-mean if unknown."""
        i = self.graph.index.get(name)
        if i is None:
            hint = self.graph.suggest(name) or "; run napkin list to see the sheets."
            raise InputError(f"Unknown cell '{name}'{hint}", name, "unknown cell")
        return self.graph.cells[i]

    def si_value(self, name: str) -> float:
        """Return a cell's value in base units (NaN when in error; label index for verdicts)."""
        return self._values[self.cell(name).index]

    def value(self, name: str):
        """Return a cell's value in its display unit, or its label for a verdict; None on error."""
        c = self.cell(name)
        if c.index in self._errors:
            return None
        v = self._values[c.index]
        if c.kind is Kind.VERDICT:
            return c.labels[int(v)]
        return v / c.unit.factor

    def error(self, name: str) -> CellError | None:
        """Return the cell's error, or None when it has a value."""
        return self._errors.get(self.cell(name).index)

    def state(self, name: str) -> State:
        """Return the cell's State (INPUT, OK or ERROR; nothing stays STALE between edits)."""
        c = self.cell(name)
        if c.index in self._errors:
            return State.ERROR
        return State.INPUT if c.kind is Kind.INPUT else State.OK

    def is_overridden(self, name: str) -> bool:
        """Return True if the input holds a value set by the user rather than its default/link."""
        return self.cell(name).index in self._overrides

    def overrides(self) -> dict[str, float]:
        """Return {input name: display value} for every input the user changed."""
        cells = self.graph.cells
        return {cells[i].name: v / cells[i].unit.factor for i, v in self._overrides.items()}

    # ---- editing -------------------------------------------------------------------------
    def parse(self, name: str, value) -> float:
        """Validate `value` for input `name`; return it in base units or raise InputError."""
        c = self.cell(name)
        if c.kind is not Kind.INPUT:
            raise InputError(
                f"Cell '{name}' is a {c.kind.value} computed from its formula; only inputs can be set "
                f"(its inputs: {', '.join(self.upstream_inputs(name)[:6]) or 'none'}).", name, "not an input")
        decl: Input = c.decl
        base = to_base(c, value, subject=f"Input '{name}'")
        shown_val = base / c.unit.factor
        unit_txt = unit_suffix(c.unit.text)
        if decl.lo is not None and (shown_val < decl.lo or (decl.strict_lo and shown_val <= decl.lo)):
            word = "above" if decl.strict_lo else "at least"
            raise InputError(f"Input '{name}' must be {word} {decl.lo:g}{unit_txt}, not {shown_val:g}.", name, "below lower bound")
        if decl.hi is not None and shown_val > decl.hi:
            raise InputError(f"Input '{name}' must be at most {decl.hi:g}{unit_txt}, not {shown_val:g}.", name, "above upper bound")
        if decl.integer and shown_val != int(shown_val):
            raise InputError(f"Input '{name}' must be a whole number, not {shown_val:g}.", name, "not a whole number")
        return base

    def set(self, name: str, value) -> frozenset[str]:
        """Set one input (display-unit number or 'number unit' text); recompute its descendants."""
        return self.set_many({name: value})

    def set_many(self, edits: Mapping[str, object]) -> frozenset[str]:
        """Validate all edits, then apply them together; on any bad value raise and change nothing."""
        parsed = {self.cell(n).index: self.parse(n, v) for n, v in edits.items()}
        if self._pending is not None:
            self._pending.update(parsed)
            return frozenset()
        return self._apply(parsed)

    def reset(self, names: Iterable[str] | None = None) -> frozenset[str]:
        """Return the named inputs (all when None) to their default or link; recompute."""
        if names is None:
            idx = list(self._overrides)
        else:
            idx = [self.cell(n).index for n in names]
            for i in idx:
                if self.graph.cells[i].kind is not Kind.INPUT:
                    bad = self.graph.cells[i].name
                    raise InputError(f"Cell '{bad}' is not an input; nothing to reset.", bad, "not an input")
        edits: dict[int, float | None] = {i: None for i in idx if i in self._overrides}
        if self._pending is not None:
            self._pending.update(edits)
            return frozenset()
        return self._apply(edits)

    @contextlib.contextmanager
    def batch(self):
        """Collect edits made inside the block and apply them at its end, notifying once.

        If the block raises, none of its edits are applied.
        """
        if self._pending is not None:
            yield self
            return
        self._pending = {}
        try:
            yield self
        except BaseException:
            self._pending = None
            raise
        pending, self._pending = self._pending, None
        if pending:
            self._apply(pending)

    def observe(self, callback: Callable[[frozenset[str]], None]) -> Callable[[], None]:
        """Call `callback(changed_names)` after each applied edit; return a function that stops it."""
        self._observers.append(callback)
        return lambda: self._observers.remove(callback) if callback in self._observers else None

    def _apply(self, edits: Mapping[int, float | None]) -> frozenset[str]:
        g = self.graph
        values, errors = self._values, self._errors
        before: dict[int, tuple] = {}
        changed_inputs = []
        for i, base in edits.items():
            before[i] = (values[i], errors.get(i))
            if base is None:  # reset
                self._overrides.pop(i, None)
                c = g.cells[i]
                if c.link is None:
                    values[i] = c.default
                else:
                    _run(g, i, values, errors)
            else:
                self._overrides[i] = base
                values[i] = base
                errors.pop(i, None)
            changed_inputs.append(i)
        plan = self._plan(tuple(changed_inputs))
        funcs = g.funcs
        names = g.names
        changed_names = [names[i] for i, (v, e) in before.items()
                         if e != errors.get(i) or not (v == values[i] or (v != v and values[i] != values[i]))]
        isfinite = math.isfinite
        for k in plan:
            old = values[k]
            if errors:
                had = errors.get(k)
                _run(g, k, values, errors)
                new_v = values[k]
                if had != errors.get(k) or not (old == new_v or (old != old and new_v != new_v)):
                    changed_names.append(names[k])
                continue
            try:
                x = funcs[k](values)
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                x = math.nan
            if x == x and isfinite(x):
                values[k] = x
                if x != old:
                    changed_names.append(names[k])
            else:
                _run(g, k, values, errors)  # records the cause
                changed_names.append(names[k])
        self.last_recomputed = tuple(names[k] for k in plan)
        changed = frozenset(changed_names)
        if changed:
            for cb in list(self._observers):
                cb(changed)
        return changed

    def _plan(self, edited: tuple[int, ...]) -> tuple[int, ...]:
        """Return the cells to recompute after editing `edited`, in topological order (cached).

        Overridden links (linked inputs the session set) keep their value, so what lies only
        below them is left alone.
        """
        g = self.graph
        overridden = frozenset(i for i in self._overrides if g.cells[i].link is not None) - set(edited)
        key = (frozenset(edited), overridden)
        plan = self._plans.get(key)
        if plan is None:
            stale = closure(edited, g.children, stop=overridden) - overridden
            plan = tuple(k for k in sorted(stale, key=g.pos.__getitem__) if g.funcs[k] is not None and k not in edited)
            if len(self._plans) > 4096:
                self._plans.clear()
            self._plans[key] = plan
        return plan

    # ---- graph questions -------------------------------------------------------------------
    def upstream_inputs(self, name: str) -> list[str]:
        """Return the inputs a cell depends on, directly or not, in declaration order."""
        g = self.graph
        anc = closure([self.cell(name).index], g.parents)
        return [g.cells[i].name for i in sorted(anc) if g.cells[i].kind is Kind.INPUT]

    def downstream(self, name: str) -> list[str]:
        """Return every cell that would recompute if `name` changed, in topological order."""
        g = self.graph
        return [g.cells[i].name for i in sorted(closure([self.cell(name).index], g.children), key=g.pos.__getitem__)]


def to_base(c: CellDef, value, *, subject: str) -> float:
    """Convert a number in `c`'s display unit, or text 'number unit', to base units.

    Raise InputError naming `subject` when the value is not a finite number, names an unknown
    unit, or has the wrong dimension for the cell. Nothing is evaluated: text is matched by a
    regular expression and the unit by the unit registry.
    """
    name = c.name
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"{subject} needs a number, not {type(value).__name__} {value!r}.", name, "not a number")
    if not isinstance(value, str):
        base = float(value) * c.unit.factor
    else:
        shown = value if len(value) <= 60 else value[:57] + "..."
        if value.strip().lower().lstrip("+-") in ("nan", "inf", "infinity"):
            raise InputError(f"{subject} must be a finite number, not {shown!r}.", name, "not finite")
        m = _NUMBER.match(value)
        if not m:
            raise InputError(f"{subject} needs a number, optionally with a unit (e.g. '{_example(c)}'); "
                             f"got {shown!r}.", name, "not a number")
        num = float(m.group("num").replace(",", ""))
        unit_text = (m.group("unit") or "").strip()
        if not unit_text:
            base = num * c.unit.factor
        else:
            try:
                unit = parse_unit(unit_text)
            except UnitParseError as exc:
                raise InputError(f"{subject}: {exc}", name, "unknown unit") from None
            if unit.dims != c.unit.dims:
                raise InputError(f"{subject} is in {c.unit.text} ({c.unit.dimension}); {shown!r} has dimension "
                                 f"{unit.dimension}. Give a value like '{_example(c)}'.", name, "wrong dimension")
            base = num * unit.factor
    if not math.isfinite(base):
        raise InputError(f"{subject} must be a finite number, not {value!r}.", name, "not finite")
    return base


def _example(c: CellDef) -> str:
    d = c.decl
    v = d.default if isinstance(d, Input) and d.default is not None else 1
    return f"{v:g}{unit_suffix(c.unit.text)}"
