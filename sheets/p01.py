"""GPT-3 training time on an A100 cluster.

How many days does a GPT-3-class training run take on 1,024 A100 GPUs, and how much time does
raising hardware utilization from 45 % to 60 % save? Only the compute term of the Iron Law
(T = D/BW + O/(R_peak·η) + L) is modelled; data movement and latency are taken as zero.
"""

from model import Calc, Device, Input, Verdict

TITLE = "GPT-3 training time on an A100 cluster"
CHAPTER = "1"
SECTION = "Iron Law of ML Systems"
KEY = ('days_base', 'days_improved', 'days_saved', 'speedup')  # the key results a report shows first (exports: answer-first sheets)

training_ops = Input(link="model_gpt3.training_ops", unit="FLOP", doc="Total training compute", source="engine GPT3_TRAINING_OPS")
gpu = Device("accelerator", default="gpu_a100", doc="The GPU the run trains on")
peak_per_gpu = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Peak per GPU (dense FP16 Tensor Core)", source="A100 datasheet", note="A sparse peak (624) would halve the answer wrongly.")
n_gpus = Input(1024, "GPU", doc="GPUs in the cluster (128 nodes × 8)", source="engine cluster 'Training_1K'", lo=1, integer=True)
eta_base = Input(0.45, "1", doc="Utilization typical of large distributed training", source="Ch. 1, Iron Law", hi=1, strict_lo=True)
eta_improved = Input(0.60, "1", doc="Utilization after better scheduling and execution", source="Ch. 1, Iron Law", hi=1, strict_lo=True)
seconds_per_day = Input(link="cal.seconds_per_day", unit="s/day", doc="Seconds per day")
month_length = Input(link="cal.month_length", unit="day", doc="Length of a month (30 days)")

cluster_rate_base = Calc("n_gpus * peak_per_gpu * eta_base", "PFLOP/s", doc="Sustained cluster throughput at the baseline utilization")
cluster_rate_improved = Calc("n_gpus * peak_per_gpu * eta_improved", "PFLOP/s", doc="Sustained cluster throughput at the improved utilization")
t_train_base = Calc("training_ops / cluster_rate_base", "s", doc="Training time at the baseline utilization")
t_train_improved = Calc("training_ops / cluster_rate_improved", "s", doc="Training time at the improved utilization")
days_base = Calc("t_train_base / seconds_per_day", "day", doc="Training days at the baseline utilization")
days_improved = Calc("t_train_improved / seconds_per_day", "day", doc="Training days at the improved utilization")
days_saved = Calc("days_base - days_improved", "day", doc="Days saved by raising utilization")
speedup = Calc("days_base / days_improved", "1", doc="How much faster the improved run is")
verdict_training_time = Verdict(
    {"within a month": "days_base <= month_length"},
    otherwise="longer than a month",
    doc="Does the baseline run finish within a 30-day month?",
    tones={"within a month": "good", "longer than a month": "bad"},
)
