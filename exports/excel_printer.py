"""Print SymPy expressions as Excel formulas over workbook-scope defined names.

How it works: `ExcelPrinter` is a SymPy code printer with a whitelist. Each construct Napkin's
formulas can produce has its own `_print_<Class>` method on this class; anything else (an unknown
function, infinity, a complex number, a Piecewise without an "otherwise") raises
`ExcelPrintError` instead of printing something Excel would read differently.

Excel's grammar differs from Python's in ways that change values silently, so the printer
parenthesises for Excel, not for SymPy:

- unary minus binds tighter than `^` (`-2^2` is 4), so a negated power prints as `-(X^2)`;
- `^` is left-associative (`2^3^2` is 64), so a power's base and exponent are wrapped unless
  they are a name, a non-negative number or a function call;
- only pre-2007 functions are used (no `_xlfn.` prefix): `INT` for floor, `-INT(-x)` for
  ceiling (`CEILING(x,1)` fails on negative x in Excel), `LN`, `LOG10`, `LOG(x,b)`, `SQRT`;
- numbers print with Python's shortest round-trip repr (at most 17 significant digits).

`to_excel_formula(expr, names, factors=..., result_factor=...)` also folds unit conversions in:
expressions are in base units while each cell shows its display unit, so every symbol `s`
becomes `NAME_s * factor_s` and the result is divided by the cell's own factor. Factors are
turned into exact rationals first (`1e-3` into 1/1000, `1/3600` into 1/3600) so that they cancel
symbolically: `t_memory [ms] = bytes [MB] / bw [GB/s]` prints as `=P03_BYTES/P03_BW`.

`excel_name(cell_name)` turns `p03.t_memory_gpu` into the defined name `P03_T_MEMORY_GPU`;
`check_excel_names` refuses names Excel would read as cell addresses and case-insensitive
duplicates.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction

import sympy as sp
from sympy.printing.codeprinter import CodePrinter

from model import ModelError

__all__ = [
    "ExcelPrintError",
    "ExcelPrinter",
    "check_excel_names",
    "excel_name",
    "excel_number",
    "excel_string",
    "exact_factor",
    "to_excel_formula",
]


class ExcelPrintError(ModelError):
    """An expression or name that cannot be written to Excel faithfully."""


# Precedence of printed forms, in Excel's terms (higher binds tighter).
_ATOM = 100  # names, non-negative numbers, function calls, parenthesised text
_POW = 60
_MUL = 50
_NEG = 45  # text that starts with a unary minus: safe in a sum, not as a factor or base
_ADD = 40
_REL = 35

#: Cell-address shapes Excel would read instead of a name: A1 style (XFD1048576 at most,
#: checked loosely) and R1C1 style (R, C, R1, C1, R1C1, RC1, R1C ...).
_A1 = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
_R1C1 = re.compile(r"^[Rr]([0-9]*)([Cc][0-9]*)?$|^[Cc][0-9]*$")
_NAME_CHARS = re.compile(r"^[A-Za-z_\\][A-Za-z0-9_.]*$")


def excel_name(cell_name: str) -> str:
    """Return the workbook-scope defined name of a cell: 'p03.t_mem' -> 'P03_T_MEM'."""
    return cell_name.replace(".", "_").upper()


def check_excel_names(names: Iterable[str]) -> None:
    """Raise ExcelPrintError if a defined name is not Excel-safe or two differ only by case."""
    seen: dict[str, str] = {}
    problems = []
    for name in names:
        if not _NAME_CHARS.match(name) or len(name) > 255:
            problems.append(f"'{name}' has characters Excel does not allow in a defined name (or is too long)")
        elif _A1.match(name) or _R1C1.match(name):
            problems.append(f"'{name}' looks like a cell address to Excel")
        elif name.upper() in ("TRUE", "FALSE"):
            problems.append(f"'{name}' is a logical constant in Excel")
        key = name.upper()
        if key in seen:
            problems.append(f"'{name}' clashes with '{seen[key]}' (Excel ignores case)")
        seen.setdefault(key, name)
    if problems:
        raise ExcelPrintError(
            "Defined names not usable in Excel: " + "; ".join(problems)
            + ". Rename the cells with lower snake_case words (e.g. 'peak_fp16_tensor')."
        )


def excel_number(x: float | int) -> str:
    """Format a finite number as an Excel literal with round-trip precision ('1E+24', '0.45')."""
    if isinstance(x, int) and abs(x) < 10**15:
        return str(x)
    x = float(x)
    if not math.isfinite(x):
        raise ExcelPrintError(f"Excel has no literal for the number {x!r}.")
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x).replace("e+", "E+").replace("e-", "E-")


def excel_string(text: str) -> str:
    """Quote text as an Excel string literal, doubling its quote marks.

    Excel refuses a literal over 255 characters, so longer text is joined from pieces with '&'.
    """
    pieces = [text[k:k + 255] for k in range(0, len(text), 255)] or [""]
    return "&".join('"' + p.replace('"', '""') + '"' for p in pieces)


@functools.lru_cache(maxsize=4096)
def exact_factor(f: float) -> sp.Rational:
    """Return the simplest rational within float rounding of `f` (1e-3 -> 1/1000, 1/3600 -> 1/3600).

    Unit factors come from floating-point unit arithmetic (1e15/2592000 for PB/month), so a
    factor a few ulps from a simple fraction is that fraction: folding then cancels cleanly.
    """
    if not math.isfinite(f) or f == 0:
        raise ExcelPrintError(f"A unit factor must be finite and non-zero, not {f!r}.")
    inv = 1 / f
    candidates = [Fraction(repr(f))]
    candidates += [Fraction(f"{f:.{k}g}") for k in range(1, 17)]  # short decimals: 1e-3, 2.592e18
    candidates += [1 / Fraction(f"{inv:.{k}g}") for k in range(1, 17)]  # short inverses: 1/3600
    candidates += [Fraction(f).limit_denominator(d) for d in (10**3, 10**6, 10**9)]  # 5/18
    close = [c for c in candidates if c and abs(float(c) - f) <= 1e-14 * abs(f)]

    def cost(c: Fraction) -> tuple[int, float]:
        digits = len(str(abs(c.numerator)).rstrip("0")) + len(str(c.denominator).rstrip("0"))
        return digits, abs(float(c) - f)

    best = min(close, key=cost)
    return sp.Rational(best.numerator, best.denominator)


class ExcelPrinter(CodePrinter):
    """Print a SymPy expression as the text of an Excel formula (without the leading '=').

    `names` maps each Symbol to the text Excel should read for it: a defined name, a cell
    reference or a quoted string. Only constructs with a method on this class are printed.
    """

    printmethod = "_excel"
    language = "Excel"
    _default_settings = {**CodePrinter._default_settings, "strict": True}

    #: Functions that print as one Excel function of the same arguments.
    known_functions = {"Abs": "ABS", "exp": "EXP", "Max": "MAX", "Min": "MIN", "floor": "INT"}

    _relations = {">": ">", ">=": ">=", "<": "<", "<=": "<=", "==": "=", "!=": "<>"}

    def __init__(self, names: Mapping[sp.Symbol, str], settings: dict | None = None):
        super().__init__(settings or {})
        self._names = dict(names)

    # ---- dispatch: a whitelist ----------------------------------------------------------------
    def _print(self, expr, **kwargs) -> str:
        if isinstance(expr, str):
            return expr
        for cls in type(expr).__mro__:
            method = ExcelPrinter.__dict__.get(f"_print_{cls.__name__}")
            if method is not None:
                return method(self, expr)
        name = type(expr).__name__
        if name in self.known_functions:
            return self._call(self.known_functions[name], expr.args)
        raise ExcelPrintError(
            f"Cannot print {name} as an Excel formula faithfully (in {expr}); "
            f"use +, -, *, /, **, comparisons, Max, Min, ceiling, floor, log, exp, sqrt, Abs or if_."
        )

    def doprint(self, expr, assign_to=None) -> str:  # noqa: D102 - same contract as SymPy's
        if assign_to is not None:
            raise ExcelPrintError("Excel formulas have no assignment.")
        return self._print(sp.sympify(expr))

    def _prec(self, expr) -> int:
        if isinstance(expr, sp.Add):
            return _ADD
        if isinstance(expr, sp.core.relational.Relational):
            return _REL
        if isinstance(expr, sp.Mul):
            return _NEG if expr.could_extract_minus_sign() else _MUL
        if isinstance(expr, sp.Pow):
            if expr.exp == sp.S.Half:
                return _ATOM
            return _MUL if expr.exp.is_negative else _POW
        if isinstance(expr, sp.ceiling):
            return _NEG
        if isinstance(expr, sp.Number):
            if expr.is_negative:
                return _NEG
            if isinstance(expr, sp.Rational) and not isinstance(expr, sp.Integer):
                return _MUL
            return _ATOM
        if isinstance(expr, sp.log) and len(expr.args) == 1:
            return _ATOM
        return _ATOM

    def _wrap(self, expr, level: int) -> str:
        text = self._print(expr)
        return f"({text})" if self._prec(expr) < level else text

    def _call(self, fn: str, args) -> str:
        return f"{fn}({','.join(self._print(a) for a in args)})"

    # ---- atoms ----------------------------------------------------------------------------------
    def _print_Symbol(self, expr) -> str:
        try:
            return self._names[expr]
        except KeyError:
            raise ExcelPrintError(f"No defined name for '{expr}' in this workbook.") from None

    def _print_Integer(self, expr) -> str:
        return excel_number(int(expr))

    def _print_Rational(self, expr) -> str:
        if _small_fraction(expr):
            return f"{excel_number(int(expr.p))}/{excel_number(int(expr.q))}"
        return excel_number(float(expr))

    def _print_Float(self, expr) -> str:
        return excel_number(float(expr))

    def _print_Exp1(self, expr) -> str:
        return "EXP(1)"

    def _print_Pi(self, expr) -> str:
        return "PI()"

    def _print_BooleanTrue(self, expr) -> str:
        return "TRUE"

    def _print_BooleanFalse(self, expr) -> str:
        return "FALSE"

    # ---- arithmetic -----------------------------------------------------------------------------
    def _print_Add(self, expr) -> str:
        terms = expr.as_ordered_terms()
        out = []
        for k, term in enumerate(terms):
            if term.could_extract_minus_sign():
                body = self._wrap(-term, _ADD + 1)
                out.append(f"-{body}" if k else self._negate(-term))
            else:
                body = self._wrap(term, _ADD + 1)
                out.append(f"+{body}" if k else body)
        return "".join(out)

    def _negate(self, positive) -> str:
        """Print -positive as a leading unary minus, safe against Excel's '-' before '^'."""
        text = self._print(positive)
        if self._prec(positive) >= _ATOM or self._is_safe_after_minus(positive):
            return f"-{text}"
        return f"-({text})"

    def _is_safe_after_minus(self, expr) -> bool:
        # '-A*B' and '-A/B' read as (-A)*B and (-A)/B in Excel: the same value. A product whose
        # first printed factor is a power is not safe ('-A^2*B' is (-A)^2*B).
        if isinstance(expr, sp.Mul):
            num, _den = self._split(expr)
            return bool(num) and self._prec(num[0]) >= _ATOM
        return False

    def _split(self, expr):
        """Split a positive-coefficient product into numerator and denominator factors."""
        num, den = [], []
        coeff, rest = expr.as_coeff_Mul()
        if coeff != 1:
            if isinstance(coeff, sp.Rational) and not _small_fraction(coeff):
                num.append(sp.Float(float(coeff)))  # p/q too long for Excel's 15 digits: one number
            elif isinstance(coeff, sp.Rational) and not isinstance(coeff, sp.Integer):
                if coeff.p != 1:
                    num.append(sp.Integer(coeff.p))
                den.append(sp.Integer(coeff.q))
            else:
                num.append(coeff)
        for f in sp.Mul.make_args(rest):
            if isinstance(f, sp.Pow) and f.exp.is_Rational and f.exp.is_negative:
                den.append(f.base if f.exp == -1 else sp.Pow(f.base, -f.exp, evaluate=False))
            else:
                num.append(f)
        return num, den

    def _print_Mul(self, expr) -> str:
        if expr.could_extract_minus_sign():
            return self._negate(-expr)
        num, den = self._split(expr)
        num, den = self._fold_logs(num, den)
        top = "*".join(self._wrap(f, _MUL) for f in num) if num else "1"
        if not den:
            return top
        if len(den) == 1:
            return f"{top}/{self._wrap(den[0], _MUL + 1)}"
        return f"{top}/({'*'.join(self._wrap(f, _MUL) for f in den)})"

    def _fold_logs(self, num, den):
        """Turn log(x)/log(10) into LOG10(x) and log(x)/log(b) into LOG(x,b) (SymPy's log(x, b))."""
        for d in list(den):
            if isinstance(d, sp.log) and d.args[0].is_Integer and d.args[0] > 1:
                logs = [f for f in num if isinstance(f, sp.log)]
                if logs:
                    num = list(num)
                    num[num.index(logs[0])] = _LogBase(logs[0].args[0], d.args[0])
                    den = [x for x in den if x is not d]
        return num, den

    def _print__LogBase(self, expr) -> str:
        x, base = expr.args
        if base == 10:
            return f"LOG10({self._print(x)})"
        return f"LOG({self._print(x)},{self._print(base)})"

    def _print_Pow(self, expr) -> str:
        base, exp = expr.base, expr.exp
        if exp == sp.S.Half:
            return f"SQRT({self._print(base)})"
        if exp.is_Rational and exp.is_negative:
            inv = base if exp == -1 else sp.Pow(base, -exp, evaluate=False)
            return f"1/{self._wrap(inv, _MUL + 1)}"
        return f"{self._wrap(base, _ATOM)}^{self._wrap(exp, _ATOM)}"

    # ---- functions ------------------------------------------------------------------------------
    def _print_Max(self, expr) -> str:
        return self._call("MAX", expr.args)

    def _print_Min(self, expr) -> str:
        return self._call("MIN", expr.args)

    def _print_Abs(self, expr) -> str:
        return self._call("ABS", expr.args)

    def _print_exp(self, expr) -> str:
        return self._call("EXP", expr.args)

    def _print_floor(self, expr) -> str:
        return self._call("INT", expr.args)

    def _print_ceiling(self, expr) -> str:
        return f"-INT({self._print(-expr.args[0])})"

    def _print_log(self, expr) -> str:
        if len(expr.args) != 1:
            raise ExcelPrintError(f"Cannot print {expr}: log with a base should be log(x)/log(b).")
        return self._call("LN", expr.args)

    def _print_Piecewise(self, expr) -> str:
        pieces = list(expr.args)
        if pieces[-1].cond is not sp.true:
            raise ExcelPrintError(
                f"Cannot print {expr}: a Piecewise needs a final 'otherwise' branch (condition True); "
                f"Excel's IF would silently return FALSE."
            )
        text = self._print(pieces[-1].expr)
        for value, cond in reversed(pieces[:-1]):
            text = f"IF({self._print(cond)},{self._print(value)},{text})"
        return text

    # ---- logic ----------------------------------------------------------------------------------
    def _print_Relational(self, expr) -> str:
        op = self._relations.get(expr.rel_op)
        if op is None:
            raise ExcelPrintError(f"Cannot print the relation {expr} in Excel.")
        return f"{self._wrap(expr.lhs, _ADD)}{op}{self._wrap(expr.rhs, _ADD)}"

    def _print_And(self, expr) -> str:
        return self._call("AND", expr.args)

    def _print_Or(self, expr) -> str:
        return self._call("OR", expr.args)

    def _print_Not(self, expr) -> str:
        return self._call("NOT", expr.args)


def _small_fraction(r: sp.Rational) -> bool:
    """True if p and q print exactly within Excel's 15 significant digits."""
    return abs(r.p) < 10**15 and r.q < 10**15


class _LogBase(sp.Function):
    """log(x) / log(base), kept whole so it prints as LOG10(x) or LOG(x, base)."""

    nargs = 2


def to_excel_formula(
    expr: sp.Basic,
    names: Mapping[sp.Symbol, str],
    *,
    factors: Mapping[sp.Symbol, float] | None = None,
    result_factor: float = 1.0,
) -> str:
    """Return `expr` as an Excel formula ('=...') reading each symbol as `names[symbol]`.

    With `factors` (base units per display unit of each symbol's cell) and `result_factor`
    (the same for the cell being written), the formula works in display units: it reads
    display values and returns a display value, with the conversions folded into constants.
    Raises ExcelPrintError for anything Excel cannot compute the same way.
    """
    expr = sp.sympify(expr)
    printer_names = dict(names)
    if factors is not None or result_factor != 1.0:
        factors = factors or {}
        replace = {}
        for sym in expr.free_symbols:
            f = factors.get(sym, 1.0)
            if f != 1.0:
                stand_in = sp.Dummy(sym.name, **sym.assumptions0)
                printer_names[stand_in] = printer_names.get(sym, "")
                replace[sym] = stand_in * exact_factor(f)
        if replace:
            for sym in replace:
                if sym not in names:
                    raise ExcelPrintError(f"No defined name for '{sym}' in this workbook.")
            expr = sp.factor_terms(_pull_factors(expr, replace))
        if result_factor != 1.0:
            expr = _divide(expr, exact_factor(result_factor))
    return "=" + ExcelPrinter(printer_names).doprint(expr)


def _common_content(args) -> sp.Rational:
    """Return the largest positive rational c with every arg = c * (an arg with integer content)."""
    contents = [a.as_content_primitive()[0] for a in args if a != 0]
    if not contents or not all(isinstance(c, sp.Rational) and c > 0 for c in contents):
        return sp.Integer(1)
    common = contents[0]
    for c in contents[1:]:
        common = sp.gcd(common, c)
    return common


def _pull_factors(expr: sp.Basic, replace: Mapping[sp.Basic, sp.Basic]) -> sp.Basic:
    """Substitute `replace`, moving positive unit factors out of Max/Min and across comparisons.

    Max(a/1000, b/1000) becomes Max(a, b)/1000 and a/1000 < b/1000 becomes a < b, so that a
    folded conversion cancels instead of cluttering the formula. Both are exact identities
    for a positive factor. Comparisons are rebuilt unevaluated (SymPy's evaluation of a
    relation asks its assumption system, which is slow and never decides ours).
    """
    if expr in replace:
        return replace[expr]
    if expr.is_Atom:
        return expr
    args = [_pull_factors(a, replace) for a in expr.args]
    if isinstance(expr, sp.Piecewise):
        return sp.Piecewise(*[(a.args[0], a.args[1]) for a in args], evaluate=False)
    if isinstance(expr, (sp.Max, sp.Min)):
        c = _common_content(args)
        if c != 1:
            return c * type(expr)(*[a / c for a in args])
        return type(expr)(*args)
    if isinstance(expr, sp.core.relational.Relational):
        c = _common_content(args)
        if c != 1:
            args = [a / c for a in args]
        return type(expr)(*args, evaluate=False)
    return expr.func(*args)


def _divide(expr: sp.Basic, factor: sp.Rational) -> sp.Basic:
    """Divide a value by a factor; inside a Piecewise divide each branch, never a condition."""
    if isinstance(expr, sp.Piecewise):
        return sp.Piecewise(*[(_divide(v, factor), c) for v, c in expr.args], evaluate=False)
    return expr / factor
