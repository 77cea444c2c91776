"""Proxy metric vs true goal: the alignment gap.

User satisfaction cannot be observed directly, so a recommender is trained to maximize clicks,
which used to track satisfaction closely. Once the model learns what earns clicks, the two can
come apart: clicks go up while satisfaction goes down. How much of satisfaction does the click
signal still explain, how wide has the gap between proxy and goal grown, and should the proxy
still be trusted? In D·A·M terms this is an Algorithm-axis failure: the objective is wrong.
"""

from model import Calc, Input, Verdict

TITLE = "Proxy metric vs true goal: the alignment gap"
CHAPTER = "15"
SECTION = "Engineering Responsibility Gap"

corr_before = Input(0.8, "1", doc="Correlation of clicks with satisfaction before the model optimized clicks", source="Ch. 15, alignment gap", lo=-1, hi=1)
corr_after = Input(0.2, "1", doc="Correlation after the model learned to exploit the proxy", source="Ch. 15, alignment gap", lo=-1, hi=1)
delta_clicks = Input(0.20, "1", doc="Change in the proxy (clicks) under the optimized model, normalized", source="Ch. 15, alignment gap", lo=-1, hi=1)
delta_satisfaction = Input(-0.05, "1", doc="Change in the true goal (satisfaction), normalized", source="Ch. 15, alignment gap", lo=-1, hi=1)
decoupling_threshold = Input(0.5, "1", doc="Correlation below which the proxy is treated as broken", source="illustrative", illustrative=True, hi=1)

r2_before = Calc("corr_before**2", "%", doc="Share of satisfaction's variance the click signal explained before")
r2_after = Calc("corr_after**2", "%", doc="Share it explains after optimization")
r2_lost = Calc("r2_before - r2_after", "%", doc="Explanatory power the proxy lost")
gap_change = Calc("delta_clicks - delta_satisfaction", "1", doc="Growth of the alignment gap E[proxy] − E[true], in normalized points")
direction_product = Calc("delta_clicks * delta_satisfaction", "1", doc="Negative when proxy and goal move in opposite directions")

verdict_proxy = Verdict(
    {
        "proxy has decoupled (correlation collapsed) — recalibrate with counterfactual random hold-out evaluation": "corr_after < decoupling_threshold",
        "proxy has decoupled (proxy and goal move in opposite directions) — recalibrate with counterfactual random hold-out evaluation": "direction_product < 0",
    },
    otherwise="proxy still tracks the goal",
    doc="Can the click metric still stand in for satisfaction?",
    tones={"proxy has decoupled (correlation collapsed) — recalibrate with counterfactual random hold-out evaluation": "bad", "proxy has decoupled (proxy and goal move in opposite directions) — recalibrate with counterfactual random hold-out evaluation": "bad", "proxy still tracks the goal": "good"},
)
