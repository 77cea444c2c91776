"""p40 — dynamic batching under 20 ms: the table by hand, operating point, verdicts both sides."""

import pytest
from sheet_helpers import boundary

ROWS = {1: 5.0, 4: 7.2, 8: 9.1, 16: 14.0, 32: 25.0}  # batch -> ms for the whole batch
WINDOW = 5.0


def worst(b):
    return ROWS[b] + (WINDOW if b > 1 else 0)  # ms


def service(b):
    return b / worst(b) * 1e3  # request/s


def test_seed_figures(model):
    assert model.value("p40.batch_b1") == 1  # B = 1
    assert model.value("p40.util_b1") == 15  # 15 percent utilization
    assert model.value("p40.latency_slo") == 20  # 20 ms budget


def test_table_by_hand(model):
    v = model.value
    for b, ms in ROWS.items():
        assert v(f"p40.gpu_throughput_b{b}") == pytest.approx(b / ms * 1e3)
        assert v(f"p40.per_request_b{b}") == pytest.approx(ms / b)
        assert round(v(f"p40.worst_latency_b{b}"), 1) == round(worst(b), 1)
        assert round(v(f"p40.service_throughput_b{b}")) == round(service(b))
        assert v(f"p40.gain_b{b}") == pytest.approx(service(b) / service(1))
        assert v(f"p40.fill_time_b{b}") == pytest.approx(b / 2000 * 1e3)


def test_book_batch_32_illustration(model):
    assert model.value("p40.worst_latency_b32_alt") == pytest.approx(10 + 25)  # 35 ms with a 10 ms window
    assert round(model.value("p40.raw_gain_b32"), 1) == round((32 / 25) / (1 / 5), 1)  # 6.4x


def test_operating_point_at_defaults(model):
    # 2,000 request/s fill a batch of 8 in 4 ms, but a batch of 16 needs 8 ms > the 5 ms window
    v = model.value
    assert v("p40.best_batch") == 8
    assert round(v("p40.best_gain"), 1) == round(service(8) / service(1), 1)  # 2.8x
    assert v("p40.best_util") == 65
    assert v("p40.verdict_batch") == "serve at batch 8 with the batching window"


def test_enough_traffic_gives_batch_16(model):
    edge = 16 / (WINDOW / 1e3)  # request/s to fill 16 within 5 ms: 3,200
    model.set("p40.arrival_rate", edge * 0.99)
    assert model.value("p40.verdict_batch") == "serve at batch 8 with the batching window"
    model.set("p40.arrival_rate", edge * 1.01)
    assert model.value("p40.verdict_batch") == "serve at batch 16 with the batching window"
    assert round(model.value("p40.best_gain"), 1) == round(service(16) / service(1), 1)  # 4.2x
    assert model.value("p40.best_util") == 85


def test_slo_decides_between_16_and_8(model):
    model.set("p40.arrival_rate", 10_000)
    model.set("p40.latency_slo", worst(16) - 0.1)
    assert model.value("p40.verdict_batch") == "serve at batch 8 with the batching window"
    model.set("p40.latency_slo", worst(16) + 0.1)
    assert model.value("p40.verdict_batch") == "serve at batch 16 with the batching window"
    model.set("p40.latency_slo", worst(32) + 0.1)
    assert model.value("p40.verdict_batch") == "serve at batch 32 with the batching window"


def test_nothing_fits_a_tiny_budget(model):
    model.set("p40.latency_slo", 4)
    assert model.value("p40.best_batch") == 0
    assert model.value("p40.verdict_batch") == "no batch size meets the SLO"
    model.set("p40.latency_slo", 5.1)
    assert model.value("p40.verdict_batch") == "serve at batch 1 (no batching)"


@pytest.mark.parametrize("b", sorted(ROWS))
def test_row_verdicts_flip_at_the_budget(model, b):
    edge = boundary(model, f"p40.verdict_slo_b{b}", "p40.latency_slo")
    assert edge == pytest.approx(worst(b))
    model.set("p40.latency_slo", edge + 0.1)
    assert model.value(f"p40.verdict_slo_b{b}") == "meets SLO"
    model.set("p40.latency_slo", edge - 0.1)
    assert model.value(f"p40.verdict_slo_b{b}") == "violates SLO"


def test_launch_overhead(model):
    assert model.value("p40.launch_overhead") == pytest.approx(15e-3 * 50)  # ms
    assert model.value("p40.launch_share_b1") == pytest.approx(15e-3 * 50 / 5 * 100)
