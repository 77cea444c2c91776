"""Active learning ROI for medical labels.

A hospital has a pool of 1 million unlabeled scans, a specialist charges USD 5.00 per label, and
the team has USD 500,000 and one month. Labeling a random sample as far as the money goes, or
paying only for the 50,000 scans an uncertainty score ranks as hardest: what does each cost, and
how do the book's headline gains (20x less data, USD 4.75 M saved) compare with a baseline the
budget actually allowed? A side table shows how few labels semi-supervised training (FixMatch on
CIFAR-10) needs for nearly full accuracy.
"""

from model import Calc, Input, Verdict

TITLE = "Active learning ROI for medical labels"
CHAPTER = "9"
SECTION = "Dynamic Selection"

pool_size = Input(1_000_000, "scan", doc="Unlabeled scans in the pool", source="Ch. 9, active learning ROI callout", lo=1, integer=True)
label_price = Input(5.00, "USD/label", doc="Price of one specialist label", source="Ch. 9 callout (specialist doctor)", strict_lo=True)
budget = Input(500_000, "USD", doc="Labeling budget", source="Ch. 9 callout", strict_lo=True)
deadline = Input(1, "month", doc="Time available to get the labels", source="Ch. 9 callout (context)", strict_lo=True)
active_count = Input(50_000, "scan", doc="Scans picked by uncertainty sampling (the 'hardest')", source="Ch. 9 callout", lo=1, integer=True)

cost_all = Calc("pool_size * label_price", "USD", doc="Cost of labeling every scan in the pool")
over_budget = Calc("cost_all / budget", "1", doc="How many budgets labeling everything would take")
random_affordable = Calc("budget / label_price", "scan", doc="Random scans the budget can pay for")
random_share = Calc("random_affordable / pool_size", "%", doc="Share of the pool a random sample within budget covers")
cost_active = Calc("active_count * label_price", "USD", doc="Cost of labeling the uncertainty-selected scans")
budget_left_share = Calc("(budget - cost_active) / budget", "%", doc="Share of the budget left after active labeling")
active_label_rate = Calc("active_count / deadline", "scan/day", doc="Labels per day the specialists must deliver to meet the deadline (active)")
random_label_rate = Calc("random_affordable / deadline", "scan/day", doc="Labels per day to spend the whole budget on random scans by the deadline")

reduction_vs_pool = Calc("pool_size / active_count", "1", doc="Book's framing: data (and epoch time) reduction against training on the whole pool")
saving_vs_pool = Calc("cost_all - cost_active", "USD", doc="Book's framing: money saved against labeling the whole pool")
reduction_vs_random = Calc("random_affordable / active_count", "1", doc="Fairer framing: data reduction against the random sample the budget allowed")
saving_vs_random = Calc("budget - cost_active", "USD", doc="Fairer framing: money saved against spending the budget on random labels")

xray_pool = Input(50_000, "image", doc="Chest X-rays a hospital holds (semi-supervised example)", source="Ch. 9, semi-supervised learning", lo=1, integer=True)
xray_labeled = Input(500, "image", doc="X-rays radiologists have labeled", source="Ch. 9, semi-supervised learning", integer=True)
xray_label_rate = Calc("xray_labeled / xray_pool", "%", doc="Share of the X-rays that carry a label")

fixmatch_labels_full = Input(50_000, "label", doc="CIFAR-10 labels used by full supervision", source="Ch. 9 Table 9.6 (FixMatch, Sohn et al. 2020)", lo=1, integer=True)
fixmatch_labels_4000 = Input(4_000, "label", doc="Labels in FixMatch's 4,000-label row", source="Ch. 9 Table 9.6", lo=1, integer=True)
fixmatch_labels_250 = Input(250, "label", doc="Labels in FixMatch's 250-label row", source="Ch. 9 Table 9.6", lo=1, integer=True)
fixmatch_labels_40 = Input(40, "label", doc="Labels in FixMatch's 40-label row", source="Ch. 9 Table 9.6", lo=1, integer=True)
fixmatch_acc_full = Input(0.961, "1", doc="Accuracy with full supervision", source="Ch. 9 Table 9.6", hi=1)
fixmatch_acc_4000 = Input(0.957, "1", doc="FixMatch accuracy with 4,000 labels", source="Ch. 9 Table 9.6", hi=1)
fixmatch_acc_250 = Input(0.949, "1", doc="FixMatch accuracy with 250 labels", source="Ch. 9 Table 9.6", hi=1)
fixmatch_acc_40 = Input(0.886, "1", doc="FixMatch accuracy with 40 labels", source="Ch. 9 Table 9.6", hi=1)

label_efficiency_4000 = Calc("fixmatch_labels_full / fixmatch_labels_4000", "1", doc="How many times fewer labels the 4,000-label row uses")
label_efficiency_250 = Calc("fixmatch_labels_full / fixmatch_labels_250", "1", doc="How many times fewer labels the 250-label row uses")
label_efficiency_40 = Calc("fixmatch_labels_full / fixmatch_labels_40", "1", doc="How many times fewer labels the 40-label row uses")
gap_4000 = Calc("fixmatch_acc_full - fixmatch_acc_4000", "pp", doc="Accuracy given up with 4,000 labels (percentage points)")
gap_250 = Calc("fixmatch_acc_full - fixmatch_acc_250", "pp", doc="Accuracy given up with 250 labels (percentage points)")
gap_40 = Calc("fixmatch_acc_full - fixmatch_acc_40", "pp", doc="Accuracy given up with 40 labels (percentage points)")

verdict_full_labeling = Verdict(
    {"labeling everything is over budget": "cost_all > budget"},
    otherwise="labeling everything is within budget",
    doc="Can the team afford to label the whole pool?",
    tones={"labeling everything is over budget": "bad", "labeling everything is within budget": "good"},
)
verdict_active = Verdict(
    {"active learning fits the budget": "cost_active <= budget"},
    otherwise="active learning over budget",
    doc="Does labeling the uncertainty-selected scans fit the budget?",
    tones={"active learning fits the budget": "good", "active learning over budget": "bad"},
)
