"""Cell formats of the workbook: styles, number formats from unit and magnitude, print set-up.

Number formats follow `model.format_number` (the CLI and dashboard display): four significant
digits, thousands separators, scientific notation outside 1e-3..1e9; `USD` gets a currency
format and `%` a percent sign. Only the display is rounded: the stored value keeps full precision.
"""

from __future__ import annotations

import math

from model import format_number

__all__ = ["Styles", "fit_width", "number_format", "print_setup", "row_height", "text_width"]

FONT = "Calibri"
FONT_SIZE = 11
LINE_HEIGHT = 15.0  # points per line of 11 pt text
_CURRENCY = {"USD": '"$"', "kUSD": '"$"'}


def number_format(value: object, unit: str) -> str:
    """Return the Excel number format that shows `value` as `format_number` does, for its unit."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return "General"
    text = format_number(float(value))
    if "e" in text:
        mant = text.split("e")[0]
        decimals = len(mant.split(".")[1]) if "." in mant else 0
        fmt = "0" + ("." + "0" * decimals if decimals else "") + "E+00"
    else:
        decimals = len(text.split(".")[1]) if "." in text else 0
        fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    if unit in _CURRENCY:
        fmt = _CURRENCY[unit] + fmt
    elif unit == "%":
        fmt += '"%"'
    return fmt


def shown(value: object, unit: str) -> str:
    """Return the text a number format shows (approximately), to size columns."""
    if isinstance(value, str):
        return value
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return "#NUM!"
    text = format_number(float(value)).replace("e", "E+")
    return ("$" if unit in _CURRENCY else "") + text + ("%" if unit == "%" else "")


MONO = 1.15  # width of a Consolas/monospace character at 10 pt, in Calibri 11 pt digit units (with margin)


def text_width(text: str, *, bold: bool = False, size: float = FONT_SIZE, mono: bool = False) -> float:
    """Estimate the width of text in Excel character units (Calibri; digits are one unit)."""
    if mono:
        return len(text) * MONO + 1.2
    w = 0.0
    for ch in text:
        if ch in "iljtf.,;:'|!I ()[]":
            w += 0.55
        elif ch in "mwMW@%":
            w += 1.45
        elif ch.isupper():
            w += 1.15
        else:
            w += 1.0
    w *= size / FONT_SIZE
    return w * (1.08 if bold else 1.0) + 1.2


def fit_width(texts: list[str], *, lo: float, hi: float, bold: bool = False, mono: bool = False) -> float:
    """Return a column width that fits the longest text, between `lo` and `hi`."""
    need = max((text_width(t, bold=bold, mono=mono) for t in texts if t), default=lo)
    return max(lo, min(hi, need))


def row_height(cells: list[tuple], *, size: float = FONT_SIZE) -> float | None:
    """Return the height that shows every wrapped (text, column width[, mono[, bold]]) cell in full, or None for one line."""
    lines = 1
    for text, width, *flags in cells:
        mono = bool(flags and flags[0])
        bold = len(flags) > 1 and bool(flags[1])
        if not text:
            continue
        n = 0
        for para in text.split("\n"):
            # greedy word wrap at the estimated width
            line = 0.0
            n += 1
            for word in para.split(" "):
                w = text_width(word + " ", size=size, mono=mono, bold=bold) - 1.2
                if line and line + w > width - 1.0:
                    n += 1
                    line = 0.0
                while w > width - 1.0:  # a word wider than the column breaks inside itself
                    n += 1
                    w -= width - 1.0
                line += w
        lines = max(lines, n)
    return None if lines == 1 else LINE_HEIGHT * lines * size / FONT_SIZE + 2


PAGE_W, PAGE_H = 842 - 58, 595 - 110  # A4 landscape, printable points (margins, header, footer)
ONE_PAGE_SHRINK = 1.6  # a sheet a little taller than one page is shrunk onto one rather than split


def print_setup(ws, title: str, *, repeat_row: int | None, widths: list[float], heights: dict[int, float],
                last_row: int, max_pages_tall: int = 0) -> None:
    """Landscape A4, one page wide, header row repeated, title and page number in header/footer.

    `widths` are the printed columns' widths (characters) and `heights` the rows given a height
    (points; others are 15): a sheet that would print a little over one page at its fit-to-width
    scale is fitted onto one page instead; `max_pages_tall` (0: no limit) caps a long sheet's pages.
    """
    ws.set_landscape()
    ws.set_paper(9)
    width_pt = sum(w * 7 + 5 for w in widths) * 0.75
    scale = min(1.0, PAGE_W / width_pt) if width_pt else 1.0
    height_pt = sum(heights.get(r, LINE_HEIGHT) for r in range(last_row + 1)) * scale
    tall = 1 if height_pt <= PAGE_H * ONE_PAGE_SHRINK else max_pages_tall  # 0: as many as it takes
    ws.fit_to_pages(1, tall)
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
    safe = title.replace("&", "&&")[:200]
    ws.set_header(f'&L&"{FONT},Bold"{safe}&R&D')
    ws.set_footer("&LNapkin model&CPage &P of &N&R&A")
    ws.print_area(0, 0, last_row, len(widths) - 1)


class Styles:
    """The workbook's cell formats, made once per workbook; number formats cached by text."""

    def __init__(self, wb):
        self._wb = wb
        base = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "top"}
        self._base = base
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.subtitle = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.subtitle_wrap = wb.add_format({**base, "italic": True, "font_color": "#595959", "text_wrap": True})
        self.question = wb.add_format({**base, "text_wrap": True, "bold": True, "font_color": "#1F3864"})
        self.header = wb.add_format({**base, "bold": True, "bottom": 1, "bg_color": "#D9E1F2", "text_wrap": True})
        self.chart_header = wb.add_format({**base, "bold": True, "bottom": 1, "bg_color": "#D9E1F2"})
        self.group = wb.add_format({**base, "bold": True, "font_size": 12, "font_color": "#1F3864"})
        self.text = wb.add_format({**base})
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.name = wb.add_format({**base, "font_name": "Consolas", "font_size": 10})
        self.formula_text = wb.add_format({**base, "font_name": "Consolas", "font_size": 10, "font_color": "#404040",
                                           "text_wrap": True})
        self.muted = wb.add_format({**base, "font_color": "#7F7F7F"})
        self.link = wb.add_format({**base, "font_color": "#0563C1", "underline": 1})
        self.changed_input = wb.add_format({"bg_color": "#F8CBAD"})
        self.changed_calc = wb.add_format({"bg_color": "#FFEB9C"})
        self.flipped = wb.add_format({"bold": True, "italic": True, "border": 2, "border_color": "#C00000"})
        self.tone = {
            "good": wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"}),
            "bad": wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
            "neutral": wb.add_format({"bg_color": "#EDEDED", "font_color": "#262626"}),
        }
        # Monte Carlo results: plain numbers from the export, purple so they never pass for formulas
        mc = {**base, "font_color": "#5B2C83"}
        self.mc_header = wb.add_format({**base, "bold": True, "bottom": 1, "bg_color": "#E4DFEC", "text_wrap": True})
        self.mc_note = wb.add_format({**base, "italic": True, "font_color": "#5B2C83", "text_wrap": True})
        self.mc_number = wb.add_format({**mc, "num_format": "General"})
        self.mc_share = wb.add_format({**mc, "num_format": "0.0%"})
        self.mc_text = wb.add_format({**mc})
        self.mc_link = wb.add_format({**base, "italic": True, "font_color": "#5B2C83", "underline": 1})
        self._cache: dict[tuple[str, str], object] = {}
        self._roles = {
            # The financial-model convention: blue on a light fill means "type here".
            "input": {"font_color": "#0000FF", "bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF"},
            "linked": {"font_color": "#00803C", "bg_color": "#E2EFDA", "border": 1, "border_color": "#BFBFBF"},
            "calc": {"font_color": "#000000"},
            "key": {"font_color": "#000000", "bold": True},
            "verdict": {"bold": True, "text_wrap": True},
            "muted": {"font_color": "#7F7F7F"},
            "table": {"border": 1, "border_color": "#D9D9D9"},
        }

    def number(self, role: str, num_format: str):
        """Return the format of a value cell of `role` (input, linked, calc, key, muted, table) with a number format."""
        key = (role, num_format)
        if key not in self._cache:
            self._cache[key] = self._wb.add_format({**self._base, **self._roles[role], "num_format": num_format})
        return self._cache[key]

    @property
    def calc(self):
        """The format of a plain calculated number (General)."""
        return self.number("calc", "General")

    @property
    def input(self):
        """The format of a typed input (blue on a light fill), General."""
        return self.number("input", "General")

    @property
    def verdict(self):
        """The format of a verdict's value cell."""
        return self.number("verdict", "General")
