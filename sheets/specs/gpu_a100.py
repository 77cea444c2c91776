"""NVIDIA A100 SXM 80 GB (Ampere, 2020).

Datasheet peaks (dense unless named _sparse), HBM2e bandwidth and capacity, power, price,
and the ridge points derived from them.
"""

from model import Calc, Input

TITLE = "NVIDIA A100 SXM 80 GB"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(312, "TFLOP/s", doc="Dense FP16 Tensor Core peak", source="NVIDIA A100 datasheet; engine A100_FLOPS_FP16_TENSOR; seed spec sheet")
peak_fp16_sparse = Input(624, "TFLOP/s", doc="FP16 Tensor Core peak with 2:4 structured sparsity", source="NVIDIA A100 datasheet; A100_FLOPS_FP16_SPARSE")
peak_tf32 = Input(156, "TFLOP/s", doc="Dense TF32 Tensor Core peak", source="NVIDIA A100 datasheet; A100_FLOPS_TF32")
peak_fp32 = Input(19.5, "TFLOP/s", doc="FP32 peak on CUDA cores (no Tensor Core)", source="NVIDIA A100 datasheet; A100_FLOPS_FP32")
peak_int8_tensor = Input(624, "TOPS", doc="Dense INT8 Tensor Core peak", source="NVIDIA A100 datasheet; A100_FLOPS_INT8")
peak_int8_sparse = Input(1248, "TOPS", doc="INT8 peak with 2:4 structured sparsity", source="NVIDIA A100 datasheet")
mem_bw = Input(2039, "GB/s", doc="HBM2e bandwidth (SXM)", source="NVIDIA A100 datasheet; A100_MEM_BW (seed shows it as 2.0 TB/s, Ch. 12 as 2.04 TB/s)")
mem_capacity = Input(80, "GB", doc="HBM capacity, nominal as the chapters use it", source="NVIDIA datasheet; engine stores 80 GiB", note="Alternative: 80 GiB (85.9 GB) as the book's engine stores it; PCIe variant 40 GB.")
tdp = Input(400, "W", doc="Board power (SXM)", source="NVIDIA A100 datasheet; A100_TDP")
unit_price = Input(15000, "USD", doc="Purchase price of one GPU", source="engine A100_UNIT_COST (2024 approx.)")
nvlink_bw = Input(link="ref_interconnect.nvlink_v3_bw", unit="GB/s", doc="NVLink 3.0 bandwidth per GPU (bidirectional total)", source="NVLink 3.0")
embodied_carbon = Input(150, "kgCO2", doc="Embodied (manufacturing) carbon of one GPU", source="newer registry (Luccioni 2023)")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Arithmetic intensity where FP16 compute and HBM bandwidth balance (seed: 153)")
ridge_fp32 = Calc("peak_fp32 / mem_bw", "FLOP/byte", doc="Ridge point for FP32 on CUDA cores")
