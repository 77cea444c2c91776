"""MobileNetV2 (and V1): parameters, compute per image, energy per inference.

As with ResNet-50, the seed-edition count (0.3 GFLOP) is multiply-accumulates labelled FLOPs;
counting 2 FLOP per MAC gives 0.6 GFLOP.
"""

from model import Input

TITLE = "MobileNetV2"
CHAPTER = "5"
SECTION = "Model constants"

params = Input(3.5e6, "param", doc="Parameter count", source="MOBILENETV2_PARAMS (registry 3,504,872)")
flops_per_image = Input(0.3e9, "FLOP", doc="Compute per image, seed convention (MACs labelled FLOP)", source="MAC-as-FLOP (registry 0.6e9 in 2×MAC)", note="Alternative: flops_per_image_alt = 0.6 GFLOP (2 FLOP per MAC).")
flops_per_image_alt = Input(0.6e9, "FLOP", doc="Compute per image counting 2 FLOP per MAC", source="2×MAC; registry")
energy_per_inference = Input(link="energy.mobilenet_inference", unit="mJ", doc="Energy of one inference on a phone NPU", source="→ energy.mobilenet_inference")
v1_params = Input(4.2e6, "param", doc="MobileNet V1 parameter count", source="MOBILENET_V1_PARAMS")
