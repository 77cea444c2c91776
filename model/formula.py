"""Formula text -> a checked Python AST; from it SymPy (lazily) and plain Python code.

A formula is written the way the briefs write method lines: `weight_bytes / mem_bw`,
`Max(t_compute, t_memory)`, `if_(headroom >= 0, 1, 0)`. Bare names are cells of the same
sheet; `sheet.cell` names another sheet's cell. The text is parsed with Python's `ast` and
checked against a whitelist; nothing is ever evaluated. Names are rewritten to qualified
`sheet.cell` form once, so every later pass reads full names.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import sympy as sp

from model.errors import FormulaError

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")

#: Functions a formula may call: name -> (SymPy builder, Python source template, arity)
FUNCTIONS: dict[str, tuple] = {
    "Max": (sp.Max, "max({})", None),
    "Min": (sp.Min, "min({})", None),
    "ceiling": (sp.ceiling, "math.ceil({})", 1),
    "floor": (sp.floor, "math.floor({})", 1),
    "log": (sp.log, "math.log({})", (1, 2)),
    "ln": (sp.log, "math.log({})", 1),
    "log10": (lambda x: sp.log(x, 10), "math.log10({})", 1),
    "log2": (lambda x: sp.log(x, 2), "math.log2({})", 1),
    "exp": (sp.exp, "math.exp({})", 1),
    "sqrt": (sp.sqrt, "math.sqrt({})", 1),
    "Abs": (sp.Abs, "abs({})", 1),
}
_SPECIAL = {"if_", "True", "False"}
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_COMPARE = {ast.Lt: sp.StrictLessThan, ast.LtE: sp.LessThan, ast.Gt: sp.StrictGreaterThan, ast.GtE: sp.GreaterThan}


@dataclass(frozen=True)
class ParsedFormula:
    """A checked formula: its AST (names qualified), the names it reads, its canonical text."""

    tree: ast.expr
    names: tuple[str, ...]
    text: str


class _Qualify(ast.NodeTransformer):
    """Check every node against the whitelist and rewrite names to `sheet.cell` strings."""

    def __init__(self, sheet: str, cell: str):
        self.sheet, self.cell = sheet, cell
        self.names: list[str] = []

    def fail(self, what: str):
        raise FormulaError(
            f"Cell '{self.cell}' has a formula with {what}; formulas may use numbers, cell names, "
            f"+ - * / **, comparisons, and the functions {', '.join(sorted(FUNCTIONS))}, if_.",
            (self.cell,),
        )

    def _ref(self, full: str, node):
        if not all(_IDENT.match(p) for p in full.split(".")):
            self.fail(f"the name {full!r} (cell names are lower snake_case)")
        self.names.append(full)
        return ast.copy_location(ast.Name(id=full, ctx=ast.Load()), node)

    def generic_visit(self, node):
        allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Load,
                   ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, *_BINOPS, *_COMPARE)
        if not isinstance(node, allowed):
            self.fail(f"an unsupported construct ({type(node).__name__})")
        if isinstance(node, ast.BinOp) and type(node.op) not in _BINOPS:
            self.fail(f"the operator {type(node.op).__name__}")
        if isinstance(node, ast.Compare) and not all(type(o) in _COMPARE for o in node.ops):
            self.fail("== or != (compare with <, <=, >, >= instead)")
        return super().generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            self.fail(f"the literal {node.value!r}")
        return node

    def visit_Name(self, node):
        if node.id in FUNCTIONS or node.id == "if_":
            self.fail(f"the function '{node.id}' used without arguments")
        if node.id in ("True", "False"):
            return node
        return self._ref(f"{self.sheet}.{node.id}", node)

    def visit_Attribute(self, node):
        if not isinstance(node.value, ast.Name):
            self.fail("a dotted name deeper than sheet.cell")
        return self._ref(f"{node.value.id}.{node.attr}", node)

    def visit_Call(self, node):
        if not isinstance(node.func, ast.Name):
            self.fail("a call of something that is not a function name")
        if node.keywords:
            self.fail("keyword arguments")
        name = node.func.id
        if name == "if_":
            if len(node.args) != 3:
                self.fail("if_ needing exactly three arguments (condition, then, else)")
        elif name in FUNCTIONS:
            arity = FUNCTIONS[name][2]
            n = len(node.args)
            if (arity is None and n < 2) or (isinstance(arity, int) and n != arity) or (isinstance(arity, tuple) and n not in arity):
                self.fail(f"a wrong number of arguments to {name}")
        else:
            self.fail(f"the unknown function '{name}'")
        node.args = [self.visit(a) for a in node.args]
        return node


def parse_formula(text: str, *, sheet: str, cell: str) -> ParsedFormula:
    """Parse and check formula text of `cell` on `sheet`; raise FormulaError on anything else."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(f"Cell '{cell}' needs a formula, got {text!r}.", (cell,))
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"Cell '{cell}' has a formula that does not parse: {text!r} ({exc.msg}).", (cell,)) from None
    q = _Qualify(sheet, cell)
    body = q.visit(tree).body
    return ParsedFormula(body, tuple(dict.fromkeys(q.names)), ast.unparse(body))


def to_sympy(tree: ast.expr, symbol_for) -> sp.Basic:
    """Build the SymPy expression of a checked formula AST; `symbol_for(name)` gives symbols."""

    def b(n):
        if isinstance(n, ast.Constant):
            v = n.value
            if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
                return sp.Integer(int(v))
            return sp.Integer(v) if isinstance(v, int) else sp.Float(v)
        if isinstance(n, ast.Name):
            if n.id in ("True", "False"):
                return sp.true if n.id == "True" else sp.false
            return symbol_for(n.id)
        if isinstance(n, ast.BinOp):
            lhs, rhs = b(n.left), b(n.right)
            op = type(n.op)
            return {ast.Add: lambda: lhs + rhs, ast.Sub: lambda: lhs - rhs, ast.Mult: lambda: lhs * rhs,
                    ast.Div: lambda: lhs / rhs, ast.Pow: lambda: lhs**rhs}[op]()
        if isinstance(n, ast.UnaryOp):
            x = b(n.operand)
            return -x if isinstance(n.op, ast.USub) else (sp.Not(x) if isinstance(n.op, ast.Not) else x)
        if isinstance(n, ast.BoolOp):
            args = [b(v) for v in n.values]
            return sp.And(*args) if isinstance(n.op, ast.And) else sp.Or(*args)
        if isinstance(n, ast.Compare):
            parts, left = [], b(n.left)
            for op, rn in zip(n.ops, n.comparators, strict=True):
                right = b(rn)
                parts.append(_COMPARE[type(op)](left, right, evaluate=False))
                left = right
            return parts[0] if len(parts) == 1 else sp.And(*parts, evaluate=False)
        if isinstance(n, ast.Call):
            args = [b(a) for a in n.args]
            if n.func.id == "if_":
                return sp.Piecewise((args[1], args[0]), (args[2], True))
            return FUNCTIONS[n.func.id][0](*args)
        raise TypeError(type(n).__name__)

    return b(tree)


def to_python(tree: ast.expr, index: dict[str, int]) -> str:
    """Return Python source computing a checked formula AST over a value list `v`."""

    def p(n) -> str:
        if isinstance(n, ast.Constant):
            return repr(float(n.value))
        if isinstance(n, ast.Name):
            return n.id if n.id in ("True", "False") else f"v[{index[n.id]}]"
        if isinstance(n, ast.BinOp):
            return f"({p(n.left)} {_BINOPS[type(n.op)]} {p(n.right)})"
        if isinstance(n, ast.UnaryOp):
            op = {ast.USub: "-", ast.UAdd: "+", ast.Not: "not "}[type(n.op)]
            return f"({op}{p(n.operand)})"
        if isinstance(n, ast.BoolOp):
            word = " and " if isinstance(n.op, ast.And) else " or "
            return "(" + word.join(p(v) for v in n.values) + ")"
        if isinstance(n, ast.Compare):
            ops = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
            out = p(n.left)
            for op, rn in zip(n.ops, n.comparators, strict=True):
                out += f" {ops[type(op)]} {p(rn)}"
            return f"({out})"
        if isinstance(n, ast.Call):
            args = [p(a) for a in n.args]
            if n.func.id == "if_":
                return f"({args[1]} if {args[0]} else {args[2]})"
            return FUNCTIONS[n.func.id][1].format(", ".join(args))
        raise TypeError(type(n).__name__)

    return p(tree)
