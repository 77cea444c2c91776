"""MNIST MLP memory: training versus inference.

The 784 → 128 → 64 → 10 MLP costs 109,184 multiply-accumulates per forward pass. Trained at
batch 32 with every value in 4-byte FP32 and Adam as the optimizer, how much memory does it
hold (weights, activations, gradients, optimizer state), and how does that compare with running
a single sample through it for inference? Sizes are binary, as the book divides by 1,024: the
book's "KB" and "MB" are KiB and MiB here.
"""

from model import Calc, Input, Verdict

TITLE = "MNIST MLP memory: training vs inference"
CHAPTER = "5"
SECTION = "Neural Network Fundamentals"

width_in = Input(link="model_mnist_mlp.width_in", unit="neuron", doc="Input width (28 × 28 pixels)")
width_h1 = Input(link="model_mnist_mlp.width_h1", unit="neuron", doc="First hidden layer width")
width_h2 = Input(link="model_mnist_mlp.width_h2", unit="neuron", doc="Second hidden layer width")
width_out = Input(link="model_mnist_mlp.width_out", unit="neuron", doc="Output width (ten digits)")
batch_train = Input(32, "sample", doc="Training batch size", source="seed Problem 18 (batch 32)", lo=1, integer=True)
batch_infer = Input(1, "sample", doc="Inference batch: a single sample", source="Ch. 5 memory example", lo=1, integer=True)
bytes_per_value = Input(link="ref_precision.bytes_fp32", unit="B/param", doc="Bytes per stored value: weights, activations, gradients and optimizer state all FP32")
grad_multiplier = Input(1, "1", doc="Gradient memory relative to parameter memory (one gradient per parameter)", source="Ch. 5 memory example")
adam_multiplier = Input(2, "1", doc="Optimizer memory relative to parameter memory (Adam: momentum + velocity)", source="Ch. 5 memory example")
device_budget = Input(link="mcu_cortex_m7.ram", unit="KiB", doc="Memory of a target device for the fit checks (a 512 KiB microcontroller)", illustrative=True)

params_l1 = Calc("width_in * width_h1 + width_h1", "param", doc="Layer 1 parameters (weights + biases)")
params_l2 = Calc("width_h1 * width_h2 + width_h2", "param", doc="Layer 2 parameters (weights + biases)")
params_l3 = Calc("width_h2 * width_out + width_out", "param", doc="Layer 3 parameters (weights + biases)")
n_params = Calc("params_l1 + params_l2 + params_l3", "param", doc="All parameters")
n_weights = Calc("width_in * width_h1 + width_h1 * width_h2 + width_h2 * width_out", "param", doc="Weights only (biases excluded)")
forward_macs = Calc("model_mnist_mlp.macs_per_weight * (width_in * width_h1 + width_h1 * width_h2 + width_h2 * width_out)", "MAC",
                    doc="Multiply-accumulates per forward pass (seed: 109,184), from this sheet's widths")
macs_per_weight = Calc("forward_macs / n_weights", "MAC/param", doc="Check: a forward pass does exactly one MAC per weight")

param_mem = Calc("n_params * bytes_per_value", "KiB", doc="Parameter memory")
act_train = Calc("batch_train * (width_in + width_h1 + width_h2 + width_out) * bytes_per_value", "KiB",
                 doc="Activations kept for the backward pass at the training batch (input layer included)")
grad_mem = Calc("grad_multiplier * param_mem", "KiB", doc="Gradient memory")
opt_mem = Calc("adam_multiplier * param_mem", "KiB", doc="Adam optimizer state")
train_total = Calc("param_mem + act_train + grad_mem + opt_mem", "KiB", doc="Training footprint")
train_total_mib = Calc("train_total", "MiB", doc="Training footprint in MiB")
act_infer = Calc("batch_infer * (width_in + width_h1 + width_h2 + width_out) * bytes_per_value", "KiB", doc="Activations for one inference sample")
infer_total = Calc("param_mem + act_infer", "KiB", doc="Inference footprint (parameters + one sample's activations)")
train_to_infer = Calc("train_total / infer_total", "1", doc="How many times the inference memory training needs")
param_state_share = Calc("(param_mem + grad_mem + opt_mem) / train_total", "1",
                         doc="Share of training memory that scales with parameters (not with batch × width)")

verdict_ratio = Verdict(
    {
        "training needs under 2× the inference memory": "train_to_infer < 2",
        "training needs 2–5× the inference memory": "train_to_infer < 5",
        "training needs 5–10× the inference memory": "train_to_infer < 10",
    },
    otherwise="training needs over 10× the inference memory",
    doc="How much more memory training takes than inference",
    tones={"training needs under 2× the inference memory": "neutral", "training needs 2–5× the inference memory": "neutral", "training needs 5–10× the inference memory": "neutral", "training needs over 10× the inference memory": "neutral"},
)
verdict_fit_train = Verdict({"fits": "train_total <= device_budget"}, otherwise="does not fit",
                            doc="Does training fit in the device's memory?", tones={"fits": "good", "does not fit": "bad"})
verdict_fit_infer = Verdict({"fits": "infer_total <= device_budget"}, otherwise="does not fit",
                            doc="Does inference fit in the device's memory?", tones={"fits": "good", "does not fit": "bad"})
