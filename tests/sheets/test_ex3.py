"""ex3 — scaling law vs information roofline (appendix A exercises, D·A·M)."""

import json

import pytest
from sheet_helpers import boundary, run_napkin

BELOW = "below the scaling-law prediction — information roofline; examine the Data axis first"
ON_CURVE = "on the scaling curve — further Algorithm / Machine scaling still pays"


def test_seed_figures(model):
    assert model.value("ex3.scale_factor") == pytest.approx(8)  # 125M -> 1B, an 8x increase
    assert round(model.value("ex3.improvement"), 1) == 6.7  # 0.45 -> 0.42, 6.7 percent
    assert model.value("ex3.predicted_improvement") == 15  # ~15 percent predicted


def test_evidence_by_hand(model):
    imp = (0.45 - 0.42) / 0.45
    assert model.value("ex3.improvement") == pytest.approx(imp * 100)
    assert model.value("ex3.shortfall") == pytest.approx((0.15 - imp) * 100)
    assert model.value("ex3.realized_share") == pytest.approx(imp / 0.15 * 100)
    assert model.value("ex3.predicted_loss") == pytest.approx(0.45 * (1 - 0.15))
    # the power law with Kaplan's exponent reproduces the ~15 % expectation
    assert model.value("ex3.power_law_improvement") == pytest.approx((1 - 8**-0.076) * 100)
    assert round(model.value("ex3.power_law_improvement")) == 15
    assert model.value("ex3.data_checks_done") == 0
    assert model.value("ex3.verdict_axis") == BELOW
    assert model.value("ex3.verdict_audit") == "data audit incomplete"


def test_axis_verdict_flips_with_final_loss(model):
    # realized share 0.70 of 15 % -> improvement 10.5 % -> loss_end = 0.45 * (1 - 0.105)
    edge = boundary(model, "ex3.verdict_axis", "ex3.loss_end")
    assert edge == pytest.approx(0.45 * (1 - 0.70 * 0.15))
    model.set("ex3.loss_end", edge + 0.001)
    assert model.value("ex3.verdict_axis") == BELOW
    model.set("ex3.loss_end", edge - 0.001)
    assert model.value("ex3.verdict_axis") == ON_CURVE


def test_axis_verdict_flips_with_prediction(model):
    # improvement 6.67 % is 70 % of a 9.52 % prediction
    edge = boundary(model, "ex3.verdict_axis", "ex3.predicted_improvement")
    assert edge == pytest.approx((0.03 / 0.45) / 0.70 * 100)
    model.set("ex3.predicted_improvement", edge * 1.01)
    assert model.value("ex3.verdict_axis") == BELOW
    model.set("ex3.predicted_improvement", edge * 0.99)
    assert model.value("ex3.verdict_axis") == ON_CURVE


def test_audit_verdict(model):
    model.set_many({"ex3.check_class_balance": 1, "ex3.check_domain_coverage": 1})
    assert model.value("ex3.data_checks_done") == pytest.approx(2 / 3 * 100)
    edge = boundary(model, "ex3.verdict_audit", "ex3.check_label_noise")
    assert edge == pytest.approx(1)  # the last check completes the audit
    model.set("ex3.check_label_noise", 0)
    assert model.value("ex3.verdict_audit") == "data audit incomplete"
    model.set("ex3.check_label_noise", 1)
    assert model.value("ex3.verdict_audit") == "data audit complete"


def test_cli_show_json():
    out = run_napkin("show", "ex3", "--json")
    cells = {c["name"]: c for c in json.loads(out.stdout)["cells"]}
    assert all(c["error"] is None for c in cells.values())
    assert cells["ex3.predicted_improvement"]["si_value"] == pytest.approx(0.15)
