"""Samples needed to validate a 1 % subgroup.

A FaceID model must be shown to work for a group that makes up only 1 % of users, with an error
margin of about one percentage point at 95 % confidence. Roughly how many images of that group
are needed, and how many images in total must be collected if they are sampled at random from
the user base rather than gathered for the group on purpose (stratified / targeted collection)?
What does each option cost to collect and label?
"""

from model import Calc, Input, Verdict

TITLE = "Samples needed to validate a 1 % subgroup"
CHAPTER = "15"
SECTION = "Responsible Engineering Checklist"

group_share = Input(0.01, "1", doc="Share of the user base in the subgroup", source="Ch. 15: 1 percent of users", hi=1, strict_lo=True)
margin = Input(0.01, "1", doc="Half-width of the confidence interval (±1 percentage point)", source="Ch. 15: margin near 1 percentage point", strict_lo=True, hi=1)
z_value = Input(1.96, "1", doc="Two-sided normal quantile for 95 % confidence", source="Ch. 15: 95 % confidence", strict_lo=True)
p_worst = Input(0.5, "1", doc="Proportion that maximizes the variance (worst case for the margin)", source="standard margin-of-error formula", hi=1)
target_images = Input(10_000, "image", doc="Images of the subgroup the book rounds the requirement to", source="Ch. 15: roughly 10,000 images", strict_lo=True)
cost_per_image = Input(link="econ.label_crowd_high", unit="USD/image", doc="Collection and labelling cost per image (crowd price, high end)", note="Illustrative use of the crowd-labelling price; face data with consent usually costs more.", illustrative=True)
impractical_multiplier = Input(10, "1", doc="Collection blow-up beyond which random sampling is called impractical (×)", source="illustrative", illustrative=True, lo=1)

n_exact = Calc("z_value**2 * p_worst * (1 - p_worst) / margin**2", "image", doc="Subgroup images for the margin: z² · p(1−p) / margin²")
random_total = Calc("target_images / group_share", "image", doc="Images to collect at random to get the target from the subgroup")
stratified_total = Calc("target_images", "image", doc="Images to collect when targeting the subgroup directly")
multiplier = Calc("random_total / stratified_total", "1", doc="How many times larger the random collection is")
cost_random = Calc("random_total * cost_per_image", "USD", doc="Cost of the random collection")
cost_stratified = Calc("stratified_total * cost_per_image", "USD", doc="Cost of the targeted collection")

verdict_sampling = Verdict(
    {
        "random sampling impractical — collect stratified / targeted": "multiplier >= impractical_multiplier",
        "stratified / targeted collection": "cost_stratified < cost_random",
    },
    otherwise="random sampling",
    doc="How to gather enough images of the subgroup",
    tones={"random sampling impractical — collect stratified / targeted": "neutral", "stratified / targeted collection": "neutral", "random sampling": "neutral"},
)
verdict_target = Verdict(
    {"target covers the margin": "target_images >= n_exact"},
    otherwise="target too small for the margin",
    doc="Does the rounded 10,000-image target meet the exact requirement?",
    tones={"target covers the margin": "good", "target too small for the margin": "bad"},
)
