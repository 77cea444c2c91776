"""Manual retraining vs building a pipeline.

Retraining by hand costs a few engineer-hours every week; automating it costs a one-time build
effort and (in the book's assumption) nothing per week afterwards. After how many weeks has the
pipeline paid for itself, and does that happen within the planning horizon? Manual effort grows
with the number of features, so a what-if multiplier scales the weekly manual work.
"""

from model import Calc, Input, Verdict

TITLE = "Manual retraining vs building a pipeline"
CHAPTER = "14"
SECTION = "Technical Debt"

manual_hours_per_week = Input(4, "h/week", doc="Engineer time spent retraining by hand each week", source="Ch. 14, compound cost of manual operations")
build_hours = Input(80, "h", doc="One-time effort to build the automated pipeline", source="Ch. 14, compound cost of manual operations")
automated_hours_per_week = Input(0, "h/week", doc="Weekly upkeep once the pipeline runs", source="Ch. 14 (book assumes zero)")
feature_multiplier = Input(1, "1", doc="How much the manual work has grown with the feature count (2 = twice the features)", source="Ch. 14: doubling features roughly doubles manual time", strict_lo=True)
horizon_weeks = Input(52, "week", doc="Planning horizon over which the two options are compared", source="illustrative (one year)", illustrative=True, strict_lo=True)

manual_rate = Calc("manual_hours_per_week * feature_multiplier", "h/week", doc="Weekly manual effort at the current feature count")
weekly_saving = Calc("manual_rate - automated_hours_per_week", "h/week", doc="Hours the pipeline saves every week")
break_even_weeks = Calc("build_hours / weekly_saving", "week", doc="Weeks until the build effort is repaid by the weekly saving")
manual_total = Calc("manual_rate * horizon_weeks", "h", doc="Cumulative manual hours over the horizon")
automated_total = Calc("build_hours + automated_hours_per_week * horizon_weeks", "h", doc="Build plus upkeep hours over the horizon")
hours_saved = Calc("manual_total - automated_total", "h", doc="Hours saved over the horizon by automating (negative: automation costs more)")
verdict_automate = Verdict(
    {"automate": "hours_saved > 0"},
    otherwise="stay manual for now",
    doc="Automate if the pipeline pays back within the horizon (break-even before the horizon ends)",
    tones={"automate": "neutral", "stay manual for now": "neutral"},
)
