"""FP16 to INT8 speedup for a compute-bound matmul.

A matrix multiplication that is limited by arithmetic (for example a transformer's MLP projection)
is moved from FP16 to INT8 on an A100. How much faster should it get? The answer depends on what
binds: when compute-bound, the ratio of dense INT8 to dense FP16 throughput; when memory-bound,
the ratio of bytes moved. The sheet also shows two tempting but wrong comparisons.
"""

from model import Calc, Input, Verdict

TITLE = "FP16 to INT8 speedup when compute-bound"
CHAPTER = "10"
SECTION = "Quantization and Precision"
KEY = ('expected_speedup', 'speedup_compute', 'speedup_memory', 'sparse_ratio_trap')  # the key results a report shows first (exports: answer-first sheets)

peak_fp16 = Input(link="gpu_a100.peak_fp16_tensor", unit="TFLOP/s", doc="A100 dense FP16 Tensor Core peak")
peak_int8 = Input(link="gpu_a100.peak_int8_tensor", unit="TOPS", doc="A100 dense INT8 Tensor Core peak")
bytes_fp16 = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per FP16 value")
bytes_int8 = Input(link="ref_precision.bytes_int8", unit="B/param", doc="Bytes per INT8 value")
compute_bound = Input(1, "1", doc="1 = the matmul is compute-bound (as the question states), 0 = memory-bound", source="the question", hi=1, integer=True)
use_intensity = Input(0, "1", doc="1 = decide compute- vs memory-bound from op_intensity and the ridge instead of the switch above", source="switch", hi=1, integer=True)
op_intensity = Input(link="ref_roofline.matmul_batched_ai_max", unit="FLOP/byte", doc="Arithmetic intensity of the matmul (default: a large-batch, well-tiled matmul)", note="Used only when use_intensity = 1; set it to the kernel's measured intensity.")
mem_bw = Input(link="gpu_a100.mem_bw", unit="GB/s", doc="A100 HBM2e bandwidth")
ridge = Calc("peak_fp16 / mem_bw", "FLOP/byte", doc="A100 FP16 ridge point (peak ÷ bandwidth, as gpu_a100.ridge_fp16)")
peak_int8_sparse = Input(link="gpu_a100.peak_int8_sparse", unit="TOPS", doc="A100 INT8 peak with 2:4 sparsity (the wrong figure to compare)")
speedup_fp16_vs_fp32 = Input(link="ref_precision.speedup_fp16_vs_fp32", unit="1", doc="Precision table: FP16 speed-up over FP32")
speedup_int8_vs_fp32_min = Input(link="ref_precision.speedup_int8_vs_fp32_min", unit="1", doc="Precision table: INT8 speed-up over FP32, low end")
speedup_int8_vs_fp32_max = Input(link="ref_precision.speedup_int8_vs_fp32_max", unit="1", doc="Precision table: INT8 speed-up over FP32, high end")

speedup_compute = Calc("floor(peak_int8 / peak_fp16)", "1", doc="Speedup when compute-bound: dense INT8 over dense FP16 throughput (truncated, as the book does)")
speedup_memory = Calc("bytes_fp16 / bytes_int8", "1", doc="Speedup when memory-bound: bytes moved shrink by this factor")
is_compute_bound = Calc("if_(use_intensity > 0.5, if_(op_intensity >= ridge, 1, 0), compute_bound)", "1", doc="1 if the matmul is treated as compute-bound")
expected_speedup = Calc("if_(is_compute_bound > 0.5, speedup_compute, speedup_memory)", "1", doc="Expected FP16 to INT8 speedup")
sparse_ratio_trap = Calc("peak_int8_sparse / peak_fp16", "1", doc="Wrong: sparse INT8 headline over dense FP16 (doubles the answer)")
table_vs_fp16_low = Calc("speedup_int8_vs_fp32_min / speedup_fp16_vs_fp32", "1", doc="Precision table's INT8 gain re-expressed against FP16, low end")
table_vs_fp16_high = Calc("speedup_int8_vs_fp32_max / speedup_fp16_vs_fp32", "1", doc="Precision table's INT8 gain re-expressed against FP16, high end")

verdict_speedup = Verdict(
    {"set by INT8 vs FP16 throughput (compute-bound)": "is_compute_bound > 0.5"},
    otherwise="set by fewer bytes moved (memory-bound)",
    doc="What sets the INT8 speedup (its size is expected_speedup)",
    tones={"set by INT8 vs FP16 throughput (compute-bound)": "neutral", "set by fewer bytes moved (memory-bound)": "neutral"},
)
