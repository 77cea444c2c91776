"""Training memory beyond the weights (the "administrative tax").

Why do small models train with poor GPU utilization? Account for everything a 1B-parameter
model with 2 GB of FP16 weights keeps in memory while training with Adam: gradients, the
optimizer's two FP32 moments, and the activations stored for the backward pass (batch 32,
100 layers, width 1,024, FP16 — each layer keeping a width × width matrix per sample). How many
times the weight memory is that, does it fit on one GPU, and how long does merely moving the
activations take?
"""

from model import Calc, Device, Input, Verdict

TITLE = "Training memory beyond the weights"
CHAPTER = "7"
SECTION = "Abstraction Problem"

n_params = Input(1e9, "param", doc="Model parameters", source="Ch. 7 administrative-tax callout (1B parameters, 2 GB FP16)", strict_lo=True)
bytes_weight = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per weight (FP16)")
bytes_grad = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per gradient (same size as the weights)")
bytes_optimizer = Input(link="ref_precision.bytes_adam_state", unit="B/param", doc="Adam state per parameter: two FP32 moments (4× the FP16 weight)")
batch = Input(32, "sample", doc="Training batch size", source="seed Problem 24 (batch 32)", lo=1, integer=True)
n_layers = Input(100, "layer", doc="Layers whose outputs are kept for the backward pass", source="seed Problem 24 (100 layers)", lo=1, integer=True)
width = Input(1024, "1", doc="Hidden width", source="seed Problem 24 (width 1024)", lo=1, integer=True)
bytes_activation = Input(2, "B", doc="Bytes per activation value (FP16)", source="seed Problem 24 (2 bytes)")
gpu = Device("accelerator", default="gpu_a100", doc="The GPU serving the model")
gpu_capacity = Input(link="gpu.mem_capacity", unit="GB", doc="Memory of one GPU for the fit check (book: A100, 80 GB)")
mem_bw = Input(link="gpu.mem_bw", unit="GB/s", doc="GPU memory bandwidth, to time the activation traffic", illustrative=True)

weights = Calc("n_params * bytes_weight", "GB", doc="Weight memory")
grads = Calc("n_params * bytes_grad", "GB", doc="Gradient memory")
optimizer = Calc("n_params * bytes_optimizer", "GB", doc="Adam optimizer state")
activations = Calc("batch * n_layers * width**2 * bytes_activation", "GB", doc="Stored activations: batch × layers × width² × bytes")
total = Calc("weights + grads + optimizer + activations", "GB", doc="Everything training keeps in memory")
admin_tax = Calc("total - weights", "GB", doc="Memory beyond the weights themselves")
tax_ratio = Calc("admin_tax / weights", "1", doc="Memory beyond the weights, as a multiple of the weights")
total_vs_weights = Calc("total / weights", "1", doc="Training memory as a multiple of the weight memory")
optimizer_vs_weights = Calc("optimizer / weights", "1", doc="Optimizer state as a multiple of the weights")
activation_share = Calc("activations / total", "1", doc="Share of training memory taken by activations")
activation_traffic_time = Calc("2 * activations / mem_bw", "ms", doc="Time to write the activations in the forward pass and read them back in the backward pass")

verdict_tax = Verdict(
    {
        "training holds under 2× the weight memory": "total_vs_weights < 2",
        "training holds 2–5× the weight memory": "total_vs_weights < 5",
        "training holds 5–10× the weight memory": "total_vs_weights < 10",
    },
    otherwise="training holds over 10× the weight memory",
    doc="How much more memory training holds than the weights alone",
    tones={"training holds under 2× the weight memory": "neutral", "training holds 2–5× the weight memory": "neutral", "training holds 5–10× the weight memory": "neutral", "training holds over 10× the weight memory": "neutral"},
)
verdict_fit = Verdict({"fits": "total <= gpu_capacity"}, otherwise="does not fit",
                      doc="Does the whole training footprint fit on one GPU?", tones={"fits": "good", "does not fit": "bad"})
