"""Cell declarations (what a sheet module writes) and the vocabulary of cell kinds and states.

Declaring does nothing: an `Input`, `Calc` or `Verdict` is inert metadata until the graph is
built. A cell's name is the module attribute it is bound to, so it is written once.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: Names Excel could read as a cell address (A100, fp16, ex1) or R1C1 reference.
ADDRESS_LIKE = re.compile(r"^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$")


class Kind(str, enum.Enum):
    INPUT = "input"
    CALC = "calc"
    VERDICT = "verdict"


class State(enum.Enum):
    """Life cycle of a cell's value in one model."""

    INPUT = "input"  # an input holding its default or an override
    STALE = "stale"  # an upstream value changed; recompute pending
    OK = "ok"  # computed and current
    ERROR = "error"  # evaluation failed here or upstream


@dataclass(eq=False)
class Input:
    """A given: a default in `unit` (or a `link` to another cell), bounds, a doc and a source.

    `lo`/`hi` are in `unit`; `lo` defaults to 0 so negative values are refused unless a sheet
    says otherwise (`lo=None`). `note` documents an alternative value (another edition).
    `constant=True` marks a definitional constant (seconds per day, FLOP per MAC): it can still be
    set, but sensitivity and Monte Carlo leave it out unless asked, since nobody is unsure of it.
    """

    default: float | None = None
    unit: str = "1"
    doc: str = ""
    source: str = ""
    lo: float | None = 0.0
    hi: float | None = None
    link: str | None = None
    note: str = ""
    illustrative: bool = False
    integer: bool = False
    strict_lo: bool = False
    constant: bool = False

    kind = Kind.INPUT


@dataclass(eq=False)
class Calc:
    """A derived quantity: a formula over other cells, checked against its display `unit`."""

    formula: str
    unit: str = "1"
    doc: str = ""
    source: str = ""

    kind = Kind.CALC


@dataclass(eq=False)
class Verdict:
    """A categorical answer: the first label whose condition holds, else `otherwise`.

    `tones` says what each label means for the reader: {"label": "good" | "bad" | "neutral"};
    labels it leaves out are neutral. Adapters colour by tone, never by label order.
    """

    cases: dict[str, str]
    otherwise: str
    doc: str = ""
    source: str = ""
    tones: dict[str, str] = field(default_factory=dict)

    kind = Kind.VERDICT
    unit = "1"

    @property
    def labels(self) -> tuple[str, ...]:
        return (*self.cases.keys(), self.otherwise)


#: The tones a verdict label may declare.
TONES = ("good", "bad", "neutral")


Decl = Input | Calc | Verdict


class Row:
    """One row of a `Repeat`: its name suffix `key` and the values its cells are declared from."""

    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values

    def __getattr__(self, name: str) -> object:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(f"row '{self.__dict__.get('key')}' has no value '{name}'") from None

    def __repr__(self) -> str:
        return f"Row({self.key!r}, {self.values!r})"


@dataclass(frozen=True)
class Repeat:
    """Cells declared once and repeated per row, named `base_key` (`gain` -> `gain_b4`), row by row.

    Each cell is a template or a function of the `Row`. In a template (an Input, Calc or Verdict)
    every text field is formatted with `{k}` = the row's key and `{name}` = the row's values, so
    `Calc("batch_{k} / latency_{k}", doc="throughput at batch {n}")` reads each row's own cells.
    A function `lambda r: Input(r.latency, "ms")` declares what differs by more than text.
    """

    rows: Sequence[Row]
    cells: Mapping[str, Decl | Callable[[Row], Decl]]

    def __init__(self, rows: Sequence[Row], **cells: Decl | Callable[[Row], Decl]):
        object.__setattr__(self, "rows", tuple(rows))
        object.__setattr__(self, "cells", dict(cells))

    def expand(self) -> Iterator[tuple[str, Decl]]:
        """Yield (cell name, declaration) for every row and cell, a fresh declaration each."""
        for row in self.rows:
            for base, cell in self.cells.items():
                try:
                    decl = cell(row) if callable(cell) else _fill(cell, {**row.values, "k": row.key})
                except (KeyError, AttributeError) as exc:
                    raise ValueError(f"Repeated cell '{base}_{row.key}' uses {exc}, which row '{row.key}' does not "
                                     f"define; give the row that value or drop it from the template.") from None
                yield f"{base}_{row.key}", decl


def _fill(decl: Decl, values: Mapping[str, object]) -> Decl:
    """Return a copy of a template declaration with its text fields formatted."""
    changes = {f.name: getattr(decl, f.name).format(**values) for f in dataclasses.fields(decl)
               if isinstance(getattr(decl, f.name), str)}
    if isinstance(decl, Verdict):
        changes["cases"] = {k.format(**values): v.format(**values) for k, v in decl.cases.items()}
    return dataclasses.replace(decl, **changes)


@dataclass
class SheetDef:
    """A sheet as declared: metadata plus its cells in declaration order."""

    id: str
    title: str
    kind: str  # "problem" | "exercise" | "spec"
    chapter: str
    section: str
    question: str
    cells: list[tuple[str, Decl]] = field(default_factory=list)
    origin: str = ""
    key: tuple[str, ...] = ()  # short names of the key results (module attribute KEY), for reports
    family: str = ""  # device family this spec sheet is a member of (model/devices.py)
    aliases: dict[str, str] = field(default_factory=dict)  # family cell -> this sheet's cell
    na: dict[str, str] = field(default_factory=dict)  # family cell -> why the part has none


def sheet_kind(sheet_id: str) -> str:
    if re.fullmatch(r"p\d\d", sheet_id):
        return "problem"
    if re.fullmatch(r"ex\d+", sheet_id):
        return "exercise"
    return "spec"


def sheet_from_module(module: ModuleType, sheet_id: str | None = None) -> SheetDef:
    """Collect a sheet module's metadata and its Input/Calc/Verdict attributes, in order."""
    sid = sheet_id or module.__name__.rsplit(".", 1)[-1]
    doc = (module.__doc__ or "").strip()
    title, _, rest = doc.partition("\n")
    cells: list[tuple[str, Decl]] = []
    for k, v in vars(module).items():
        if isinstance(v, (Input, Calc, Verdict)):
            cells.append((k, v))
        elif isinstance(v, Repeat):
            cells.extend(v.expand())
    return SheetDef(
        id=sid,
        title=getattr(module, "TITLE", title.strip().rstrip(".")),
        kind=getattr(module, "KIND", sheet_kind(sid)),
        chapter=str(getattr(module, "CHAPTER", "")),
        section=getattr(module, "SECTION", ""),
        question=getattr(module, "QUESTION", rest.strip()),
        cells=cells,
        origin=getattr(module, "__file__", "") or "",
        key=tuple(getattr(module, "KEY", ())),
        family=getattr(module, "FAMILY", ""),
        aliases=dict(getattr(module, "ALIASES", {})),
        na=dict(getattr(module, "NA", {})),
    )
