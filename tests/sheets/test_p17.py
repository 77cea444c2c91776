"""p17: storage bandwidth that keeps an A100 busy training ResNet-50."""

import math

import pytest
from sheet_helpers import boundary

RATE = math.floor(312e12 / (3 * 4.1e9))  # images/s at full FP16 peak, truncated like the book: 25,365


def test_image_rate_and_bandwidth_by_hand(model):
    assert model.value("p17.flops_per_step_image") == pytest.approx(3 * 4.1)  # GFLOP per image
    assert model.value("p17.max_image_rate") == RATE
    assert RATE == 25_365
    required = RATE * 150e3  # bytes/s
    assert model.value("p17.required_bw") == pytest.approx(required / 1e9)
    assert round(model.value("p17.required_bw"), 1) == 3.8
    assert model.value("p17.s3_streams") == round(required / 100e6)  # 38 streams


def test_sata_starves_the_gpu_by_hand(model):
    sata_rate = math.floor(500e6 / 150e3)  # 3,333 images/s
    assert model.value("p17.sata_image_rate") == sata_rate
    util = sata_rate / RATE
    assert model.value("p17.gpu_util_on_sata") == pytest.approx(util)
    assert int(100 * model.value("p17.gpu_util_on_sata")) == 13
    assert model.value("p17.idle_value") == pytest.approx(15_000 * (1 - util))


def test_tier_checks(model):
    assert model.value("p17.sata_ok") == 0
    assert model.value("p17.nvme_low_ok") == 0  # 3 GB/s < 3.8 GB/s
    assert model.value("p17.nvme_high_ok") == 1  # 7 GB/s ≥ 3.8 GB/s
    assert model.value("p17.verdict_storage") == "local NVMe required (fast Gen4 end only)"


def test_later_edition_halves_the_demand(model):
    model.set("p17.forward_flops", 8.2)  # model_resnet50.flops_per_image_alt, GFLOP
    rate = math.floor(312e12 / (3 * 8.2e9))
    assert model.value("p17.max_image_rate") == rate
    assert model.value("p17.required_bw") == pytest.approx(rate * 150e3 / 1e9)  # ≈ 1.9 GB/s
    assert model.value("p17.verdict_storage") == "local NVMe is enough, even the slow end"


@pytest.mark.parametrize(
    ("k", "bw", "below", "above"),
    [
        (0, 500e6, "SATA SSD is enough", "local NVMe is enough, even the slow end"),
        (1, 3e9, "local NVMe is enough, even the slow end", "local NVMe required (fast Gen4 end only)"),
        (2, 7e9, "local NVMe required (fast Gen4 end only)", "striped NVMe / parallel object store (see s3_streams)"),
    ],
)
def test_verdict_flips_on_image_size(model, k, bw, below, above):
    x = boundary(model, "p17.verdict_storage", "p17.image_size", k)
    assert x == pytest.approx(bw / RATE / 1e3)  # KB per image where RATE × size = tier bandwidth
    model.set("p17.image_size", x * 0.99)
    assert model.value("p17.verdict_storage") == below
    model.set("p17.image_size", x * 1.01)
    assert model.value("p17.verdict_storage") == above
