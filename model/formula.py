"""Formula text -> SymPy, through Python's `ast` with a whitelist: nothing is ever evaluated.

A formula is written the way the briefs write method lines: `weight_bytes / mem_bw`,
`Max(t_compute, t_memory)`, `if_(headroom >= 0, 1, 0)`. Bare names are cells of the same
sheet; `sheet.cell` names another sheet's cell.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import sympy as sp

from model.errors import FormulaError

#: Functions a formula may call, by the name written in the formula.
FUNCTIONS = {
    "Max": sp.Max,
    "Min": sp.Min,
    "ceiling": sp.ceiling,
    "floor": sp.floor,
    "log": sp.log,
    "ln": sp.log,
    "exp": sp.exp,
    "sqrt": sp.sqrt,
    "Abs": sp.Abs,
}


def log10(x):
    return sp.log(x, 10)


def log2(x):
    return sp.log(x, 2)


FUNCTIONS["log10"] = log10
FUNCTIONS["log2"] = log2

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")

_BINOPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}
_COMPARE = {
    ast.Lt: sp.StrictLessThan,
    ast.LtE: sp.LessThan,
    ast.Gt: sp.StrictGreaterThan,
    ast.GtE: sp.GreaterThan,
}


@dataclass(frozen=True)
class ParsedFormula:
    """A parsed formula: the SymPy expression, the names it reads and its canonical text."""

    expr: sp.Basic
    names: tuple[str, ...]
    text: str


def _number(value) -> sp.Basic:
    if isinstance(value, bool):
        return sp.true if value else sp.false
    if isinstance(value, int):
        return sp.Integer(value)
    if isinstance(value, float):
        as_int = int(value)
        return sp.Integer(as_int) if value == as_int and abs(value) < 1e15 else sp.Float(value)
    raise TypeError(value)


class _Builder(ast.NodeTransformer):
    def __init__(self, sheet: str, cell: str, symbol_for):
        self.sheet = sheet
        self.cell = cell
        self.symbol_for = symbol_for
        self.names: list[str] = []

    def fail(self, node, what: str):
        raise FormulaError(
            f"Cell '{self.cell}' has a formula with {what}; formulas may use numbers, cell names, "
            f"+ - * / **, comparisons, and the functions {', '.join(sorted(FUNCTIONS))}, if_.",
            (self.cell,),
        )

    def build(self, node):
        method = getattr(self, f"b_{type(node).__name__}", None)
        if method is None:
            self.fail(node, f"an unsupported construct ({type(node).__name__})")
        return method(node)

    def b_Expression(self, node):
        return self.build(node.body)

    def b_Constant(self, node):
        if isinstance(node.value, (int, float)) and not isinstance(node.value, complex):
            return _number(node.value)
        self.fail(node, f"the literal {node.value!r}")

    def _name(self, full: str, node=None):
        if not all(_IDENT.match(part) for part in full.split(".")):
            self.fail(node, f"the name {full!r} (cell names are lower snake_case)")
        self.names.append(full)
        return self.symbol_for(full)

    def b_Name(self, node):
        if node.id in FUNCTIONS or node.id == "if_":
            self.fail(node, f"the function '{node.id}' used without arguments")
        if node.id in ("True", "False"):
            return _number(node.id == "True")
        return self._name(f"{self.sheet}.{node.id}", node)

    def b_Attribute(self, node):
        if not isinstance(node.value, ast.Name):
            self.fail(node, "a dotted name deeper than sheet.cell")
        return self._name(f"{node.value.id}.{node.attr}", node)

    def b_BinOp(self, node):
        op = _BINOPS.get(type(node.op))
        if op is None:
            self.fail(node, f"the operator {type(node.op).__name__}")
        return op(self.build(node.left), self.build(node.right))

    def b_UnaryOp(self, node):
        operand = self.build(node.operand)
        if isinstance(node.op, ast.USub):
            return -operand
        if isinstance(node.op, ast.UAdd):
            return operand
        if isinstance(node.op, ast.Not):
            return sp.Not(operand)
        self.fail(node, f"the operator {type(node.op).__name__}")

    def b_BoolOp(self, node):
        args = [self.build(v) for v in node.values]
        return sp.And(*args) if isinstance(node.op, ast.And) else sp.Or(*args)

    def b_Compare(self, node):
        parts = []
        left = self.build(node.left)
        for op, right_node in zip(node.ops, node.comparators):
            cls = _COMPARE.get(type(op))
            if cls is None:
                self.fail(node, "== or != (compare with <, <=, >, >= instead)")
            right = self.build(right_node)
            parts.append(cls(left, right, evaluate=False))
            left = right
        return parts[0] if len(parts) == 1 else sp.And(*parts, evaluate=False)

    def b_Call(self, node):
        if not isinstance(node.func, ast.Name):
            self.fail(node, "a call of something that is not a function name")
        if node.keywords:
            self.fail(node, "keyword arguments")
        name = node.func.id
        args = [self.build(a) for a in node.args]
        if name == "if_":
            if len(args) != 3:
                self.fail(node, "if_ needing exactly three arguments (condition, then, else)")
            return sp.Piecewise((args[1], args[0]), (args[2], True))
        func = FUNCTIONS.get(name)
        if func is None:
            self.fail(node, f"the unknown function '{name}'")
        try:
            return func(*args)
        except TypeError:
            self.fail(node, f"a wrong number of arguments to {name}")


class _Qualify(ast.NodeTransformer):
    """Rewrite bare names to `sheet.name` for the canonical formula text."""

    def __init__(self, sheet: str):
        self.sheet = sheet

    def visit_Attribute(self, node):
        return node

    def visit_Call(self, node):
        node.args = [self.visit(a) for a in node.args]
        return node

    def visit_Name(self, node):
        if node.id in FUNCTIONS or node.id in ("if_", "True", "False"):
            return node
        return ast.copy_location(
            ast.Attribute(value=ast.Name(id=self.sheet, ctx=ast.Load()), attr=node.id, ctx=ast.Load()),
            node,
        )


def parse_formula(text: str, *, sheet: str, cell: str, symbol_for) -> ParsedFormula:
    """Parse formula text of cell `cell` on `sheet`; raise FormulaError on anything unsupported."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(f"Cell '{cell}' needs a formula, got {text!r}.", (cell,))
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(
            f"Cell '{cell}' has a formula that does not parse: {text!r} ({exc.msg}).", (cell,)
        ) from None
    builder = _Builder(sheet, cell, symbol_for)
    expr = builder.build(tree)
    canon = ast.unparse(_Qualify(sheet).visit(tree))
    return ParsedFormula(expr, tuple(dict.fromkeys(builder.names)), canon)
