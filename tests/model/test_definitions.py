"""Definition mistakes are collected and raised once, together, naming the cells involved."""

import importlib.util
from pathlib import Path

import pytest

from model import CycleError, ModelDefinitionErrors, UnitError, UnknownNameError, build_graph, sheet_from_module
from model.errors import BoundsError, DuplicateNameError, NameRuleError, UnusedInputError
from sheets import load_sheets

RES = Path(__file__).resolve().parent.parent / "resources"


def _sheet(name: str, sheet_id: str = "p99"):
    spec = importlib.util.spec_from_file_location(f"napkin_test_{name}", RES / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return sheet_from_module(mod, sheet_id)


def _errors(*names: str):
    specs = [d for d in load_sheets() if d.kind == "spec"]
    sheets = [_sheet(n, f"p9{k}") for k, n in enumerate(names)]
    with pytest.raises(ModelDefinitionErrors) as info:
        build_graph(specs + sheets)
    return info.value.errors


def test_cycle_names_the_loop_in_order():
    errs = _errors("cyclic")
    assert [type(e) for e in errs] == [CycleError]
    assert errs[0].message == (
        "Cells form a cycle: p90.loop_a -> p90.loop_b -> p90.loop_c -> p90.loop_a; "
        "break the loop by making one of them an input."
    )
    assert set(errs[0].cells) == {"p90.loop_a", "p90.loop_b", "p90.loop_c"}


def test_unknown_name_has_did_you_mean():
    errs = _errors("unknown_name")
    assert [type(e) for e in errs] == [UnknownNameError]
    assert errs[0].message == (
        "Cell 'p90.t_memory' refers to unknown name 'gpu_a100.mem_bandwith'; did you mean 'gpu_a100.mem_bw'?"
    )


def test_unit_mismatch_reports_both_dimensions_and_formula():
    errs = _errors("unit_mismatch")
    assert all(isinstance(e, UnitError) for e in errs) and len(errs) == 2
    by_cell = {e.cells[0]: e.message for e in errs}
    assert by_cell["p90.t_memory"] == (
        "Cell 'p90.t_memory' is declared in 'GB' ([information]) but its formula "
        "'p90.weight_bytes / p90.mem_bw' has dimension [time]."
    )
    assert by_cell["p90.mixed_sum"] == (
        "Cell 'p90.mixed_sum': a sum mixes [information] with [information] / [time] "
        "in formula 'p90.weight_bytes + p90.mem_bw'."
    )


def test_duplicate_and_address_like_names():
    errs = _errors("duplicate")
    kinds = sorted(type(e).__name__ for e in errs)
    assert kinds == ["DuplicateNameError", "NameRuleError"]
    dup = next(e for e in errs if isinstance(e, DuplicateNameError))
    assert dup.cells == ("p90.alias",)
    bad = next(e for e in errs if isinstance(e, NameRuleError))
    assert bad.cells == ("p90.a100",)


def test_bounds_and_unused_input():
    errs = _errors("bad_bounds")
    assert sorted(type(e).__name__ for e in errs) == ["BoundsError", "UnusedInputError"]
    assert next(e for e in errs if isinstance(e, BoundsError)).message == (
        "Input 'p90.n_gpus' has default 0 outside its bounds [1, None] GPU."
    )
    assert next(e for e in errs if isinstance(e, UnusedInputError)).cells == ("p90.unused_input",)


def test_all_mistakes_of_several_sheets_come_together():
    errs = _errors("cyclic", "unknown_name", "unit_mismatch", "duplicate")
    rules = sorted({e.rule for e in errs})
    assert rules == ["bad name", "cycle", "duplicate name", "unit mismatch", "unknown name"]
    assert len(errs) == 6


def test_linking_a_calc_and_one_of_its_inputs_is_flagged():
    from model import Calc, Input, SheetDef
    from model.errors import LinkShadowError

    spec = SheetDef("spec_mlp", "spec", "spec", "", "", "", [
        ("width", Input(8, "neuron")), ("depth", Input(2, "layer")),
        ("size", Calc("width * depth", "neuron*layer")),
    ])
    prob = SheetDef("p97", "problem", "problem", "", "", "", [
        ("width", Input(link="spec_mlp.width", unit="neuron")),
        ("size", Input(link="spec_mlp.size", unit="neuron*layer")),
        ("per_width", Calc("size / width", "layer")),
    ])
    with pytest.raises(ModelDefinitionErrors) as info:
        build_graph([spec, prob])
    errs = info.value.errors
    assert [type(e) for e in errs] == [LinkShadowError]
    assert errs[0].cells == ("p97.size", "p97.width")
    assert "editing those here would never reach 'p97.size'" in errs[0].message.lower()
    # linking the calc alone, or computing it in the sheet, is fine
    ok = SheetDef("p97", "problem", "problem", "", "", "", [
        ("width", Input(link="spec_mlp.width", unit="neuron")),
        ("size", Calc("width * spec_mlp.depth", "neuron*layer")),
        ("per_width", Calc("size / width", "layer")),
    ])
    assert build_graph([spec, ok]).cell("p97.size").kind.value == "calc"


def test_built_graph_is_frozen_and_declarations_untouched():
    import dataclasses

    from model import Calc, Input, SheetDef, initial_values

    bad = Input("lots", "s")
    with pytest.raises(ModelDefinitionErrors):
        build_graph([SheetDef("frz", "frozen", "spec", "", "", "", [("bad_default", bad)])])
    assert bad.default == "lots"  # the sheet's own declaration is never rewritten
    g = build_graph([SheetDef("frz", "frozen", "spec", "", "", "", [("x_in", Input(2, "s")), ("y_out", Calc("x_in * 3", "s"))])])
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.order = ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.cells[0].default = 5.0
    assert initial_values(g) == (2.0, 6.0)
    assert str(g.cell("frz.y_out").expr) == "3*frz.x_in"  # rebuilt from the checked text after codegen


def test_verdict_tones_are_exposed_and_checked_at_build():
    from model import Calc, Input, SheetDef, Verdict

    def sheet(tones):
        return SheetDef("p99", "t", "problem", "", "", "", cells=[
            ("x", Input(3.0, "1", doc="x")), ("y", Calc("2 * x", "1", doc="y")),
            ("v", Verdict({"big": "y > 4"}, otherwise="small", doc="v", tones=tones))])

    specs = [d for d in load_sheets() if d.kind == "spec"]
    g = build_graph(specs + [sheet({"big": "good"})])
    assert g.cell("p99.v").tones == {"big": "good", "small": "neutral"}  # unnamed labels are neutral
    with pytest.raises(ModelDefinitionErrors) as info:
        build_graph(specs + [sheet({"huge": "good", "small": "amazing"})])
    msgs = [e.message for e in info.value.errors]
    assert any("unknown label 'huge'" in m and "'big', 'small'" in m for m in msgs)
    assert any("tone 'amazing'" in m and "good, bad, neutral" in m for m in msgs)


def test_every_verdict_in_every_sheet_declares_a_tone_for_each_label():
    for sd in load_sheets():
        for name, decl in sd.cells:
            if decl.kind.value == "verdict":
                assert set(decl.tones) == set(decl.labels), f"{sd.id}.{name}"
