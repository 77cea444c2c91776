"""Labeling budget: random sampling vs active learning.

There are 10 million unlabeled images and USD 50K to spend on labels. Labeling 100K images
picked at random reaches 85 % accuracy; the goal is 95 %. Does random sampling reach the goal
within the budget, does active learning (which needs far fewer labels but must first run the
model over the pool to pick them), or does neither as the plan stands?
"""

from model import Calc, Input, Verdict

TITLE = "Labeling budget: random vs active learning"
CHAPTER = "4"
SECTION = "Data Labeling"

pool_size = Input(10_000_000, "image", doc="Unlabeled candidate pool", source="seed Problem 16 (10M images)", lo=1, integer=True)
budget = Input(50, "kUSD", doc="Labeling budget (USD 50K)", source="seed Problem 16 ($50K)")
label_price = Input(link="econ.label_expert_low", unit="USD/label", doc="Price of one label (expert, low end: USD 0.50)")
scoring_price = Input(0.01, "USD/image", doc="Inference cost to score one candidate for active learning", source="Ch. 4 active-learning multiplier callout")
baseline_acc = Input(0.85, "1", doc="Accuracy with the baseline random labels", source="seed Problem 16 (85 % with 100K random images)", hi=1)
baseline_labels = Input(100_000, "label", doc="Random labels behind the baseline accuracy", source="seed Problem 16 (100K images)", lo=1)
target_acc = Input(0.95, "1", doc="Accuracy the team needs", source="seed Problem 16 (95 % target)", hi=1)
random_labels_needed = Input(1_000_000, "label", doc="Random labels needed to reach the target (assumption)", source="Ch. 4 callout: about 10× the baseline labels", lo=1)
active_labels_low = Input(100_000, "label", doc="Labels active learning needs, optimistic end (≈10× sample efficiency)", source="Ch. 4 callout: 5–10× sample efficiency")
active_labels_high = Input(200_000, "label", doc="Labels active learning needs, pessimistic end (≈5× sample efficiency)", source="Ch. 4 callout: 5–10× sample efficiency")
compute_share = Input(0.10, "1", doc="Share of the budget given to scoring in the constrained plan", source="Ch. 4 callout", hi=1)
include_scoring_cost = Input(1, "1", doc="1 = charge active learning for scoring the whole pool; 0 = labels only", source="Ch. 4 source read counts full-pool scoring",
                             note="0 gives the simplified (older) telling that stops at label cost.", hi=1, integer=True)

accuracy_gap = Calc("target_acc - baseline_acc", "1", doc="Accuracy still missing after the baseline labels")
random_multiplier = Calc("random_labels_needed / baseline_labels", "1", doc="How many times the baseline labels random sampling needs")
random_cost = Calc("random_labels_needed * label_price", "kUSD", doc="Cost of labeling enough random images to hit the target")
active_label_cost_low = Calc("active_labels_low * label_price", "kUSD", doc="Active learning label cost, optimistic end")
active_label_cost_high = Calc("active_labels_high * label_price", "kUSD", doc="Active learning label cost, pessimistic end")
scoring_cost_full = Calc("pool_size * scoring_price", "kUSD", doc="Cost of scoring every image in the pool once")
active_total_low = Calc("active_label_cost_low + include_scoring_cost * scoring_cost_full", "kUSD", doc="Active learning total, optimistic end")
active_total_high = Calc("active_label_cost_high + include_scoring_cost * scoring_cost_full", "kUSD", doc="Active learning total, pessimistic end")
random_fits = Calc("if_(random_cost <= budget, 1, 0)", "1", doc="1 if random sampling fits the budget")
active_low_fits = Calc("if_(active_total_low <= budget, 1, 0)", "1", doc="1 if active learning fits at its optimistic end")
active_high_fits = Calc("if_(active_total_high <= budget, 1, 0)", "1", doc="1 if active learning fits at its pessimistic end")

# The constrained plan: split the budget between scoring and labeling.
scored_images = Calc("compute_share * budget / scoring_price", "image", doc="Images the scoring share of the budget can score")
pool_share_scored = Calc("scored_images / pool_size", "1", doc="Share of the pool that plan can score")
labels_affordable = Calc("(1 - compute_share) * budget / label_price", "label", doc="Labels the rest of the budget buys")
label_shortfall = Calc("active_labels_low - labels_affordable", "label", doc="Labels the constrained plan is short of even the optimistic active-learning need")

verdict_budget = Verdict(
    {
        "random fits": "random_cost <= budget",
        "active learning fits": "active_total_high <= budget",
        "active learning fits only at its best case": "active_total_low <= budget",
    },
    otherwise="neither fits as stated",
    doc="Which strategy reaches the target accuracy within the labeling budget (cheapest story first)",
    tones={"random fits": "good", "active learning fits": "good", "active learning fits only at its best case": "neutral", "neither fits as stated": "bad"},
)
