"""Optimal retraining interval.

A fraud model is most accurate right after retraining and loses accuracy exponentially as it
ages, so every day without a retrain costs value on a million daily queries — yet each retrain
costs USD 5,000. Which retraining interval minimizes the total cost per day (and so maximizes
profit)? The square-root law from the small-decay expansion gives the optimum; the exact
average cost per day is tabulated on a grid of intervals as a check. If the optimum is shorter
than the team's manual retrain-and-deploy cycle, only an automated pipeline can keep up.
"""

from model import Calc, Input, Verdict

TITLE = "Optimal retraining interval"
CHAPTER = "14"
SECTION = "Development Infrastructure"

retrain_cost = Input(5000, "USD", doc="Compute and operations cost of one retraining run", source="Ch. 14, optimal retraining interval")
queries_per_day = Input(1_000_000, "query/day", doc="Queries served per day", source="Ch. 14, optimal retraining interval")
value_per_query = Input(0.50, "USD/query", doc="Value of one query per unit (1.0) of accuracy", source="Ch. 14, optimal retraining interval")
acc_initial = Input(0.95, "1", doc="Accuracy right after retraining", source="Ch. 14, optimal retraining interval", hi=1, strict_lo=True)
decay_rate = Input(0.02, "1/day", doc="Exponential accuracy decay rate: accuracy = acc_initial · exp(−decay_rate · t)", source="Ch. 14, optimal retraining interval", strict_lo=True)
manual_cycle_days = Input(7, "day", doc="How long one manual retrain-and-deploy takes", source="illustrative", illustrative=True, strict_lo=True)
cadence_daily_max = Input(1.5, "day", doc="Longest optimum still called 'about daily'", source="illustrative band edge", illustrative=True)
cadence_weekly_max = Input(10, "day", doc="Longest optimum still called 'about weekly'", source="illustrative band edge", illustrative=True)
cadence_monthly_max = Input(45, "day", doc="Longest optimum still called 'about monthly'", source="illustrative band edge", illustrative=True)
interval_1 = Input(0.5, "day", doc="Cost-curve grid: retrain twice a day", source="brief's interval grid", strict_lo=True)
interval_2 = Input(1, "day", doc="Cost-curve grid: daily", source="brief's interval grid", strict_lo=True)
interval_3 = Input(2, "day", doc="Cost-curve grid: every two days", source="brief's interval grid", strict_lo=True)
interval_4 = Input(7, "day", doc="Cost-curve grid: weekly", source="brief's interval grid", strict_lo=True)
interval_5 = Input(30, "day", doc="Cost-curve grid: monthly", source="brief's interval grid", strict_lo=True)

value_rate = Calc("queries_per_day * value_per_query * acc_initial", "USD/day", doc="Value per day of a freshly retrained model")
decay_value_rate = Calc("value_rate * decay_rate", "USD/day^2", doc="Value lost per day, for each day since the last retrain")
t_star = Calc("sqrt(2 * retrain_cost / decay_value_rate)", "day", doc="Optimal interval, square-root law T* = sqrt(2·C / (Q·v·acc_initial·γ))")
t_star_hours = Calc("t_star", "h", doc="Optimal interval in hours")
cost_rate_at_star = Calc("(value_rate * (t_star - (1 - exp(-decay_rate * t_star)) / decay_rate) + retrain_cost) / t_star", "USD/day", doc="Exact average cost per day (lost value plus retraining) at T*")
cost_rate_1 = Calc("(value_rate * (interval_1 - (1 - exp(-decay_rate * interval_1)) / decay_rate) + retrain_cost) / interval_1", "USD/day", doc="Exact average cost per day when retraining every interval_1")
cost_rate_2 = Calc("(value_rate * (interval_2 - (1 - exp(-decay_rate * interval_2)) / decay_rate) + retrain_cost) / interval_2", "USD/day", doc="Exact average cost per day when retraining every interval_2")
cost_rate_3 = Calc("(value_rate * (interval_3 - (1 - exp(-decay_rate * interval_3)) / decay_rate) + retrain_cost) / interval_3", "USD/day", doc="Exact average cost per day when retraining every interval_3")
cost_rate_4 = Calc("(value_rate * (interval_4 - (1 - exp(-decay_rate * interval_4)) / decay_rate) + retrain_cost) / interval_4", "USD/day", doc="Exact average cost per day when retraining every interval_4")
cost_rate_5 = Calc("(value_rate * (interval_5 - (1 - exp(-decay_rate * interval_5)) / decay_rate) + retrain_cost) / interval_5", "USD/day", doc="Exact average cost per day when retraining every interval_5")

verdict_cadence = Verdict(
    {
        "about daily": "t_star <= cadence_daily_max",
        "about weekly": "t_star <= cadence_weekly_max",
        "about monthly": "t_star <= cadence_monthly_max",
    },
    otherwise="quarterly or less",
    doc="How often to retrain, in words",
    tones={"about daily": "neutral", "about weekly": "neutral", "about monthly": "neutral", "quarterly or less": "neutral"},
)
verdict_automation = Verdict(
    {"automate the pipeline": "t_star < manual_cycle_days"},
    otherwise="manual cadence is feasible",
    doc="Can a manual retrain-and-deploy keep up with the optimal interval?",
    tones={"automate the pipeline": "neutral", "manual cadence is feasible": "neutral"},
)
