"""NVIDIA H200 SXM (Hopper refresh, 2024).

The H100 compute die with more and faster HBM3e: its peaks follow the H100 sheet, so only the
memory, power and price are new numbers here.
"""

from model import Calc, Input

TITLE = "NVIDIA H200 SXM"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(link="gpu_h100.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak (same die as the H100)", source="same compute die as H100")
peak_fp8_tensor = Input(link="gpu_h100.peak_fp8_tensor", unit="TFLOP/s", doc="Dense FP8 Tensor Core peak (same die as the H100)", source="same die as H100")
mem_bw = Input(4800, "GB/s", doc="HBM3e memory bandwidth", source="HBM3e; engine H200_MEM_BW")
mem_capacity = Input(141, "GB", doc="HBM3e capacity (decimal GB)", source="NVIDIA's decimal figure; newer registry writes 131 GiB (same memory)", note="Same memory read in binary units: about 131 GiB.")
tdp = Input(700, "W", doc="Board power (SXM)", source="H200_TDP")
unit_price = Input(35000, "USD", doc="Purchase price of one GPU", source="H200_UNIT_COST")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="FP16 ridge point: the bigger bandwidth lowers it below the H100's", source="derived: peak_fp16_tensor / mem_bw")
