"""Napkin's engine: cells with units, a dependency graph, reactive evaluation and traces.

Public API::

    from model import Input, Calc, Verdict          # declare cells in a sheet module
    graph = build_graph(sheet_defs)                 # once; shared by every session
    m = Model(graph)                                # one per session
    m.set("p01.n_gpus", 2048); m.value("p01.days_base"); trace_text(m, "p01.days_base")
"""

from model.build import CellDef, Graph, build_graph
from model.catalog import choice_cell, family_table
from model.catalog import compare as compare_devices
from model.catalog import families as device_families
from model.cells import Calc, Input, Kind, Repeat, Row, SheetDef, State, Verdict, sheet_from_module
from model.devices import Device, Family, FamilyCell, member_cell, register_family, registered_families
from model.engine import CellError, Model, evaluate_all, initial_errors, initial_values
from model.errors import (
    CycleError,
    DefinitionError,
    DuplicateNameError,
    InputError,
    ModelDefinitionErrors,
    ModelError,
    UnitError,
    UnknownNameError,
)
from model.format import (
    display_unit,
    format_number,
    format_quantity,
    is_pure,
    latex_name,
    latex_number,
    latex_unit,
    unit_suffix,
)
from model.graph import closure
from model.graphcache import cached_graph
from model.quantity import (
    MAX_TEXT,
    QuantityError,
    format_number_text,
    format_quantity_text,
    is_plain_number,
    number_text,
    parse_quantity,
    quote_value,
)
from model.report import cell_dict, sheet_dict, sheet_summary
from model.sheetfile import FileFormatError, SheetFile, is_valid_sheet_id, read_sheet_file
from model.trace import trace, trace_latex, trace_text
from model.units import parse_unit

__all__ = [
    "Calc",
    "CellDef",
    "choice_cell",
    "compare_devices",
    "device_families",
    "family_table",
    "member_cell",
    "register_family",
    "registered_families",
    "Device",
    "Family",
    "FamilyCell",
    "CellError",
    "CycleError",
    "DefinitionError",
    "DuplicateNameError",
    "FileFormatError",
    "Graph",
    "Input",
    "InputError",
    "MAX_TEXT",
    "QuantityError",
    "Kind",
    "Model",
    "ModelDefinitionErrors",
    "ModelError",
    "Repeat",
    "Row",
    "SheetDef",
    "SheetFile",
    "State",
    "UnitError",
    "UnknownNameError",
    "Verdict",
    "build_graph",
    "cached_graph",
    "cell_dict",
    "closure",
    "display_unit",
    "evaluate_all",
    "format_number",
    "format_number_text",
    "format_quantity",
    "format_quantity_text",
    "initial_errors",
    "initial_values",
    "is_plain_number",
    "is_pure",
    "is_valid_sheet_id",
    "latex_name",
    "latex_number",
    "latex_unit",
    "number_text",
    "parse_quantity",
    "parse_unit",
    "quote_value",
    "read_sheet_file",
    "sheet_dict",
    "sheet_from_module",
    "sheet_summary",
    "trace",
    "trace_latex",
    "trace_text",
    "unit_suffix",
]
