"""Scaling law vs information roofline.

A sentiment model grew eightfold, from 125M to 1B parameters, yet validation loss only moved
from 0.45 to 0.42 — well short of the roughly 15 % improvement that Chinchilla-style scaling
leads one to expect for that step. How much of the predicted gain was realized, and where should
the investigation start? When data quality caps what can be learned (label noise, imbalance,
missing domain coverage: an "information roofline"), more parameters or faster hardware stop
paying, so the Data axis is examined first.
"""

from model import Calc, Input, Verdict

TITLE = "Scaling law vs information roofline"
CHAPTER = "A"
SECTION = "Exercises"

params_start = Input(125e6, "param", doc="Parameters before scaling", source="exercise: 125M", strict_lo=True)
params_end = Input(1e9, "param", doc="Parameters after scaling", source="exercise: 1B", strict_lo=True)
loss_start = Input(0.45, "1", doc="Validation loss before scaling", source="exercise: 0.45", strict_lo=True)
loss_end = Input(0.42, "1", doc="Validation loss after scaling", source="exercise: 0.42")
predicted_improvement = Input(15, "%", doc="Relative loss improvement the scaling law predicts for this step", source="exercise: ~15 percent (Chinchilla-style scaling)", hi=100, strict_lo=True)
scaling_exponent = Input(0.076, "1", doc="Exponent of the parameter scaling law L ∝ N^(−α), for a cross-check of the ~15 %", source="Kaplan et al. 2020, α_N ≈ 0.076")
realization_threshold = Input(70, "%", doc="Share of the predicted gain below which the shortfall counts", source="illustrative", illustrative=True, hi=100)
check_label_noise = Input(0, "1", doc="Data audit: label noise / inter-annotator agreement examined (1 = done)", source="appendix checklist", integer=True, hi=1)
check_class_balance = Input(0, "1", doc="Data audit: class imbalance and distribution gaps examined (1 = done)", source="appendix checklist", integer=True, hi=1)
check_domain_coverage = Input(0, "1", doc="Data audit: coverage of the target domain's language examined (1 = done)", source="appendix checklist", integer=True, hi=1)

scale_factor = Calc("params_end / params_start", "1", doc="Growth in parameters (×)")
improvement = Calc("(loss_start - loss_end) / loss_start", "%", doc="Relative loss improvement achieved")
power_law_improvement = Calc("1 - scale_factor**(-scaling_exponent)", "%", doc="Cross-check: improvement the power law L ∝ N^(−α) predicts for this scale factor")
predicted_loss = Calc("loss_start * (1 - predicted_improvement)", "1", doc="Loss the scaling law leads one to expect")
shortfall = Calc("predicted_improvement - improvement", "%", doc="Predicted minus achieved improvement (percentage points)")
realized_share = Calc("improvement / predicted_improvement", "%", doc="Share of the predicted gain actually realized")
data_checks_done = Calc("(check_label_noise + check_class_balance + check_domain_coverage) / 3", "%", doc="Share of the data audit completed")

verdict_axis = Verdict(
    {"below the scaling-law prediction — information roofline; examine the Data axis first": "realized_share < realization_threshold"},
    otherwise="on the scaling curve — further Algorithm / Machine scaling still pays",
    doc="Is the model hitting a data-quality ceiling rather than a capacity limit?",
    tones={"below the scaling-law prediction — information roofline; examine the Data axis first": "bad", "on the scaling curve — further Algorithm / Machine scaling still pays": "good"},
)
verdict_audit = Verdict(
    {"data audit complete": "data_checks_done >= 1"},
    otherwise="data audit incomplete",
    doc="Have label noise, class balance and domain coverage all been examined?",
    tones={"data audit complete": "good", "data audit incomplete": "bad"},
)
