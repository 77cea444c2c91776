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
