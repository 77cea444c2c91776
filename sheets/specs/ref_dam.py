"""D·A·M diagnostic references: Data, Algorithm, Machine (appendix A; used by the exercises).

Numbers for the scorecard: dense models use every parameter for each token, sparse / MoE models
activate under half, and below 80 % busy a faster GPU mostly idles faster. The numeric
thresholds for I/O share and MFU live on sheet `eff` (`dam_*`).

Remedies by axis (text, for display). Data: store samples as sequential binary shards
(TFRecord, WebDataset), add loader workers, prefetch, cache on local NVMe. Algorithm: improve the
data or the objective, change batch size or schedule, choose a cheaper architecture. Machine:
more or faster hardware, lower precision, better kernels.

Tools by axis. Data: tqdm, iotop / dstat. Algorithm: the PyTorch and DeepSpeed profilers.
Machine: nvidia-smi, Nsight.
"""

from model import Input

TITLE = "D·A·M diagnostic references"
CHAPTER = "A"
SECTION = "Exercises: the D·A·M taxonomy"

active_params_dense = Input(1.0, "1", doc="Share of parameters a dense model uses per token", source="scorecard: dense models use every parameter per token", hi=1)
active_params_sparse_max = Input(0.5, "1", doc="Most a sparse / MoE model activates per token", source="scorecard: sparse / MoE models activate under half", hi=1)
busy_threshold = Input(0.8, "1", doc="Utilization below which faster GPUs mostly idle faster", source="appendix exercise", hi=1)
