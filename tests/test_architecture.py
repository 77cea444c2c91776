"""Dependencies point inward: model/ imports no adapter and no content."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "model": {"sheets", "exports", "dashboards", "napkin", "panel", "bokeh", "openpyxl", "xlsxwriter", "param"},
    "sheets": {"exports", "dashboards", "napkin", "panel", "openpyxl", "xlsxwriter"},
    "exports": {"dashboards", "napkin", "panel"},
    "dashboards": {"napkin"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


def test_dependencies_point_inward():
    bad = []
    for pkg, forbidden in FORBIDDEN.items():
        for f in sorted((ROOT / pkg).rglob("*.py")):
            hits = _imports(f) & forbidden
            if hits:
                bad.append(f"{f.relative_to(ROOT)} imports {sorted(hits)}")
    assert bad == []


def test_sheet_modules_only_declare():
    """A sheet module imports nothing but the declarations from model."""
    bad = []
    for f in sorted((ROOT / "sheets").rglob("*.py")):
        if f.name == "__init__.py":
            continue
        extra = _imports(f) - {"model", "__future__"}
        if extra:
            bad.append(f"{f.relative_to(ROOT)} imports {sorted(extra)}")
    assert bad == []


ADAPTERS = ("exports", "dashboards", "napkin", "sheets", "bench", "tools")
FACES = {"model", "model.analysis"}


def _import_froms(path: Path):
    """Yield (module, imported names) for every absolute import in a file (functions' bodies too)."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, ()
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, tuple(a.name for a in node.names)


def _package(module: str) -> str:
    """The package a module belongs to: model.analysis apart from model's core, else the top level."""
    return "model.analysis" if module.startswith("model.analysis") else module.split(".")[0]


def _files(*pkgs: str):
    for pkg in pkgs:
        for f in sorted((ROOT / pkg).rglob("*.py")):
            yield f, ".".join(f.relative_to(ROOT).with_suffix("").parts)


def test_no_private_names_imported_across_packages():
    bad = []
    for f, mod in _files("model", *ADAPTERS):
        for target, names in _import_froms(f):
            private = [n for n in names if n.startswith("_") and n != "__future__"]
            if private and target != "__future__" and _package(target) != _package(mod):
                bad.append(f"{mod} imports {private} from {target}")
    assert bad == []


def test_adapters_import_only_the_faces_of_model():
    bad = [f"{mod} imports {target}" for f, mod in _files(*ADAPTERS)
           for target, _ in _import_froms(f) if target.split(".")[0] == "model" and target not in FACES]
    assert bad == []


def test_analysis_imports_the_core_only_and_the_core_never_imports_analysis():
    bad = []
    for f, mod in _files("model"):
        for target, _ in _import_froms(f):
            top = target.split(".")[0]
            if top in ADAPTERS:
                bad.append(f"{mod} imports adapter {target}")
            if _package(mod) == "model" and target.startswith("model.analysis"):
                bad.append(f"core module {mod} imports {target}")
    assert bad == []


def test_the_architecture_checks_can_fail(tmp_path):
    """The checks above read real imports: a planted bad file is caught by each helper."""
    planted = tmp_path / "bad.py"
    planted.write_text("from model.engine import _run\nimport model.build\n")
    found = list(_import_froms(planted))
    assert ("model.engine", ("_run",)) in found and ("model.build", ()) in found
    assert _package("model.analysis.sweep") == "model.analysis" and _package("model.engine") == "model"
