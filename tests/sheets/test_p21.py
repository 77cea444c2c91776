"""p21: a 100M-item × 128-dim FP32 embedding table against one 80 GB GPU."""

import pytest
from sheet_helpers import boundary

TABLE = 100_000_000 * 128 * 4  # bytes


def test_seed_figures(model):
    assert model.value("p21.n_items") == 100_000_000
    assert model.value("p21.embed_dim") == 128


def test_sizes_by_hand(model):
    assert model.value("p21.table_bytes") == pytest.approx(TABLE / 1e9)
    assert round(model.value("p21.table_bytes"), 1) == 51.2
    assert model.value("p21.share_item") == pytest.approx(TABLE / 80e9)
    assert round(100 * model.value("p21.share_item")) == 64
    assert model.value("p21.total_bytes") == pytest.approx(2 * TABLE / 1e9)  # + a same-size user table
    assert round(100 * model.value("p21.share_total")) == 128
    assert model.value("p21.large_user_table") == pytest.approx(1e9 * 128 * 4 / 1e9)  # 512 GB
    assert model.value("p21.gpus_for_large_table") == pytest.approx(512 / 80)


def test_verdicts_default(model):
    assert model.value("p21.verdict_item_table") == "fits"
    assert model.value("p21.verdict_with_users") == "does not fit on one GPU"
    model.set("p21.add_user_table", 0)
    assert model.value("p21.verdict_with_users") == "fits"


def test_item_table_flips_with_catalogue_size(model):
    x = boundary(model, "p21.verdict_item_table", "p21.n_items")
    assert x == pytest.approx(80e9 / (128 * 4))  # 156.25 M items fill the GPU
    model.set("p21.n_items", x * 0.99)
    assert model.value("p21.verdict_item_table") == "fits"
    model.set("p21.n_items", x * 1.01)
    assert model.value("p21.verdict_item_table") == "does not fit on one GPU"


def test_with_users_flips_with_user_table_size(model):
    x = boundary(model, "p21.verdict_with_users", "p21.user_table_scale")
    assert x == pytest.approx(80e9 / TABLE - 1)  # user table may be at most 56 % of the item table
    model.set("p21.user_table_scale", x * 0.99)
    assert model.value("p21.verdict_with_users") == "fits"
    model.set("p21.user_table_scale", x * 1.01)
    assert model.value("p21.verdict_with_users") == "does not fit on one GPU"
