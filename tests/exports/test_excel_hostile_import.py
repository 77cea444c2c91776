"""Hostile workbooks: bombs, entities, malformed XML and a tampered meta sheet are refused cleanly.

Each bomb is a real Napkin export with one part replaced, so everything else about the file is
what the importer expects. Each is refused in under a second with peak Python memory (tracemalloc)
under 200 MB, with one line naming the reason, and the model unchanged.
"""

from __future__ import annotations

import time
import tracemalloc
import zipfile

import openpyxl
import pytest
from excel_helpers import value_cell

from exports.layout import META_COLUMNS, META_SHEET, meta_checksum
from exports.workbook import write_workbook
from exports.workbook_import import WorkbookError, import_workbook
from model import Model
from sheets import default_graph

GRAPH = default_graph()
SHEET = "p03"  # p03 and the spec sheets it reads
MB = 2**20


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "p03.xlsx"
    write_workbook(Model(GRAPH), path, sheets=[SHEET])
    return path


def _replace(src, dst, part: str, chunks) -> None:
    """Copy a workbook, replacing (or adding) one part with the bytes `chunks` yields, streamed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            if info.filename != part:
                zout.writestr(info, zin.read(info))
        with zout.open(part, "w", force_zip64=True) as fh:
            for chunk in chunks:
                fh.write(chunk)


def _sheet_part(path, sid: str) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    k = wb.sheetnames.index(sid) + 1
    wb.close()
    return f"xl/worksheets/sheet{k}.xml"


def _million_rows():
    yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.'
           b'org/spreadsheetml/2006/main"><sheetData>')
    cols = "ABCDEFGHIJ"
    for start in range(1, 1_000_001, 10_000):
        yield "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in cols) + "</row>"
                      for r in range(start, start + 10_000)).encode()
    yield b"</sheetData></worksheet>"


def _styles_bomb():
    yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.'
           b'org/spreadsheetml/2006/main"><cellXfs count="160000">')
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 10_000
    for _ in range(16):  # 160,000 formats, 10 MB: under the total cap, over the styles part's
        yield xf
    yield b"</cellXfs></styleSheet>"


def _laughs():
    ents = "".join(f'<!ENTITY l{k} "{("&l" + str(k - 1) + ";") * 10}">' for k in range(1, 10))
    yield (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">{ents}]>'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&l9;</t></si></sst>').encode()


def _xxe():
    yield (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>')


def _normal_import_s(path) -> float:
    """Seconds a normal import of `path` takes, traced like the refusals (tracemalloc slows Python)."""
    tracemalloc.start()
    try:
        t0 = time.perf_counter()
        import_workbook(Model(GRAPH), path)
        return time.perf_counter() - t0
    finally:
        tracemalloc.stop()


def _refused_quickly(path, *, within: float = 10.0) -> str:
    # `within` only tells a bounded refusal from a runaway parse (minutes): the wall clock of a
    # shared machine is no measure of speed; the memory peak below is the real guard.
    m = Model(GRAPH)
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(WorkbookError) as info:
            import_workbook(m, path)
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < within, f"refused after {elapsed:.2f} s (allowed {within:.2f} s)"
    assert peak < 200 * MB, f"peak {peak / MB:.0f} MB"
    assert m.overrides() == {}
    msg = str(info.value)
    assert "\n" not in msg and "Traceback" not in msg
    return msg


def test_a_million_rows_is_refused_before_parsing(base, tmp_path):
    bomb = tmp_path / "rows.xlsx"
    _replace(base, bomb, _sheet_part(base, SHEET), _million_rows())
    assert bomb.stat().st_size < 40 * MB
    msg = _refused_quickly(bomb)
    assert "unpacks to" in msg and "zip bomb" in msg or "rows" in msg


def test_a_styles_bomb_is_refused(base, tmp_path):
    bomb = tmp_path / "styles.xlsx"
    _replace(base, bomb, "xl/styles.xml", _styles_bomb())
    msg = _refused_quickly(bomb)
    assert "xl/styles.xml" in msg


@pytest.mark.parametrize("payload", [_laughs, _xxe], ids=["billion-laughs", "xxe"])
def test_entities_are_refused(base, tmp_path, payload):
    bomb = tmp_path / "entities.xlsx"
    _replace(base, bomb, "xl/sharedStrings.xml", payload())
    msg = _refused_quickly(bomb)
    assert "DTD" in msg and "xl/sharedStrings.xml" in msg


def test_malformed_xml_is_one_clear_error(base, tmp_path):
    bad = tmp_path / "malformed.xlsx"
    _replace(base, bad, _sheet_part(base, SHEET), iter([b"<worksheet><sheetData><row r='1'><c r='A1'><v>1</c>"]))
    msg = _refused_quickly(bad, within=max(1.0, 3 * _normal_import_s(base)))  # found while parsing: vs a normal import
    assert "not well-formed" in msg and "napkin export" in msg


def test_a_32760_character_cell_is_refused_fast(base, tmp_path):
    wb = openpyxl.load_workbook(base)
    value_cell(wb, "p03.mem_bw_gpu").value = "5 " + "G" * 32_758
    wb.save(tmp_path / "long.xlsx")
    # the cell is read like any other, then refused before any parsing: no slower than a normal import
    msg = _refused_quickly(tmp_path / "long.xlsx", within=max(1.0, 3 * _normal_import_s(base)))
    assert "p03.mem_bw_gpu" in msg and "32,760 characters" in msg


def _meta_edit(base, dst, edit, *, reseal: bool = False):
    """Edit the meta sheet with openpyxl; with `reseal`, write a matching checksum (it is not a secret)."""
    wb = openpyxl.load_workbook(base)
    ws = wb[META_SHEET]
    edit(ws)
    if reseal:
        rows = [tuple(c.value for c in r) for r in ws.iter_rows(min_row=3, max_col=len(META_COLUMNS))]
        marker = tuple(c.value for c in ws[1][:4])
        ws["F1"] = meta_checksum(marker, [META_COLUMNS, *[r for r in rows if any(v is not None for v in r)]])
    wb.save(dst)
    return dst


def _meta_row(ws, name: str) -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == name)


def test_a_changed_unit_in_the_meta_sheet_is_refused(base, tmp_path):
    def edit(ws):
        ws.cell(_meta_row(ws, "gpu_a100.peak_fp16_tensor"), 5).value = "GFLOP/s"  # 312 TFLOP/s would read as 312,000
    msg = _refused_quickly(_meta_edit(base, tmp_path / "unit.xlsx", edit))
    assert META_SHEET in msg and "checksum" in msg and "Export a fresh workbook" in msg


def test_a_column_pointed_at_the_meta_sheet_is_refused(base, tmp_path):
    def edit(ws):
        ws.cell(_meta_row(ws, "p03.mem_bw_gpu"), 2).value = META_SHEET
    assert "checksum" in _refused_quickly(_meta_edit(base, tmp_path / "ptr.xlsx", edit))
    # even with a checksum recomputed by someone who read this code, the pointer is refused
    msg = _refused_quickly(_meta_edit(base, tmp_path / "ptr2.xlsx", edit, reseal=True))
    assert "p03.mem_bw_gpu" in msg and META_SHEET in msg


@pytest.mark.parametrize("value", [None, "twelve"], ids=["empty", "text"])
def test_a_meta_row_cell_that_is_not_a_number_is_refused(base, tmp_path, value):
    def edit(ws):
        ws.cell(_meta_row(ws, "p03.mem_bw_gpu"), 3).value = value
    msg = _refused_quickly(_meta_edit(base, tmp_path / "row.xlsx", edit, reseal=True))
    assert "'row' cell" in msg and "not a row number" in msg


def test_an_untouched_export_still_imports(base):
    assert import_workbook(Model(GRAPH), base).edits == []


def test_sizes_of_a_real_export_are_far_below_the_limits(tmp_path):
    """The limits leave room: the whole model unpacks to a small fraction of each."""
    from exports import workbook_guard as guard

    path = tmp_path / "all.xlsx"
    write_workbook(Model(GRAPH), path)
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    assert sum(i.file_size for i in infos) * 10 < guard.MAX_TOTAL
    assert len(infos) * 5 < guard.MAX_ENTRIES
    assert max(i.file_size for i in infos) * 10 < guard.MAX_OTHER_PART
