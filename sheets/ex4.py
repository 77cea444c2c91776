"""Anti-pattern check before a 4×A100 → 8×H100 purchase.

A colleague asks for USD 200K to replace four A100s with eight H100s because training is "too
slow". On paper the new cluster has over six times the peak FLOP/s — but peak only counts if the
GPUs are busy, fed with data, and the training recipe scales to twice the GPUs. Which three
questions come first, one per D·A·M axis (what share of each step waits for data? can the batch
grow with the GPU count without hurting convergence? how busy are the GPUs now?), and what
should be decided until they are answered? The measurement inputs are placeholders to replace
with profiler data.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Anti-pattern check before a 4×A100 → 8×H100 purchase"
CHAPTER = "A"
SECTION = "Exercises"

n_gpus_old = Input(4, "GPU", doc="A100s in today's cluster", source="exercise: 4× A100", integer=True, lo=1)
n_gpus_new = Input(8, "GPU", doc="H100s in the proposed cluster", source="exercise: 8× H100", integer=True, lo=1)
upgrade_cost = Input(200_000, "USD", doc="Price of the upgrade", source="exercise: USD 200K")
gpu_old = Device("accelerator", default="gpu_a100", doc="The older GPU")
gpu_new = Device("accelerator", default="gpu_h100", doc="The newer GPU")
peak_old = Input(link="gpu_old.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the older GPU (book: A100)")
peak_new = Input(link="gpu_new.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the newer GPU (book: H100)")
util_threshold = Input(link="ref_dam.busy_threshold", unit="%", doc="Machine question: below this utilization, faster GPUs mostly idle faster")
data_wait_threshold = Input(link="eff.dam_io_overhead_fail", unit="%", doc="Data question: above this share of step time waiting for data, fix the pipeline first")
example_speedup_old = Input(3, "1", doc="Speed-up today's 4 GPUs deliver over one GPU (×)", source="book's illustration: 4 GPUs delivering 3×", strict_lo=True)
measurements_available = Input(0, "1", doc="1 once the three measurements below are real profiler data; 0 while they are placeholders", source="switch", integer=True, hi=1)
measured_util = Input(60, "%", doc="Measured GPU utilization / MFU of today's cluster", source="illustrative placeholder — replace with profiler data", illustrative=True, hi=100)
measured_data_wait = Input(15, "%", doc="Measured share of each step spent waiting for data", source="illustrative placeholder — replace with profiler data", illustrative=True, hi=100)
batch_can_double = Input(0, "1", doc="1 if the global batch can double without hurting convergence, else 0", source="illustrative placeholder — replace with a convergence test", illustrative=True, integer=True, hi=1)

per_gpu_ratio = Calc("peak_new / peak_old", "1", doc="Peak of one newer GPU over one older GPU (×)")
nominal_cluster_ratio = Calc("(n_gpus_new * peak_new) / (n_gpus_old * peak_old)", "1", doc="Peak of the new cluster over the old (×), ignoring bandwidth, interconnect and scaling losses")
cost_per_nominal_x = Calc("upgrade_cost / nominal_cluster_ratio", "USD", doc="Price per × of nominal speed-up")
scaling_eff_old = Calc("example_speedup_old / n_gpus_old", "%", doc="Scaling efficiency today: speed-up ÷ GPU count")
projected_speedup_new_count = Calc("n_gpus_new * scaling_eff_old", "1", doc="Speed-up over one GPU at the new GPU count if efficiency held (it usually falls)")
achieved_old = Calc("n_gpus_old * peak_old * measured_util", "TFLOP/s", doc="Compute today's cluster actually delivers at the measured utilization")
idle_cost = Calc("upgrade_cost * (1 - measured_util)", "USD", doc="Part of the purchase that would sit idle at today's utilization")
machine_ok = Calc("if_(measured_util >= util_threshold, 1, 0)", "1", doc="Machine question — what is GPU utilization / MFU now? 1 if busy enough to benefit")
data_ok = Calc("if_(measured_data_wait <= data_wait_threshold, 1, 0)", "1", doc="Data question — what share of each step waits for data? 1 if within the scorecard")
algorithm_ok = Calc("if_(batch_can_double >= 1, 1, 0)", "1", doc="Algorithm question — can the batch grow with the GPU count without hurting convergence? 1 if yes")
checks_passed = Calc("machine_ok + data_ok + algorithm_ok", "1", doc="D·A·M checks passed, out of 3")

verdict_purchase = Verdict(
    {
        "hold — measure first": "measurements_available < 1",
        "fix the Data pipeline first (step time waits on input)": "data_ok < 1",
        "fix the Algorithm first (the batch cannot grow with the GPU count)": "algorithm_ok < 1",
        "fix Machine utilization first (today's GPUs are not busy)": "machine_ok < 1",
    },
    otherwise="approve the purchase",
    doc="Decision on the upgrade: measurements first, then the first failing check in D → A → M order",
    tones={'hold — measure first': 'neutral', 'fix the Data pipeline first (step time waits on input)': 'bad', 'fix the Algorithm first (the batch cannot grow with the GPU count)': 'bad', "fix Machine utilization first (today's GPUs are not busy)": 'bad', 'approve the purchase': 'good'},
)
verdict_axis = Verdict(
    {
        "Data axis: input pipeline is the bottleneck": "data_ok < 1",
        "Algorithm axis: the training recipe does not scale to more GPUs": "algorithm_ok < 1",
        "Machine axis: GPUs underused — faster GPUs would idle faster": "machine_ok < 1",
    },
    otherwise="Machine-bound: GPUs saturated with useful work — more hardware addresses the bottleneck",
    doc="Axis the current numbers point at, in D → A → M order (placeholders until measurements_available = 1)",
    tones={"Data axis: input pipeline is the bottleneck": "neutral", "Algorithm axis: the training recipe does not scale to more GPUs": "neutral", "Machine axis: GPUs underused — faster GPUs would idle faster": "neutral", "Machine-bound: GPUs saturated with useful work — more hardware addresses the bottleneck": "neutral"},
)
