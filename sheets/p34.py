"""Maximum A100 utilization for batch-1 GPT-2 decoding.

GPT-2 (1.5B parameters, FP16) generates text one token at a time at batch size 1 on an A100. Each
step reads every weight once and does about 2 FLOP per weight, so what is the highest share of the
A100's FP16 peak it can reach, and how large a batch would lift it to the ridge point? Only weight
traffic is counted (KV cache and activations ignored).
"""

from model import Calc, Device, Input, Verdict

TITLE = "A100 utilization for batch-1 GPT-2"
CHAPTER = "11"
SECTION = "Roofline Model"
KEY = ('t_step', 'step_rate', 'utilization', 'batch_at_ridge', 'idle_capital')  # the key results a report shows first (exports: answer-first sheets)

n_params = Input(link="model_gpt2_xl.params", unit="param", doc="GPT-2 XL parameters")
bytes_per_param = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per FP16 weight")
flops_per_param = Input(link="eff.decode_flops_per_param", unit="FLOP/param", doc="FLOP per weight per generated token (one multiply, one add)")
batch = Input(1, "sequence", doc="Sequences decoded together; the weights are read once per step for the whole batch", source="the question (batch size 1)", lo=1)
gpu = Device("accelerator", default="gpu_a100", doc="The GPU compared with the CPU")
peak_gpu = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of the GPU (book: A100)")
peak_fp32 = Input(link="gpu.peak_fp32", unit="TFLOP/s", doc="FP32 peak of the GPU without Tensor Cores (book: A100), for the FP32 ridge")
mem_bw_gpu = Input(link="gpu.mem_bw", unit="GB/s", doc="HBM bandwidth of the GPU (book's A100: 2,039 GB/s; the chapter prints 2.04 TB/s)")
gpu_price = Input(link="gpu.unit_price", unit="USD", doc="Purchase price of the GPU (context: what idle silicon costs)")

bytes_per_step = Calc("n_params * bytes_per_param", "GB", doc="Weight bytes read per decoding step")
flops_per_step = Calc("flops_per_param * n_params * batch", "GFLOP", doc="Arithmetic per decoding step for the whole batch")
intensity_gpu = Calc("flops_per_step / bytes_per_step", "FLOP/byte", doc="Arithmetic intensity of one decoding step")
ridge_gpu = Calc("peak_gpu / mem_bw_gpu", "FLOP/byte", doc="FP16 ridge point of the GPU (equals the spec sheet's ridge_fp16)")
ridge_fp32 = Calc("peak_fp32 / mem_bw_gpu", "FLOP/byte", doc="FP32 ridge point of the GPU (no Tensor Cores)")
attainable = Calc("Min(peak_gpu, intensity_gpu * mem_bw_gpu)", "TFLOP/s", doc="Highest throughput the roofline allows at this intensity")
utilization = Calc("attainable / peak_gpu", "%", doc="Highest share of FP16 peak the step can reach")
t_step = Calc("Max(bytes_per_step / mem_bw_gpu, flops_per_step / peak_gpu)", "ms", doc="Roofline time of one decoding step")
step_rate = Calc("1 / t_step", "token/s", doc="Tokens per second each sequence receives (one token per step)")
batch_at_ridge = Calc("ridge_gpu * bytes_per_param / flops_per_param", "sequence", doc="Batch at which the weights-only intensity reaches the ridge")
idle_capital = Calc("gpu_price * (1 - utilization)", "USD", doc="Share of the GPU's price that sits idle at this utilization")

verdict_bound = Verdict(
    {"memory-bound": "intensity_gpu < ridge_gpu"},
    otherwise="compute-bound",
    doc="What limits batch-1 decoding on the GPU",
    tones={"memory-bound": "bad", "compute-bound": "good"},
)
