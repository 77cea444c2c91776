"""Recalculate workbooks with LibreOffice headless: the spreadsheet-engine oracle.

LibreOffice keeps the cached values of an .xlsx it opens unless told otherwise, so every call
uses a fresh profile folder whose `user/registrymodifications.xcu` sets `OOXMLRecalcMode` to 0
("always recalculate"). Converting xlsx to xlsx then writes the recalculated values as the new
cached values, which openpyxl reads with `data_only=True`. One call converts many files: start-up
costs seconds, so batch them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["LibreOfficeError", "find_soffice", "recalculate", "to_pdf"]

_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class LibreOfficeError(RuntimeError):
    """LibreOffice is missing, failed, or did not write every file."""


def find_soffice() -> str | None:
    """Return the path of LibreOffice's `soffice` (or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(paths: list[str | os.PathLike], outdir: str | os.PathLike, *, timeout: float = 300) -> list[Path]:
    """Open each workbook in LibreOffice, recalculate every formula, save it as .xlsx in `outdir`.

    Returns the output paths, in the order given (same file names, in `outdir`). Uses a fresh,
    private LibreOffice profile for this call only.
    """
    return _convert(paths, outdir, "xlsx", "xlsx:Calc MS Excel 2007 XML", timeout)


def to_pdf(paths: list[str | os.PathLike], outdir: str | os.PathLike, *, timeout: float = 300) -> list[Path]:
    """Print each workbook (recalculated) to PDF in `outdir`, as LibreOffice lays out its pages."""
    return _convert(paths, outdir, "pdf", "pdf:calc_pdf_Export", timeout)


def _convert(paths, outdir, suffix: str, target: str, timeout: float) -> list[Path]:
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not on PATH; install it to recalculate workbooks.")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    srcs = [Path(p).resolve() for p in paths]
    outs = [outdir.resolve() / (p.stem + "." + suffix) for p in srcs]
    if len(set(outs)) != len(outs) or any(o == s for o, s in zip(outs, srcs, strict=True)):
        raise LibreOfficeError("LibreOffice conversion needs distinct file names and an output folder apart from the inputs.")
    for o in outs:
        if o.exists():
            o.unlink()
    with tempfile.TemporaryDirectory(prefix="napkin-lo-profile-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={Path(profile).as_uri()}",
               "--convert-to", target, "--outdir", str(outdir), *map(str, srcs)]
        env = {**os.environ, "HOME": profile}
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise LibreOfficeError(f"LibreOffice did not finish within {timeout:g} s.") from None
    missing = [str(o) for o in outs if not o.exists()]
    if proc.returncode != 0 or missing:
        raise LibreOfficeError(
            f"LibreOffice failed (exit {proc.returncode}); missing {missing or 'nothing'}; "
            f"stderr: {proc.stderr.strip()[-500:]}"
        )
    return outs
