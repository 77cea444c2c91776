"""The one graph walk, `closure`: reach along parents or children, stopping where told."""

from model import closure
from model.graph import children_of

#   0 -> 1 -> 3 -> 4
#   0 -> 2 -> 3          (parents[i] lists what cell i reads)
PARENTS = [[], [0], [0], [1, 2], [3]]
CHILDREN = children_of(PARENTS)


def test_walks_down_and_up():
    assert closure([0], CHILDREN) == {1, 2, 3, 4}
    assert closure([4], PARENTS) == {3, 1, 2, 0}
    assert closure([3], PARENTS, include_start=True) == {3, 1, 2, 0}
    assert closure([], CHILDREN) == set()


def test_stop_nodes_are_reached_but_not_walked_past():
    assert closure([0], CHILDREN, stop={1}) == {1, 2, 3, 4}  # 3 is still reached through 2
    assert closure([0], CHILDREN, stop={1, 2}) == {1, 2}
    assert closure([4], PARENTS, stop=lambda i: i == 3) == {3}


def test_engine_and_analysis_agree_on_what_an_override_hides():
    from model import Calc, Input, Model, SheetDef, build_graph

    g = build_graph([SheetDef("w", "walk", "spec", "", "", "", [
        ("aa", Input(1.0)), ("bb", Input(link="w.aa")), ("cc", Calc("bb * 2")), ("dd", Calc("aa + cc")),
    ])])
    m = Model(g)
    assert m.downstream("w.aa") == ["w.bb", "w.cc", "w.dd"]
    m.set("w.bb", 5.0)  # bb is an overridden link now: editing aa must not reach cc
    m.set("w.aa", 3.0)
    assert m.last_recomputed == ("w.dd",)
    assert m.value("w.cc") == 10.0 and m.value("w.dd") == 13.0
