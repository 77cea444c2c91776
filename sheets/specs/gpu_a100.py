"""NVIDIA A100 SXM 80 GB (Ampere, 2020).

Datasheet peaks (dense unless named _sparse), HBM2e bandwidth and capacity, power, price,
and the ridge points derived from them. The ridge uses 2,039 GB/s, which the seed displays as
"2.0 TB/s": typing the rounded figure would move the ridge from 153 to 156 FLOP/byte.
"""

from model import Calc, Input

TITLE = "NVIDIA A100 SXM 80 GB"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(312, "TFLOP/s", doc="Dense FP16 Tensor Core peak", source="NVIDIA A100 datasheet; engine A100_FLOPS_FP16_TENSOR; seed spec sheet")
peak_fp16_sparse = Input(624, "TFLOP/s", doc="FP16 Tensor Core peak with 2:4 structured sparsity", source="2:4 sparsity; A100_FLOPS_FP16_SPARSE")
peak_tf32 = Input(156, "TFLOP/s", doc="Dense TF32 Tensor Core peak", source="NVIDIA A100 datasheet (dense); A100_FLOPS_TF32")
peak_fp32 = Input(19.5, "TFLOP/s", doc="FP32 peak on CUDA cores (no Tensor Core)", source="CUDA cores, no Tensor Core; A100_FLOPS_FP32")
peak_int8_tensor = Input(624, "TOPS", doc="Dense INT8 Tensor Core peak", source="dense INT8; A100_FLOPS_INT8; A100 registry precision_flops.int8")
peak_int8_sparse = Input(1248, "TOPS", doc="INT8 peak with 2:4 structured sparsity", source="2:4 sparsity; NVIDIA A100 datasheet")
mem_bw = Input(2039, "GB/s", doc="HBM2e bandwidth (SXM)", source="HBM2e, SXM; A100_MEM_BW (seed displays it as 2.0 TB/s, Ch. 12 as 2.04 TB/s)", note="Do not type the displayed 2.0 TB/s: the seed's 153 FLOP/byte ridge comes from 2,039 GB/s.")
mem_capacity = Input(80, "GB", doc="HBM capacity, nominal as the chapters use it", source="nominal '80 GB' as the chapters use it; engine stores 80 GiB", note="Alternative: 80 GiB (85.9 GB) as the book's engine stores it; PCIe variant 40 GB.")
tdp = Input(400, "W", doc="Board power (SXM)", source="SXM; A100_TDP")
unit_price = Input(15000, "USD", doc="Purchase price of one GPU", source="A100_UNIT_COST (2024 approx.); also in the Ch. 11 throughput-ceiling cell")
nvlink_bw = Input(link="ref_interconnect.nvlink_v3_bw", unit="GB/s", doc="NVLink 3.0 bandwidth per GPU (bidirectional total)", source="NVLink 3.0")
embodied_carbon = Input(150, "kgCO2", doc="Embodied (manufacturing) carbon of one GPU", source="newer registry (Luccioni 2023)")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Intensity where FP16 Tensor Core compute and HBM bandwidth balance (seed: 153)", source="derived: peak_fp16_tensor / mem_bw; seed states 153 FLOP/byte")
ridge_fp32 = Calc("peak_fp32 / mem_bw", "FLOP/byte", doc="Ridge point for FP32 on CUDA cores", source="derived: peak_fp32 / mem_bw; Ch. 11 contrasts it with the FP16 ridge")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"interconnect_bw": "nvlink_bw"}
NA = {"peak_fp8_tensor": "Ampere Tensor Cores have no FP8 mode"}
peak_bf16 = Input(312, "TFLOP/s", doc="Dense BF16 Tensor Core peak (same as FP16 on Ampere)", source="NVIDIA A100 Tensor Core GPU datasheet (2020/2021): BF16 312 TFLOPS dense, 624 sparse")
rent_per_hour = Input(1.5, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
