"""ResNet-50 (224 × 224 × 3 input): parameters, compute per image, accuracy.

The seed's edition calls the per-image cost "4.1 GFLOP", which is really the multiply-accumulate
count labelled as FLOPs; a later edition counts 2 FLOP per MAC and gets 8.2 GFLOP
(`flops_per_image_alt`). The book divides the 4.1 figure by FLOP-counted peaks anyway.
"""

from model import Input

TITLE = "ResNet-50"
CHAPTER = "5"
SECTION = "Model constants"

params = Input(25.6e6, "param", doc="Parameter count", source="RESNET50_PARAMS")
flops_per_image = Input(4.1e9, "FLOP", doc="Compute per image, seed edition (really the MAC count labelled FLOP)", source="MAC-as-FLOP; seed edition (RESNET50_FLOPs; 'approximately four GFLOPs')", note="Alternative: flops_per_image_alt = 8.2 GFLOP (2 FLOP per MAC, later edition).")
flops_per_image_alt = Input(8.2e9, "FLOP", doc="Compute per image counting 2 FLOP per MAC (later edition)", source="2×MAC; newest registry (later edition)")
top1_accuracy = Input(0.761, "1", doc="Reference Top-1 accuracy", source="reference Top-1 (seed p38)", hi=1)
input_side = Input(224, "px", doc="Input image side", source="IMAGE_DIM_RESNET", integer=True)
