"""Regenerate the README's workbook screenshot: `python -m tools.workbook_screenshot [OUTDIR]` (docs/img).

Exports sheet p03 (and the sheets it reads) with `napkin`'s exporter, prints it to PDF with
LibreOffice (headless, fresh profile) and renders the p03 page with poppler's `pdftoppm`, so the
picture is the workbook exactly as LibreOffice lays it out and prints it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from exports.recalc import to_pdf
from exports.workbook import write_workbook
from model import Model

NAME = "workbook_p03.png"
DPI = 110


def take(outdir: str | Path) -> Path:
    """Write docs/img/workbook_p03.png (page 1 of the p03 export as LibreOffice prints it); return its path."""
    from sheets import default_graph

    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm (poppler-utils) is not on PATH; apt-get install poppler-utils")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="napkin-shot-") as tmp:
        book = Path(tmp) / "p03.xlsx"
        write_workbook(Model(default_graph()), book, sheets=["p03"])
        (pdf,) = to_pdf([book], Path(tmp) / "pdf")
        stem = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                       check=True)
        target = out / NAME
        shutil.copyfile(stem.with_suffix(".png"), target)
    return target


if __name__ == "__main__":
    print(take(sys.argv[1] if len(sys.argv) > 1 else "docs/img"))
