"""Dispatch tax: when Python overhead dominates.

Every operation a framework launches from Python pays a fixed host-side cost (dispatch plus
kernel launch) before the GPU does any work. When does that fixed cost, rather than the GPU's
own compute and memory time, set the run time? Compare a tiny MLP of six small operations
(2.6 µs of GPU work, 5 µs of dispatch per operation) with a GPT-3 layer whose large matrix
multiplications take 100 ms against 50 µs of total software overhead. The rule: a workload is
overhead-bound when N_ops · t_dispatch exceeds its hardware time.
"""

from model import Calc, Input, Verdict

TITLE = "Dispatch (Python) overhead"
CHAPTER = "7"
SECTION = "Execution Problem"

small_n_ops = Input(6, "operation", doc="Small matrix / element-wise operations in the tiny MLP", source="seed Problem 23 (6 ops)", lo=1, integer=True)
dispatch_per_op = Input(5.0, "us/operation", doc="Host-side dispatch + kernel launch cost per operation", source="seed Problem 23 (5.0 µs/op)",
                        note="Nearby chapter examples use 10 µs dispatch and 15 µs per op; do not mix them in.")
small_t_hw = Input(2.6, "us", doc="GPU time of the tiny MLP (mostly memory latency)", source="seed Problem 23 (T_hw ≈ 2.6 µs)", strict_lo=True)
large_t_hw = Input(100, "ms", doc="GPU time of one GPT-3 layer (large matrix multiplications)", source="Ch. 7 dispatch-overhead example (100 ms)", strict_lo=True)
large_t_sw = Input(50, "us", doc="Total software overhead of the GPT-3 layer", source="Ch. 7 dispatch-overhead example (50 µs)")

small_t_sw = Calc("small_n_ops * dispatch_per_op", "us", doc="Tiny MLP: software overhead (ops × dispatch cost)")
small_total = Calc("small_t_sw + small_t_hw", "us", doc="Tiny MLP: wall time, overhead + GPU work")
small_ratio = Calc("small_t_sw / small_t_hw", "1", doc="Tiny MLP: overhead relative to GPU work")
small_overhead_share = Calc("small_t_sw / small_total", "1", doc="Tiny MLP: share of time spent in dispatch and launch")
compile_speedup_max = Calc("small_total / small_t_hw", "1", doc="Tiny MLP: speed-up if compilation removed dispatch entirely (upper bound)")
large_ratio = Calc("large_t_sw / large_t_hw", "1", doc="GPT-3 layer: overhead relative to GPU work")
large_overhead_share = Calc("large_t_sw / (large_t_sw + large_t_hw)", "1", doc="GPT-3 layer: share of time spent in software overhead")

verdict_small = Verdict({"overhead-bound": "small_ratio > 1"}, otherwise="compute-bound",
                        doc="Does dispatch overhead or GPU work set the tiny MLP's run time?", tones={"overhead-bound": "bad", "compute-bound": "good"})
verdict_large = Verdict({"overhead-bound": "large_ratio > 1"}, otherwise="compute-bound",
                        doc="Does software overhead or GPU work set the GPT-3 layer's run time?", tones={"overhead-bound": "bad", "compute-bound": "good"})
