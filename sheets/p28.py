"""Compute grows faster than data.

GPU compute for training grows about 10x every 3 years, while web training text grows about 2x and
labeled data about 1.5x every 5 years. How much faster does compute pull ahead each year, and can a
frontier-scale budget (10,000 H100s for 3 months) be filled with a team's curated 5-trillion-token
corpus without repeating it past the point where extra passes stop helping? The seed poses no
explicit question here; this framing follows the worked example in the same section.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Compute grows faster than data"
CHAPTER = "9"
SECTION = "Data Selection Fundamentals"

compute_growth = Input(10, "1", doc="Growth of GPU training compute over one compute period", source="Ch. 9, scaling-asymmetry table (Table 9.1)", strict_lo=True)
compute_period = Input(3, "year", doc="Period over which compute grows by compute_growth", source="Ch. 9, Table 9.1", strict_lo=True)
web_data_growth = Input(2, "1", doc="Growth of web training text over one data period", source="Ch. 9, Table 9.1", strict_lo=True)
web_data_period = Input(5, "year", doc="Period over which web text grows by web_data_growth", source="Ch. 9, Table 9.1", strict_lo=True)
label_growth = Input(1.5, "1", doc="Growth of labeled data over one label period", source="Ch. 9, Table 9.1", strict_lo=True)
label_period = Input(5, "year", doc="Period over which labeled data grows by label_growth", source="Ch. 9, Table 9.1", strict_lo=True)
year_length = Input(link="cal.year_length", unit="year", doc="One year, to turn per-period growth into growth per year")

n_gpus = Input(10_000, "GPU", doc="GPUs in the example cluster (1,250 nodes x 8)", source="engine cluster 'Training_10K'", lo=1, integer=True)
duration_months = Input(3, "month", doc="Length of the training run", source="Ch. 9 worked example", strict_lo=True)
days_per_month = Input(link="cal.days_per_month", unit="day/month", doc="Days in a month (30)", note="An average month of 30.44 days is a minor alternative.")
gpu = Device("accelerator", default="gpu_h100", doc="The GPU of the cluster")
peak_per_gpu = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of one GPU (book: H100)")
mfu = Input(link="eff.mfu_sustained_ref", unit="1", doc="Sustained model FLOPs utilization")
n_params = Input(link="model_llama2_70b.params", unit="param", doc="Model size (a 70B-parameter model)")
flops_per_param_token = Input(link="eff.train_flops_per_param_token", unit="FLOP/param/token", doc="Training compute per parameter per token (C = 6 P D)")
corpus_tokens = Input(5, "Ttoken", doc="The team's filtered, ready-to-use corpus", source="Ch. 9 worked example", strict_lo=True)
public_stock_tokens = Input(300, "Ttoken", doc="Estimated stock of quality- and repetition-adjusted public text", source="Ch. 9 worked example", strict_lo=True)
rent_rate = Input(link="econ.gpu_rent_training", unit="USD/h", doc="Cloud training price per GPU-hour")
useful_epochs_max = Input(3, "epoch", doc="Passes over the same data after which extra passes stop paying off", source="Ch. 9 (extra passes stop helping after about 2-3)", strict_lo=True)

compute_rate = Calc("compute_growth ** (year_length / compute_period)", "1", doc="Compute growth factor per year")
web_data_rate = Calc("web_data_growth ** (year_length / web_data_period)", "1", doc="Web-text growth factor per year")
label_rate = Calc("label_growth ** (year_length / label_period)", "1", doc="Labeled-data growth factor per year")
divergence = Calc("compute_rate / web_data_rate", "1", doc="How much further compute pulls ahead of web text each year")

duration = Calc("duration_months * days_per_month", "day", doc="Run length in days")
budget_flops = Calc("n_gpus * peak_per_gpu * duration * mfu", "FLOP", doc="Useful training compute the run delivers")
tokens_affordable = Calc("budget_flops / (flops_per_param_token * n_params)", "Ttoken", doc="Training tokens that compute budget can process for this model")
reuse_ratio = Calc("tokens_affordable / corpus_tokens", "epoch", doc="Passes over the curated corpus needed to spend the budget")
stock_share = Calc("tokens_affordable / public_stock_tokens", "%", doc="Share of all usable public text the run would consume")
run_cost = Calc("n_gpus * duration * rent_rate", "MUSD", doc="Rental cost of the run")

verdict_regime = Verdict(
    {"compute-rich, data-poor": "reuse_ratio > useful_epochs_max"},
    otherwise="data sufficient for this budget",
    doc="Can the curated corpus fill the compute budget without useless repetition?",
    tones={"compute-rich, data-poor": "bad", "data sufficient for this budget": "good"},
)
