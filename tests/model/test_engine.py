"""Reactive evaluation on tiny graphs: values, recompute sets, batches, observers, error flow."""


import pytest

from model import Calc, Input, InputError, Model, SheetDef, State, Verdict, build_graph


def _graph(*cells, sid="tiny"):
    return build_graph([SheetDef(sid, "tiny", "spec", "", "", "", list(cells))], check_unused=False)


# a --> b --> cc,  a --> cc --> f,  d --> e
def tiny():
    return _graph(
        ("a", Input(2, "1", doc="a")),
        ("b", Calc("a * 3", "1", doc="b")),
        ("cc", Calc("a + b", "1", doc="c")),
        ("d", Input(10, "ms", doc="d")),
        ("e", Calc("d * 2", "s", doc="e")),
        ("f", Verdict({"big": "cc > 10"}, otherwise="small", doc="f")),
    )


def test_parent_and_child_maps():
    g = tiny()

    def names(ids):
        return sorted(g.cells[i].name.split(".")[1] for i in ids)

    assert {c.short: names(g.parents[c.index]) for c in g.cells} == {
        "a": [], "b": ["a"], "cc": ["a", "b"], "d": [], "e": ["d"], "f": ["cc"]}
    assert {c.short: names(g.children[c.index]) for c in g.cells} == {
        "a": ["b", "cc"], "b": ["cc"], "cc": ["f"], "d": ["e"], "e": [], "f": []}


def test_values_in_display_units():
    m = Model(tiny())
    assert m.value("tiny.cc") == 8.0  # 2 + 6
    assert m.value("tiny.e") == pytest.approx(0.02)  # 2 x 10 ms in s
    assert m.si_value("tiny.d") == pytest.approx(0.01)
    assert m.value("tiny.f") == "small"


def test_edit_recomputes_only_descendants_and_notifies_once():
    m = Model(tiny())
    seen = []
    m.observe(seen.append)
    changed = m.set("tiny.a", 4)
    assert m.last_recomputed == ("tiny.b", "tiny.cc", "tiny.f")  # not e
    assert changed == {"tiny.a", "tiny.b", "tiny.cc", "tiny.f"}
    assert seen == [changed]
    assert m.value("tiny.cc") == 16.0 and m.value("tiny.f") == "big"


def test_unit_text_is_converted():
    m = Model(tiny())
    m.set("tiny.d", "0.5 s")
    assert m.value("tiny.d") == pytest.approx(500.0)
    assert m.value("tiny.e") == pytest.approx(1.0)


def test_batch_applies_once_and_discards_on_error():
    m = Model(tiny())
    seen = []
    m.observe(seen.append)
    with m.batch():
        m.set("tiny.a", 1)
        m.set("tiny.d", 1)
        assert m.value("tiny.a") == 2.0  # not applied yet
    assert len(seen) == 1 and seen[0] == {"tiny.a", "tiny.b", "tiny.cc", "tiny.d", "tiny.e"}
    with pytest.raises(InputError), m.batch():
        m.set("tiny.a", 7)
        m.set("tiny.d", "oops")
    assert m.value("tiny.a") == 1.0 and len(seen) == 1


def test_set_many_validates_all_before_changing_anything():
    m = Model(tiny())
    with pytest.raises(InputError) as info:
        m.set_many({"tiny.a": 5, "tiny.d": "3 GB"})
    assert info.value.cell == "tiny.d" and info.value.rule == "wrong dimension"
    assert m.value("tiny.a") == 2.0 and m.overrides() == {}


@pytest.mark.parametrize("value, rule, message", [
    ("3 GB", "wrong dimension", "Input 'tiny.d' is in ms ([time]); '3 GB' has dimension [information]. Give a value like '10 ms'."),
    (-1, "below lower bound", "Input 'tiny.d' must be at least 0 ms, not -1."),
    ("nan", "not finite", "Input 'tiny.d' must be a finite number, not 'nan'."),
    (float("inf"), "not finite", "Input 'tiny.d' must be a finite number, not inf."),
    ("ten", "not a number", "Input 'tiny.d' needs a number, optionally with a unit (e.g. '10 ms'); got 'ten'."),
    ("__import__('os').system('touch /tmp/pwned')", "not a number",
     "Input 'tiny.d' needs a number, optionally with a unit (e.g. '10 ms'); got \"__import__('os').system('touch /tmp/pwn…\"."),
    ("5 parsecs", "unknown unit", None),
    (True, "not a number", "Input 'tiny.d' needs a number, not bool True."),
])
def test_bad_values_are_refused_with_clear_messages(value, rule, message):
    m = Model(tiny())
    with pytest.raises(InputError) as info:
        m.set("tiny.d", value)
    assert info.value.rule == rule
    if message:
        assert str(info.value) == message
    assert m.value("tiny.d") == 10.0


def test_unknown_cell_and_calc_are_refused():
    m = Model(tiny())
    with pytest.raises(InputError, match=r"Unknown cell 'tiny.bb'; did you mean 'tiny.b'\?"):
        m.set("tiny.bb", 1)
    msg = r"Cell 'tiny.cc' is a calc computed from its formula; only inputs can be set \(its inputs: tiny.a\)"
    with pytest.raises(InputError, match=msg):
        m.set("tiny.cc", 1)


def test_bounds_integer_and_strict():
    g = _graph(("n", Input(4, "GPU", doc="n", lo=1, hi=8, integer=True)),
               ("eta", Input(0.5, "1", doc="eta", hi=1, strict_lo=True)),
               ("y", Calc("n * eta", "1", doc="y")))
    m = Model(g)
    for name, v, msg in [("tiny.n", 9, "must be at most 8 GPU, not 9"), ("tiny.n", 2.5, "must be a whole number, not 2.5"),
                         ("tiny.eta", 0, "must be above 0, not 0")]:
        with pytest.raises(InputError, match=msg):
            m.set(name, v)
    m.set("tiny.n", "8 GPU")
    assert m.value("tiny.y") == 4.0


# a --> inv --> double, a --> logged
def test_errors_are_cell_state_and_flow_downstream():
    g = _graph(("a", Input(2, "1", doc="a", lo=None)),
               ("inv", Calc("1 / a", "1", doc="inv")),
               ("double", Calc("inv * 2", "1", doc="double")),
               ("logged", Calc("log(a)", "1", doc="logged")),
               ("other", Input(3, "1", doc="other")),
               ("fine", Calc("other * 2", "1", doc="fine")))
    m = Model(g)
    m.set("tiny.a", 0)
    assert m.state("tiny.inv") is State.ERROR
    assert str(m.error("tiny.inv")) == "division by zero"
    assert str(m.error("tiny.double")) == "blocked by 'tiny.inv': division by zero"
    assert m.error("tiny.double").origin == "tiny.inv"
    assert m.value("tiny.double") is None
    assert str(m.error("tiny.logged")).startswith("math domain error")
    assert m.value("tiny.fine") == 6.0 and m.state("tiny.fine") is State.OK
    m.set("tiny.a", -4)
    assert m.value("tiny.double") == -0.5 and m.error("tiny.double") is None


def test_linked_input_follows_until_overridden_then_reset():
    g = build_graph([
        SheetDef("spec", "s", "spec", "", "", "", [("bw", Input(2000, "GB/s", doc="bw"))]),
        SheetDef("p98", "p", "problem", "", "", "", [
            ("bw_used", Input(link="spec.bw", unit="TB/s", doc="linked")),
            ("t_read", Calc("1 / bw_used", "s/TB", doc="t")),
        ]),
    ])
    m = Model(g)
    assert m.value("p98.bw_used") == pytest.approx(2.0)
    m.set("spec.bw", 1000)
    assert m.value("p98.t_read") == pytest.approx(1.0)
    m.set("p98.bw_used", 4)
    assert m.is_overridden("p98.bw_used")
    m.set("spec.bw", 3000)
    assert m.value("p98.bw_used") == 4.0 and m.last_recomputed == ()
    m.reset(["p98.bw_used"])
    assert m.value("p98.bw_used") == pytest.approx(3.0)
    assert m.value("p98.t_read") == pytest.approx(1 / 3)


def test_sessions_are_independent():
    g = tiny()
    m1, m2 = Model(g), Model(g)
    m1.set("tiny.a", 100)
    assert m2.value("tiny.a") == 2.0 and m2.value("tiny.cc") == 8.0


def test_p03_memory_bandwidth_edit_touches_only_its_dependents(graph):
    m = Model(graph)
    expected = set(m.downstream("gpu_a100.mem_bw"))
    m.set("gpu_a100.mem_bw", "1.0 TB/s")
    recomputed = set(m.last_recomputed)
    assert recomputed == expected
    # nothing outside what reads the bandwidth, e.g. not the compute term
    assert "p03.t_compute_gpu" not in recomputed and "p01.days_base" not in recomputed
    assert {"p03.t_memory_gpu", "p03.latency_gpu", "p03.verdict_gpu", "gpu_a100.ridge_fp16"} <= recomputed
    assert m.value("p03.t_memory_gpu") == pytest.approx(25.6e6 * 2 / 1.0e12 * 1e3)
    assert m.value("p03.ridge_gpu") == pytest.approx(312.0)


def test_editing_a_link_and_its_target_together_keeps_the_override():
    g = build_graph([
        SheetDef("spec", "s", "spec", "", "", "", [("bw", Input(2000, "GB/s", doc="bw"))]),
        SheetDef("p98", "p", "problem", "", "", "", [
            ("bw_used", Input(link="spec.bw", unit="GB/s", doc="linked")),
            ("t_read", Calc("1 / bw_used", "s/GB", doc="t")),
        ]),
    ])
    m = Model(g)
    m.set_many({"spec.bw": 1000, "p98.bw_used": 500})
    assert m.value("p98.bw_used") == 500.0
    assert m.value("p98.t_read") == pytest.approx(1 / 500)
    m.set_many({"spec.bw": 4000})
    assert m.value("p98.bw_used") == 500.0
