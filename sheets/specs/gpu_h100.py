"""NVIDIA H100 SXM5 (Hopper, 2022).

Dense Tensor Core peaks per precision, HBM3 bandwidth and capacity, power, price, links, cache,
SM count, embodied carbon and the FP16 ridge. Every problem means the SXM part; the PCIe card
has lower peaks and bandwidth. 1,979 TFLOP/s is both the FP16 sparse and the FP8 dense peak:
do not read it as the FP16 dense figure.
"""

from model import Calc, Input

TITLE = "NVIDIA H100 SXM5"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(989, "TFLOP/s", doc="Dense FP16/BF16 Tensor Core peak", source="H100_FLOPS_FP16_TENSOR; seed spec sheet and ex2", note="1,979 TFLOP/s is the sparse FP16 figure (and FP8 dense), not FP16 dense.")
peak_fp16_sparse = Input(1979, "TFLOP/s", doc="FP16 Tensor Core peak with 2:4 structured sparsity", source="2:4 sparsity; NVIDIA H100 datasheet")
peak_fp8_tensor = Input(1979, "TFLOP/s", doc="Dense FP8 Tensor Core peak", source="dense; H100_FLOPS_FP8_TENSOR")
peak_tf32 = Input(494, "TFLOP/s", doc="Dense TF32 Tensor Core peak", source="dense; H100_FLOPS_TF32")
peak_int8_tensor = Input(1979, "TOPS", doc="Dense INT8 Tensor Core peak", source="dense; H100_FLOPS_INT8", note="With 2:4 sparsity: 3,958 TOPS.")
peak_fp32 = Input(67, "TFLOP/s", doc="FP32 peak on CUDA cores", source="later engine revision and registry", note="The assumptions appendix rounds it to about 60 TFLOP/s.")
mem_bw = Input(3350, "GB/s", doc="HBM3 memory bandwidth (3.35 TB/s)", source="HBM3; H100_MEM_BW")
mem_capacity = Input(80, "GB", doc="HBM capacity, nominal", source="nominal; engine stores 80 GiB", note="Alternative: 80 GiB (85.9 GB) as the book's engine stores it.")
tdp = Input(700, "W", doc="Board power (SXM)", source="SXM; H100_TDP; p38's 'complete specification' example")
unit_price = Input(30000, "USD", doc="Purchase price of one GPU", source="2024 street price; H100_UNIT_COST; registry Pricing.Capital.H100GpuPurchaseUsd")
nvlink_bw = Input(link="ref_interconnect.nvlink_v4_bw", unit="GB/s", doc="NVLink 4.0 bandwidth per GPU (bidirectional total)", source="NVLink 4.0")
pcie_bw = Input(link="ref_interconnect.pcie_gen5_bw", unit="GB/s", doc="Host link: PCIe Gen5 x16", source="PCIe Gen5 x16")
l2_cache = Input(50, "MB", doc="On-chip L2 cache", source="registry")
sm_count = Input(132, "SM", doc="Streaming multiprocessors on the SXM5 part", source="registry", integer=True)
embodied_carbon = Input(164, "kgCO2", doc="Embodied (manufacturing) carbon of one GPU", source="registry")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Intensity where FP16 Tensor Core compute and HBM bandwidth balance (seed: about 295)", source="derived: peak_fp16_tensor / mem_bw; seed 'approximately 295'")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"interconnect_bw": "nvlink_bw"}
peak_bf16 = Input(989, "TFLOP/s", doc="Dense BF16 Tensor Core peak (same as FP16)", source="NVIDIA H100 Tensor Core GPU datasheet (2023), SXM: BF16 1,979 TFLOPS with sparsity = 989 dense", note="NVIDIA headlines the sparse figure; dense is half.")
rent_per_hour = Input(2.5, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
