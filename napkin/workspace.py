"""A workspace: a folder of the user's sheet files (*.toml, *.py) built together with the book's.

The folder is `--workspace DIR`, else `$NAPKIN_WORKSPACE`, else the current folder. An optional
`napkin.toml` there names extra folders: `[workspace] folders = ["more", "../shared"]`.
Definition mistakes are reported with `file:line`, the cell, the rule and a fix.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from model import (
    DefinitionError,
    DuplicateNameError,
    FileFormatError,
    Graph,
    ModelDefinitionErrors,
    ModelError,
    SheetDef,
    SheetFile,
    build_graph,
    read_sheet_file,
)

ENV = "NAPKIN_WORKSPACE"
CONFIG = "napkin.toml"
SKIP = {CONFIG, "pyproject.toml", "setup.py", "conftest.py"}


class NameClashError(DefinitionError):
    rule = "name clash"


@dataclass
class Problem:
    """One definition mistake located in a file: where ('file:line'), cell, rule and message."""

    where: str
    cell: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.cell}: [{self.rule}] {self.message}"


@dataclass
class Workspace:
    """The folders searched and the sheet files found in them."""

    root: Path
    folders: list[Path]
    files: list[SheetFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # napkin.toml mistakes

    @property
    def sheets(self) -> list[SheetDef]:
        return [f.sheet for f in self.files if f.sheet is not None]

    def paths(self) -> list[Path]:
        """Every candidate file (for watching): *.toml and *.py in the folders, and napkin.toml."""
        out = []
        for folder in self.folders:
            if folder.is_dir():
                out += sorted(p for p in folder.iterdir() if p.suffix in (".toml", ".py") and p.is_file())
        return out


def workspace_dir(option: str | os.PathLike | None = None) -> Path:
    """The workspace folder: the option, else $NAPKIN_WORKSPACE, else the current folder."""
    return Path(option or os.environ.get(ENV) or ".")


def find(root: str | os.PathLike | None = None) -> Workspace:
    """Find and read the workspace's sheet files (the user's Python sheet modules are executed)."""
    root = workspace_dir(root)
    if not root.is_dir():
        raise ModelError(f"Workspace folder '{root}' does not exist or is not a folder; pass a folder to "
                         f"--workspace (or {ENV}).")
    folders, problems = [root], []
    cfg = root / CONFIG
    if cfg.is_file():
        try:
            data = tomllib.loads(cfg.read_text(encoding="utf-8"))
            extra = data.get("workspace", {}).get("folders", [])
            if not isinstance(extra, list) or not all(isinstance(x, str) for x in extra):
                raise ValueError(f"'folders' must be a list of folder names, got {extra!r}")
            for name in extra:
                folder = (root / name)
                if not folder.is_dir():
                    problems.append(Problem(f"{cfg}:1", "workspace", "file format",
                                            f"Folder '{name}' named in {CONFIG} does not exist; fix the path."))
                elif folder.resolve() not in {f.resolve() for f in folders}:
                    folders.append(folder)
        except (tomllib.TOMLDecodeError, ValueError, AttributeError) as exc:
            problems.append(Problem(f"{cfg}:1", "workspace", "file format",
                                    f"{CONFIG} must hold [workspace] folders = [\"dir\", ...]: {exc}."))
    ws = Workspace(root, folders, problems=problems)
    for path in ws.paths():
        if path.name in SKIP or path.name.startswith(("_", ".")):
            continue
        sf = read_sheet_file(path)
        if sf is not None:
            ws.files.append(sf)
    return ws


@functools.lru_cache(maxsize=1)
def builtin_sheets() -> tuple[SheetDef, ...]:
    """The book's sheet definitions (imported once per process)."""
    from sheets import load_sheets

    return tuple(load_sheets())


def _clashes(ws: Workspace, builtin: dict[str, SheetDef]) -> tuple[list[SheetDef], list[Problem]]:
    """Drop user sheets whose id clashes with a built-in one or another file; flag cell names = sheet ids."""
    keep, problems, seen = [], [], {}
    sheet_ids = set(builtin) | {f.sheet.id for f in ws.files if f.sheet is not None}
    for f in ws.files:
        sd = f.sheet
        if sd is None:
            continue
        if sd.id in builtin:
            problems.append(Problem(f.where(), sd.id, NameClashError.rule,
                                    f"Sheet id '{sd.id}' clashes with the built-in sheet '{sd.id}' "
                                    f"({builtin[sd.id].title}); rename the file or set [sheet] id."))
            continue
        if sd.id in seen:
            problems.append(Problem(f.where(), sd.id, DuplicateNameError.rule,
                                    f"Sheet id '{sd.id}' is also declared in {seen[sd.id].where()}; "
                                    f"rename one of them."))
            continue
        seen[sd.id] = f
        for short, _decl in sd.cells:
            if short in sheet_ids:
                problems.append(Problem(f.where(f.lines.get(short)), f"{sd.id}.{short}", NameClashError.rule,
                                        f"Cell name '{short}' is also a sheet's id, so '{short}.x' in a formula "
                                        f"would be ambiguous; rename the cell (e.g. '{short}_value')."))
        keep.append(sd)
    return keep, problems


def _locate(ws: Workspace, err: DefinitionError) -> Problem:
    """Name the file:line of a build error from the first cell it names."""
    cell = err.cells[0] if err.cells else ""
    sid, _, short = cell.partition(".")
    for f in ws.files:
        if f.sheet is not None and f.sheet.id == sid:
            return Problem(f.where(f.line_of(short, err.rule)), cell, err.rule, err.message)
    return Problem("(built-in)", cell, err.rule, err.message)


def check(ws: Workspace) -> tuple[Graph | None, list[Problem]]:
    """Build the book plus the workspace; return (graph or None, every mistake located)."""
    problems = list(ws.problems)
    for f in ws.files:
        problems += [Problem(f.where(line), e.cells[0] if e.cells else "", e.rule, e.message) for line, e in f.errors]
    builtin = {sd.id: sd for sd in builtin_sheets()}
    user, clash = _clashes(ws, builtin)
    problems += clash
    graph = None
    try:
        graph = build_graph([*builtin.values(), *user])
    except ModelDefinitionErrors as exc:
        # an input named by a did-you-mean is "unused" only because of that typo: report the typo once
        meant = {m.group(1) for e in exc.errors if e.rule == "unknown name"
                 for m in [re.search(r"did you mean '([^']+)'", e.message)] if m}
        problems += [_locate(ws, e) for e in exc.errors if not (e.rule == "unused input" and e.cells[0] in meant)]
    problems.sort(key=lambda p: (p.where.rsplit(":", 1)[0], int(p.where.rsplit(":", 1)[-1])
                                 if p.where.rsplit(":", 1)[-1].isdigit() else 0, p.cell, p.rule))
    return (graph if not problems else None), problems


class WorkspaceErrors(ModelError):
    """The workspace has definition mistakes; the message lists them with file:line."""

    def __init__(self, root: Path, problems: list[Problem]):
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"The workspace '{root}' has {len(problems)} definition error(s): {first}{more}. "
                         f"Run `napkin check` to see them all.")


def workspace_graph(root: str | os.PathLike | None = None) -> Graph:
    """The graph of the book plus the workspace's sheets, from the disk cache when no file changed.

    With no sheet file in the workspace it is the book's own (cached) graph. The cache key covers
    the book's sheet files, the engine and every *.toml / *.py file of the workspace's folders.
    """
    from sheets import default_graph, sheet_files

    folder = workspace_dir(root)
    if not folder.is_dir():
        find(root)  # raises the one-line error
    paths = [p for p in watch_paths(root) if p.is_file()]
    if not any(p.name not in SKIP and not p.name.startswith(("_", ".")) for p in paths) and \
            not (folder / CONFIG).is_file():
        return default_graph()

    def build() -> Graph:
        ws = find(root)
        if not ws.files and not ws.problems:
            return default_graph()
        graph, problems = check(ws)
        if problems:
            raise WorkspaceErrors(ws.root, problems)
        return graph

    from model import cached_graph

    name = "ws-" + hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:12]
    return cached_graph([*sheet_files(), *paths], build, name=name)


def watch_paths(root: str | os.PathLike | None = None) -> list[Path]:
    """The files `napkin serve` watches: napkin.toml and every *.toml / *.py in the folders."""
    try:
        ws = find_folders(root)
    except ModelError:
        return []
    return [ws.root / CONFIG, *ws.paths()]


def find_folders(root: str | os.PathLike | None = None) -> Workspace:
    """The workspace's folders only (napkin.toml read; no sheet file read or executed)."""
    root = workspace_dir(root)
    folders = [root]
    try:
        extra = tomllib.loads((root / CONFIG).read_text(encoding="utf-8")).get("workspace", {}).get("folders", [])
        folders += [root / x for x in extra if isinstance(x, str) and (root / x).is_dir()]
    except (OSError, tomllib.TOMLDecodeError, AttributeError, TypeError):
        pass
    return Workspace(root, folders)


def build_for_serve(root: str | os.PathLike | None = None) -> tuple[Graph | None, list[str]]:
    """(graph, []) for a good workspace, (None, problems as text lines) for a broken one."""
    try:
        ws = find(root)
    except ModelError as exc:
        return None, [str(exc)]
    if not ws.files and not ws.problems:
        from sheets import default_graph

        return default_graph(), []
    graph, problems = check(ws)
    return graph, [str(p) for p in problems]


def suggest_sheet(graph: Graph, sheet_id: str) -> str:
    close = difflib.get_close_matches(sheet_id, graph.sheets.keys(), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


__all__ = ["FileFormatError", "Problem", "Workspace", "WorkspaceErrors", "check", "find", "workspace_graph"]
