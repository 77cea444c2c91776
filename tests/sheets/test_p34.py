"""p34 — batch-1 GPT-2 on an A100: roofline by hand, verdict on both sides of the ridge."""

import pytest
from sheet_helpers import boundary

RIDGE = 312e12 / 2039e9  # FLOP/byte
INTENSITY = (2 * 1.5e9 * 1) / (1.5e9 * 2)  # FLOP per weight byte at batch 1


def test_seed_figures(model):
    assert round(model.value("p34.ridge_gpu")) == 153  # spec sheet: ridge 153 FLOP/byte
    assert model.value("p34.batch") == 1


def test_by_hand(model):
    v = model.value
    assert v("p34.bytes_per_step") == pytest.approx(1.5e9 * 2 / 1e9)  # 3 GB
    assert v("p34.flops_per_step") == pytest.approx(2 * 1.5e9 / 1e9)  # 3 GFLOP
    assert v("p34.intensity_gpu") == pytest.approx(INTENSITY)  # 1 FLOP/byte
    assert v("p34.ridge_fp32") == pytest.approx(19.5e12 / 2039e9)
    assert v("p34.attainable") == pytest.approx(INTENSITY * 2039e9 / 1e12)  # TFLOP/s
    util = INTENSITY * 2039e9 / 312e12 * 100  # percent
    assert round(v("p34.utilization"), 1) == round(util, 1)  # 0.7 %
    assert v("p34.t_step") == pytest.approx(3e9 / 2039e9 * 1e3)  # ms
    assert v("p34.batch_at_ridge") == pytest.approx(RIDGE * 2 / 2)
    assert v("p34.idle_capital") == pytest.approx(15_000 * (1 - util / 100))


def test_roofline_cells_named_for_the_chart(graph):
    # the dashboard draws a roof from intensity<S>, ridge<S>, peak<S>, mem_bw<S> sharing a suffix
    from model import parse_unit

    want = {"intensity_gpu": "FLOP/byte", "ridge_gpu": "FLOP/byte", "peak_gpu": "FLOP/s", "mem_bw_gpu": "B/s"}
    for short, unit in want.items():
        assert graph.cell(f"p34.{short}").unit.dims == parse_unit(unit).dims


def test_verdict_flips_at_ridge_batch(model):
    assert model.value("p34.verdict_bound") == "memory-bound"
    edge = boundary(model, "p34.verdict_bound", "p34.batch")
    assert edge == pytest.approx(RIDGE * 2 / 2)  # ~153 sequences
    model.set("p34.batch", edge * 0.99)
    assert model.value("p34.verdict_bound") == "memory-bound"
    model.set("p34.batch", edge * 1.01)
    assert model.value("p34.verdict_bound") == "compute-bound"
    assert model.value("p34.utilization") == pytest.approx(100)  # the compute ceiling caps it
