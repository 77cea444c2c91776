"""NVIDIA L4 (Ada Lovelace, 2023): a 72 W inference card.

NVIDIA's L4 datasheet quotes Tensor Core peaks with sparsity; the dense figures here are half.
"""

from model import Calc, Input

TITLE = "NVIDIA L4"
CHAPTER = "11"
SECTION = "Hardware Acceleration (catalog)"
FAMILY = "accelerator"
NA = {"interconnect_bw": "PCIe card without NVLink"}
_DS = "NVIDIA L4 Tensor Core GPU datasheet (2023)"

peak_fp16_tensor = Input(121, "TFLOP/s", doc="Dense FP16 Tensor Core peak", source=f"{_DS}: 242 TFLOPS with sparsity / 2", note="Sparse: 242 TFLOP/s.")
peak_bf16 = Input(121, "TFLOP/s", doc="Dense BF16 Tensor Core peak", source=f"{_DS}: 242 TFLOPS with sparsity / 2", note="Sparse: 242 TFLOP/s.")
peak_fp8_tensor = Input(242.5, "TFLOP/s", doc="Dense FP8 Tensor Core peak", source=f"{_DS}: 485 TFLOPS with sparsity / 2", note="Sparse: 485 TFLOP/s.")
peak_int8_tensor = Input(242.5, "TOPS", doc="Dense INT8 Tensor Core peak", source=f"{_DS}: 485 TOPS with sparsity / 2", note="Sparse: 485 TOPS.")
peak_fp32 = Input(30.3, "TFLOP/s", doc="FP32 peak", source=f"{_DS}")
mem_bw = Input(300, "GB/s", doc="GDDR6 bandwidth", source=f"{_DS}")
mem_capacity = Input(24, "GB", doc="GDDR6 capacity", source=f"{_DS}")
tdp = Input(72, "W", doc="Board power", source=f"{_DS}")
unit_price = Input(2500, "USD", doc="Purchase price", source="dated assumption (2025): street price about USD 2,500", illustrative=True)
rent_per_hour = Input(0.7, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Ridge point for dense FP16", source="derived: peak_fp16_tensor / mem_bw")
