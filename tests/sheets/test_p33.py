"""p33 — speed-of-light limit on chip: hand-worked delays, verdict on both sides."""

import pytest
from sheet_helpers import boundary


def test_by_hand(model):
    v = model.value
    wire_ps = 20e-3 / (0.5 * 3e8) * 1e12  # 133 ps
    period_ps = 1 / 2e9 * 1e12  # 500 ps
    assert round(v("p33.wire_delay")) == round(wire_ps)
    assert round(v("p33.clock_period")) == round(period_ps)
    assert v("p33.crossing_share") == pytest.approx(wire_ps / period_ps * 100)
    assert v("p33.hbm_latency") == pytest.approx(100 * period_ps / 1e3)  # 50 ns
    assert v("p33.fetch_cycles") == pytest.approx(100 + wire_ps / period_ps)
    assert v("p33.reach_per_cycle") == pytest.approx(0.5 * 3e8 * 500e-12 * 1e3)  # 75 mm
    assert v("p33.die_edge") == pytest.approx(700 ** 0.5)
    assert v("p33.dram_vs_sram") == pytest.approx(640 / 0.5)
    assert v("p33.dram_vs_int8_add") == pytest.approx(640 / 0.03)


def test_sram_alternative_reading(model):
    model.set("p33.sram_access_energy", 5)  # the ratio the section's prose implies
    assert model.value("p33.dram_vs_sram") == pytest.approx(128)


def test_verdict_both_sides(model):
    assert model.value("p33.verdict_memory") == "operands must live on chip (registers / SRAM, with reuse)"
    edge = boundary(model, "p33.verdict_memory", "p33.hbm_latency_cycles")
    # DRAM access plus the die crossing must fit in one 500 ps cycle: (500 - 133.3) / 500 cycles
    assert edge == pytest.approx((500 - 20e-3 / 1.5e8 * 1e12) / 500)
    model.set("p33.hbm_latency_cycles", edge - 0.01)
    assert model.value("p33.verdict_memory") == "direct HBM fetch could keep up"
    model.set("p33.hbm_latency_cycles", edge + 0.01)
    assert model.value("p33.verdict_memory") == "operands must live on chip (registers / SRAM, with reuse)"


def test_distance_alone_flips_the_verdict(model):
    # even with an instant DRAM, a path longer than one cycle's reach (75 mm) cannot keep up
    model.set("p33.hbm_latency_cycles", 0)
    edge = boundary(model, "p33.verdict_memory", "p33.path_length")
    assert edge == pytest.approx(0.5 * 3e8 * 500e-12 * 1e3)  # mm
    model.set("p33.path_length", edge * 0.99)
    assert model.value("p33.verdict_memory") == "direct HBM fetch could keep up"
    model.set("p33.path_length", edge * 1.01)
    assert model.value("p33.verdict_memory") == "operands must live on chip (registers / SRAM, with reuse)"
