"""BERT-Base roofline on an A100.

Management expects BERT-Base inference (sequence length 128) to keep an A100 highly utilized. With
all weights read once per batch and the FP16 Tensor Core peak as the ceiling, what utilization and
throughput should be predicted for single requests, and how does batching 32 requests change the
picture? The book pairs FP32 weight bytes with the FP16 peak as a weights-only simplification.
"""

from model import Calc, Device, Input, Verdict

TITLE = "BERT-Base roofline on an A100"
CHAPTER = "12"
SECTION = "System Benchmarking Suites"
KEY = ('util_single', 'util_batched', 'latency_batched', 'throughput_batched', 'batch_at_ridge')  # the key results a report shows first (exports: answer-first sheets)

gpu = Device("accelerator", default="gpu_a100", doc="The GPU the kernel runs on")
peak_gpu = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the GPU (book: A100)")
mem_bw_gpu = Input(link="gpu.mem_bw", unit="GB/s", doc="HBM bandwidth of the GPU (book's A100; the chapter prints 2.04 TB/s)")
n_params = Input(link="model_bert_base.params", unit="param", doc="BERT-Base parameters")
bytes_per_param = Input(link="ref_precision.bytes_fp32", unit="B/param", doc="Bytes per weight (the book uses FP32 weight bytes here)", note="Alternative: link ref_precision.bytes_fp16 (2 B); the intensity doubles, the batch-1 label stays memory-bound.")
flops_per_inference = Input(link="model_bert_base.flops_per_inference", unit="GFLOP", doc="Compute per inference at sequence length 128")
batch_single = Input(1, "request", doc="Requests per batch when serving one at a time", source="Ch. 12 (MLPerf single-stream)", lo=1, integer=True)
batch_opt = Input(32, "request", doc="Requests per batch in the batched scenario", source="Ch. 12 (batched / offline scenario)", lo=1, integer=True)
compute_efficiency = Input(0.85, "1", doc="Share of peak achieved once compute-bound", source="Ch. 12 (book's assumption)", hi=1, strict_lo=True)
util_expectation = Input(50, "%", doc="What 'high utilization' means to management", source="assumption", illustrative=True, hi=100)

ridge_gpu = Calc("peak_gpu / mem_bw_gpu", "FLOP/byte", doc="FP16 ridge point of the GPU")
weight_bytes = Calc("n_params * bytes_per_param", "MB", doc="Weight bytes read once per batch")

flops_single = Calc("batch_single * flops_per_inference", "GFLOP", doc="Compute per batch, single requests")
intensity_gpu = Calc("flops_single / weight_bytes", "FLOP/byte", doc="Arithmetic intensity serving single requests")
perf_single = Calc("if_(intensity_gpu < ridge_gpu, intensity_gpu * mem_bw_gpu, compute_efficiency * peak_gpu)", "TFLOP/s", doc="Predicted throughput, single requests")
util_single = Calc("perf_single / peak_gpu", "%", doc="Predicted utilization, single requests")
latency_single = Calc("flops_single / perf_single", "ms", doc="Time per batch, single requests")
throughput_single = Calc("batch_single / latency_single", "request/s", doc="Requests per second, single requests")

flops_batched = Calc("batch_opt * flops_per_inference", "GFLOP", doc="Compute per batch, batched")
intensity_batched = Calc("flops_batched / weight_bytes", "FLOP/byte", doc="Arithmetic intensity at the batched size")
perf_batched = Calc("if_(intensity_batched < ridge_gpu, intensity_batched * mem_bw_gpu, compute_efficiency * peak_gpu)", "TFLOP/s", doc="Predicted throughput, batched")
util_batched = Calc("perf_batched / peak_gpu", "%", doc="Predicted utilization, batched")
latency_batched = Calc("flops_batched / perf_batched", "ms", doc="Time per batch, batched (what each request in it waits for compute)")
throughput_batched = Calc("batch_opt / latency_batched", "request/s", doc="Requests per second, batched")
batch_at_ridge = Calc("ridge_gpu * weight_bytes / flops_per_inference", "request", doc="Batch at which the intensity reaches the ridge")

verdict_b1 = Verdict({"memory-bound": "intensity_gpu < ridge_gpu"}, otherwise="compute-bound", doc="What limits BERT-Base serving single requests", tones={"memory-bound": "bad", "compute-bound": "good"})
verdict_b32 = Verdict({"memory-bound": "intensity_batched < ridge_gpu"}, otherwise="compute-bound", doc="What limits BERT-Base at the batched size", tones={"memory-bound": "bad", "compute-bound": "good"})
verdict_expectation = Verdict(
    {"expectation unrealistic at batch 1": "util_single < util_expectation"},
    otherwise="expectation met",
    doc="Does single-request serving reach the utilization management expects?",
    tones={"expectation unrealistic at batch 1": "bad", "expectation met": "good"},
)
