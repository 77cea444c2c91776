"""p31 — 7B LLM on 16 GB: footprints and decode speed by hand, every verdict on both sides."""

import pytest
from sheet_helpers import boundary

W16 = 7e9 * 2 / 1e9  # GB of FP16 weights
W4 = 7e9 * 0.5 / 1e9  # GB of INT4 weights


def test_seed_figures(model):
    assert model.value("p31.n_params") == pytest.approx(7e9)  # 7 B parameters
    assert model.value("p31.device_ram") == 16  # 16 GB RAM
    assert model.value("p31.bytes_fp16") == 2  # FP16 = 2 bytes


def test_by_hand(model):
    v = model.value
    assert round(v("p31.weights_fp16"), 1) == W16  # 14.0 GB
    assert round(v("p31.total_fp16"), 1) == W16 + 1.0  # 15.0 GB
    assert round(v("p31.headroom_fp16"), 1) == 16 - (W16 + 1.0)  # 1.0 GB
    assert round(v("p31.t_token_fp16")) == round(W16 / 50 * 1e3)  # 280 ms
    assert round(v("p31.tps_fp16"), 1) == round(50 / W16, 1)  # 3.6 token/s
    assert round(v("p31.weights_int4"), 1) == W4  # 3.5 GB
    assert round(v("p31.t_token_int4")) == round(W4 / 50 * 1e3)  # 70 ms
    assert round(v("p31.tps_int4"), 1) == round(50 / W4, 1)  # 14.3 token/s
    assert v("p31.speedup") == pytest.approx(2 / 0.5)  # byte ratio


def test_verdicts_at_defaults(model):
    v = model.value
    assert v("p31.verdict_fit_fp16") == "barely fits (no room for the OS)"
    assert v("p31.verdict_fit_int4") == "fits"
    assert v("p31.verdict_speed_fp16") == "too slow for chat"
    assert v("p31.verdict_speed_int4") == "interactive"
    assert v("p31.verdict_precision") == "quantize to INT4"


def test_fit_fp16_both_boundaries(model):
    does_not_fit = boundary(model, "p31.verdict_fit_fp16", "p31.device_ram", k=0)
    assert does_not_fit == pytest.approx(W16 + 1.0)  # 15 GB
    barely = boundary(model, "p31.verdict_fit_fp16", "p31.device_ram", k=1)
    assert barely == pytest.approx(W16 + 1.0 + 2)  # 17 GB
    for ram, label in [(does_not_fit - 0.1, "does not fit"), (does_not_fit + 0.1, "barely fits (no room for the OS)"),
                       (barely - 0.1, "barely fits (no room for the OS)"), (barely + 0.1, "fits")]:
        model.set("p31.device_ram", ram)
        assert model.value("p31.verdict_fit_fp16") == label


def test_fit_int4_flips(model):
    edge = boundary(model, "p31.verdict_fit_int4", "p31.device_ram", k=0)
    assert edge == pytest.approx(W4 + 1.0)
    model.set("p31.device_ram", edge - 0.1)
    assert model.value("p31.verdict_fit_int4") == "does not fit"
    model.set("p31.device_ram", edge + 0.1)
    assert model.value("p31.verdict_fit_int4") == "barely fits (no room for the OS)"


def test_speed_flips_with_bandwidth(model):
    edge16 = boundary(model, "p31.verdict_speed_fp16", "p31.mem_bw")
    assert edge16 == pytest.approx(W16 * 10)  # 140 GB/s for 10 token/s
    model.set("p31.mem_bw", edge16 * 0.99)
    assert model.value("p31.verdict_speed_fp16") == "too slow for chat"
    model.set("p31.mem_bw", edge16 * 1.01)
    assert model.value("p31.verdict_speed_fp16") == "interactive"
    model.reset()
    edge4 = boundary(model, "p31.verdict_speed_int4", "p31.mem_bw")
    assert edge4 == pytest.approx(W4 * 10)  # 35 GB/s
    model.set("p31.mem_bw", edge4 * 0.99)
    assert model.value("p31.verdict_speed_int4") == "too slow for chat"
    model.set("p31.mem_bw", edge4 * 1.01)
    assert model.value("p31.verdict_speed_int4") == "interactive"


def test_precision_verdict_all_branches(model):
    model.set_many({"p31.device_ram": 18, "p31.mem_bw": 150})  # FP16: headroom 3 GB, 10.7 token/s
    assert model.value("p31.verdict_precision") == "FP16 is enough"
    model.set("p31.mem_bw", 130)  # FP16 9.3 token/s: too slow, INT4 fine
    assert model.value("p31.verdict_precision") == "quantize to INT4"
    model.set_many({"p31.device_ram": 5, "p31.mem_bw": 50})  # INT4 headroom 0.5 GB < 2 GB
    assert model.value("p31.verdict_precision") == "does not fit even at INT4"
    model.set_many({"p31.device_ram": 16, "p31.mem_bw": 30})  # INT4 8.6 token/s
    assert model.value("p31.verdict_precision") == "too slow even at INT4"
