"""A zero the bounds allow never ends in a traceback (issues #12 and #17): on every sheet, every
input of the sheet's switching cells whose bounds allow 0 is set to 0 (one at a time, the first eight
by name), and the regimes of those cells are worked out; each either answers or
refuses with an InputError, never a ZeroDivisionError from root finding."""

from __future__ import annotations

import contextlib

import pytest

from model import InputError, Kind, Model
from model.analysis import regimes, switch_cells
from sheets import default_graph

GRAPH = default_graph()


def _zero_ok(c) -> bool:
    d = c.decl
    return (d.lo is None or d.lo < 0 or (d.lo == 0 and not d.strict_lo)) and (d.hi is None or d.hi >= 0)


@pytest.mark.parametrize("sheet", [s for s in GRAPH.sheets if switch_cells(Model(GRAPH), s)])
def test_regimes_at_a_bound_valid_zero(sheet):
    base = Model(GRAPH)
    cells = switch_cells(base, sheet)
    zeros = {n for cell in cells for n in base.upstream_inputs(cell)
             if GRAPH.cell(n).kind is Kind.INPUT and _zero_ok(GRAPH.cell(n))}
    for name in sorted(zeros)[:8]:
        m = Model(GRAPH)
        m.set(name, 0)
        for cell in cells:
            if name not in m.upstream_inputs(cell):
                continue
            with contextlib.suppress(InputError):  # a refusal is fine; a traceback is not
                regimes(m, cell, inputs=[name])
