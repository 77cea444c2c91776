"""NVIDIA GB200 (Blackwell, 2024), per GPU as in a GB200 NVL72 rack.

NVIDIA quotes the GB200 NVL72 rack (72 GPUs) and the GB200 superchip (2 GPUs + 1 Grace CPU),
headlining sparse figures. Every peak here is dense and per GPU: the rack figure / 72, halved
where NVIDIA's number is "with sparsity".
"""

from model import Calc, Input

TITLE = "NVIDIA GB200 (per GPU, NVL72)"
CHAPTER = "11"
SECTION = "Hardware Acceleration (catalog)"
FAMILY = "accelerator"
_DS = "NVIDIA GB200 NVL72 datasheet (2024)"

peak_fp16_tensor = Input(2500, "TFLOP/s", doc="Dense FP16 Tensor Core peak per GPU", source=f"{_DS}: 360 PFLOPS FP16/BF16 with sparsity / 72 GPUs / 2", note="Sparse per GPU: 5,000 TFLOP/s.")
peak_bf16 = Input(2500, "TFLOP/s", doc="Dense BF16 Tensor Core peak per GPU", source=f"{_DS}: same as FP16", note="Sparse per GPU: 5,000 TFLOP/s.")
peak_fp8_tensor = Input(5000, "TFLOP/s", doc="Dense FP8 Tensor Core peak per GPU", source=f"{_DS}: 720 PFLOPS FP8 with sparsity / 72 / 2", note="Sparse per GPU: 10,000 TFLOP/s.")
peak_int8_tensor = Input(5000, "TOPS", doc="Dense INT8 Tensor Core peak per GPU", source=f"{_DS}: 720 POPS INT8 with sparsity / 72 / 2", note="Sparse per GPU: 10,000 TOPS.")
peak_fp32 = Input(80, "TFLOP/s", doc="FP32 peak per GPU", source=f"{_DS}: 5,760 TFLOPS FP32 / 72")
mem_bw = Input(8000, "GB/s", doc="HBM3e bandwidth per GPU", source=f"{_DS}: 576 TB/s / 72")
mem_capacity = Input(186, "GB", doc="HBM3e capacity per GPU", source=f"{_DS}: 13.4 TB HBM3e / 72 (the superchip sheet says 372 GB per 2 GPUs)")
tdp = Input(1200, "W", doc="Power per GPU", source="assumption: about 2,700 W per GB200 superchip (2 GPUs + Grace), roughly 1,200 W per GPU; configurable by the OEM", illustrative=True)
unit_price = Input(60000, "USD", doc="Price per GPU (share of a rack)", source="dated assumption (2025): about USD 3-4 M per NVL72 rack / 72, rounded", illustrative=True)
rent_per_hour = Input(6.0, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
interconnect_bw = Input(link="ref_interconnect.nvlink_v5_bw", unit="GB/s", doc="NVLink 5 per GPU (bidirectional total)", source=f"{_DS}: NVLink 1.8 TB/s per GPU")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Ridge point for dense FP16", source="derived: peak_fp16_tensor / mem_bw")
