"""Every value Napkin writes, it reads back: all inputs of all sheets, exactly (issue #18).

Each property sets EVERY input (default × a random factor in bounds, whole numbers kept whole;
see values.py), writes the overrides in one of Napkin's text forms, reads them back into a fresh
model and asserts the base-unit floats are identical (==, not approximately). Before the fix:
(a) scenarios lost 3 inputs (units 1/day, 1/month, 1/year: written '3.0 1/month', read as
the unit '.0 1/month'); (b) links lost 796 of 908 (values cut to 12 digits); (d) show --json →
--set lost the same 3 as (a). Device choices (p03.gpu, …) take part in every property: each is set
to another member of its family, written and read back as the member's sheet id.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from urllib.parse import parse_qs

import pytest

from model import Kind, Model
from model.analysis import (
    apply_scenario,
    load_scenario,
    save_scenario,
    scenario_from_model,
)
from sheets import default_graph
from tests.roundtrip.values import every_input_value

SEEDS = (1, 2)


@pytest.fixture(scope="module")
def graph():
    return default_graph()


def _set_all(graph, seed, *, with_values: bool = False, digits: int | None = None):
    m = Model(graph)
    values = every_input_value(m, seed, digits=digits)
    want = m.overrides_si()
    assert len(want) == sum(1 for c in graph.cells if c.kind is Kind.INPUT)  # every input, not a sample
    return (m, want, values) if with_values else (m, want)


def _mismatches(want: dict, got: dict) -> list[str]:
    return [f"{n}: {want[n]!r} -> {got.get(n)!r}" for n in want if got.get(n) != want[n]]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_scenario_save_load_is_exact_for_every_input(graph, tmp_path, seed):
    m, want = _set_all(graph, seed)
    path = save_scenario(scenario_from_model(m, "all"), tmp_path / "all.json")
    m2 = Model(graph)
    apply_scenario(m2, load_scenario(graph, path))
    assert _mismatches(want, m2.overrides_si()) == []
    assert [m2.si_value(c.name) for c in graph.cells] == pytest.approx([m.si_value(c.name) for c in graph.cells], nan_ok=True, rel=0, abs=0)


@pytest.mark.parametrize("seed", SEEDS)
def test_b_link_query_parse_is_exact_for_every_input(graph, seed):
    from dashboards.links import model_link_query, parse_query

    m, want = _set_all(graph, seed)
    q = model_link_query(m, "p01", trace="p01.days_base")
    args = {k: [x.encode() for x in v] for k, v in parse_qs(q[1:], keep_blank_values=True).items()}
    link = parse_query(graph, args)
    assert link.problems == () and link.sheet == "p01"
    m2 = Model(graph)
    m2.set_many(link.overrides)
    assert _mismatches(want, m2.overrides_si()) == []


@pytest.mark.parametrize("seed", SEEDS[:1])
def test_c_workbook_cell_edit_import_is_exact_for_every_input(graph, tmp_path, seed):
    import openpyxl

    from exports.workbook import write_workbook
    from exports.workbook_import import import_workbook

    # Excel holds 15 significant digits and openpyxl/XlsxWriter write numbers with 16, so the values
    # a person types in a cell are 15-digit numbers; each must come back as exactly the same float.
    _, want, values = _set_all(graph, seed, with_values=True, digits=15)
    path = tmp_path / "all.xlsx"
    write_workbook(Model(graph), path)  # defaults; the person types the new values in Excel
    wb = openpyxl.load_workbook(path)
    typed = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_col=1, max_col=3):
            name = row[0].value
            if isinstance(name, str) and name in values and ws.title == graph.cell(name).sheet:
                row[2].value = values[name]  # the same display value, as a person would type it
                typed += 1
    assert typed == len(want)
    wb.save(path)
    m2 = Model(graph)
    import_workbook(m2, path)
    # an input typed equal to its default is not an edit (the importer leaves it at the default)
    assert _mismatches(want, {n: m2.si_value(n) for n in want}) == []


@pytest.mark.parametrize("seed", SEEDS[:1])
def test_d_show_json_value_and_unit_set_back_is_exact_for_every_input(graph, seed):
    from napkin.cli import main

    m, want = _set_all(graph, seed)
    sets = [f"{n}={t}" for n, t in m.override_texts().items()]
    shown: dict[str, tuple] = {}
    for sid in graph.sheets:  # `napkin show SHEET --json --set ...`, in process
        out = io.StringIO()
        with redirect_stdout(out):
            assert main(["show", sid, "--json", *[a for s in sets if s.startswith(sid + ".") for a in ("--set", s)]]) == 0
        for cell in json.loads(out.getvalue())["cells"]:
            if cell["kind"] == "input":
                shown[cell["name"]] = (cell["value"], cell["unit"])
    assert set(shown) == set(want)
    back = [f"{n}={v}" if isinstance(v, str) else f"{n}={v!r}" if u == "1" else f"{n}={v!r} {u}"
            for n, (v, u) in shown.items()]  # a device choice shows its member id
    m2 = Model(graph)
    from napkin.cli import parse_sets

    m2.set_many(parse_sets(back))
    assert _mismatches(want, m2.overrides_si()) == []


def test_regression_scenario_with_unit_starting_with_a_digit(tmp_path, capsys):
    from napkin.cli import main

    path = tmp_path / "x.json"
    assert main(["scenario", "save", str(path), "--name", "x", "--set", "p14.schema_changes_per_month=3"]) == 0
    assert json.loads(path.read_text())["overrides"] == {"p14.schema_changes_per_month": "3 /month"}
    capsys.readouterr()
    assert main(["scenario", "show", str(path)]) == 0
    out = capsys.readouterr()
    assert "p14.schema_changes_per_month" in out.out and out.err == ""
    old = tmp_path / "old.json"  # the form older versions wrote is still read
    old.write_text(json.dumps({"napkin_scenario": 1, "name": "x", "overrides": {"p14.schema_changes_per_month": "3.0 1/month"}}))
    m = Model(default_graph())
    apply_scenario(m, load_scenario(m.graph, old))
    assert m.value("p14.schema_changes_per_month") == 3.0
