"""Device families and device choices: a shared schema for spec sheets of one kind, and a
categorical input that picks one member of a family.

A family (`Family`) names the cells every member spec sheet provides, with their units. A member
sheet sets `FAMILY = "accelerator"`; it may map a family cell to a differently named cell of its
own (`ALIASES = {"peak_int8_tensor": "peak_int8"}`) or state that the part has no such mode
(`NA = {"peak_fp8_tensor": "Turing has no FP8 Tensor Cores"}`): explicit "n/a" state.

A problem declares `gpu = Device("accelerator", default="gpu_a100")` and links inputs through
it (`Input(link="gpu.mem_bw", ...)`). The build turns the choice into an input cell holding the
chosen member's index, and each linked input into a compiled table lookup by that index; a
member marked n/a makes the input fail with a message that says so ("gpu_t4 has no FP8
(peak_fp8_tensor is n/a: ...)") instead of computing nonsense.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model.cells import Input
from model.errors import DefinitionError, UnitError, UnknownNameError


class NotApplicable(ValueError):
    """Raised by a device lookup when the chosen member has no such cell (n/a)."""


class FamilyError(DefinitionError):
    """A member sheet does not fit its family, or a device choice is malformed."""


@dataclass(frozen=True)
class FamilyCell:
    """One cell of a family's schema: its unit, what it means, and the mode it names (for n/a)."""

    unit: str
    doc: str = ""
    mode: str = ""  # e.g. "FP8": used in "gpu_t4 has no FP8"


@dataclass(frozen=True)
class Family:
    """A kind of spec sheet: the cells every member provides (or marks n/a), in display order."""

    name: str
    doc: str
    cells: dict[str, FamilyCell]


_FAMILIES: dict[str, Family] = {}


def register_family(family: Family) -> Family:
    """Declare a family once (by content modules); return it."""
    _FAMILIES[family.name] = family
    return family


def registered_families() -> dict[str, Family]:
    """Return the families declared so far, by name."""
    return dict(_FAMILIES)


class Device(Input):
    """A choice of one member of a family: `gpu = Device("accelerator", default="gpu_a100")`.

    Built as an input whose value is the chosen member's index (unit "1"); reading it with
    `Model.value` gives the member's sheet id, and it is set by sheet id.
    """

    def __init__(self, family: str, *, default: str, doc: str = "", source: str = ""):
        super().__init__(default=0.0, unit="1", doc=doc or f"Which {family}", source=source, lo=0.0,
                         integer=True)
        self.family = family
        self.member = default


@dataclass
class Choice:
    """A built device choice: its family and members (sheet ids, in catalog order)."""

    family: str
    members: tuple[str, ...]


@dataclass
class Lookup:
    """A built input linked through a choice: per member, the cell index it reads (-1: n/a)."""

    choice: int  # index of the choice cell
    key: str  # family cell name, e.g. "mem_bw"
    table: tuple[int, ...]
    na: dict[int, str] = field(default_factory=dict)  # member position -> n/a message
    choice_name: str = ""
    targets: tuple[str | None, ...] = ()  # per member: the cell read, None when n/a
    default_target: str | None = None  # the cell read with the choice at its default

    def target(self, k: int) -> str | None:
        """The cell read when member k is chosen (None when n/a)."""
        return self.targets[k]

    def source(self) -> str:
        """Python source for the compiled lookup over the value list `v`."""
        return f"_pick(v, {self.choice}, {self.table!r}, {self.na!r})"


def pick(v: list[float], choice: int, table: tuple[int, ...], na: dict[int, str]) -> float:
    """The compiled lookup: the value of the chosen member's cell, or NotApplicable."""
    k = int(v[choice])
    j = table[k]
    if j < 0:
        raise NotApplicable(na[k])
    return v[j]


def lookup_expr(lk: Lookup) -> object:
    """SymPy expression of a device-linked input: Piecewise over the choice index (n/a: NaN)."""
    import sympy as sp

    def sym(name: str):
        return sp.Symbol(name, real=True)

    choice_sym = sym(lk.choice_name)
    pieces = [(sym(t), sp.Eq(choice_sym, k)) for k, t in enumerate(lk.targets) if t is not None]
    return sp.Piecewise(*pieces, (sp.nan, True))


def family_members(sheets: dict, family: str) -> tuple[str, ...]:
    """Return the sheet ids of a family's members, in declaration (catalog) order."""
    return tuple(sid for sid, sd in sheets.items() if getattr(sd, "family", "") == family)


def member_cell(sd, key: str) -> str | None:
    """Return the short cell name a member uses for family cell `key`, or None when n/a."""
    if key in sd.na:
        return None
    return sd.aliases.get(key, key)


def na_message(member: str, family: Family, key: str, reason: str) -> str:
    """Return the one-line n/a message for `member.key`."""
    mode = family.cells[key].mode if key in family.cells else key
    return f"{member} has no {mode or key} ({key} is n/a: {reason})"


def check_members(sheets: dict, families: dict[str, Family], cell_units: dict[str, object]) -> list:
    """Check every member sheet against its family: each cell present (same dimension) or n/a."""
    from model.units import parse_unit

    errors: list = []
    for sid, sd in sheets.items():
        fam_name = getattr(sd, "family", "")
        if not fam_name:
            continue
        fam = families.get(fam_name)
        if fam is None:
            errors.append(FamilyError(f"Sheet '{sid}' names unknown family '{fam_name}'; known: "
                                      f"{', '.join(sorted(families)) or 'none'}.", (sid,)))
            continue
        for key in (*sd.aliases, *sd.na):
            if key not in fam.cells:
                errors.append(FamilyError(f"Sheet '{sid}' maps or marks n/a '{key}', which family "
                                          f"'{fam_name}' does not declare.", (sid,)))
        for key, fc in fam.cells.items():
            short = member_cell(sd, key)
            if short is None:
                continue
            full = f"{sid}.{short}"
            unit = cell_units.get(full)
            if unit is None:
                errors.append(FamilyError(
                    f"Sheet '{sid}' is a member of family '{fam_name}' but has no cell '{short}' "
                    f"({fc.doc or key}); declare it, map it in ALIASES, or mark it n/a in NA with a reason.",
                    (sid,)))
            elif unit.dims != parse_unit(fc.unit).dims:
                errors.append(UnitError(
                    f"Cell '{full}' is in '{unit.text}' but family '{fam_name}' declares '{key}' in "
                    f"'{fc.unit}'.", (full,)))
    return errors


def resolve_links(cells: list, sheets: dict, families: dict[str, Family]) -> tuple[list, list]:
    """Return (cells, errors): choice cells with their members and default index, and every input
    linked through a choice as a lookup (its `depends_on`: the choice and every member's cell).

    Cells are frozen: changed ones are replaced (dataclasses.replace); declarations are not touched.
    """
    import dataclasses

    errors: list = []
    cells = list(cells)
    index = {c.name: c.index for c in cells}
    for c in cells:
        d = c.decl
        if not isinstance(d, Device):
            continue
        fam = families.get(d.family)
        members = family_members(sheets, d.family) if fam else ()
        if fam is None or not members:
            errors.append(FamilyError(f"Device choice '{c.name}' names family '{d.family}', which "
                                      f"{'has no members' if fam else 'is not declared'}.", (c.name,)))
            continue
        if d.member not in members:
            errors.append(UnknownNameError(
                f"Device choice '{c.name}' has default '{d.member}', which is not a member of "
                f"'{d.family}' ({', '.join(members)}).", (c.name,)))
            continue
        cells[c.index] = dataclasses.replace(c, choice=Choice(d.family, members), default=float(members.index(d.member)))
    for c in list(cells):
        d = c.decl
        if not isinstance(d, Input) or isinstance(d, Device) or d.link is None:
            continue
        head, _, key = d.link.partition(".")
        ci = index.get(f"{c.sheet}.{head}")
        if ci is None or not isinstance(cells[ci].decl, Device):
            continue
        ch = cells[ci]
        if ch.choice is None:
            continue
        fam = families[ch.choice.family]
        if key not in fam.cells:
            errors.append(UnknownNameError(
                f"Input '{c.name}' links '{d.link}', but family '{fam.name}' has no cell '{key}' "
                f"(it has {', '.join(fam.cells)}).", (c.name,)))
            continue
        table, na, deps = [], {}, [ch.name]
        for k, member in enumerate(ch.choice.members):
            sd = sheets[member]
            short = member_cell(sd, key)
            j = index.get(f"{member}.{short}") if short else None
            if j is None:
                table.append(-1)
                na[k] = na_message(member, fam, key, sd.na.get(key, "not declared"))
            else:
                table.append(j)
                deps.append(cells[j].name)
        targets = tuple(cells[j].name if j >= 0 else None for j in table)
        default = targets[int(ch.default)]
        lk = Lookup(ci, key, tuple(table), na, ch.name, targets, default)
        cells[c.index] = dataclasses.replace(c, lookup=lk, tree=None, depends_on=tuple(dict.fromkeys(deps)))
        if default is None:
            errors.append(FamilyError(
                f"Input '{c.name}' links '{d.link}', which is n/a for the default member: "
                f"{na.get(int(ch.default), '')}.", (c.name,)))
        for j in {t for t in table if t >= 0}:
            if cells[j].unit.dims != c.unit.dims:
                errors.append(UnitError(
                    f"Input '{c.name}' is in '{c.unit.text}' but '{cells[j].name}' (reached through "
                    f"'{ch.name}') is in '{cells[j].unit.text}'.", (c.name,)))
    return cells, errors
