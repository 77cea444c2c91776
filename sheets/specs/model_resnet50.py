"""ResNet-50 (224 × 224 × 3 input): parameters, compute per image, accuracy."""

from model import Input

TITLE = "ResNet-50"
CHAPTER = "5"
SECTION = "Model constants"

params = Input(25.6e6, "param", doc="Parameter count", source="RESNET50_PARAMS")
flops_per_image = Input(4.1e9, "FLOP", doc="Compute per image, seed edition (really the MAC count labelled FLOP)", source="RESNET50_FLOPs; 'approximately four GFLOPs'", note="Alternative: flops_per_image_alt = 8.2 GFLOP (2 FLOP per MAC, later edition).")
flops_per_image_alt = Input(8.2e9, "FLOP", doc="Compute per image counting 2 FLOP per MAC (later edition)", source="newest registry")
top1_accuracy = Input(0.761, "1", doc="Reference Top-1 accuracy", source="seed p38", hi=1)
input_side = Input(224, "px", doc="Input image side", source="IMAGE_DIM_RESNET")
