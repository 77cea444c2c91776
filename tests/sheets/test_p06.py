"""p06 — drone 4K/60 offload: per-frame upload time vs the remote path."""

import pytest
from sheet_helpers import boundary

from model import sheet_dict


def test_seed_figures(model):
    # seed: 4K, 60 FPS
    assert model.value("p06.frame_width") == 3840
    assert model.value("p06.frame_height") == 2160
    assert model.value("p06.frame_rate") == 60


def test_key_results_by_hand(model):
    frame_b = 3840 * 2160 * 3  # bytes, uncompressed RGB
    assert model.value("p06.frame_bytes") == pytest.approx(frame_b / 1e6)  # MB
    assert round(model.value("p06.frame_bytes")) == 25  # seed-era digest shows 0 decimals
    t_tx_ms = frame_b * 8 / 100e6 * 1e3  # bits / (bit/s) -> ms
    assert model.value("p06.t_transmit") == pytest.approx(t_tx_ms)
    assert model.value("p06.t_remote") == pytest.approx(100 + 10)
    assert model.value("p06.transmit_to_remote") == pytest.approx(t_tx_ms / 110)
    stream_bits = frame_b * 8 * 60
    assert model.value("p06.stream_rate_needed") == pytest.approx(stream_bits / 1e9)  # Gbit/s
    assert model.value("p06.stream_overload") == pytest.approx(stream_bits / 100e6)
    assert model.value("p06.frame_interval") == pytest.approx(1000 / 60)
    assert model.value("p06.verdict_offload") == "process on the drone (locality mandatory)"


def test_verdict_flips_at_uplink_boundary(model):
    b = boundary(model, "p06.verdict_offload", "p06.uplink_rate")
    # by hand: frame bits / 110 ms, in Mbit/s
    assert b == pytest.approx(3840 * 2160 * 3 * 8 / 0.110 / 1e6)
    model.set("p06.uplink_rate", b * 0.99)
    assert model.value("p06.verdict_offload") == "process on the drone (locality mandatory)"
    model.set("p06.uplink_rate", b * 1.01)
    assert model.value("p06.verdict_offload") == "offload possible"


def test_sheet_json_has_no_errors(model):
    d = sheet_dict(model, "p06")
    kinds = {c["kind"] for c in d["cells"]}
    assert kinds == {"input", "calc", "verdict"}
    for c in d["cells"]:
        assert c["error"] is None and c["unit"]
        if c["kind"] == "verdict":
            assert c["value"] in c["labels"]
        else:
            assert c["si_value"] is not None
