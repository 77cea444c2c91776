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

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
peak_bf16 = Input(989, "TFLOP/s", doc="Dense BF16 Tensor Core peak", source="NVIDIA H200 Tensor Core GPU datasheet (2024), SXM: 1,979 TFLOPS with sparsity = 989 dense", note="NVIDIA headlines the sparse figure; dense is half.")
peak_int8_tensor = Input(1979, "TOPS", doc="Dense INT8 Tensor Core peak", source="NVIDIA H200 datasheet (2024), SXM: 3,958 TOPS with sparsity = 1,979 dense", note="Sparse: 3,958 TOPS.")
peak_fp32 = Input(67, "TFLOP/s", doc="FP32 peak on CUDA cores", source="NVIDIA H200 datasheet (2024), SXM: FP32 67 TFLOPS")
rent_per_hour = Input(3.5, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
interconnect_bw = Input(link="ref_interconnect.nvlink_v4_bw", unit="GB/s", doc="NVLink 4.0 per GPU (bidirectional total)", source="NVIDIA H200 datasheet (2024): NVLink 900 GB/s")
