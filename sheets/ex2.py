"""Iron-law analysis of 7B batch-1 decode on an H100.

A 7-billion-parameter decoder produces one token at batch 1 in 50 ms on an H100. Counting
2 FLOPs per parameter per token, how much of the GPU's peak does that use, and is the system
Data-, Algorithm- or Machine-bound? The roofline compares the step's arithmetic intensity with
the H100's ridge point; the achieved HBM bandwidth says whether streaming the weights really
fills the 50 ms, or whether other overheads (launches, latency) do — two numbers alone do not
prove the memory path is saturated.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Iron-law analysis of 7B batch-1 decode on an H100"
CHAPTER = "A"
SECTION = "Exercises"

n_params = Input(link="model_llama2_7b.params", unit="param", doc="Parameters of the 7B decoder")
flops_per_param = Input(link="eff.decode_flops_per_param", unit="FLOP/param", doc="FLOPs per parameter per generated token (one multiply, one add)")
latency = Input(50, "ms", doc="Measured time to generate one token at batch 1", source="exercise: 50 ms measured latency", strict_lo=True)
gpu = Device("accelerator", default="gpu_h100", doc="The GPU of the exercise")
peak = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the GPU (book: H100)")
bytes_per_param = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per weight (FP16), each read once per token")
mem_bw = Input(link="gpu.mem_bw", unit="GB/s", doc="HBM bandwidth of the GPU (book: H100, HBM3)")
ridge = Calc("peak / mem_bw", "FLOP/byte", doc="FP16 ridge point of the GPU (peak ÷ bandwidth, as the spec sheet's ridge_fp16)")
mfu_pass = Input(link="eff.dam_mfu_pass", unit="%", doc="D·A·M scorecard: utilization at which the machine itself is the limit")
bw_saturation_threshold = Input(70, "%", doc="Share of peak HBM bandwidth that counts as saturated", source="illustrative", illustrative=True, hi=100)

ops = Calc("n_params * flops_per_param", "TFLOP", doc="Work per token")
achieved = Calc("ops / latency", "TFLOP/s", doc="Compute rate actually delivered")
eta_hw = Calc("achieved / peak", "%", doc="Hardware utilization: achieved ÷ peak")
weight_bytes = Calc("n_params * bytes_per_param", "GB", doc="Weight bytes streamed per token")
intensity = Calc("ops / weight_bytes", "FLOP/byte", doc="Arithmetic intensity of one decode step")
t_compute_floor = Calc("ops / peak", "ms", doc="Fastest token if compute at peak were the only cost")
t_memory_floor = Calc("weight_bytes / mem_bw", "ms", doc="Fastest token if streaming the weights were the only cost")
achieved_bw = Calc("weight_bytes / latency", "GB/s", doc="HBM bandwidth actually used for weights")
bw_util = Calc("achieved_bw / mem_bw", "%", doc="Share of peak HBM bandwidth used")
unexplained_share = Calc("1 - t_memory_floor / latency", "%", doc="Share of the 50 ms not explained by weight streaming (overheads, launches, latency)")

verdict_axis = Verdict(
    {
        "Machine-bound": "eta_hw >= mfu_pass",
        "Algorithm-bound (work shaped badly for the hardware)": "intensity >= ridge",
        "Data-bound (HBM saturated)": "bw_util >= bw_saturation_threshold",
    },
    otherwise="Data-bound candidate — HBM not saturated; check overhead and latency with a profiler",
    doc="Which D·A·M axis limits decode (Machine if utilization is high; else below the ridge it is the Data axis)",
    tones={"Machine-bound": "neutral", "Algorithm-bound (work shaped badly for the hardware)": "neutral", "Data-bound (HBM saturated)": "neutral", "Data-bound candidate — HBM not saturated; check overhead and latency with a profiler": "neutral"},
)
verdict_remedies = Verdict(
    {
        "Machine: faster hardware, lower precision, better kernels": "eta_hw >= mfu_pass",
        "Algorithm: reshape the work — batching, fused kernels, a cheaper architecture": "intensity >= ridge",
    },
    otherwise="Data: batch requests to turn GEMV into GEMM; quantize to cut bytes per weight; speculative decoding to reuse each weight load",
    doc="Standard remedies for the axis found",
    tones={"Machine: faster hardware, lower precision, better kernels": "neutral", "Algorithm: reshape the work — batching, fused kernels, a cheaper architecture": "neutral", "Data: batch requests to turn GEMV into GEMM; quantize to cut bytes per weight; speculative decoding to reuse each weight load": "neutral"},
)
