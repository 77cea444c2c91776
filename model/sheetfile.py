"""Read a user's sheet file (TOML data or a Python DSL module) into a `SheetDef` with line numbers.

The TOML form is data: `tomllib` reads it, a light second pass over the lines finds where each
`[sheet]` / `[cells.NAME]` table starts (for `file:line` in errors); formulas stay text for the
whitelisted parser. The Python form executes the user's own module, like any import, and `ast`
of the file gives the line of each cell's assignment.
"""

from __future__ import annotations

import ast
import difflib
import importlib.util
import math
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from model.cells import ADDRESS_LIKE, NAME_RE, Calc, Decl, Input, SheetDef, Verdict, sheet_from_module
from model.errors import DefinitionError

USER_KIND = "user"
SHEET_KEYS = ("id", "title", "question", "chapter", "section")
INPUT_KEYS = ("input", "link", "unit", "lo", "hi", "integer", "doc", "source", "note")
CALC_KEYS = ("calc", "unit", "doc", "source")
VERDICT_KEYS = ("verdict", "otherwise", "doc", "source")
_HEADER = re.compile(r"""^\s*\[\s*cells\s*\.\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*\]""")
_INLINE = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")
_DOTTED = re.compile(r"""^\s*cells\s*\.\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[.=]""")
_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_DSL_NAMES = {"Input", "Calc", "Verdict"}
#: key (None: the table itself) -> the line to report a mistake at
At = Callable[[str | None], int]


class FileFormatError(DefinitionError):
    """A sheet file that is not a valid sheet (TOML syntax, unknown key, wrong type)."""

    rule = "file format"


@dataclass
class SheetFile:
    """One sheet file read: its definition (None if unreadable), cell lines and format errors."""

    path: Path
    sheet: SheetDef | None
    sheet_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)  # short cell name -> line
    key_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (short name, key) -> line (TOML)
    errors: list[tuple[int, DefinitionError]] = field(default_factory=list)  # (line, error)

    def line_of(self, short: str, rule: str = "") -> int | None:
        """The line of a cell (of the key a `rule` concerns, where known)."""
        for key in RULE_KEYS.get(rule, ()):
            if (short, key) in self.key_lines:
                return self.key_lines[(short, key)]
        return self.lines.get(short)

    def where(self, line: int | None = None) -> str:
        """'path:line' of a line of this file (the sheet's header line by default)."""
        return f"{self.path}:{line or self.sheet_line}"


def is_valid_sheet_id(name: str) -> bool:
    """True for a lower snake_case id that Excel cannot read as a cell address (not 'a100')."""
    return bool(NAME_RE.match(name)) and not ADDRESS_LIKE.match(name)


def is_sheet_python(path: Path) -> bool:
    """True if a .py file imports Input/Calc/Verdict from `napkin` or `model` (a sheet module)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return False
    if not any(word in text for word in _DSL_NAMES):
        return False  # cheap: most Python files in a folder are not sheets
    try:
        tree = ast.parse(text, str(path))
    except SyntaxError:
        return True  # a sheet being written: report its syntax error
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in ("napkin", "model") and \
                _DSL_NAMES & {a.name for a in node.names}:
            return True
    return False


def is_sheet_toml(data: dict) -> bool:
    """True if parsed TOML has a [sheet] or [cells] table (other TOML files are not sheets)."""
    return "sheet" in data or "cells" in data


# ---- TOML ------------------------------------------------------------------------------------


_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")
#: Which key's line a build error of each rule points at (first present), else the table's line.
RULE_KEYS = {"unknown name": ("calc", "verdict", "link"), "bad formula": ("calc", "verdict"),
             "unit mismatch": ("calc", "link", "unit"), "cycle": ("calc", "verdict", "link"),
             "bad bounds": ("lo", "hi", "input"), "unit": ("unit",)}


def _locate(text: str) -> tuple[int, dict[str, int], dict[tuple[str, str], int]]:
    """Second pass over the lines: the [sheet] line, each cell table's first line, each key's line."""
    sheet_line, lines, keys, table, cell = 1, {}, {}, "", None
    for no, raw in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(raw)
        if m:
            cell = next(g for g in m.groups() if g)
            lines.setdefault(cell, no)
            table = "cells.*"
            continue
        t = _TABLE.match(raw)
        if t and not raw.lstrip().startswith("[["):
            table, cell = t.group(1).replace(" ", ""), None
            if table == "sheet":
                sheet_line = no
            continue
        m = _INLINE.match(raw) if table == "cells" else _DOTTED.match(raw) if table == "" else None
        if m:
            lines.setdefault(next(g for g in m.groups() if g), no)
            continue
        k = _KEY.match(raw) if cell is not None else None
        if k:
            keys.setdefault((cell, next(g for g in k.groups() if g)), no)
    return sheet_line, lines, keys


def _check_keys(kind: str, table: dict, allowed: tuple[str, ...], full: str, at: At, errs: list) -> bool:
    ok = True
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}."
            errs.append((at(key), FileFormatError(f"Cell '{full}' ({kind}) has unknown key '{key}'; {hint}", (full,))))
            ok = False
    return ok


def _typed(table: dict, key: str, types: tuple[type, ...], full: str, at: At, errs: list, default=None):
    if key not in table:
        return default
    v = table[key]
    if isinstance(v, bool) and bool not in types or not isinstance(v, types):
        want = " or ".join("number" if t in (int, float) else {str: "text", bool: "true/false", dict: "table"}[t]
                           for t in dict.fromkeys(float if t is int else t for t in types))
        errs.append((at(key), FileFormatError(f"Cell '{full}': '{key}' must be {want}, got {v!r}.", (full,))))
        return default
    return v


def _cell_from_table(sid: str, short: str, table: object, at: At, errs: list) -> Decl | None:
    full = f"{sid}.{short}"
    if not isinstance(table, dict):
        errs.append((at(None), FileFormatError(f"Cell '{full}' must be a table such as [cells.{short}], got {table!r}.", (full,))))
        return None
    kinds = [k for k in ("input", "link", "calc", "verdict") if k in table]
    if len(kinds) != 1 and kinds != ["input", "link"]:
        errs.append((at(None), FileFormatError(
            f"Cell '{full}' needs exactly one of 'input = number', 'link = \"sheet.cell\"', 'calc = \"formula\"' "
            f"or 'verdict = {{label = \"condition\"}}', got {kinds or 'none'}.", (full,))))
        return None
    num = (int, float)
    doc = _typed(table, "doc", (str,), full, at, errs, "")
    source = _typed(table, "source", (str,), full, at, errs, "")
    if kinds[0] in ("input", "link"):
        _check_keys("input", table, INPUT_KEYS, full, at, errs)
        lo = _typed(table, "lo", num, full, at, errs, 0.0)
        hi = _typed(table, "hi", num, full, at, errs, None)
        default = _typed(table, "input", num, full, at, errs, None) if "input" in table else None
        if "input" in table and default is None:
            default = math.nan
        return Input(
            default=default, unit=_typed(table, "unit", (str,), full, at, errs, "1"), doc=doc, source=source,
            lo=None if lo is not None and lo == -math.inf else lo, hi=None if hi is not None and hi == math.inf else hi,
            link=_typed(table, "link", (str,), full, at, errs, None),
            note=_typed(table, "note", (str,), full, at, errs, ""),
            integer=_typed(table, "integer", (bool,), full, at, errs, False))
    if kinds[0] == "calc":
        _check_keys("calc", table, CALC_KEYS, full, at, errs)
        formula = _typed(table, "calc", (str,), full, at, errs, "")
        return Calc(formula, _typed(table, "unit", (str,), full, at, errs, "1"), doc=doc, source=source)
    _check_keys("verdict", table, VERDICT_KEYS, full, at, errs)
    cases = _typed(table, "verdict", (dict,), full, at, errs, {}) or {}
    bad = {k: v for k, v in cases.items() if not isinstance(v, str)}
    if bad or not cases:
        errs.append((at(None), FileFormatError(
            f"Cell '{full}': 'verdict' must map each label to a condition text, e.g. "
            f"verdict = {{ \"memory-bound\" = \"t_mem > t_compute\" }}, got {cases!r}.", (full,))))
        return None
    otherwise = _typed(table, "otherwise", (str,), full, at, errs, None)
    if otherwise is None:
        errs.append((at(None), FileFormatError(f"Cell '{full}': a verdict needs 'otherwise = \"label\"'.", (full,))))
        return None
    return Verdict(dict(cases), otherwise, doc=doc, source=source)


def read_toml_sheet(path: Path) -> SheetFile:
    """Read a TOML sheet file; never raises for a mistake in the file (see `.errors`)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    sf = SheetFile(path, None)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        sf.errors.append((int(m.group(1)) if m else 1, FileFormatError(
            f"File '{path.name}' is not valid TOML: {exc}; fix the syntax (strings in quotes, one key per line).",
            (path.stem,))))
        return sf
    sf.sheet_line, sf.lines, sf.key_lines = _locate(text)
    meta = data.get("sheet", {})
    errs = sf.errors
    if not isinstance(meta, dict):
        errs.append((sf.sheet_line, FileFormatError("[sheet] must be a table with id, title, question.", (path.stem,))))
        meta = {}
    sid = meta.get("id", path.stem)
    if not isinstance(sid, str):
        errs.append((sf.sheet_line, FileFormatError(f"[sheet] id must be text, got {sid!r}.", (path.stem,))))
        sid = path.stem
    for key in meta:
        if key not in SHEET_KEYS:
            close = difflib.get_close_matches(key, SHEET_KEYS, n=1)
            errs.append((sf.sheet_line, FileFormatError(
                f"[sheet] of '{sid}' has unknown key '{key}'; "
                + (f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(SHEET_KEYS)}."), (sid,))))
    for key in sorted(set(data) - {"sheet", "cells"}):
        errs.append((1, FileFormatError(f"File '{path.name}' has unknown table '{key}'; a sheet file has "
                                        f"[sheet] and [cells.NAME] tables only.", (sid,))))
    cells = []
    raw_cells = data.get("cells", {})
    for short, table in (raw_cells.items() if isinstance(raw_cells, dict) else ()):
        head = sf.lines.get(short, sf.sheet_line)
        decl = _cell_from_table(sid, short, table,
                                lambda key, short=short, head=head: sf.key_lines.get((short, key), head), errs)
        if decl is not None:
            cells.append((short, decl))
    sf.sheet = SheetDef(
        id=sid, title=str(meta.get("title", sid)), kind=USER_KIND, chapter=str(meta.get("chapter", "")),
        section=str(meta.get("section", "")), question=str(meta.get("question", "")).strip(), cells=cells,
        origin=str(path))
    return sf


# ---- Python ----------------------------------------------------------------------------------


def _assign_lines(tree: ast.Module) -> dict[str, int]:
    lines: dict[str, int] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for t in targets:
            if isinstance(t, ast.Name):
                lines.setdefault(t.id, node.lineno)
    return lines


def read_python_sheet(path: Path) -> SheetFile:
    """Execute a Python sheet module (the user's own code) and collect its cells with their lines."""
    path = Path(path)
    sf = SheetFile(path, None)
    text = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text, str(path))
    except SyntaxError as exc:
        sf.errors.append((exc.lineno or 1, FileFormatError(
            f"File '{path.name}' is not valid Python: {exc.msg}; fix the syntax.", (path.stem,))))
        return sf
    sf.lines = _assign_lines(tree)
    mod_name = f"napkin_user_sheets.{path.stem}"
    spec = importlib.util.spec_from_file_location(mod_name, path)
    module = importlib.util.module_from_spec(spec)
    try:  # compiled from the text just read (no stale bytecode cache when a file is saved twice a second)
        exec(compile(tree, str(path), "exec"), module.__dict__)  # noqa: S102 - the user's own sheet module
    except Exception as exc:  # noqa: BLE001 - the user's module failed while running: report it, keep going
        tb = exc.__traceback__
        line = 1
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == str(path):
                line = tb.tb_lineno
            tb = tb.tb_next
        sf.errors.append((line, FileFormatError(
            f"File '{path.name}' raised {type(exc).__name__}: {exc}; fix the module so it runs.", (path.stem,))))
        return sf
    finally:
        sys.modules.pop(mod_name, None)
    sid = getattr(module, "SHEET_ID", path.stem)
    sd = sheet_from_module(module, sid)
    if not hasattr(module, "KIND"):
        sd.kind = USER_KIND
    sd.origin = str(path)
    sf.sheet = sd
    return sf


def read_sheet_file(path: Path) -> SheetFile | None:
    """Read a .toml or .py sheet file; None if the file is not a sheet (other TOML or Python)."""
    path = Path(path)
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError:
            return read_toml_sheet(path)
        return read_toml_sheet(path) if is_sheet_toml(data) else None
    if path.suffix == ".py":
        return read_python_sheet(path) if is_sheet_python(path) else None
    return None
