"""Price of fairness in a hiring model.

A hiring model finds 90 % of the qualified applicants in group A but only 70 % in group B, a
20-point gap in true-positive rate. Stakeholders require the gap closed; lifting group B's
rate means accepting more false positives there. Per group-B applicant, what is gained from the
extra good hires, what do the extra bad hires cost, and what share of the model's utility on
group B (and overall) does equal opportunity cost? Closing the gap is a point on a Pareto
frontier to put to stakeholders, not automatically a loss: it can even pay.
"""

from model import Calc, Input, Verdict

TITLE = "Price of fairness in a hiring model"
CHAPTER = "15"
SECTION = "Responsible Engineering Checklist"

tpr_a = Input(0.90, "1", doc="True-positive rate for group A (advantaged)", source="Ch. 15, price of fairness", hi=1)
tpr_b = Input(0.70, "1", doc="True-positive rate for group B (disadvantaged), 20 points lower", source="seed: a 20 percent TPR disparity", hi=1)
fpr_b = Input(0.10, "1", doc="Baseline false-positive rate for group B", source="Ch. 15, price of fairness", hi=1)
overall_accuracy = Input(0.85, "1", doc="Overall accuracy of the model before the fairness constraint", source="Ch. 15, price of fairness", hi=1)
delta_fpr_b = Input(0.15, "1", doc="Extra false-positive rate group B must accept to reach group A's TPR", source="Ch. 15, price of fairness", hi=1)
hire_value = Input(100_000, "USD/hire", doc="Value of one successful hire", source="Ch. 15, price of fairness")
bad_hire_cost = Input(50_000, "USD/hire", doc="Cost of one unsuccessful hire", source="Ch. 15, price of fairness")
base_rate = Input(0.20, "1", doc="Share of applicants who would succeed if hired", source="Ch. 15, price of fairness", hi=1)
group_b_share = Input(0.30, "1", doc="Share of group B in the applicant pool", source="Ch. 15, price of fairness", hi=1)
count_tp_gain = Input(1, "1", doc="1: count the value of the extra good hires (current text); 0: count only the bad-hire cost (earlier revision)", source="edition switch", integer=True, hi=1)

delta_tpr = Calc("tpr_a - tpr_b", "1", doc="TPR gap to close")
gain_tp = Calc("delta_tpr * base_rate * hire_value", "USD/candidate", doc="Value of the extra good hires, per group-B applicant")
cost_fp = Calc("delta_fpr_b * (1 - base_rate) * bad_hire_cost", "USD/candidate", doc="Cost of the extra bad hires, per group-B applicant")
delta_utility = Calc("count_tp_gain * gain_tp - cost_fp", "USD/candidate", doc="Net change in utility per group-B applicant from closing the gap")
baseline_utility_b = Calc("tpr_b * base_rate * hire_value - fpr_b * (1 - base_rate) * bad_hire_cost", "USD/candidate", doc="Utility per group-B applicant before the constraint")
loss_within_b = Calc("-delta_utility / baseline_utility_b", "%", doc="Share of group B's utility given up (negative: a gain)")
aggregate_tax = Calc("loss_within_b * group_b_share", "%", doc="Share of total utility given up, weighting by group B's share of applicants")
accuracy_after = Calc("overall_accuracy + group_b_share * (delta_tpr * base_rate - delta_fpr_b * (1 - base_rate))", "%", doc="Overall accuracy after the constraint: extra true positives add, extra false positives subtract (group-B share of the pool)")

verdict_fairness = Verdict(
    {"fairness costs utility": "delta_utility < 0"},
    otherwise="fairness is free or pays",
    doc="Does closing the TPR gap lower the hiring utility?",
    tones={"fairness costs utility": "bad", "fairness is free or pays": "good"},
)
