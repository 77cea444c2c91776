"""NVIDIA GeForce RTX 4090 (Ada Lovelace, 2022): the consumer card of local fine-tuning.

Figures from NVIDIA's Ada Lovelace architecture whitepaper (2022), dense, with FP32 accumulate
for FP16/BF16/FP8 (GeForce cards run FP16-accumulate at twice that rate; sparsity doubles again).
"""

from model import Calc, Input

TITLE = "NVIDIA GeForce RTX 4090"
CHAPTER = "11"
SECTION = "Hardware Acceleration (catalog)"
FAMILY = "accelerator"
NA = {"interconnect_bw": "no NVLink on the RTX 4090"}
_DS = "NVIDIA Ada Lovelace GPU architecture whitepaper (2022), RTX 4090 column"

peak_fp16_tensor = Input(165.2, "TFLOP/s", doc="Dense FP16 Tensor Core peak (FP32 accumulate)", source=f"{_DS}", note="FP16 accumulate: 330.3 TFLOP/s dense; sparse figures double these.")
peak_bf16 = Input(165.2, "TFLOP/s", doc="Dense BF16 Tensor Core peak (FP32 accumulate)", source=f"{_DS}", note="Sparse: 330.4 TFLOP/s.")
peak_fp8_tensor = Input(330.3, "TFLOP/s", doc="Dense FP8 Tensor Core peak (FP32 accumulate)", source=f"{_DS}", note="FP16 accumulate: 660.6 dense; sparse figures double these.")
peak_int8_tensor = Input(660.6, "TOPS", doc="Dense INT8 Tensor Core peak", source=f"{_DS}", note="Sparse: 1,321.2 TOPS.")
peak_fp32 = Input(82.6, "TFLOP/s", doc="FP32 peak (boost clock)", source=f"{_DS}", note="At the boost clock; sustained clocks are often lower.")
mem_bw = Input(1008, "GB/s", doc="GDDR6X bandwidth", source=f"{_DS}")
mem_capacity = Input(24, "GB", doc="GDDR6X capacity", source=f"{_DS}")
tdp = Input(450, "W", doc="Board power", source=f"{_DS}")
unit_price = Input(1599, "USD", doc="Launch price (MSRP)", source="NVIDIA launch MSRP (2022); 2025 street prices run higher")
rent_per_hour = Input(0.4, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Ridge point for dense FP16", source="derived: peak_fp16_tensor / mem_bw")
