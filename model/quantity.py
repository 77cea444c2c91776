"""The one reader and the one writer of value text: "number unit" and arithmetic in a box.

Reader (`parse_quantity`): what a person types for an input, anywhere (CLI `--set`, dashboard
boxes, scenario files, links, solve targets, workbook cells). Accepted:

- a number in the input's display unit: `2048`, `1,024`, `0.55`, `1e-3`, `.5`;
- a number with a unit: `1.5 TB/s`, `3 /month`, `3 month^-1`, `40 %`;
- arithmetic over numbers and units: `=2*1024`, `4*80 GB`, `1.5 TB/s - 200 GB/s`, `(2+3) GB`,
  with `+ - * / ^` (also `** − × ÷ ·`), parentheses, and a unit word right after a number or a
  closing parenthesis meaning "times that unit". A leading `=` is allowed (spreadsheet habit).

Nothing is evaluated as code: the text is scanned by a hand-written single-pass tokenizer (no
regular expression, so no backtracking) and folded by a small recursive-descent parser whose only
operations are float arithmetic on numbers and unit factors. Limits are checked before any work:
at most MAX_TEXT characters, unit words of at most MAX_WORD characters, MAX_DEPTH nested
parentheses/signs, unit exponents within ±MAX_UNIT_POWER; any overflow (`10^400`, `1e999`,
`5 GB^99999/s`) is one clear error. Only ASCII digits 0-9 are numbers: Arabic-Indic (`٣`) or
full-width (`３`) digits are refused with a message saying so, because Python's `float()` would
silently accept them while spreadsheets and the workbook would not.

Writer (`format_quantity_text`): the text Napkin writes wherever a person or Napkin may read it
back (scenario files, links, pasted CLI output). It is exact: `parse_quantity(format_quantity_text(
v, u), u) == v` for every finite v and every unit the registry can display (one exception, see
format_quantity_text: a computed value of a `%`-like unit no display number reaches). A unit whose text starts
with a digit (`1/month`) is written without the leading 1 (`3 /month`), since `3 1/month` reads as
two numbers. The old scenario form `3.0 1/month` (number, space, the input's own display unit) is
still read.
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import dataclass

from model.errors import ModelError, UnitParseError
from model.units import Unit, format_dims, mul_dims, parse_unit, pint_registry, pow_dims

MAX_TEXT = 256
MAX_WORD = 32
MAX_DEPTH = 32
MAX_UNIT_POWER = 8
ECHO = 40  # characters of a bad value echoed back in a message

_OPS = {"+": "+", "-": "-", "*": "*", "/": "/", "^": "^", "(": "(", ")": ")",
        "\u2212": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u00f7": "/"}
_SPACE = " \t\u00a0\u202f"
_WORD_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\u00b5\u03bc")
_WORD_PART = _WORD_START | set("0123456789")
_DIGITS = set("0123456789")
_NOT_FINITE = {"nan", "inf", "infinity"}


class QuantityError(ModelError):
    """Value text that cannot be read; the message says what and where (no Python internals)."""

    def __init__(self, message: str, rule: str = "not a number", dims: tuple | None = None):
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.dims = dims  # for "wrong dimension": the dimension the text had


def quote_value(text: object, limit: int = ECHO) -> str:
    """Return `text` quoted for a message (repr, so control characters are escaped), cut to `limit`."""
    if not isinstance(text, str):
        return str(text)[:limit]
    s = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(s)


def number_text(x: float) -> str:
    """Return x with every digit needed to read it back exactly ('2048', '2048.0000001', '1e+300')."""
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


# ---- tokenizer --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "num" | "word" | "op" | "end"
    text: str
    pos: int


def _scan_number(s: str, i: int, whole: str) -> int:
    """Return the end of the number starting at i (digits, thousands commas, fraction, exponent)."""
    n = len(s)
    j = i
    while j < n and s[j] in _DIGITS:
        j += 1
    lead = j - i
    if j < n and s[j] == "," and lead:
        if lead > 3:
            raise QuantityError(f"Misplaced comma in {quote_value(whole)}: commas may only separate thousands (1,024,000).")
        while j < n and s[j] == ",":
            k = j + 1
            while k < n and s[k] in _DIGITS:
                k += 1
            if k - (j + 1) != 3:
                raise QuantityError(f"Misplaced comma in {quote_value(whole)}: commas may only separate thousands "
                                    f"(1,024,000); write decimals with a point.")
            j = k
    if j < n and s[j] == ".":
        j += 1
        while j < n and s[j] in _DIGITS:
            j += 1
    if j < n and s[j] in "eE":
        k = j + 1
        if k < n and s[k] in "+-":
            k += 1
        if k < n and s[k] in _DIGITS:
            while k < n and s[k] in _DIGITS:
                k += 1
            j = k
    return j


def _tokens(s: str) -> list[_Tok]:
    """Split value text into tokens in one left-to-right pass."""
    out: list[_Tok] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch in _SPACE:
            i += 1
        elif ch in _DIGITS or (ch == "." and i + 1 < n and s[i + 1] in _DIGITS):
            j = _scan_number(s, i, s)
            out.append(_Tok("num", s[i:j], i))
            i = j
        elif ch in _WORD_START:
            j = i + 1
            while j < n and s[j] in _WORD_PART:
                j += 1
            if j - i > MAX_WORD:
                raise QuantityError(f"The unit word {quote_value(s[i:j])} is longer than {MAX_WORD} characters; no unit is.",
                                    "unknown unit")
            out.append(_Tok("word", s[i:j], i))
            i = j
        elif ch == "%":
            out.append(_Tok("word", "%", i))
            i += 1
        elif ch == "*" and i + 1 < n and s[i + 1] == "*":
            out.append(_Tok("op", "^", i))
            i += 2
        elif ch in _OPS:
            out.append(_Tok("op", _OPS[ch], i))
            i += 1
        elif ch.isdigit() or ch.isdecimal():
            raise QuantityError(f"Only the digits 0-9 are read as numbers; {quote_value(ch)} in {quote_value(s)} is not one "
                                f"(retype the number with 0-9).")
        else:
            raise QuantityError(f"Unexpected character {quote_value(ch)} in {quote_value(s)}; a value is a number, a unit, "
                                f"+ - * / ^ and parentheses.")
    out.append(_Tok("end", "", n))
    return out


# ---- parser -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Q:
    mag: float  # in base units
    dims: tuple
    has_unit: bool


def _finite(x: float, whole: str) -> float:
    if not math.isfinite(x):
        raise QuantityError(f"{quote_value(whole)} is too large to be a number Napkin can hold (the limit is about 1e308).",
                            "not finite")
    return x


@functools.lru_cache(maxsize=1)
def _unit_words() -> dict[str, str]:
    """Known unit words by lower case, for did-you-mean hints."""
    words = set(pint_registry()._units)
    for sym in ("B", "bit", "FLOP", "FLOP/s", "OP", "W", "Wh", "J", "s", "Hz", "m", "g", "USD", "B/s", "bit/s"):
        for p in ("", "k", "K", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "m", "u", "n", "p"):
            words.add(p + sym)
    return {w.lower(): w for w in sorted(words)}


def _suggest(word: str) -> str:
    known = _unit_words()
    hit = known.get(word.lower())
    if hit is None:
        close = difflib.get_close_matches(word, list(known.values()), n=1, cutoff=0.75)
        hit = close[0] if close else None
    return f"; did you mean '{hit}'?" if hit else "; use units such as GB/s, TFLOP/s, ms, USD/h or a counting word like GPU."


def _unit_q(word: str, whole: str) -> _Q:
    if word.lower() in _NOT_FINITE:
        raise QuantityError(f"A value must be a finite number, not {quote_value(whole)}.", "not finite")
    try:
        u = parse_unit(word)
    except UnitParseError:
        raise QuantityError(f"Unknown unit '{word}' in {quote_value(whole)}{_suggest(word)}", "unknown unit") from None
    return _Q(u.factor, u.dims, True)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def fail(self, what: str, rule: str = "not a number"):
        raise QuantityError(f"{what} in {quote_value(self.text)}.", rule)

    def parse(self) -> _Q:
        if self.peek().kind == "end":
            raise QuantityError("The value is empty; type a number, optionally with a unit.")
        q = self.expr()
        t = self.peek()
        if t.kind != "end":
            self.fail(f"Unexpected {quote_value(t.text)} at character {t.pos + 1}")
        return q

    def expr(self) -> _Q:
        q = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take().text
            r = self.term()
            if q.dims != r.dims or (q.has_unit != r.has_unit and q.dims):
                a = format_dims(q.dims, symbols=True) if q.has_unit else "a plain number"
                b = format_dims(r.dims, symbols=True) if r.has_unit else "a plain number"
                self.fail(f"Cannot {'add' if op == '+' else 'subtract'} {b} {'to' if op == '+' else 'from'} {a}",
                          "wrong dimension")
            mag = _finite(q.mag + r.mag if op == "+" else q.mag - r.mag, self.text)
            q = _Q(mag, q.dims, q.has_unit or r.has_unit)
        return q

    def term(self) -> _Q:
        q = self.unary()
        while True:
            t = self.peek()
            if t.kind == "op" and t.text in "*/":
                self.take()
                r = self.unary()
                div = t.text == "/"
            elif t.kind == "word":  # "80 GB", "(2+3) GB", "kW h": a unit right after means "times"
                r = self.unary()
                div = False
            elif t.kind == "num":
                self.fail(f"Two numbers in a row ('{t.text}' at character {t.pos + 1}); put an operator between them")
            elif t.kind == "op" and t.text == "(":
                self.fail(f"Put * before the parenthesis at character {t.pos + 1}")
            else:
                return q
            if div:
                if r.mag == 0:
                    self.fail("Division by zero", "division by zero")
                mag = q.mag / r.mag
            else:
                mag = q.mag * r.mag
            q = _Q(_finite(mag, self.text), mul_dims(q.dims, r.dims, -1.0 if div else 1.0), q.has_unit or r.has_unit)

    def unary(self) -> _Q:
        t = self.peek()
        if t.kind == "op" and t.text in "+-":
            self.take()
            self.enter()
            q = self.unary()
            self.depth -= 1
            return _Q(-q.mag if t.text == "-" else q.mag, q.dims, q.has_unit)
        return self.power()

    def power(self) -> _Q:
        base = self.atom()
        if self.peek().kind == "op" and self.peek().text == "^":
            t = self.take()
            self.enter()
            exp = self.unary()
            self.depth -= 1
            if exp.has_unit or exp.dims:
                self.fail(f"The exponent at character {t.pos + 1} must be a plain number")
            e = exp.mag
            if base.dims and abs(e) > MAX_UNIT_POWER:
                self.fail(f"A unit raised to the power {number_text(e)} (at most ±{MAX_UNIT_POWER})", "not finite")
            try:
                mag = math.pow(base.mag, e)
            except OverflowError:
                mag = math.inf
            except ValueError:
                self.fail("A negative number raised to a fractional power", "not a number")
            if base.mag == 0 and e < 0:
                self.fail("Division by zero (0 to a negative power)", "division by zero")
            return _Q(_finite(mag, self.text), pow_dims(base.dims, e), base.has_unit)
        return base

    def atom(self) -> _Q:
        t = self.take()
        if t.kind == "num":
            return _Q(_finite(float(t.text.replace(",", "")), self.text), (), False)
        if t.kind == "word":
            return _unit_q(t.text, self.text)
        if t.kind == "op" and t.text == "(":
            self.enter()
            q = self.expr()
            self.depth -= 1
            close = self.take()
            if close.kind != "op" or close.text != ")":
                self.fail(f"Missing ')' for the '(' at character {t.pos + 1}")
            return q
        if t.kind == "end":
            self.fail("The value ends where a number or unit was expected")
        self.fail(f"Unexpected {quote_value(t.text)} at character {t.pos + 1}")
        raise AssertionError  # unreachable

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail(f"More than {MAX_DEPTH} nested parentheses or signs")


# ---- public API -------------------------------------------------------------------------------


def _as_unit(unit: Unit | str) -> Unit:
    return unit if isinstance(unit, Unit) else parse_unit(unit)


def unit_text(unit: Unit | str) -> str:
    """Return the unit as Napkin writes it after a number: '' for '1', '/month' for '1/month'."""
    t = _as_unit(unit).text
    if t == "1":
        return ""
    if t.startswith("1/"):
        return t[1:]
    return t


def _plain_number(text: str) -> float | None:
    """Return the value of text that is exactly one signed number, else None."""
    s = text.strip()
    sign = 1.0
    if s[:1] in ("+", "-", "\u2212"):
        sign = -1.0 if s[0] != "+" else 1.0
        s = s[1:]
    if not s or not (s[0] in _DIGITS or (s[0] == "." and len(s) > 1 and s[1] in _DIGITS)):
        return None
    if _scan_number(s, 0, text) != len(s):
        return None
    return sign * float(s.replace(",", ""))


def is_plain_number(text: str) -> bool:
    """Return True if text is exactly one number (no unit, no operator); linear time, length-capped."""
    if not isinstance(text, str) or len(text) > MAX_TEXT or not text.strip():
        return False
    try:
        return _plain_number(text) is not None
    except QuantityError:
        return False


def parse_quantity(text: str, unit: Unit | str) -> float:
    """Read value text for a quantity shown in `unit`; return it in base units or raise QuantityError.

    A plain number (or arithmetic without unit words) is in `unit`; with unit words, the result
    must have `unit`'s dimension. Length and nesting are checked before parsing.
    """
    u = _as_unit(unit)
    if not isinstance(text, str):
        raise QuantityError(f"A value must be text or a number, not {type(text).__name__}.")
    if len(text) > MAX_TEXT:
        raise QuantityError(f"The value is {len(text):,} characters long; at most {MAX_TEXT} are read "
                            f"(it starts {quote_value(text)}).", "too long")
    s = text.strip()
    if s.startswith("="):
        s = s[1:].strip()
    # the canonical form Napkin writes, and the old scenario form: one number, then this unit's text
    num_part, _, rest = s.partition(" ")
    rest = rest.strip()
    if (rest in (u.text, unit_text(u)) and u.text != "1") or not rest:
        x = _plain_number(num_part)
        if x is not None:
            if not math.isfinite(x):
                raise QuantityError(f"{quote_value(text)} is too large to be a number Napkin can hold (the limit is about 1e308).",
                                    "not finite")
            return _finite(x * u.factor, text)
    if not s:
        raise QuantityError("The value is empty; type a number, optionally with a unit.")
    low = s.lower().lstrip("+-\u2212 ")
    if low in _NOT_FINITE:
        raise QuantityError(f"must be a finite number, not {quote_value(text)}.", "not finite word")
    if not any(ch in _DIGITS for ch in s):
        other = next((ch for ch in s if ch.isdigit() or ch.isdecimal()), None)
        if other is not None:
            raise QuantityError(f"Only the digits 0-9 are read as numbers; {quote_value(other)} in {quote_value(text)} is not one "
                                f"(retype the number with 0-9).")
        raise QuantityError(f"needs a number, optionally with a unit; got {quote_value(text)}.", "no number")
    q = _Parser(s).parse()
    if not q.has_unit:
        return _finite(q.mag * u.factor, text)
    if q.dims != u.dims:
        got = format_dims(q.dims, symbols=True)
        raise QuantityError(f"{quote_value(text)} is in {got} ({format_dims(q.dims)}), but this value is in {u.text} "
                            f"({u.dimension}).", "wrong dimension", q.dims)
    return q.mag


def _display_number(value_si: float, factor: float) -> float:
    """The display-unit float v closest to value_si/factor with v * factor == value_si, if any."""
    v = value_si / factor
    if v * factor == value_si:
        return v
    up = down = v
    for _ in range(4):
        up, down = math.nextafter(up, math.inf), math.nextafter(down, -math.inf)
        if up * factor == value_si:
            return up
        if down * factor == value_si:
            return down
    return v


def format_quantity_text(value_si: float, unit: Unit | str) -> str:
    """Write a value (base units) as 'number unit' text that parse_quantity reads back exactly.

    Exact for every value set through the display unit, and for any value of a unit with a
    dimension (written in base units when no display number reproduces it). A dimensionless unit
    with a factor (`%`, `pp`, `ppm`) has values no display number reaches (0.7 is not x * 0.01 for
    any float x); those are written as the nearest display number (off by at most one ulp).
    """
    u = _as_unit(unit)
    if not math.isfinite(value_si):
        raise QuantityError(f"Cannot write the non-finite value {value_si!r} as text.", "not finite")
    v = _display_number(value_si, u.factor)
    if v * u.factor != value_si and u.dims:  # no display number reproduces it: write base units
        base = format_dims(u.dims, symbols=True)
        return f"{number_text(value_si)} {base[1:] if base.startswith('1/') else base}"
    word = unit_text(u)
    return number_text(v) if not word else f"{number_text(v)} {word}"


def format_number_text(value_si: float, unit: Unit | str) -> str:
    """Write a value as a plain number in `unit` when that reads back exactly, else 'number unit'."""
    u = _as_unit(unit)
    v = _display_number(value_si, u.factor)
    if v * u.factor == value_si or not u.dims:
        return number_text(v)
    return format_quantity_text(value_si, u)


__all__ = [
    "MAX_TEXT",
    "QuantityError",
    "format_number_text",
    "format_quantity_text",
    "is_plain_number",
    "number_text",
    "parse_quantity",
    "quote_value",
    "unit_text",
]
