"""The book's MNIST MLP: 784 → 128 → 64 → 10.

A forward pass does one multiply-accumulate per weight: 784·128 + 128·64 + 64·10 MACs
(biases are additions, not counted).
"""

from model import Calc, Input

TITLE = "MNIST MLP (784-128-64-10)"
CHAPTER = "5"
SECTION = "Neural Network Fundamentals (model constants)"

width_in = Input(784, "neuron", doc="Input width (28 × 28 pixels)", source="28 × 28 input", integer=True)
width_h1 = Input(128, "neuron", doc="First hidden layer width", source="book's MLP", integer=True)
width_h2 = Input(64, "neuron", doc="Second hidden layer width", source="book's MLP", integer=True)
width_out = Input(10, "neuron", doc="Output width (ten digits)", source="book's MLP", integer=True)
macs_per_weight = Input(1, "MAC/param", doc="Multiply-accumulates per weight per forward pass", source="dense layer: one MAC per weight (unit bridge from connections to MACs)")
forward_macs = Calc("macs_per_weight * (width_in * width_h1 + width_h1 * width_h2 + width_h2 * width_out)", "MAC", doc="Multiply-accumulates in one forward pass", source="derived: in·h1 + h1·h2 + h2·out; seed states 109,184 MACs")
