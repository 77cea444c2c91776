"""MNIST MLP operation count for one batch.

How many arithmetic operations does one forward pass of a batch of 32 through the
784 → 128 → 64 → 10 MLP take, per batch and per image, and is the pass limited by arithmetic or
by memory? Counting rules: a (M×K)·(K×N) matrix product costs 2·M·K·N operations (a multiply and
an add per term), adding a bias costs M·N, and a ReLU costs M·N comparisons. The intensity
divides the batch's operations by the model's single-sample inference footprint from p18, as the
book does.
"""

from model import Calc, Device, Input, Verdict

TITLE = "MNIST MLP operation count"
CHAPTER = "5"
SECTION = "Learning Process"
KEY = ('total_ops_book', 'ops_per_image', 'intensity', 't_per_image', 'layer1_share')  # the key results a report shows first (exports: answer-first sheets)

width_in = Input(link="model_mnist_mlp.width_in", unit="neuron", doc="Input width (28 × 28 pixels)")
width_h1 = Input(link="model_mnist_mlp.width_h1", unit="neuron", doc="First hidden layer width")
width_h2 = Input(link="model_mnist_mlp.width_h2", unit="neuron", doc="Second hidden layer width")
width_out = Input(link="model_mnist_mlp.width_out", unit="neuron", doc="Output width (ten digits)")
macs_per_weight = Input(link="model_mnist_mlp.macs_per_weight", unit="MAC/param", doc="One MAC per weight per sample (turns a K × N weight count into MACs)")
batch = Input(32, "sample", doc="Batch size", source="seed Problem 19 (batch 32)", lo=1, integer=True)
ops_per_mac = Input(2, "FLOP/MAC", doc="Operations per multiply-accumulate: one multiply + one add", source="seed Problem 19 (2·M·K·N rule)",
                    constant=True)
bias_ops_per_output = Input(1, "FLOP", doc="Operations to add the bias to one output element", source="seed Problem 19 (M·N for bias)")
act_ops_per_output = Input(1, "FLOP", doc="Operations for the activation of one output element (ReLU comparison; softmax approximated the same)",
                           source="seed Problem 19 (M·N for ReLU); book: softmax 'simplified'")
peak_ref = Input(10, "TFLOP/s", doc="A modern GPU at ten TFLOP/s (the book's aside)", source="Ch. 5 learning-process aside", strict_lo=True)
bytes_per_value = Input(link="p18.bytes_per_value", unit="B/param", doc="p18's bytes per stored value (FP32)")
infer_batch = Input(link="p18.batch_infer", unit="sample", doc="p18's inference batch: a single sample")
gpu = Device("accelerator", default="gpu_a100", doc="The accelerator whose ridge is the reference")
ridge_ref = Input(link="gpu.ridge_fp16", unit="FLOP/byte", doc="FP16 ridge point of the reference accelerator (book: A100) for the bound label", illustrative=True)
width_scale = Input(2, "1", doc="What-if: factor applied to both hidden widths", source="Ch. 5 aside (double the hidden widths)", strict_lo=True)

forward_macs = Calc("macs_per_weight * (width_in * width_h1 + width_h1 * width_h2 + width_h2 * width_out)", "MAC",
                    doc="Multiply-accumulates per sample per forward pass (109,184), from this sheet's widths")
inference_footprint = Calc(
    "((width_in * width_h1 + width_h1) + (width_h1 * width_h2 + width_h2) + (width_h2 * width_out + width_out)) * bytes_per_value"
    " + infer_batch * (width_in + width_h1 + width_h2 + width_out) * bytes_per_value",
    "B", doc="p18's inference footprint (parameters + one sample's activations), from this sheet's widths")

# The per-layer table (rows of the seed's solution, plus layer 3).
matmul_l1 = Calc("ops_per_mac * macs_per_weight * batch * width_in * width_h1", "FLOP", doc="Layer 1 MatMul: (32×784)·(784×128)")
bias_act_l1 = Calc("(bias_ops_per_output + act_ops_per_output) * batch * width_h1", "FLOP", doc="Layer 1 bias + ReLU on 32×128 outputs")
matmul_l2 = Calc("ops_per_mac * macs_per_weight * batch * width_h1 * width_h2", "FLOP", doc="Layer 2 MatMul: (32×128)·(128×64)")
bias_act_l2 = Calc("(bias_ops_per_output + act_ops_per_output) * batch * width_h2", "FLOP", doc="Layer 2 bias + ReLU on 32×64 outputs")
matmul_l3 = Calc("ops_per_mac * macs_per_weight * batch * width_h2 * width_out", "FLOP", doc="Layer 3 MatMul: (32×64)·(64×10)")
bias_act_l3 = Calc("(bias_ops_per_output + act_ops_per_output) * batch * width_out", "FLOP", doc="Layer 3 bias + softmax (approximated as one op per output)")
total_ops_rows = Calc("matmul_l1 + bias_act_l1 + matmul_l2 + bias_act_l2 + matmul_l3 + bias_act_l3", "MFLOP",
                      doc="Sum of the six table rows")
total_ops_book = Calc("ops_per_mac * forward_macs * batch + (width_h1 + width_h2 + width_out) * batch * bias_ops_per_output", "MFLOP",
                      doc="The book's printed total: 2 × MACs × batch, plus one bias add per output (no activation term)")
ops_per_image = Calc("total_ops_book / batch", "kFLOP/sample", doc="Operations per image (book's total)")
layer1_share = Calc("width_in * width_h1 * macs_per_weight / forward_macs", "1", doc="Share of the MACs in layer 1")
intensity = Calc("total_ops_book / inference_footprint", "FLOP/byte", doc="Arithmetic intensity: batch-32 operations over the batch-1 inference footprint (book's choice)")
t_per_image = Calc("ops_per_image / peak_ref", "ns/sample", doc="Time per image at the reference GPU's peak")
total_ops_scaled = Calc(
    "ops_per_mac * macs_per_weight * batch * (width_in * width_h1 * width_scale + width_h1 * width_h2 * width_scale**2"
    " + width_h2 * width_scale * width_out)"
    " + (bias_ops_per_output + act_ops_per_output) * batch * (width_h1 * width_scale + width_h2 * width_scale + width_out)",
    "MFLOP", doc="Table total with both hidden widths multiplied by width_scale")
growth = Calc("total_ops_scaled / total_ops_rows", "1", doc="How much the work grows when the hidden widths are scaled")

verdict_bound = Verdict(
    {"memory-bound": "intensity < ridge_ref"},
    otherwise="compute-bound",
    doc="At this intensity, does memory bandwidth or arithmetic limit the pass on the reference device?",
    tones={"memory-bound": "bad", "compute-bound": "good"},
)
