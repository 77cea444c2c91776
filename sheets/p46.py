"""How long to prove drift at 1 QPS.

A model's accuracy is 95 % at baseline; we want to notice, with 95 % confidence, when it has
slipped to 90 %. Labels arrive at one per second (every request is eventually labelled), and the
book budgets about 1,000 labels of evidence. How long is the model silently wrong before the
drop is established — at 1 QPS and at a low-traffic 100 labels a day — and how many labels would
a formal one-sided test with 80 % power actually need?
"""

from model import Calc, Input, Verdict

TITLE = "How long to prove drift at 1 QPS"
CHAPTER = "14"
SECTION = "Production Operations"

baseline_acc = Input(0.95, "1", doc="Accuracy at deployment", source="Ch. 14, drift detection delay", hi=1, strict_lo=True)
drifted_acc = Input(0.90, "1", doc="Accuracy after the drift we want to catch (a 5-point drop)", source="Ch. 14, drift detection delay", hi=1, strict_lo=True)
confidence = Input(0.95, "1", doc="Confidence of the drift call (one-sided)", source="Ch. 14, drift detection delay", strict_lo=True, hi=0.9999)
power = Input(0.80, "1", doc="Chance the formal test catches a real drop of that size", source="conventional 80 % power (brief: z_beta = 0.842)", strict_lo=True, hi=0.9999)
labeled_rate = Input(1, "label/s", doc="Labelled requests per second (1 QPS, each request eventually labelled)", source="Ch. 14: 1 QPS", strict_lo=True)
samples_needed = Input(1000, "label", doc="Labels of evidence the book budgets to establish the drop", source="Ch. 14 (round, conservative; stated, not derived)", strict_lo=True)
low_traffic_rate = Input(100, "label/day", doc="Labels per day in the low-traffic scenario", source="Ch. 14, second scenario", strict_lo=True)
acceptable_delay = Input(1, "h", doc="How long a silent failure is tolerable", source="illustrative", illustrative=True)
hour_length = Input(link="cal.hour_length", unit="h", doc="One hour, edge of the headline's 'minutes' band")
day_length = Input(link="cal.day_length", unit="day", doc="One day, edge of the headline's 'hours' band")
week_length = Input(link="cal.week_length", unit="day", doc="One week, edge of the headline's 'days' band")

t_detect = Calc("samples_needed / labeled_rate", "min", doc="Time to collect the evidence budget at the labelled rate")
t_detect_low = Calc("samples_needed / low_traffic_rate", "day", doc="Time to collect it at low traffic")
alpha_tail = Calc("1 - confidence", "1", doc="False-alarm probability (one-sided)")
beta_tail = Calc("1 - power", "1", doc="Probability of missing a real drop")
t_alpha = Calc("sqrt(-2 * ln(alpha_tail))", "1", doc="Helper sqrt(ln(1/alpha²)) of the normal-quantile approximation")
t_beta = Calc("sqrt(-2 * ln(beta_tail))", "1", doc="Helper sqrt(ln(1/beta²)) of the normal-quantile approximation")
z_alpha = Calc("t_alpha - (2.515517 + 0.802853 * t_alpha + 0.010328 * t_alpha**2) / (1 + 1.432788 * t_alpha + 0.189269 * t_alpha**2 + 0.001308 * t_alpha**3)", "1", doc="One-sided normal quantile for the confidence (Abramowitz & Stegun 26.2.23, error < 0.00045; 1.645 at 95 %)")
z_beta = Calc("t_beta - (2.515517 + 0.802853 * t_beta + 0.010328 * t_beta**2) / (1 + 1.432788 * t_beta + 0.189269 * t_beta**2 + 0.001308 * t_beta**3)", "1", doc="Normal quantile for the power (same approximation; 0.842 at 80 %)")
n_formal = Calc("((z_alpha * sqrt(baseline_acc * (1 - baseline_acc)) + z_beta * sqrt(drifted_acc * (1 - drifted_acc))) / (baseline_acc - drifted_acc))**2", "label", doc="Labels a one-sample proportion test needs to detect the drop (alternative to the book's budget)")
t_formal = Calc("n_formal / labeled_rate", "min", doc="Time to collect the formal sample at the labelled rate")
t_formal_low = Calc("n_formal / low_traffic_rate", "day", doc="Time to collect the formal sample at low traffic")

verdict_headline = Verdict(
    {
        "drift provable within minutes (under an hour)": "t_detect < hour_length",
        "drift provable within hours (under a day)": "t_detect < day_length",
        "drift provable within days (under a week)": "t_detect < week_length",
    },
    otherwise="drift takes a week or more to prove",
    doc="How long the model runs silently degraded at the labelled rate (the number is t_detect)",
    tones={"drift provable within minutes (under an hour)": "good", "drift provable within hours (under a day)": "good", "drift provable within days (under a week)": "neutral", "drift takes a week or more to prove": "bad"},
)
verdict_high_traffic = Verdict(
    {"fast detection": "t_detect <= acceptable_delay"},
    otherwise="slow — add label-free input-drift checks and audits",
    doc="Is label-based detection fast enough at 1 QPS?",
    tones={"fast detection": "good", "slow — add label-free input-drift checks and audits": "bad"},
)
verdict_low_traffic = Verdict(
    {"fast detection": "t_detect_low <= acceptable_delay"},
    otherwise="slow — add label-free input-drift checks and audits",
    doc="Is label-based detection fast enough at low traffic?",
    tones={"fast detection": "good", "slow — add label-free input-drift checks and audits": "bad"},
)
