"""Energy per operation (Horowitz 2014, 45 nm) and an inference energy anchor.

Arithmetic is cheap and moving data is dear: a DRAM access costs hundreds of times a multiply.
The MobileNet figure is an illustrative anchor for one NPU inference.
"""

from model import Input

TITLE = "Energy per operation"
CHAPTER = "11"
SECTION = "AI Memory Systems (constants)"

mac_fp32 = Input(3.7, "pJ", doc="Energy of one FP32 multiply-accumulate", source="Horowitz 2014; ENERGY_FLOP_FP32_PJ")
mac_fp16 = Input(1.1, "pJ", doc="Energy of one FP16 multiply-accumulate", source="Horowitz 2014")
mac_int8 = Input(0.2, "pJ", doc="Energy of one INT8 multiply-accumulate", source="Horowitz 2014")
add_fp32 = Input(0.9, "pJ", doc="Energy of one FP32 addition", source="Horowitz 2014")
add_int8 = Input(0.03, "pJ", doc="Energy of one INT8 addition", source="Horowitz 2014")
register_access = Input(0.01, "pJ", doc="Energy of one register access", source="older engine", note="The newer registry says 0.1 pJ.")
sram_l1 = Input(0.5, "pJ", doc="Energy of one L1 SRAM access", source="engine L1 figure")
sram_l2 = Input(2.0, "pJ", doc="Energy of one L2 SRAM access", source="engine")
dram_access = Input(640, "pJ", doc="Energy of one DRAM access", source="per access; ENERGY_DRAM_ACCESS_PJ")
dram_per_byte = Input(160, "pJ/B", doc="DRAM energy per byte moved", source="engine")
mobilenet_inference = Input(0.1, "mJ", doc="Energy of one MobileNet inference on an NPU", source="ENERGY_MOBILENET_INF_MJ (an illustrative anchor)")
