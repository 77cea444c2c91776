"""p22: sustained compute for ResNet-50 at 30 frames per second on a 10 TFLOP/s GPU."""

import pytest
from sheet_helpers import boundary

EFF_LOW = 10e12 * 0.50  # FLOP/s actually delivered at 50 %


def test_seed_figures(model):
    assert model.value("p22.frame_rate") == 30
    assert model.value("p22.flops_per_frame") == pytest.approx(4.1)  # ResNet-50, GFLOP


def test_requirement_and_headroom_by_hand(model):
    need = 30 * 4.1e9  # FLOP/s
    assert model.value("p22.sustained") == pytest.approx(need / 1e9)
    assert round(model.value("p22.sustained")) == 123
    assert model.value("p22.effective_low") == pytest.approx(5)
    assert model.value("p22.effective_high") == pytest.approx(6)
    assert model.value("p22.headroom_low") == pytest.approx(EFF_LOW / need)
    assert round(model.value("p22.headroom_low"), 1) == 40.7
    assert model.value("p22.headroom_high") == pytest.approx(10e12 * 0.60 / need)


def test_detector_by_hand(model):
    need = 30 * 100e9
    assert model.value("p22.detector_sustained") == pytest.approx(need / 1e9)
    assert model.value("p22.detector_headroom_low") == pytest.approx(EFF_LOW / need)  # ≈ 1.7×
    assert model.value("p22.detector_headroom_high") == pytest.approx(10e12 * 0.60 / need)  # 2×


def test_later_edition_halves_headroom(model):
    model.set("p22.flops_per_frame", 8.2)
    assert model.value("p22.headroom_low") == pytest.approx(EFF_LOW / (30 * 8.2e9))
    assert model.value("p22.detector_headroom_low") == pytest.approx(EFF_LOW / (30 * 100e9))  # unchanged


def test_verdicts_default(model):
    assert model.value("p22.verdict_resnet") == "fits with ample headroom"
    assert model.value("p22.verdict_detector") == "fits, little headroom"


@pytest.mark.parametrize(
    ("k", "fps", "below", "above"),
    [
        (0, EFF_LOW / (10 * 4.1e9), "fits with ample headroom", "fits, little headroom"),  # ≈ 122 fps
        (1, EFF_LOW / 4.1e9, "fits, little headroom", "does not fit"),  # ≈ 1,220 fps
    ],
)
def test_resnet_flips_with_frame_rate(model, k, fps, below, above):
    x = boundary(model, "p22.verdict_resnet", "p22.frame_rate", k)
    assert x == pytest.approx(fps)
    model.set("p22.frame_rate", x * 0.99)
    assert model.value("p22.verdict_resnet") == below
    model.set("p22.frame_rate", x * 1.01)
    assert model.value("p22.verdict_resnet") == above


@pytest.mark.parametrize(
    ("k", "gflop", "below", "above"),
    [
        (0, EFF_LOW / (10 * 30) / 1e9, "fits with ample headroom", "fits, little headroom"),
        (1, EFF_LOW / 30 / 1e9, "fits, little headroom", "does not fit"),  # ≈ 167 GFLOP per frame
    ],
)
def test_detector_flips_with_model_size(model, k, gflop, below, above):
    x = boundary(model, "p22.verdict_detector", "p22.detector_flops", k)
    assert x == pytest.approx(gflop)
    model.set("p22.detector_flops", x * 0.99)
    assert model.value("p22.verdict_detector") == below
    model.set("p22.detector_flops", x * 1.01)
    assert model.value("p22.verdict_detector") == above
