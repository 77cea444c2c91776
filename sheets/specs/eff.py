"""Utilization, scaling-efficiency and rule-of-thumb references.

Model FLOPs utilization for training and inference, scaling efficiency η = T1 / (N · TN) at
several cluster sizes, the FLOP-per-parameter rules (6 per parameter per token to train, 2 per
parameter per generated token), the Chinchilla tokens-per-parameter ratio, a kernel launch
overhead, and the D·A·M scorecard thresholds.
"""

from model import Input

TITLE = "Efficiency references"
CHAPTER = "8"
SECTION = "Utilization and scaling (constants)"

mfu_training_low = Input(0.30, "1", doc="MFU of well-run training, low end", source="literature (well-run training)", hi=1)
mfu_training_high = Input(0.50, "1", doc="MFU of well-run training, high end", source="Literature.Training.MfuHigh = 0.50", hi=1)
mfu_sustained_ref = Input(0.40, "1", doc="Sustained MFU reference", source="REFERENCE_MFU_SUSTAINED", hi=1)
mfu_inference_batch1 = Input(0.05, "1", doc="MFU of batch-1 inference", source="engine", hi=1)
mfu_inference_batched = Input(0.40, "1", doc="MFU of batched inference", source="engine", hi=1)
scaling_eff_32 = Input(0.90, "1", doc="Scaling efficiency at 32 GPUs", source="η = T1 / (N · TN) references", hi=1)
scaling_eff_256 = Input(0.70, "1", doc="Scaling efficiency at 256 GPUs", source="η = T1 / (N · TN) references", hi=1)
scaling_eff_1024 = Input(0.50, "1", doc="Scaling efficiency at 1,024 GPUs", source="η = T1 / (N · TN) references", hi=1)
scaling_eff_8192 = Input(0.35, "1", doc="Scaling efficiency at 8,192 GPUs", source="η = T1 / (N · TN) references", hi=1)
train_flops_per_param_token = Input(6, "FLOP/param/token", doc="Training compute per parameter per token (C ≈ 6·P·D)", source="Chinchilla compute constant (C ≈ 6·P·D)")
decode_flops_per_param = Input(2, "FLOP/param", doc="Inference compute per parameter per generated token", source="one multiply + one add per weight per token")
chinchilla_tokens_per_param = Input(20, "token/param", doc="Compute-optimal training tokens per parameter", source="Chinchilla (Hoffmann et al. 2022)")
kernel_launch_latency = Input(15, "us", doc="Fixed software overhead of one kernel launch", source="engine default 'software tax'")
dam_io_overhead_fail = Input(0.10, "1", doc="D·A·M: I/O share of step time that fails the check", source="D·A·M scorecard: I/O share of step time", hi=1)
dam_io_overhead_pass = Input(0.01, "1", doc="D·A·M: I/O share of step time that passes the check", source="D·A·M scorecard: I/O share of step time", hi=1)
dam_mfu_fail = Input(0.30, "1", doc="D·A·M: MFU below which the check fails", source="D·A·M scorecard", hi=1)
dam_mfu_pass = Input(0.50, "1", doc="D·A·M: MFU above which the check passes", source="D·A·M scorecard", hi=1)
