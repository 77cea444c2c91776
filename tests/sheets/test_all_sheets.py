"""Every registered sheet loads, evaluates without error, and follows the content rules."""

import re

import pytest

from model import Kind, Model, sheet_dict, trace_text
from sheets import default_graph

GRAPH = default_graph()
SHEETS = list(GRAPH.sheets)
PROBLEMS = [s for s in SHEETS if GRAPH.sheets[s].kind != "spec"]


def test_the_model_has_specs_and_problems():
    kinds = {sd.kind for sd in GRAPH.sheets.values()}
    assert kinds >= {"spec", "problem"}


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_sheet_evaluates_without_errors(sheet_id):
    m = Model(GRAPH)
    info = sheet_dict(m, sheet_id)
    assert info["title"] and info["section"], "every sheet names its title and section"
    for c in info["cells"]:
        assert c["error"] is None, (c["name"], c["error"])
        assert c["doc"], f"{c['name']} needs a one-line doc"
        assert c["unit"]
        if c["kind"] != "verdict":
            assert isinstance(c["si_value"], float)
        else:
            assert c["value"] in c["labels"]


@pytest.mark.parametrize("sheet_id", PROBLEMS)
def test_problem_sheet_has_question_chapter_and_verdict(sheet_id):
    sd = GRAPH.sheets[sheet_id]
    assert len(sd.question) > 40, "the question, in our own words"
    assert re.fullmatch(r"\d+|A", sd.chapter), sd.chapter
    cells = GRAPH.sheet_cells(sheet_id)
    assert any(c.kind is Kind.VERDICT for c in cells)
    assert any(c.kind is Kind.INPUT for c in cells)


@pytest.mark.parametrize("sheet_id", PROBLEMS)
def test_every_verdict_traces_to_its_inputs(sheet_id):
    m = Model(GRAPH)
    for c in GRAPH.sheet_cells(sheet_id):
        if c.kind is Kind.VERDICT:
            text = trace_text(m, c.name, depth=None)
            assert text.startswith(c.name)
            assert "[input" in text
            assert "#ERROR" not in text


def test_excel_safe_unique_names():
    seen = {}
    for c in GRAPH.cells:
        key = c.name.replace(".", "_").upper()
        assert key not in seen, (c.name, seen.get(key))
        seen[key] = c.name
        assert not re.fullmatch(r"[A-Za-z]{1,3}[0-9]+", c.short)
