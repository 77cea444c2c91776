"""Iteration tax: slow ensemble vs fast lightweight model.

A diabetic-retinopathy screening system for rural clinics can start from a large ensemble (95 %
accurate, one week per training run) or from a lightweight model that fits clinic hardware (90 %
accurate, one hour per run). Over six months of experiments, which one ends up the better
screener? Each experiment adds a small accuracy gain; the fast model is limited by how many
useful ideas there are to try, and both by an achievable accuracy ceiling.
"""

from model import Calc, Input, Verdict

TITLE = "Iteration tax: slow ensemble vs fast lightweight model"
CHAPTER = "3"
SECTION = "ML Lifecycle"

window_weeks = Input(26, "week", doc="Development window ('six months')", source="seed: six months = 26 weeks", strict_lo=True)
hours_per_week = Input(link="cal.hours_per_week", unit="h/week", doc="Hours in a week (experiments run around the clock)")
large_start_acc = Input(95, "%", doc="Ensemble accuracy today (stored as the fraction 0.95)", source="seed: 95 %", hi=100)
large_cycle_hours = Input(168, "h", doc="Time per ensemble experiment (one week)", source="seed: 1 week", strict_lo=True)
large_gain_per_iter = Input(0.15, "pp/experiment", doc="Accuracy gain per ensemble experiment (percentage points)", source="Ch. 3 'Iteration Tax' (the text prints it rounded to 0.1)")
small_start_acc = Input(90, "%", doc="Lightweight model accuracy today (stored as the fraction 0.90)", source="seed: 90 %", hi=100)
small_cycle_hours = Input(1, "h", doc="Time per lightweight experiment (one hour)", source="seed: 1 hour", strict_lo=True)
small_gain_per_iter = Input(0.1, "pp/experiment", doc="Accuracy gain per lightweight experiment (percentage points)", source="Ch. 3 'Iteration Tax'")
small_useful_iters = Input(100, "experiment", doc="Cap on useful ideas worth trying", source="Ch. 3 'Iteration Tax'", integer=True)
acc_ceiling = Input(99, "%", doc="Highest accuracy either approach can reach", source="Ch. 3 'Iteration Tax'", hi=100)

window_hours = Calc("window_weeks * hours_per_week", "h", doc="Hours available for experiments")
large_iters = Calc("floor(window_hours / large_cycle_hours)", "experiment", doc="Ensemble experiments that fit in the window")
large_final = Calc("Min(large_start_acc + large_iters * large_gain_per_iter, acc_ceiling)", "%", doc="Ensemble accuracy after the window")
small_capacity = Calc("floor(window_hours / small_cycle_hours)", "experiment", doc="Lightweight experiments the window could hold")
small_iters = Calc("Min(small_capacity, small_useful_iters)", "experiment", doc="Lightweight experiments actually worth running")
small_final = Calc("Min(small_start_acc + small_iters * small_gain_per_iter, acc_ceiling)", "%", doc="Lightweight model accuracy after the window")
final_gap = Calc("small_final - large_final", "pp", doc="Lightweight minus ensemble accuracy at the end (positive favours the lightweight model)")

verdict_choice = Verdict(
    {"lightweight, fast-iterating model": "small_final >= large_final"},
    otherwise="large ensemble",
    doc="Which approach is the better screener after six months (a tie goes to the model that fits clinic hardware)?",
    tones={"lightweight, fast-iterating model": "neutral", "large ensemble": "neutral"},
)
