"""A small unit parser that gives exactly pint's answer for plain unit text, without importing pint.

pint (with numpy) costs ~0.15 s to import and its registry more to build, while a CLI call needs
only a handful of units such as 'TFLOP/s' or 'USD/TB/month'. `UnitTable` reads the same
definitions text as the pint registry and parses products and quotients of (prefixed) unit
names with integer or decimal powers. It works the factor out with pint's own algorithm
(scales grouped into a numerator and a denominator, equal scales cancelled, then multiplied in
order), so the floats agree to the last bit; a test compares both over every unit the sheets use.
Anything outside that plain grammar (plurals with several readings, spaces as products, numbers
other than a leading 1, unknown words) returns None and the caller asks pint, which also words
the error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>\*\*|[*/()-]))")


@dataclass(frozen=True, slots=True)
class _Def:
    """One unit: a base unit (with its dimension, or none) or a scale times a reference product."""

    name: str
    base: bool
    dim: str | None = None
    scale: float = 1
    reference: tuple[tuple[str, float], ...] = ()


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        return float(text)


class UnitTable:
    """Units and prefixes of a pint-style definitions text, and a parser of plain unit text."""

    def __init__(self, definitions: str):
        self.units: dict[str, _Def] = {}
        self.prefixes: dict[str, tuple[str, float]] = {"": ("", 1)}
        for raw in definitions.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = [p.strip() for p in line.split("=")]
            if parts[0].endswith("-"):
                name = parts[0][:-1]
                scale = self._eval_number(parts[1])
                for alias in (parts[0], *parts[2:]):
                    self.prefixes[alias[:-1]] = (name, scale)
                continue
            name, expr, aliases = parts[0], parts[1], parts[2:]
            if expr.startswith("["):
                d = _Def(name, True, expr if expr != "[]" else None)
            else:
                scale, ref = self._eval_expr(expr)
                d = _Def(name, False, None, scale, tuple(ref.items()))
            for alias in (name, *aliases):
                self.units[alias] = d

    # ---- definitions ---------------------------------------------------------------------
    @staticmethod
    def _eval_number(text: str):
        if "**" in text:
            a, b = text.split("**")
            return _number(a.strip()) ** _number(b.strip())
        return _number(text)

    def _eval_expr(self, text: str):
        """Evaluate 'a * b ** 2 / c' or '1e-3 * kilogram' into (scale, {canonical name: power})."""
        parsed = self._product(text, definitions=True)
        if parsed is None:
            raise ValueError(f"definition {text!r} is not a plain product")
        return parsed

    # ---- parsing ---------------------------------------------------------------------------
    def lookup(self, word: str) -> tuple[str, _Def] | None:
        """Resolve a word to (canonical name, definition) the way pint does, or None if ambiguous/unknown."""
        d = self.units.get(word)
        if d is not None:
            return d.name, d
        found = []
        for suffix in ("", "s"):
            if suffix and not word.endswith(suffix):
                continue
            core = word[: len(word) - len(suffix)]
            for alias, (pname, pscale) in self.prefixes.items():
                if not core.startswith(alias):
                    continue
                stem = core[len(alias):]
                if suffix and len(stem) == 1:
                    continue
                u = self.units.get(stem)
                if u is not None and (alias or suffix):
                    found.append((pname, pscale, u))
        if len({(p, u.name) for p, _, u in found}) != 1:
            return None
        pname, pscale, u = found[0]
        if not pname:
            return u.name, u
        canon = pname + u.name
        return canon, _Def(canon, False, None, pscale, ((u.name, 1),))

    def _product(self, text: str, *, definitions: bool = False, resolved: dict | None = None):
        """Parse a product/quotient of names with powers; return (scale, {name: power}) or None."""
        tokens = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                return None
            tokens.append((m.lastgroup, m.group(m.lastgroup)))
            pos = m.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
        p = _Parser(self, tokens, definitions, {} if resolved is None else resolved)
        try:
            out = p.expr()
        except _Bail:
            return None
        return out if p.k == len(tokens) else None

    def parse(self, text: str) -> tuple[float, tuple[tuple[str, float], ...]] | None:
        """Return (factor to base units, sorted dimension tuple) for plain unit text, else None."""
        if not text or text[0].isspace() or text[-1].isspace():
            return None
        if re.search(r"[A-Za-z0-9_)]\s+[A-Za-z0-9_(]", text):
            return None  # 'kW h': pint reads the space as a product
        resolved: dict[str, _Def] = {}
        parsed = self._product(text, resolved=resolved)
        if parsed is None:
            return None
        scale, units = parsed
        if scale != 1:
            return None
        return _root(units, resolved, self.units)


class _Bail(Exception):
    """Raised inside the parser when only pint can answer."""


class _Parser:
    """One parse: tokens, position and the prefixed units met so far (no shared state: thread-safe)."""

    def __init__(self, table: UnitTable, tokens: list, definitions: bool, resolved: dict):
        self.table, self.tok, self.k, self.defs_mode, self.resolved = table, tokens, 0, definitions, resolved

    def peek(self):
        return self.tok[self.k] if self.k < len(self.tok) else (None, None)

    def expr(self):
        scale, units = self.power()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.tok[self.k][1]
            self.k += 1
            s2, u2 = self.power()
            sign = 1 if op == "*" else -1
            scale = scale * s2 if sign == 1 else scale / s2
            for k, v in u2.items():
                units[k] = units.get(k, 0) + sign * v
                if units[k] == 0:
                    del units[k]
        return scale, units

    def power(self):
        scale, units = self.atom()
        if self.peek() == ("op", "**"):
            self.k += 1
            neg = self.peek() == ("op", "-")
            if neg:
                self.k += 1
            kind, text = self.peek()
            if kind != "num":
                raise _Bail
            self.k += 1
            e = _number(text) * (-1 if neg else 1)
            scale = scale**e
            units = {k: v * e for k, v in units.items()}
        return scale, units

    def atom(self):
        kind, text = self.peek()
        self.k += 1
        if kind == "num":
            n = _number(text)
            if not self.defs_mode and n != 1:
                raise _Bail  # a scaling factor: pint decides
            return n, {}
        if kind == "name":
            if self.defs_mode:
                d = self.table.units.get(text)
                if d is None:
                    raise _Bail
                return 1, {d.name: 1}
            hit = self.table.lookup(text)
            if hit is None:
                raise _Bail
            canon, d = hit
            if canon in self.resolved:
                raise _Bail  # the same unit twice: pint merges it its own way
            self.resolved[canon] = d
            return 1, {canon: 1}
        if (kind, text) == ("op", "("):
            out = self.expr()
            if self.peek() != ("op", ")"):
                raise _Bail
            self.k += 1
            return out
        raise _Bail


def _root(units: dict[str, float], resolved: dict[str, _Def], table: dict[str, _Def]):
    """pint's _get_root_units: group scales into numerator/denominator, cancel, multiply; collect dims."""
    dims: dict[str, float] = {}
    num: dict = {}
    den: dict = {}

    def recurse(ref, exp):
        for key, power in ref:
            exp2 = exp * power
            d = resolved.get(key) or table[key]
            if d.base:
                if d.dim is not None:
                    dims[d.dim] = dims.get(d.dim, 0) + exp2
                continue
            if exp2 < 0:
                den[d.scale] = den.get(d.scale, 0) - exp2
            else:
                num[d.scale] = num.get(d.scale, 0) + exp2
            recurse(d.reference, exp2)

    recurse(tuple(units.items()), 1)
    while any(k in den for k in num):
        for k, e in list(num.items()):
            if k in den and e >= den[k]:
                num[k] -= den.pop(k)
        for k, e in list(den.items()):
            if k in num and e >= num[k]:
                den[k] -= num.pop(k)
    factor = 1
    for k, e in num.items():
        if e != 0:
            factor *= k**e
    for k, e in den.items():
        if e != 0:
            factor *= k**-e
    out = tuple(sorted((k, float(v)) for k, v in dims.items() if v != 0))
    return float(1.0 * factor), out
