"""NVIDIA T4 (Turing, 2018): the low-power inference card.

FP16 and INT8 Tensor Core peaks, GDDR6 bandwidth and capacity, a 70 W board power, price and
the FP16 ridge.
"""

from model import Calc, Input

TITLE = "NVIDIA T4"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(65, "TFLOP/s", doc="FP16 Tensor Core peak", source="T4_FLOPS_FP16_TENSOR")
peak_int8_tensor = Input(130, "TOPS", doc="INT8 Tensor Core peak", source="T4_FLOPS_INT8")
mem_bw = Input(320, "GB/s", doc="GDDR6 memory bandwidth", source="GDDR6; T4_MEM_BW")
mem_capacity = Input(16, "GB", doc="GDDR6 capacity, nominal", source="nominal (engine literal 16 GiB)", note="Alternative: 16 GiB (17.2 GB) as the book's engine stores it.")
tdp = Input(70, "W", doc="Board power", source="T4_TDP")
unit_price = Input(2500, "USD", doc="Purchase price of one card", source="T4_UNIT_COST")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="FP16 ridge point", source="derived: peak_fp16_tensor / mem_bw")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
NA = {"peak_bf16": "Turing Tensor Cores have no BF16 mode", "peak_fp8_tensor": "Turing Tensor Cores have no FP8 mode",
      "interconnect_bw": "PCIe card without NVLink"}
peak_fp32 = Input(8.1, "TFLOP/s", doc="FP32 peak on CUDA cores", source="NVIDIA T4 Tensor Core GPU datasheet (2019): single precision 8.1 TFLOPS")
rent_per_hour = Input(0.35, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
