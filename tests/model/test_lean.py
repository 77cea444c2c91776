"""Start fast, stay lean (#16): the pint-free unit parser, the fast unparse, the graph's disk cache
and the edit hot path give exactly what the slow, general paths give."""

from __future__ import annotations

import ast
import math
import random
import re
from pathlib import Path

import pytest

from model import Calc, Input, InputError, Model, SheetDef, Verdict, build_graph, graphcache, initial_values
from model.formula import parse_formula, unparse
from model.units import _normalise, _pint_parse, fast_parse, parse_unit
from sheets import load_sheets, sheet_files

ROOT = Path(__file__).resolve().parents[2]

EXTRA_UNITS = [
    'tokens', 'GPUs', 'images', 'ms', 'us', 'ns', 'kB', 'KiB/s', 'GiB', 'TB/s', 'mJ/MB', 'W*h', 'kW',
    'kWh/day', 'USD/(core*h)', 's**-1', 's^2', 's**0.5', '1/s', 'µs', 'μs', 'Gbps', 'bps', 'tCO2e',
    'kgCO2e/kWh', 'gCO2/kWh', 'MACs/token', 'OPS', 'TOPS/W', 'percent', '%', 'pp', 'degC/s', 'flop',
    'FLOPs/s', 'dollar/h', 'hr', 'min/h', 'd/yr', 'wk', 'sec', 'metre', 'km/h', 'Hz', 'MHz', 'GHz', 'mW',
    'kg', 'g', 't', 'h*GPU', 'GPU*h/day', 'req/s', 'img/s', 'pixel/s', 'parameter', 'B/param/token',
    'USD/TB/month', 'KB', 'Kbit', 'Kbit/s', 'EFLOP', 'PFLOP/s/W', 'meters', 'tokens/s', 'hours', 'days',
]


def _sheet_units() -> set[str]:
    found = set()
    for sd in load_sheets():
        for _, decl in sd.cells:
            found.add(decl.unit)
    return found


@pytest.mark.parametrize("text", sorted(_sheet_units() | set(EXTRA_UNITS)))
def test_fast_unit_parser_agrees_with_pint_to_the_last_bit(text):
    norm = _normalise(text)
    if norm in ("", "1", "-"):
        return
    fast = fast_parse(norm)
    assert fast is not None, f"{text!r} fell back to pint"
    ref = _pint_parse(text, norm)
    assert fast[1] == ref.dims
    assert fast[0] == ref.factor and repr(fast[0]) == repr(ref.factor)


@pytest.mark.parametrize("text", ["kW h", "2 GB", "1000/s", "furlong", "GB/", "(GB", "s**x", "mss"])
def test_fast_unit_parser_leaves_the_rest_to_pint(text):
    assert fast_parse(_normalise(text)) is None


def test_unknown_unit_is_still_worded_by_pint():
    with pytest.raises(Exception, match="Unknown unit 'furlong'"):
        parse_unit("furlong")


def test_fast_unparse_equals_ast_unparse_on_every_sheet_formula_and_generated_ones():
    n = 0
    for sd in load_sheets():
        for short, decl in sd.cells:
            texts = [decl.formula] if isinstance(decl, Calc) else list(decl.cases.values()) if isinstance(decl, Verdict) else []
            for t in texts:
                tree = parse_formula(t, sheet=sd.id, cell=f"{sd.id}.{short}").tree
                assert unparse(tree) == ast.unparse(tree), t
                n += 1
    assert n > 700
    rnd = random.Random(7)

    def gen(d: int) -> str:
        r = rnd.random()
        if d > 4 or r < 0.2:
            return rnd.choice(["a", "b.c", "1", "2.5", "0.001", "1e-09", "3", "1e300"])
        if r < 0.6:
            op = rnd.choice(["+", "-", "*", "/", "**"])
            return f"{gen(d + 1)} {op} {gen(d + 1)}" if rnd.random() < 0.5 else f"({gen(d + 1)} {op} {gen(d + 1)})"
        if r < 0.7:
            return f"-{gen(d + 1)}" if rnd.random() < 0.5 else f"+({gen(d + 1)})"
        if r < 0.8:
            return f"Max({gen(d + 1)}, {gen(d + 1)})"
        if r < 0.9:
            return f"{gen(d + 1)} {rnd.choice(['<', '<=', '>', '>='])} {gen(d + 1)}"
        return f"if_({gen(d + 1)} > {gen(d + 1)} and not {gen(d + 1)} < 0, {gen(d + 1)}, {gen(d + 1)})"

    for _ in range(3000):
        tree = ast.parse(gen(0), mode="eval").body
        assert unparse(tree) == ast.unparse(tree)


# ---- disk cache ------------------------------------------------------------------------------
def _sheets_small() -> list[SheetDef]:
    return [SheetDef("tiny", "Tiny", "spec", "", "", "", [
        ("a", Input(2.0, "GB", doc="a")), ("bw", Input(4.0, "GB/s", doc="bw")),
        ("t", Calc("a / bw", "ms", doc="t")), ("v", Verdict({"slow": "t > 400 * ms_unit"}, "fast", doc="v")),
        ("ms_unit", Input(1.0, "ms", doc="one ms")),
    ])]


def _same_graph(g1, g2) -> None:
    assert [c.name for c in g1.cells] == [c.name for c in g2.cells]
    assert initial_values(g1) == initial_values(g2) and g1.order == g2.order and g1.parents == g2.parents
    assert [c.formula for c in g1.cells] == [c.formula for c in g2.cells]
    assert [c.unit for c in g1.cells] == [c.unit for c in g2.cells]
    m1, m2 = Model(g1), Model(g2)
    for m in (m1, m2):
        m.set(g1.cells[0].name, 3.5)
    assert m1._values == m2._values


def test_cache_round_trip_stale_and_corrupt_files_are_rebuilt_silently(tmp_path, monkeypatch):
    monkeypatch.setenv("NAPKIN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NAPKIN_NO_CACHE", raising=False)
    src = tmp_path / "sheet.py"
    src.write_text("x = 1\n")
    builds = []

    def build():
        builds.append(1)
        return build_graph(_sheets_small())

    g1 = graphcache.cached_graph([src], build, name="t")
    g2 = graphcache.cached_graph([src], build, name="t")
    assert len(builds) == 1  # the second came from disk
    assert g2 is not g1
    _same_graph(g1, g2)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    src.write_text("x = 2\n")  # a sheet file changed: stale, rebuilt
    graphcache.cached_graph([src], build, name="t")
    assert len(builds) == 2
    graphcache.cached_graph([src], build, name="t")
    assert len(builds) == 2

    cache_file = tmp_path / "graph-t.bin"
    data = cache_file.read_bytes()
    cache_file.write_bytes(data[:-100])  # truncated
    _same_graph(g1, graphcache.cached_graph([src], build, name="t"))
    assert len(builds) == 3
    data = bytearray(cache_file.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: the checksum refuses it
    cache_file.write_bytes(bytes(data))
    graphcache.cached_graph([src], build, name="t")
    assert len(builds) == 4
    cache_file.write_bytes(b"garbage")
    graphcache.cached_graph([src], build, name="t")
    assert len(builds) == 5


def test_cache_off_and_unwritable_folder_still_build(tmp_path, monkeypatch):
    monkeypatch.setenv("NAPKIN_NO_CACHE", "1")
    assert graphcache.cache_dir() is None
    g = graphcache.cached_graph([], lambda: build_graph(_sheets_small()), name="t")
    assert len(g.cells) == 5
    monkeypatch.delenv("NAPKIN_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("NAPKIN_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    g = graphcache.cached_graph([], lambda: build_graph(_sheets_small()), name="t")
    assert len(g.cells) == 5


def test_builtin_graph_from_cache_equals_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setenv("NAPKIN_CACHE_DIR", str(tmp_path))
    fresh = build_graph(load_sheets())
    graphcache.cached_graph(sheet_files(), lambda: fresh, name="builtin")
    cached = graphcache.cached_graph(sheet_files(), lambda: pytest.fail("should load from disk"), name="builtin")
    _same_graph(fresh, cached)
    assert cached.source == fresh.source
    # SymPy objects are built on first use and are the same expressions
    c = cached.cell("p03.t_memory_gpu")
    assert c.expr == fresh.cell("p03.t_memory_gpu").expr
    assert cached.cell("cal.seconds_per_day").constant and not cached.cell("p01.n_gpus").constant


# ---- edit hot path ----------------------------------------------------------------------------
def _chain() -> Model:
    cells = [("x", Input(1.0, "s", doc="x", lo=None)), ("d", Input(1.0, "s", doc="d")),
             ("q", Calc("x / d", "1", doc="q")), ("dbl", Calc("q * 2", "1", doc="dbl")),
             ("big", Calc("exp(q * 100)", "1", doc="big")), ("same", Calc("Max(q, 5)", "1", doc="same")),
             ("huge", Calc("q * 1e300", "1", doc="huge"))]
    return Model(build_graph([SheetDef("c", "C", "spec", "", "", "", cells)]))


def test_fast_set_returns_what_changed_and_stays_right_after_later_edits():
    m = _chain()
    seen = []
    first = m.set("c.x", 2.0)
    assert first == {"c.x", "c.q", "c.dbl", "c.big", "c.huge"}  # c.same stays 5
    assert {"c.x", "c.q", "c.dbl", "c.big", "c.huge"} == first and "c.same" not in first and len(first) == 5
    assert m.last_recomputed == ("c.q", "c.dbl", "c.big", "c.same", "c.huge")
    assert first.union({"z"}) == first | {"z"} and first.issubset(first | {"z"})
    second = m.set("c.x", 2.0)
    assert second == frozenset()
    assert first == {"c.x", "c.q", "c.dbl", "c.big", "c.huge"}  # still the first edit's answer
    stop = m.observe(seen.append)
    third = m.set("c.x", 3.0)
    assert isinstance(third, frozenset) and seen == [third]
    stop()


def test_fast_path_errors_match_the_general_path():
    fast, slow = _chain(), _chain()
    fast.set("c.d", 0.0)  # plain number: fast path
    slow.set_many({"c.d": "0 s"})  # text: general path
    for name in ("c.q", "c.dbl", "c.big", "c.same", "c.huge"):
        assert str(fast.error(name)) == str(slow.error(name))
        assert fast.error(name) is not None
    fast.set("c.d", 1.0)
    assert fast.error("c.q") is None and fast.value("c.dbl") == pytest.approx(2.0)
    fast.set("c.x", 10.0)  # exp(1000) overflows: a cell error, not a crash
    assert "overflow" in str(fast.error("c.big")) and fast.value("c.dbl") == 20.0
    fast.reset()
    fast.set("c.x", 1e9)  # q * 1e300 is inf without an exception: caught after the loop
    slow.set_many({"c.d": 1.0, "c.x": "1e9 s"})
    assert str(fast.error("c.huge")) == str(slow.error("c.huge")) == "result is not finite"
    assert fast.value("c.dbl") == slow.value("c.dbl") == 2e9


@pytest.mark.parametrize("value", [-1.0, math.inf, math.nan, 2.5, 0, -3])
def test_fast_path_refusals_word_the_same_error(value):
    m = Model(build_graph([SheetDef("b", "B", "spec", "", "", "", [
        ("n", Input(4, "GPU", doc="n", lo=1, integer=True)), ("y", Calc("n * 2", "GPU", doc="y"))])]))
    with pytest.raises(InputError) as fast:
        m.set("b.n", value)
    with pytest.raises(InputError) as slow:
        m.set_many({"b.n": value})
    assert str(fast.value) == str(slow.value)
    assert m.value("b.n") == 4 and m.value("b.y") == 8


def test_random_edits_fast_and_general_paths_agree():
    g = build_graph(load_sheets())
    fast, slow = Model(g), Model(g)
    rnd = random.Random(3)
    names = [c.name for c in g.cells if c.kind.value == "input" and c.link is None and not c.decl.integer]
    for _ in range(300):
        name = rnd.choice(names)
        v = fast.value(name) * rnd.choice([0.5, 0.9, 1.1, 2.0]) if fast.value(name) else rnd.choice([0.0, 1.0])
        try:
            a = fast.set(name, v)
        except InputError:
            with pytest.raises(InputError):
                slow.set_many({name: str(v)})
            continue
        b = slow.set_many({name: str(v)})
        assert set(a) <= set(b) | {name} and set(b) - set(a) <= {name}
    assert fast._values == pytest.approx(slow._values, nan_ok=True, rel=1e-12)
    assert {k: str(v) for k, v in fast._errors.items()} == {k: str(v) for k, v in slow._errors.items()}


def test_constant_flag_is_on_the_built_cell():
    g = build_graph(load_sheets())
    constants = sorted(c.name for c in g.cells if c.constant)
    assert "cal.seconds_per_day" in constants and "p19.ops_per_mac" in constants
    assert all(re.match(r"^(cal|phys|p19)\.", n) for n in constants)
