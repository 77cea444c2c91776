"""The workbook printed by LibreOffice: page counts, and no cell's text cut off.

One LibreOffice run prints the p03 export and the whole-model export to PDF; poppler's `pdfinfo`
counts the pages and `pdftotext` tells which sheet each page belongs to (the footer names it).
Text widths are measured with the fonts LibreOffice renders the workbook's fonts with (Carlito
for Calibri, whatever fontconfig picks for Consolas), with Pillow, independently of the widths the
exporter estimated.
"""

from __future__ import annotations

import functools
import math
import re
import subprocess

import openpyxl
import pytest
from conftest import require_tool

from exports.recalc import to_pdf
from exports.workbook import write_workbook
from model import Model
from sheets import default_graph

pytestmark = pytest.mark.external

GRAPH = default_graph()
PROBLEMS = [s for s, sd in GRAPH.sheets.items() if sd.kind != "spec"]
PX_PER_PT = 96 / 72


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    require_tool("soffice", "libreoffice")
    require_tool("pdfinfo")
    d = tmp_path_factory.mktemp("print")
    m = Model(GRAPH)
    write_workbook(m, d / "p03.xlsx", sheets=["p03"])
    write_workbook(m, d / "all.xlsx")
    pdfs = to_pdf([d / "p03.xlsx", d / "all.xlsx"], d / "pdf")
    return {"dir": d, "p03": pdfs[0], "all": pdfs[1], "wb": openpyxl.load_workbook(d / "all.xlsx"),
            "vals": openpyxl.load_workbook(d / "all.xlsx", data_only=True)}


def _pages(pdf) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def _sheet_of_pages(pdf) -> list[str]:
    """The sheet each page prints (the footer's right part is the sheet name)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for page in text.split("\f"):
        m = re.findall(r"Page \d+ of \d+\s+(\S+)\s*$", page, re.M)
        if m:
            out.append(m[-1])
    return out


def test_p03_prints_on_at_most_three_pages(printed):
    pages = _sheet_of_pages(printed["p03"])
    assert len(pages) == _pages(printed["p03"])
    assert 1 <= pages.count("p03") <= 3
    assert pages[0] == "p03", "the problem comes first"
    # the rest are the five spec sheets it reads (the chosen A100, not the other 25 devices), the
    # Index and the Devices table: one page each, none split into column strips
    assert len(pages) == len(set(pages)) == 8, pages
    assert "gpu_a100" in pages and "gpu_h100" not in pages


def test_whole_model_prints_in_at_most_two_pages_per_problem(printed):
    n = _pages(printed["all"])
    assert n <= 2 * len(PROBLEMS), f"{n} pages for {len(PROBLEMS)} problems"
    pages = _sheet_of_pages(printed["all"])
    assert len(pages) == n
    worst = max(pages.count(s) for s in PROBLEMS)
    assert worst <= 3


# ---- text that does not fit its cell ---------------------------------------------------------
@functools.cache
def _font(mono: bool, bold: bool, size_pt: float):
    from PIL import ImageFont

    family = "Consolas" if mono else "Calibri" + (":bold" if bold else "")
    path = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout
    return ImageFont.truetype(path, round(size_pt * PX_PER_PT))


def _col_px(ws, col_letter: str) -> float:
    dim = ws.column_dimensions.get(col_letter)
    width = dim.width if dim is not None and dim.width else 8.43
    return math.trunc(width * 7 + 5)


def _shown(cell) -> str:
    v = cell.value
    fmt = cell.number_format or "General"
    if not isinstance(v, (int, float)) or isinstance(v, bool) or fmt == "General":
        return str(v)
    prefix = "$" if fmt.startswith('"$"') else ""
    suffix = "%" if fmt.endswith('"%"') or fmt == "0%" else ""
    if fmt == "0%":
        return f"{v * 100:.0f}%"
    core = fmt.removeprefix('"$"').removesuffix('"%"')
    if "E+" in core:
        decimals = len(core.split(".")[1].split("E")[0]) if "." in core else 0
        return f"{prefix}{v:.{decimals}E}{suffix}"
    decimals = len(core.split(".")[1]) if "." in core else 0
    return f"{prefix}{v:,.{decimals}f}{suffix}"


def _lines(font, text: str, width_px: float) -> int:
    n = 0
    for para in str(text).split("\n"):
        n += 1
        line = ""
        for word in para.split(" "):
            trial = (line + " " + word) if line else word
            if font.getlength(trial) <= width_px - 4:
                line = trial
                continue
            if line:
                n += 1
            line = word
            while font.getlength(line) > width_px - 4 and len(line) > 1:  # a long word breaks inside itself
                cut = len(line)
                while cut > 1 and font.getlength(line[:cut]) > width_px - 4:
                    cut -= 1
                n += 1
                line = line[cut:]
    return n


@pytest.mark.parametrize("sid", [*GRAPH.sheets, "Index"])
def test_no_cell_text_is_cut(printed, sid):
    """Numbers fit their column; text fits or spills into an empty neighbour; wrapped text fits its row."""
    require_tool("fc-match")
    vals = printed["vals"][sid]
    ws = printed["wb"][sid]
    merged: set[str] = set()
    for rng in ws.merged_cells.ranges:
        for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col):
            merged |= {c.coordinate for c in row}
    cut = []
    for row in ws.iter_rows():
        for cell in row:
            v = vals[cell.coordinate].value
            if v is None or cell.coordinate in merged:
                continue
            f = cell.font
            mono = (f.name or "").lower().startswith("consolas")
            font = _font(mono, bool(f.b), float(f.sz or 11))
            width = _col_px(ws, cell.column_letter)
            shown = _shown(vals[cell.coordinate])
            if cell.alignment.wrap_text:
                height_pt = ws.row_dimensions[cell.row].height or 15
                need = _lines(font, shown, width) * float(f.sz or 11) * 1.22
                if need > height_pt + 1:
                    cut.append(f"{cell.coordinate} wraps to {need:.0f} pt in a {height_pt:.0f} pt row: {shown[:40]!r}")
                continue
            text_px = font.getlength(shown)
            if text_px <= width - 3:
                continue
            right = ws.cell(cell.row, cell.column + 1)
            if isinstance(v, (int, float)) or vals[right.coordinate].value is not None:
                cut.append(f"{cell.coordinate} needs {text_px:.0f} px in a {width:.0f} px column: {shown[:40]!r}")
    assert cut == []
