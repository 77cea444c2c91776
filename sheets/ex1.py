"""Component identification: 25 % GPU, 100 % disk.

An A100 serving image classification shows 25 % utilization in nvidia-smi while iotop shows the
disk 100 % busy. Which axis of the D·A·M taxonomy — Data (feeding bytes), Algorithm (the work
asked for) or Machine (the hardware doing it) — limits the service, and which two changes come
first? Read through the Iron Law T = D/BW + O/(R_peak·η) + L: an idle accelerator next to a
pegged disk means the data term dominates. nvidia-smi's utilization is the share of time a
kernel runs, not model-FLOP utilization, so separating Algorithm from Machine needs a profiler
(the optional profile inputs).
"""

from model import Calc, Device, Input, Verdict

TITLE = "Component identification: 25 % GPU, 100 % disk"
CHAPTER = "A"
SECTION = "Exercises"

gpu_util = Input(0.25, "1", doc="GPU utilization reported by nvidia-smi (share of time a kernel runs)", source="exercise: 25 percent GPU utilization", hi=1, strict_lo=True)
disk_util = Input(1.00, "1", doc="Disk busy share reported by iotop", source="exercise: disk saturated at 100 percent", hi=1)
gpu = Device("accelerator", default="gpu_a100", doc="The GPU of the exercise")
peak = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the GPU (book: A100), for the achieved-vs-peak bound")
disk_saturated_threshold = Input(0.90, "1", doc="Disk busy share above which the disk counts as saturated", source="illustrative", illustrative=True, hi=1)
gpu_busy_threshold = Input(link="ref_dam.busy_threshold", unit="1", doc="Utilization below which a faster GPU would only idle faster")
io_fail = Input(link="eff.dam_io_overhead_fail", unit="1", doc="D·A·M scorecard: data-wait share of step time that fails the Data check")
mfu_pass = Input(link="eff.dam_mfu_pass", unit="1", doc="D·A·M scorecard: MFU above which the machine is doing useful work")
mfu_fail = Input(link="eff.dam_mfu_fail", unit="1", doc="D·A·M scorecard: MFU below which the work itself is suspect")
profile_available = Input(0, "1", doc="1 once a profiler has measured the data-wait share and MFU below; 0 ignores them", source="switch", integer=True, hi=1)
io_wait_share = Input(0.0, "1", doc="Profiler: share of step time spent waiting for input data", source="placeholder until profiled", illustrative=True, hi=1)
mfu_measured = Input(0.0, "1", doc="Profiler: model-FLOP utilization (useful FLOP/s ÷ peak)", source="placeholder until profiled", illustrative=True, hi=1)

gpu_idle = Calc("1 - gpu_util", "%", doc="Share of time the GPU runs no kernel: the most it can be waiting for data")
speedup_ceiling_if_fed = Calc("1 / gpu_util", "1", doc="Most the service could speed up if the input stall vanished and the GPU stayed busy")
achieved_upper = Calc("gpu_util * peak", "TFLOP/s", doc="Upper bound on delivered compute: peak for the share of time a kernel runs")
disk_saturated = Calc("if_(disk_util >= disk_saturated_threshold, 1, 0)", "1", doc="1 if the disk is saturated")
gpu_underused = Calc("if_(gpu_util < gpu_busy_threshold, 1, 0)", "1", doc="1 if the GPU is below the busy threshold")
io_wait_high = Calc("if_(io_wait_share > io_fail, profile_available, 0)", "1", doc="1 if a profile shows data wait above the scorecard's fail line")
mfu_high = Calc("if_(mfu_measured >= mfu_pass, profile_available, 0)", "1", doc="1 if a profile shows MFU at or above the pass line")
mfu_low = Calc("if_(mfu_measured < mfu_fail, profile_available, 0)", "1", doc="1 if a profile shows MFU below the fail line")
rule_data = Calc("Max(disk_saturated * gpu_underused, io_wait_high)", "1", doc="Rule 1, Data: saturated disk beside an underused GPU, or a high measured data wait")
rule_machine = Calc("(1 - gpu_underused) * mfu_high", "1", doc="Rule 2, Machine: GPU busy and doing useful work")
rule_algorithm = Calc("(1 - gpu_underused) * mfu_low", "1", doc="Rule 3, Algorithm: GPU busy but little useful work")

verdict_axis = Verdict(
    {
        "Data-bound": "rule_data >= 1",
        "Machine-bound": "rule_machine >= 1",
        "Algorithm-bound": "rule_algorithm >= 1",
    },
    otherwise="inconclusive — profile",
    doc="Which D·A·M axis limits the service (rules in order)",
    tones={"Data-bound": "neutral", "Machine-bound": "neutral", "Algorithm-bound": "neutral", "inconclusive — profile": "neutral"},
)
verdict_remedies = Verdict(
    {
        "Data: store samples as sequential binary shards (TFRecord, WebDataset); add loader workers and prefetch (or cache on local NVMe)": "rule_data >= 1",
        "Machine: faster or more hardware; lower precision": "rule_machine >= 1",
        "Algorithm: better data or objective; change batch size or schedule": "rule_algorithm >= 1",
    },
    otherwise="profile first: iotop / data-loader timing for Data, the PyTorch profiler for Algorithm, Nsight for Machine",
    doc="The first two standard remedies for the axis found (appendix's diagnostic matrix)",
    tones={"Data: store samples as sequential binary shards (TFRecord, WebDataset); add loader workers and prefetch (or cache on local NVMe)": "neutral", "Machine: faster or more hardware; lower precision": "neutral", "Algorithm: better data or objective; change batch size or schedule": "neutral", "profile first: iotop / data-loader timing for Data, the PyTorch profiler for Algorithm, Nsight for Machine": "neutral"},
)
