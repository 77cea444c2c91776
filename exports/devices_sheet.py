"""Device choices in the workbook: a `Devices` sheet with one table per family, the choice cell
(a text cell with a drop-down list of the family's members) and the linked inputs' live
`INDEX/MATCH` formulas that read the chosen member's row.

The table's cells are formulas over the members' own defined names, so editing a spec sheet flows
through the table into every problem that chose that member; a member's n/a cell is `=NA()`. A
one-sheet export carries only the chosen members' spec sheets (see `layout.closure`): the other
members' figures are numbers in the table, so the drop-down still switches the device.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import xl_rowcol_to_cell

from exports.excel_printer import excel_name, excel_number
from exports.styles import print_setup
from model import CellDef, Graph, Model, member_cell, parse_unit, registered_families

DEVICES_SHEET = "Devices"
FIRST_COL = 2  # A: member id, B: title, C...: family cells


@dataclass(frozen=True)
class FamilyBlock:
    """Where one family's table sits on the Devices sheet (0-based rows)."""

    family: str
    members: tuple[str, ...]
    keys: tuple[str, ...]
    first_row: int  # row of the first member

    def ref(self, col: int) -> str:
        """Absolute reference to one column of the member rows."""
        top = xl_rowcol_to_cell(self.first_row, col, True, True)
        bottom = xl_rowcol_to_cell(self.first_row + len(self.members) - 1, col, True, True)
        return f"'{DEVICES_SHEET}'!{top}:{bottom}"


def device_layout(graph: Graph) -> dict[str, FamilyBlock]:
    """Return {family: block} for every family some choice in the graph picks from (stable per graph)."""
    fams = registered_families()
    used = []
    for c in graph.cells:
        if c.choice is not None and c.choice.family not in used:
            used.append(c.choice.family)
    out, row = {}, 2
    for name in used:
        members = next(c.choice.members for c in graph.cells if c.choice is not None and c.choice.family == name)
        keys = tuple(fams[name].cells) if name in fams else ()
        out[name] = FamilyBlock(name, members, keys, row + 3)  # title, header, unit rows
        row += 3 + len(members) + 1
    return out


def lookup_formula(graph: Graph, c: CellDef) -> str:
    """The Excel formula of an input linked through a choice: INDEX/MATCH on the Devices table."""
    ch = graph.cells[c.lookup.choice]
    block = device_layout(graph)[ch.choice.family]
    col = FIRST_COL + block.keys.index(c.lookup.key)
    fam_unit = parse_unit(registered_families()[ch.choice.family].cells[c.lookup.key].unit)
    text = f"INDEX({block.ref(col)},MATCH({excel_name(ch.name)},{block.ref(0)},0))"
    ratio = fam_unit.factor / c.unit.factor
    if abs(ratio - 1) > 1e-15:
        text = f"{text}*{excel_number(ratio)}"
    return text


def write_devices_sheet(wb, st, model: Model, defined: dict[str, str]) -> int:
    """Write the Devices sheet (one table per family); return the number of formulas written."""
    g = model.graph
    layout = device_layout(g)
    ws = wb.add_worksheet(DEVICES_SHEET)
    ws.set_tab_color("#7030A0")
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 30)
    ws.set_column(FIRST_COL, FIRST_COL + 12, 14)
    ws.write_string(0, 0, "Devices: one row per member of each family; problems look the chosen member up here", st.title)
    ws.write_string(1, 0, ("Dense peaks. #N/A = the part has no such figure (n/a). Formulas follow the exported spec sheets; "
                      "plain numbers are the figures of devices whose spec sheet this export leaves out."), st.subtitle)
    n = 0
    for block in layout.values():
        fam = registered_families()[block.family]
        top = block.first_row - 3
        ws.write_string(top, 0, f"Family: {block.family}", st.group)
        ws.write_string(top + 1, 0, "member", st.header)
        ws.write_string(top + 1, 1, "title", st.header)
        for k, key in enumerate(block.keys):
            ws.write_string(top + 1, FIRST_COL + k, key, st.header)
            ws.write_string(top + 2, FIRST_COL + k, fam.cells[key].unit, st.muted)
        for r, member in enumerate(block.members):
            row = block.first_row + r
            sd = g.sheets[member]
            ws.write_string(row, 0, member, st.name)
            ws.write_string(row, 1, sd.title, st.text)
            for k, key in enumerate(block.keys):
                short = member_cell(sd, key)
                col = FIRST_COL + k
                if short is None:
                    ws.write_formula(row, col, "=NA()", st.muted, "#N/A")
                    ws.write_comment(row, col, f"n/a: {sd.na[key]}")
                    n += 1
                    continue
                name = f"{member}.{short}"
                c = g.cell(name)
                ratio = c.unit.factor / parse_unit(fam.cells[key].unit).factor
                err = model.error(name)
                cached = "#N/A" if err else model.si_value(name) / parse_unit(fam.cells[key].unit).factor
                if name in defined:
                    body = defined[name] if abs(ratio - 1) <= 1e-15 else f"{defined[name]}*{excel_number(ratio)}"
                    ws.write_formula(row, col, "=" + body, st.calc, cached)
                    n += 1
                elif not err:
                    ws.write_number(row, col, cached, st.calc)
    last = max((b.first_row + len(b.members) - 1 for b in layout.values()), default=1)
    n_keys = max((len(b.keys) for b in layout.values()), default=0)
    print_setup(ws, "Napkin model — Devices", repeat_row=None, widths=[16, 30] + [14] * n_keys, heights={}, last_row=last)
    return n


def write_choice_cell(ws, st, model: Model, c: CellDef, row: int, col: int, default_col: int) -> None:
    """Write a device choice: the chosen member's id as text, validated against the family list."""
    block = device_layout(model.graph)[c.choice.family]
    ws.write_string(row, col, model.value(c.name), st.input)
    ws.write_string(row, default_col, c.decl.member, st.muted)
    ws.data_validation(row, col, row, col, {
        "validate": "list", "source": "=" + block.ref(0),
        "error_title": "Pick a device", "error_message": f"Choose a member of '{c.choice.family}' from the list.",
        "input_title": "Device", "input_message": f"Pick a member of '{c.choice.family}'; see the Devices sheet.",
    })
