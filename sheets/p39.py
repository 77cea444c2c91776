"""Scaling efficiency: 24 h on one GPU vs 4 h on eight.

Training ResNet-50 on ImageNet takes 24 hours on one GPU and 4 hours on eight. Is that good
scaling (fixed total work, so strong scaling), how much of the eight GPUs' time was lost, and do
the usual loss sources (gradient synchronization, CPU-GPU copies, load imbalance, large-batch
convergence effects) account for it? The GPU-hour view shows what the faster run costs.
"""

from model import Calc, Input, Verdict

TITLE = "Scaling efficiency 1 to 8 GPUs"
CHAPTER = "12"
SECTION = "Training Benchmarks"

t_single = Input(24, "h", doc="Training time on one GPU", source="Ch. 12, scaling efficiency example", strict_lo=True)
n_gpus = Input(8, "GPU", doc="GPUs in the multi-GPU run", source="Ch. 12 example", lo=1, integer=True)
t_multi = Input(4, "h", doc="Training time on the multi-GPU setup", source="Ch. 12 example", strict_lo=True)
loss_sync_min = Input(10, "%", doc="Efficiency lost to gradient synchronization, low end", source="Ch. 12, loss-source table (10-15 %)", hi=100)
loss_sync_max = Input(15, "%", doc="Efficiency lost to gradient synchronization, high end", source="Ch. 12, loss-source table", hi=100)
loss_copy_min = Input(3, "%", doc="Efficiency lost to CPU-GPU copies, low end", source="Ch. 12, loss-source table (3-5 %)", hi=100)
loss_copy_max = Input(5, "%", doc="Efficiency lost to CPU-GPU copies, high end", source="Ch. 12, loss-source table", hi=100)
loss_imbalance_min = Input(2, "%", doc="Efficiency lost to load imbalance, low end", source="Ch. 12, loss-source table (2-5 %)", hi=100)
loss_imbalance_max = Input(5, "%", doc="Efficiency lost to load imbalance, high end", source="Ch. 12, loss-source table", hi=100)
loss_batch_min = Input(2, "%", doc="Efficiency lost to large-batch convergence effects, low end", source="Ch. 12, loss-source table (2-5 %)", hi=100)
loss_batch_max = Input(5, "%", doc="Efficiency lost to large-batch convergence effects, high end", source="Ch. 12, loss-source table", hi=100)
band_excellent = Input(link="eff.scaling_eff_32", unit="%", doc="Efficiency from which scaling counts as excellent (engine reference at 32 GPUs)", illustrative=True)
band_reasonable = Input(link="eff.scaling_eff_256", unit="%", doc="Efficiency from which scaling counts as reasonable (engine reference at 256 GPUs)", illustrative=True)

efficiency = Calc("t_single / (n_gpus * t_multi)", "%", doc="Scaling efficiency: achieved speedup over ideal speedup")
speedup = Calc("t_single / t_multi", "1", doc="Achieved speedup")
t_ideal = Calc("t_single / n_gpus", "h", doc="Training time with perfect scaling")
lost = Calc("1 - efficiency", "%", doc="Share of the GPUs' time lost to scaling overheads")
loss_budget_min = Calc("loss_sync_min + loss_copy_min + loss_imbalance_min + loss_batch_min", "%", doc="Loss the usual sources explain, low end")
loss_budget_max = Calc("loss_sync_max + loss_copy_max + loss_imbalance_max + loss_batch_max", "%", doc="Loss the usual sources explain, high end")
gpu_hours_single = Calc("t_single", "GPU*h", doc="GPU-hours of the single-GPU run (one GPU for t_single)")
gpu_hours_multi = Calc("n_gpus * t_multi", "GPU*h", doc="GPU-hours of the multi-GPU run")
gpu_hour_overhead = Calc("gpu_hours_multi / gpu_hours_single - 1", "%", doc="Extra GPU-hours the faster run costs")

verdict_scaling = Verdict(
    {"excellent": "efficiency >= band_excellent", "reasonable": "efficiency >= band_reasonable"},
    otherwise="poor",
    doc="How good is the scaling?",
    tones={"excellent": "good", "reasonable": "neutral", "poor": "bad"},
)
verdict_losses = Verdict(
    {
        "more loss than the usual sources explain": "lost > loss_budget_max",
        "less loss than the usual sources predict": "lost < loss_budget_min",
    },
    otherwise="explained by the usual loss sources",
    doc="Do synchronization, copies, imbalance and large-batch effects account for the lost time?",
    tones={"more loss than the usual sources explain": "bad", "less loss than the usual sources predict": "neutral", "explained by the usual loss sources": "good"},
)
