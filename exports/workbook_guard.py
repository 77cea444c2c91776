"""Checks on a workbook file before openpyxl parses any of it: sizes, counts, XML prologs.

A Napkin workbook is small and plain: a few hundred zip entries, a few MB uncompressed, sheets of
at most a few hundred rows, no DTD anywhere. Anything beyond these bounds cannot be a Napkin
workbook, so it is refused with the reason before a byte of XML is parsed: a zip bomb (huge
uncompressed parts), a sheet claiming a million rows, a styles bomb, entity expansion
("billion laughs") or external entities (XXE). openpyxl itself then parses through defusedxml.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "MAX_TEXT", "check_archive"]

MAX_FILE = 32 * 2**20  # bytes on disk
MAX_ENTRIES = 5_000
MAX_TOTAL = 96 * 2**20  # uncompressed bytes, all parts together
MAX_PART = {"xl/styles.xml": 2 * 2**20, "xl/sharedStrings.xml": 48 * 2**20}
MAX_SHEET_PART = 24 * 2**20
MAX_OTHER_PART = 16 * 2**20
MAX_ROWS = 20_000  # rows of one worksheet (a Napkin sheet has a few hundred)
MAX_COLUMNS = 64  # columns of one worksheet (a Napkin sheet uses about 25)
MAX_TEXT = 1_000  # characters of text in a cell the importer reads
_PROLOG = 64 * 1024  # bytes read from each XML part to find its DTD or dimension
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def check_archive(path: Path) -> str | None:
    """Return why `path` cannot be a Napkin workbook (sizes, counts, DTDs), or None if it may be one."""
    size = path.stat().st_size
    if size > MAX_FILE:
        return f"it is {size / 2**20:.0f} MB; a Napkin workbook is at most {MAX_FILE // 2**20} MB"
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return f"it is not a zip archive ({type(exc).__name__})"
    with z:
        infos = z.infolist()
        if len(infos) > MAX_ENTRIES:
            return f"it holds {len(infos):,} parts; a Napkin workbook has at most {MAX_ENTRIES:,}"
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL:
            return (f"it unpacks to {total / 2**20:,.0f} MB; a Napkin workbook unpacks to at most "
                    f"{MAX_TOTAL // 2**20} MB (a zip bomb?)")
        for i in infos:
            sheet = i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
            cap = MAX_PART.get(i.filename, MAX_SHEET_PART if sheet else MAX_OTHER_PART)
            if i.file_size > cap:
                return (f"its part {i.filename} unpacks to {i.file_size / 2**20:,.1f} MB; a Napkin workbook's is at "
                        f"most {cap / 2**20:g} MB")
            if not i.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with z.open(i) as fh:
                    head = fh.read(_PROLOG)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
                return f"its part {i.filename} cannot be unpacked ({type(exc).__name__})"
            if _DTD.search(head):
                return (f"its part {i.filename} declares a DTD or XML entities (<!DOCTYPE/<!ENTITY), which Napkin "
                        f"workbooks never contain (entity expansion or external entities)")
            if sheet:
                m = _DIMENSION.search(head)
                if m and m.group(4):
                    rows, cols = int(m.group(4)), _col(m.group(3))
                    if rows > MAX_ROWS or cols > MAX_COLUMNS:
                        return (f"worksheet part {i.filename} spans {rows:,} rows × {cols:,} columns; a Napkin "
                                f"worksheet has at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns")
    return None
