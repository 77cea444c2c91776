"""NVIDIA B200 (Blackwell, 2024–25).

Dense and sparse Tensor Core peaks, HBM3e bandwidth and capacity, power, an estimated price and
the FP16 ridge. An older engine file quoted 4,500 TFLOP/s as "FP16": that is the sparse figure;
the dense default here is 2,250.
"""

from model import Calc, Input

TITLE = "NVIDIA B200"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(2250, "TFLOP/s", doc="Dense FP16 Tensor Core peak", source="dense; corrected engine value", note="An older engine file quoted 4,500 TFLOP/s as FP16; that is the 2:4 sparse figure.")
peak_fp16_sparse = Input(4500, "TFLOP/s", doc="FP16 Tensor Core peak with 2:4 structured sparsity", source="2:4 sparsity")
peak_fp8_tensor = Input(4500, "TFLOP/s", doc="Dense FP8 Tensor Core peak", source="dense; NVIDIA B200 datasheet", note="Sparse FP8: 9,000 TFLOP/s (an older file quoted 9,000 as the FP8 peak).")
peak_fp4_tensor = Input(9000, "TFLOP/s", doc="Dense FP4 Tensor Core peak", source="dense FP4 (engine constant named INT4)", note="Sparse FP4: 18,000 TFLOP/s.")
mem_bw = Input(8000, "GB/s", doc="HBM3e memory bandwidth (8 TB/s)", source="HBM3e, 8 TB/s")
mem_capacity = Input(192, "GB", doc="HBM capacity, nominal", source="nominal; engine 192 GiB", note="Alternative: 192 GiB (206 GB) as the book's engine stores it.")
tdp = Input(1000, "W", doc="Board power", source="B200_TDP")
unit_price = Input(40000, "USD", doc="Purchase price of one GPU (estimate)", source="engine '2025 estimated'")
nvlink_bw = Input(link="ref_interconnect.nvlink_v5_bw", unit="GB/s", doc="NVLink 5.0 bandwidth per GPU (bidirectional total)", source="NVLink 5.0")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="FP16 ridge point from the dense peak", source="derived: peak_fp16_tensor / mem_bw")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"interconnect_bw": "nvlink_bw"}
peak_bf16 = Input(2250, "TFLOP/s", doc="Dense BF16 Tensor Core peak (per GPU)", source="NVIDIA HGX B200 datasheet (2024): 36 PFLOPS FP16/BF16 with sparsity for 8 GPUs = 2,250 dense per GPU", note="NVIDIA quotes sparse totals per 8-GPU board; dense per GPU is 1/16 of the headline.")
peak_int8_tensor = Input(4500, "TOPS", doc="Dense INT8 Tensor Core peak (per GPU)", source="NVIDIA HGX B200 datasheet (2024): 72 POPS INT8 with sparsity for 8 GPUs = 4,500 dense per GPU", note="Sparse: 9,000 TOPS.")
rent_per_hour = Input(5.0, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
NA = {"peak_fp32": "not quoted per GPU in the HGX B200 datasheet table used here"}
