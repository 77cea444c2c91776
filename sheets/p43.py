"""Cost of slow drift detection.

A recommender earning USD 50M a year is hit by a training–serving skew bug that lowers its
quality, and with it conversions, by 5 %. Revenue leaks for as long as nobody notices. How much
is lost while a monthly manual review (about four weeks) catches the bug, compared with a daily
automated drift check, and is building the automated check worth its yearly cost?
"""

from model import Calc, Input, Verdict

TITLE = "Cost of slow drift detection"
CHAPTER = "14"
SECTION = "Development Infrastructure"

annual_revenue = Input(50_000_000, "USD/year", doc="Revenue that flows through the recommender", source="Ch. 14, cost of silent failures")
quality_drop = Input(0.05, "1", doc="Fall in quality; conversions (and revenue) fall in proportion", source="Ch. 14, cost of silent failures", hi=1)
detect_days_manual = Input(28, "day", doc="Days until a monthly manual review notices the bug (about 4 weeks)", source="Ch. 14: ~4 weeks")
detect_days_auto = Input(1, "day", doc="Days until a daily automated drift check notices it", source="Ch. 14: daily check")
days_per_year = Input(link="cal.days_per_year", unit="day/year", doc="Days in a year")
incidents_per_year = Input(4, "incident/year", doc="Skew or drift incidents per year in a high-drift setting", source="Ch. 14 (book's high-drift assumption)")
automation_cost_per_year = Input(100_000, "USD/year", doc="Yearly cost of building and running automated drift detection", source="illustrative (the book only says monitoring costs far less)", illustrative=True)

loss_manual = Calc("annual_revenue * quality_drop * detect_days_manual / days_per_year", "USD", doc="Revenue lost per incident before the manual review catches it")
loss_auto = Calc("annual_revenue * quality_drop * detect_days_auto / days_per_year", "USD", doc="Revenue lost per incident before the daily check catches it")
saving_per_incident = Calc("loss_manual - loss_auto", "USD", doc="Loss avoided per incident by detecting faster")
annual_saving = Calc("incidents_per_year * saving_per_incident", "USD/year", doc="Loss avoided per year")
net_benefit = Calc("annual_saving - automation_cost_per_year", "USD/year", doc="Avoided loss minus the cost of automated detection")
verdict_monitoring = Verdict(
    {"automate drift detection": "annual_saving > automation_cost_per_year"},
    otherwise="manual review suffices",
    doc="Does faster detection save more than it costs?",
    tones={"automate drift detection": "neutral", "manual review suffices": "neutral"},
)
