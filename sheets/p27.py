"""Rent or buy H100s to train Llama-2-70B.

Training Llama-2-70B (70B parameters, 2T tokens) takes about 6 FLOP per parameter per token.
On H100s running at 50 % of their dense FP16 peak, how many GPU-years is that, how many days on a
1,024-GPU cluster, and what does it cost to rent that cluster at USD 3 per GPU-hour compared with
buying the 1,024 GPUs outright? Ownership costs (power, facility, staff) are left out, which
flatters buying — so a "rent" answer is robust.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Rent vs buy H100s for Llama-2-70B"
CHAPTER = "8"
SECTION = "Pipeline Architecture"

n_params = Input(link="model_llama2_70b.params", unit="param", doc="Model parameters (70B)")
n_tokens = Input(link="model_llama2_70b.training_tokens", unit="token", doc="Training tokens (2T)")
flops_per_param_token = Input(link="eff.train_flops_per_param_token", unit="FLOP/param/token", doc="Training compute per parameter per token (6·P·D rule)")
gpu = Device("accelerator", default="gpu_h100", doc="The GPU bought or rented")
peak_per_gpu = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the GPU (book: H100)")
mfu = Input(link="eff.mfu_training_high", unit="1", doc="Model FLOPs utilization of well-run training (high end, 50 %)")
n_gpus = Input(1024, "GPU", doc="GPUs in the cluster (128 DGX H100 nodes × 8)", source="Ch. 8 utility-bill callout", lo=1, integer=True)
rent_rate = Input(link="econ.gpu_rent_utility_scenario", unit="USD/h", doc="Rental price per GPU-hour (H100)")
purchase_price = Input(link="gpu.unit_price", unit="USD", doc="Purchase price of one GPU (book: H100)")
seconds_per_day = Input(link="cal.seconds_per_day", unit="s/day", doc="Seconds per day")
hours_per_day = Input(link="cal.hours_per_day", unit="h/day", doc="Hours per day (rental is billed per GPU-hour)")
days_per_year = Input(link="cal.days_per_year_leap", unit="day/year", doc="Days per year for GPU-years (the engine's leap-year 365.25)",
                      note="Alternative: link cal.days_per_year (365); only the GPU-years change.")

total_flops = Calc("flops_per_param_token * n_params * n_tokens", "FLOP", doc="Training compute: 6 × parameters × tokens")
effective_per_gpu = Calc("peak_per_gpu * mfu", "TFLOP/s", doc="Throughput one GPU actually sustains")
t_single_gpu = Calc("total_flops / effective_per_gpu", "s", doc="Time the run would take on one GPU")
gpu_years = Calc("t_single_gpu / (days_per_year * seconds_per_day)", "year", doc="The run in GPU-years")
cluster_days = Calc("t_single_gpu / n_gpus / seconds_per_day", "day", doc="Wall-clock days on the cluster (perfect scaling)")
gpu_hours = Calc("n_gpus * hours_per_day * cluster_days", "h", doc="GPU-hours billed for the run")
rent_cost = Calc("gpu_hours * rent_rate", "MUSD", doc="Cost of renting the cluster for the run")
buy_cost = Calc("n_gpus * purchase_price", "MUSD", doc="Cost of buying the GPUs (hardware only)")
breakeven_runs = Calc("buy_cost / rent_cost", "1", doc="Buying pays off only after this many such runs")

verdict_rent_buy = Verdict({"rent": "rent_cost < buy_cost"}, otherwise="buy",
                           doc="For one training run, is renting cheaper than buying the GPUs?", tones={"rent": "neutral", "buy": "neutral"})
