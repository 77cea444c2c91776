"""NVIDIA V100 SXM2 (Volta, 2017).

The previous-generation data-centre GPU: dense Tensor Core and CUDA-core peaks, HBM2 bandwidth
and capacity, board power, price and the FP16 ridge point. It is the hardware behind p40's
batching table, which uses measured latencies rather than these peaks.
"""

from model import Calc, Input

TITLE = "NVIDIA V100 SXM2"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(125, "TFLOP/s", doc="Dense FP16 Tensor Core peak", source="NVIDIA V100 datasheet; engine V100_FLOPS_FP16_TENSOR")
peak_fp32 = Input(15.7, "TFLOP/s", doc="FP32 peak on CUDA cores", source="NVIDIA V100 datasheet; V100_FLOPS_FP32")
mem_bw = Input(900, "GB/s", doc="HBM2 memory bandwidth", source="HBM2; V100_MEM_BW")
mem_capacity = Input(32, "GB", doc="HBM capacity, nominal", source="nominal; engine stores 32 GiB", note="Alternative: 32 GiB (34.4 GB) as the book's engine stores it.")
tdp = Input(300, "W", doc="Board power (SXM2)", source="SXM2; V100_TDP")
unit_price = Input(10000, "USD", doc="Purchase price of one GPU", source="engine V100_UNIT_COST (2024 approx.)")
nvlink_bw = Input(link="ref_interconnect.nvlink_v2_bw", unit="GB/s", doc="NVLink 2.0 bandwidth per GPU (bidirectional total)", source="NVLink 2.0")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Intensity where FP16 Tensor Core compute and HBM bandwidth balance", source="derived: peak_fp16_tensor / mem_bw; engine unit test expects ≈ 139")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"interconnect_bw": "nvlink_bw"}
NA = {"peak_bf16": "Volta Tensor Cores have no BF16 mode", "peak_fp8_tensor": "Volta Tensor Cores have no FP8 mode",
      "peak_int8_tensor": "Volta Tensor Cores do FP16 only (INT8 runs on CUDA cores via DP4A)"}
rent_per_hour = Input(0.8, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
