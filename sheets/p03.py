"""ResNet-50 roofline: A100 versus a flagship phone NPU.

At batch size 1, is ResNet-50 inference limited by arithmetic or by streaming its weights from
memory on (a) an A100 running FP16 and (b) a phone NPU running INT8 — and how much faster is
the A100 really? Only weight traffic counts (one read of every weight per image).
"""

from model import Calc, Device, Input, Verdict

TITLE = "ResNet-50 roofline: A100 vs phone NPU"
CHAPTER = "2"
SECTION = "System Balance and Hardware"
KEY = ('latency_gpu', 'latency_npu', 'speed_ratio', 'bw_gap', 'peak_gap')  # the key results a report shows first (exports: answer-first sheets)

ops_per_image = Input(link="model_resnet50.flops_per_image", unit="GFLOP", doc="Compute per image", source="seed edition (MAC count labelled FLOP)", note="Alternative: link model_resnet50.flops_per_image_alt (8.2 GFLOP).")
n_params = Input(link="model_resnet50.params", unit="param", doc="ResNet-50 parameters")
bytes_per_param_gpu = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per weight on the GPU (FP16)")
bytes_per_param_npu = Input(link="ref_precision.bytes_int8", unit="B/param", doc="Bytes per weight on the NPU (INT8)")
gpu = Device("accelerator", default="gpu_a100", doc="The datacenter accelerator (FP16 weights)")
npu = Device("accelerator", default="npu_phone", doc="The phone-class device (INT8 weights)")
peak_gpu = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the GPU (book: A100)")
mem_bw_gpu = Input(link="gpu.mem_bw", unit="GB/s", doc="HBM bandwidth of the GPU (book's A100: 2,039 GB/s, not the rounded 2.0 TB/s)")
peak_npu = Input(link="npu.peak_int8_tensor", unit="TOPS", doc="Phone NPU INT8 peak", note="Alternative: npu_phone.peak_int8_alt (50 TOPS).")
mem_bw_npu = Input(link="npu.mem_bw", unit="GB/s", doc="Phone memory bandwidth", note="Alternative: npu_phone.mem_bw_alt (51.2 GB/s).")

weight_bytes_gpu = Calc("n_params * bytes_per_param_gpu", "MB", doc="FP16 weight bytes read per image")
t_compute_gpu = Calc("ops_per_image / peak_gpu", "ms", doc="GPU time if compute were the only limit")
t_memory_gpu = Calc("weight_bytes_gpu / mem_bw_gpu", "ms", doc="GPU time to stream the weights once")
latency_gpu = Calc("Max(t_compute_gpu, t_memory_gpu)", "ms", doc="GPU roofline latency: the slower term sets the time")
slowdown_gpu = Calc("Max(t_compute_gpu, t_memory_gpu) / Min(t_compute_gpu, t_memory_gpu)", "1", doc="How many times the binding term exceeds the other on the GPU")
intensity_gpu = Calc("ops_per_image / weight_bytes_gpu", "FLOP/byte", doc="Arithmetic intensity on the GPU (FLOP per weight byte)")
ridge_gpu = Calc("peak_gpu / mem_bw_gpu", "FLOP/byte", doc="GPU ridge point (FP16)")

weight_bytes_npu = Calc("n_params * bytes_per_param_npu", "MB", doc="INT8 weight bytes read per image")
t_compute_npu = Calc("ops_per_image / peak_npu", "ms", doc="NPU time if compute were the only limit")
t_memory_npu = Calc("weight_bytes_npu / mem_bw_npu", "ms", doc="NPU time to stream the weights once")
latency_npu = Calc("Max(t_compute_npu, t_memory_npu)", "ms", doc="NPU roofline latency")
slowdown_npu = Calc("Max(t_compute_npu, t_memory_npu) / Min(t_compute_npu, t_memory_npu)", "1", doc="How many times the binding term exceeds the other on the NPU")
intensity_npu = Calc("ops_per_image / weight_bytes_npu", "FLOP/byte", doc="Arithmetic intensity on the NPU")
ridge_npu = Calc("peak_npu / mem_bw_npu", "FLOP/byte", doc="NPU ridge point (INT8)")

bw_gap = Calc("mem_bw_gpu / mem_bw_npu", "1", doc="How much more memory bandwidth the GPU has")
peak_gap = Calc("peak_gpu / peak_npu", "1", doc="How much more peak compute the GPU has")
speed_ratio = Calc("latency_npu / latency_gpu", "1", doc="How much faster the GPU finishes one image")

verdict_gpu = Verdict({"memory-bound": "t_memory_gpu > t_compute_gpu"}, otherwise="compute-bound", doc="What limits the GPU at batch 1", tones={"memory-bound": "bad", "compute-bound": "good"})
verdict_npu = Verdict({"memory-bound": "t_memory_npu > t_compute_npu"}, otherwise="compute-bound", doc="What limits the NPU at batch 1", tones={"memory-bound": "bad", "compute-bound": "good"})
verdict_gap = Verdict(
    {"bandwidth gap explains it": "Abs(log(speed_ratio) - log(bw_gap)) <= Abs(log(speed_ratio) - log(peak_gap))"},
    otherwise="compute gap explains it",
    doc="Which hardware gap, bandwidth or compute, is closer to the real speed ratio",
    tones={"bandwidth gap explains it": "neutral", "compute gap explains it": "neutral"},
)
