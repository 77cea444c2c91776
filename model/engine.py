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
import operator
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType

from model.build import CellDef, Graph
from model.cells import Input, Kind, State
from model.devices import NotApplicable
from model.errors import InputError
from model.format import unit_suffix
from model.quantity import (
    QuantityError,
    number_text,
    parse_quantity,
    quote_value,
    unit_text,
)
from model.units import format_dims


@dataclass(frozen=True)
class CellError:
    """Why a cell has no value: the cause, and the ancestor where it started."""

    message: str
    origin: str

    def __str__(self) -> str:
        return self.message


class _Plan:
    """The cells to recompute for one kind of edit, in order; their names are made on first use."""

    __slots__ = ("idx", "get", "_names")

    def __init__(self, idx: tuple[int, ...]):
        self.idx = idx
        #: values -> tuple of the plan's values (operator.itemgetter: ~9 ns a cell, in C). For one
        #: cell it fetches it twice, to get a tuple; zip() with idx stops after the first.
        self.get = operator.itemgetter(*idx) if len(idx) > 1 else operator.itemgetter(idx[0], idx[0]) if idx else _empty
        self._names: tuple[str, ...] | None = None

    def names(self, graph: Graph) -> tuple[str, ...]:
        """The plan's cell names, in order (made once)."""
        if self._names is None:
            names = graph.names
            self._names = tuple(names[k] for k in self.idx)
        return self._names


def _empty(values) -> tuple:
    return ()


_NO_PLAN = _Plan(())


class Changes(AbstractSet):
    """The names a fast edit changed, worked out only when someone looks (a read-only set).

    It holds the values of the recomputed cells before and after the edit, so it stays right
    after later edits. It compares equal to a set or frozenset with the same names.
    """

    __slots__ = ("_d", "_set")

    def __init__(self, d: tuple):
        self._d = d  # (cell names, edited input index or -1 if its value is unchanged, plan, olds, news)
        self._set: frozenset[str] | None = None

    def _get(self) -> frozenset[str]:
        if self._set is None:
            names, edited, idx, olds, news = self._d
            out = [names[k] for k, a, b in zip(idx, olds, news, strict=False) if a != b]  # one-cell plans fetch twice
            if edited >= 0:
                out.append(names[edited])
            self._set = frozenset(out)
            self._d = None
        return self._set

    @classmethod
    def _from_iterable(cls, it) -> frozenset:
        return frozenset(it)

    def __contains__(self, name) -> bool:
        return name in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return f"Changes({set(self._get())!r})"

    def __getattr__(self, attr: str):
        """Everything else a frozenset offers (union, issubset, ...), on the worked-out set."""
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self._get(), attr)


_FAST: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SHARED_PLANS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _fast_inputs(g: Graph) -> list:
    """Per graph (cached): for each plain input (factor, lo, hi, strict_lo, integer), else None."""
    fast = _FAST.get(g)
    if fast is None:
        fast = []
        for c in g.cells:
            d = c.decl
            plain = c.kind is Kind.INPUT and d.link is None and c.choice is None  # a device: parse_choice
            fast.append((c.unit.factor, d.lo, d.hi, d.strict_lo, d.integer) if plain else None)
        _FAST[g] = fast
    return fast


def _shared_plans(g: Graph) -> dict:
    """Plans for edits with no overridden links, shared by every session of a graph."""
    plans = _SHARED_PLANS.get(g)
    if plans is None:
        plans = _SHARED_PLANS[g] = {}
    return plans


def _run(g: Graph, i: int, values: list[float], errors: dict[int, CellError]) -> None:
    """Recompute cell i in place, recording or clearing its error."""
    if errors:
        lk = g.cells[i].lookup
        ps = g.parents[i] if lk is None else _live_parents(lk, values)
        for p in ps:
            err = errors.get(p)
            if err is not None:
                root = errors.get(g.index[err.origin], err)
                values[i] = math.nan
                errors[i] = CellError(f"blocked by '{err.origin}': {root.message}", err.origin)
                return
    try:
        x = g.funcs[i](values)
    except NotApplicable as exc:
        cause = str(exc)
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


def _live_parents(lk, values: list[float]) -> tuple[int, ...]:
    """The parents a device-linked input reads now: the choice and the chosen member's cell."""
    k = values[lk.choice]
    if k != k:
        return (lk.choice,)
    j = lk.table[int(k)]
    return (lk.choice,) if j < 0 else (lk.choice, j)


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
        self._plans: dict = {}  # plans under this session's shields (overridden linked inputs)
        self._shields: frozenset[int] = frozenset()
        self._last_plan = _NO_PLAN
        self._fast = _fast_inputs(graph)
        self._index = graph.index
        self._names = graph.names
        self._shared_plans = _shared_plans(graph)
        self._choice_idx: tuple[int, ...] | None = None  # device choice cells, found on first edit

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
        if c.kind is Kind.VERDICT or c.choice is not None:
            return c.labels[int(v)]
        return v / c.unit.factor

    def link_of(self, name: str) -> str | None:
        """Return the cell a linked input follows now (through its device choice); None if not linked."""
        c = self.cell(name)
        if c.lookup is not None:
            return c.lookup.target(int(self._values[c.lookup.choice]))
        return c.link

    def choices(self) -> dict[str, str]:
        """Return {device choice cell: chosen member} for every choice in the model."""
        return {c.name: c.labels[int(self._values[c.index])] for c in self.graph.cells if c.choice is not None}

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
        return {cells[i].name: (cells[i].labels[int(v)] if cells[i].choice is not None else v / cells[i].unit.factor)
                for i, v in self._overrides.items()}

    def overrides_si(self) -> dict[str, float]:
        """Return {input name: value in base units} for every input the user changed (exact)."""
        cells = self.graph.cells
        return {cells[i].name: v for i, v in self._overrides.items()}

    def override_texts(self) -> dict[str, str]:
        """Return {input name: value text} that reads back to exactly the same overrides."""
        from model.quantity import format_quantity_text

        cells = self.graph.cells
        return {cells[i].name: (cells[i].labels[int(v)] if cells[i].choice is not None  # a device: its member id
                                else format_quantity_text(v, cells[i].unit)) for i, v in self._overrides.items()}

    # ---- editing -------------------------------------------------------------------------
    def parse(self, name: str, value) -> float:
        """Validate `value` for input `name`; return it in base units or raise InputError."""
        c = self.cell(name)
        if c.kind is not Kind.INPUT:
            raise InputError(
                f"Cell '{name}' is a {c.kind.value} computed from its formula; only inputs can be set "
                f"(its inputs: {', '.join(self.upstream_inputs(name)[:6]) or 'none'}).", name, "not an input")
        decl: Input = c.decl
        if c.choice is not None:
            return parse_choice(c, value)
        base = to_base(c, value, subject=f"Input '{name}'")
        shown_val = base / c.unit.factor
        unit_txt = unit_suffix(c.unit.text)
        n = number_text
        if decl.lo is not None and (shown_val < decl.lo or (decl.strict_lo and shown_val <= decl.lo)):
            word = "above" if decl.strict_lo else "at least"
            raise InputError(f"Input '{name}' must be {word} {n(float(decl.lo))}{unit_txt}, not {n(shown_val)}.",
                             name, "below lower bound")
        if decl.hi is not None and shown_val > decl.hi:
            raise InputError(f"Input '{name}' must be at most {n(float(decl.hi))}{unit_txt}, not {n(shown_val)}.",
                             name, "above upper bound")
        if decl.integer and shown_val != int(shown_val):
            raise InputError(f"Input '{name}' must be a whole number, not {n(shown_val)}.", name, "not a whole number")
        return base

    def set(self, name: str, value) -> AbstractSet[str]:
        """Set one input (display-unit number or 'number unit' text); recompute its descendants.

        A plain number for an input without a link takes a fast path (the same checks, inlined);
        everything else, and every refusal, goes through `set_many` for the full message.
        """
        i = self._index.get(name)
        if i is not None and self._pending is None and (type(value) is float or type(value) is int):
            fast = self._fast[i]
            if fast is not None:
                factor, lo, hi, strict_lo, integer = fast
                try:
                    base = value * factor  # int * float converts the int first, as float(value) * factor
                except OverflowError:  # an int beyond float range: the general path words the refusal
                    base = math.inf
                if base - base == 0.0:  # finite
                    shown = base / factor
                    if not ((lo is not None and (shown < lo or (strict_lo and shown <= lo)))
                            or (hi is not None and shown > hi) or (integer and shown != int(shown))):
                        return self._apply_one(i, base)
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

    @property
    def last_recomputed(self) -> tuple[str, ...]:
        """Names of the cells the last applied edit recomputed, in topological order."""
        return self._last_plan.names(self.graph)

    def _apply_one(self, i: int, base: float) -> AbstractSet[str]:
        """Apply one validated value to plain input i: the hot path of `set`."""
        values = self._values
        errors = self._errors
        old = values[i]
        self._overrides[i] = base
        if errors:
            return self._apply({i: base})
        plan = None if self._shields else self._shared_plans.get(i)
        if plan is None:
            plan = self._plan_for(i)
        self._last_plan = plan
        values[i] = base
        idx = plan.idx
        olds = plan.get(values)
        funcs = self.graph.funcs
        try:
            for k in idx:  # exactly the bare loop; failures are sorted out below
                values[k] = funcs[k](values)
        except (ArithmeticError, ValueError, TypeError):
            return self._finish_slow(i, old, plan, olds)
        news = plan.get(values)
        total = sum(news)  # one C pass: NaN or inf anywhere makes the sum non-finite
        if total - total:
            return self._finish_slow(i, old, plan, olds)
        changed = Changes((self._names, i if old != base else -1, idx, olds, news))
        if self._observers:
            changed = frozenset(changed)
            if changed:
                for cb in list(self._observers):
                    cb(changed)
        return changed

    def _finish_slow(self, i: int, old: float, plan: _Plan, olds: tuple) -> AbstractSet[str]:
        """Recompute a plan cell by cell with error recording (after a failure on the fast path)."""
        g = self.graph
        values, errors = self._values, self._errors
        for k in plan.idx:
            _run(g, k, values, errors)
        names = g.names
        out = [names[i]] if old != values[i] else []
        for k, o in zip(plan.idx, olds, strict=False):  # one-cell plans fetch their value twice
            if k in errors or values[k] != o:
                out.append(names[k])
        return self._notify(frozenset(out))

    def _notify(self, changed: frozenset[str]) -> frozenset[str]:
        if changed:
            for cb in list(self._observers):
                cb(changed)
        return changed

    def _apply(self, edits: Mapping[int, float | None]) -> frozenset[str]:
        g = self.graph
        values, errors = self._values, self._errors
        before: dict[int, tuple] = {}
        shields_changed = False
        for i, base in edits.items():
            before[i] = (values[i], errors.get(i))
            c = g.cells[i]
            if base is None:  # reset
                self._overrides.pop(i, None)
                if c.link is None:
                    values[i] = c.default
                else:
                    shields_changed = True
                    _run(g, i, values, errors)
            else:
                self._overrides[i] = base
                values[i] = base
                errors.pop(i, None)
                shields_changed = shields_changed or c.link is not None
        if shields_changed:
            self._shields = frozenset(i for i in self._overrides if g.cells[i].link is not None)
        plan = self._plan_for(next(iter(edits)) if len(edits) == 1 else frozenset(edits))
        self._last_plan = plan
        funcs = g.funcs
        names = g.names
        changed_names = [names[i] for i, (v, e) in before.items()
                         if e != errors.get(i) or not (v == values[i] or (v != v and values[i] != values[i]))]
        isfinite = math.isfinite
        for k in plan.idx:
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
        return self._notify(frozenset(changed_names))

    def _plan_for(self, edited: int | frozenset[int]) -> _Plan:
        """Return the cached plan for an edit of one input (an int) or several (a frozenset)."""
        shields = self._shields
        if shields:
            shields = shields - ({edited} if isinstance(edited, int) else edited)
        cache = self._shared_plans if not shields else self._plans
        key = edited if not shields else (edited, shields)
        choices = self._choice_cells()
        if choices:  # plans through device links depend on the members chosen
            key = (key, tuple(self._values[i] for i in choices))
        plan = cache.get(key)
        if plan is None:
            plan = _Plan(self._plan(frozenset({edited}) if isinstance(edited, int) else edited, shields))
            if len(cache) > 4096:
                cache.clear()
            cache[key] = plan
        return plan

    def _plan(self, edited: frozenset[int], shields: frozenset[int]) -> tuple[int, ...]:
        """Return the cells to recompute after editing `edited`, in topological order.

        Overridden links (linked inputs the session set) keep their value, so what lies only
        below them is left alone.
        """
        g = self.graph
        stale: set[int] = set()
        todo = [(i, k) for i in edited for k in g.children[i]]
        while todo:
            i, k = todo.pop()
            if k in stale or k in shields:
                continue
            if g.cells[k].lookup is not None and i not in self._live(k):
                continue  # a member that is not chosen: the lookup does not read it
            stale.add(k)
            todo.extend((k, j) for j in g.children[k])
        return tuple(k for k in sorted(stale, key=g.pos.__getitem__) if g.funcs[k] is not None and k not in edited)

    # ---- graph questions -------------------------------------------------------------------
    def upstream_inputs(self, name: str) -> list[str]:
        """Return the inputs a cell depends on, directly or not, in declaration order."""
        g = self.graph
        seen: set[int] = set()
        todo = list(self._live(self.cell(name).index))
        while todo:  # through device links, only the chosen member's cell counts
            i = todo.pop()
            if i not in seen:
                seen.add(i)
                todo.extend(self._live(i))
        return [g.cells[i].name for i in sorted(seen) if g.cells[i].kind is Kind.INPUT]

    def _choice_cells(self) -> tuple[int, ...]:
        """Indexes of the device choice cells (their values key the recompute plans)."""
        out = self._choice_idx
        if out is None:
            out = self._choice_idx = tuple(c.index for c in self.graph.cells if c.choice is not None)
        return out

    def _live(self, i: int):
        lk = self.graph.cells[i].lookup
        return self.graph.parents[i] if lk is None else _live_parents(lk, self._values)

    def downstream(self, name: str) -> list[str]:
        """Return every cell that would recompute if `name` changed, in topological order."""
        g = self.graph
        seen: set[int] = set()
        todo = [self.cell(name).index]
        while todo:  # a device link depends on a member's cell only while that member is chosen
            i = todo.pop()
            for k in g.children[i]:
                if k not in seen and (g.cells[k].lookup is None or i in self._live(k)):
                    seen.add(k)
                    todo.append(k)
        return [g.cells[i].name for i in sorted(seen, key=g.pos.__getitem__)]


def parse_choice(c: CellDef, value) -> float:
    """Return the member index for a device choice given a member's sheet id (or its index)."""
    members = c.choice.members
    if isinstance(value, str):
        key = value.strip()
        if key in members:
            return float(members.index(key))
        low = {m.lower(): k for k, m in enumerate(members)}
        if key.lower() in low:
            return float(low[key.lower()])
        import difflib

        close = difflib.get_close_matches(key, members, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise InputError(f"Device choice '{c.name}' takes a member of family '{c.choice.family}', not {key[:60]!r}; "
                         f"{hint}members: {', '.join(members)} (napkin specs {c.choice.family}).", c.name, "unknown member")
    if (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value == int(value)
            and 0 <= value < len(members)):
        return float(value)
    raise InputError(f"Device choice '{c.name}' takes a member's sheet id such as '{members[0]}', not {value!r}.",
                     c.name, "unknown member")


def to_base(c: CellDef, value, *, subject: str) -> float:
    """Convert a number in `c`'s display unit, or value text (model.quantity), to base units.

    Raise InputError naming `subject` when the value is not a finite number, names an unknown
    unit, or has the wrong dimension for the cell. Nothing is evaluated: text is read by
    model.quantity's whitelisted scanner and parser.
    """
    name = c.name
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"{subject} needs a number, not {type(value).__name__} {quote_value(value)}.", name, "not a number")
    if not isinstance(value, str):
        try:
            base = float(value) * c.unit.factor
        except OverflowError:
            base = math.inf
    else:
        try:
            base = parse_quantity(value, c.unit)
        except QuantityError as exc:
            if exc.dims is not None:
                raise InputError(f"{subject} is in {c.unit.text} ({c.unit.dimension}); {quote_value(value)} has dimension "
                                 f"{format_dims(exc.dims)}. Give a value like '{_example(c)}'.", name, exc.rule) from None
            if exc.rule == "no number":
                raise InputError(f"{subject} needs a number, optionally with a unit (e.g. '{_example(c)}'); "
                                 f"got {quote_value(value)}.", name, "not a number") from None
            if exc.rule == "not finite word":
                raise InputError(f"{subject} must be a finite number, not {quote_value(value)}.", name, "not finite") from None
            hint = f" Give a value like '{_example(c)}'." if exc.rule in ("not a number", "wrong dimension") else ""
            raise InputError(f"{subject}: {exc.message}{hint}", name, exc.rule) from None
    if not math.isfinite(base):
        raise InputError(f"{subject} must be a finite number, not {quote_value(value)}.", name, "not finite")
    return base


def _example(c: CellDef) -> str:
    d = c.decl
    v = d.default if isinstance(d, Input) and d.default is not None else 1
    unit = unit_text(c.unit)
    return f"{number_text(float(v))}{' ' + unit if unit else ''}"
