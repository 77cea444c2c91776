"""p15: gather 1 TB to one node (A) or reduce on each of 100 nodes (B)."""

import pytest
from sheet_helpers import boundary

TB = 1e12
GB = 1e9


def test_option_a_by_hand(model):
    t_gather = 1 * TB / (10 * GB)  # 100 s over the 10 GB/s gather link
    assert model.value("p15.t_gather") == pytest.approx(t_gather)
    assert model.value("p15.t_option_a_low") == pytest.approx(t_gather + TB / (50 * GB))  # 120 s
    assert model.value("p15.t_option_a_high") == pytest.approx(t_gather + TB / (200 * GB))  # 105 s
    assert round(model.value("p15.t_option_a_low")) == 120
    assert round(model.value("p15.t_option_a_high")) == 105


def test_option_b_by_hand(model):
    per_node = TB / 100  # 10 GB each
    t_send = 100 * 8 / (10 * GB)  # 800 B of partial means
    assert model.value("p15.per_node") == pytest.approx(per_node / GB)
    assert model.value("p15.partials_bytes") == pytest.approx(800)
    assert model.value("p15.t_send") == pytest.approx(t_send * 1e9)  # ns
    b_low = per_node / (50 * GB) + t_send
    b_high = per_node / (200 * GB) + t_send
    assert model.value("p15.t_option_b_low") == pytest.approx(b_low)
    assert model.value("p15.t_option_b_high") == pytest.approx(b_high)
    assert round(model.value("p15.t_option_b_low"), 2) == 0.20
    assert round(model.value("p15.t_option_b_high"), 2) == 0.05


def test_speedup_range_by_hand(model):
    t_send = 800 / (10 * GB)
    assert model.value("p15.speedup_min") == pytest.approx(105 / (0.2 + t_send))  # ≈ 525×
    assert model.value("p15.speedup_max") == pytest.approx(120 / (0.05 + t_send))  # ≈ 2,400×
    # "hundreds to thousands of times faster"
    assert 100 <= model.value("p15.speedup_min") < 1000 <= model.value("p15.speedup_max")


def test_seed_givens(model):
    assert model.value("p15.total_data") == 1
    assert model.value("p15.n_nodes") == 100


def test_verdict_default(model):
    assert model.value("p15.verdict_strategy") == "aggregate locally (B)"


def test_verdict_flips_on_aggregation_cost(model):
    # B loses only if combining the partials took longer than A's lead in the closer column.
    x = boundary(model, "p15.verdict_strategy", "p15.aggregate_time")
    t_send = 800 / (10 * GB)
    assert x == pytest.approx(105 - 0.05 - t_send)  # high-memory-speed column is the closer one
    model.set("p15.aggregate_time", x * 0.99)
    assert model.value("p15.verdict_strategy") == "aggregate locally (B)"
    model.set("p15.aggregate_time", x * 1.01)
    assert model.value("p15.verdict_strategy") == "gather centrally (A)"


def test_verdict_flips_on_partial_size(model):
    # Shipping huge "partials" (e.g. an expanding operation such as a join) erases B's advantage.
    x = boundary(model, "p15.verdict_strategy", "p15.partial_size")
    # 0.05 s + 100 · x / (10 GB/s) = 105 s  →  x ≈ 10.5 GB per node: a "partial" as big as the shard
    assert x == pytest.approx((105 - 0.05) * 10 * GB / 100)  # B/node
    model.set("p15.partial_size", x * 0.99)
    assert model.value("p15.verdict_strategy") == "aggregate locally (B)"
    model.set("p15.partial_size", x * 1.01)
    assert model.value("p15.verdict_strategy") == "gather centrally (A)"
