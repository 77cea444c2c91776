"""NVIDIA L40S (Ada Lovelace, 2023): a 350 W PCIe card for inference and fine-tuning.

NVIDIA's L40S datasheet quotes Tensor Core peaks with sparsity; the dense figures here are half.
"""

from model import Calc, Input

TITLE = "NVIDIA L40S"
CHAPTER = "11"
SECTION = "Hardware Acceleration (catalog)"
FAMILY = "accelerator"
NA = {"interconnect_bw": "PCIe card without NVLink"}
_DS = "NVIDIA L40S GPU datasheet (2023)"

peak_fp16_tensor = Input(362, "TFLOP/s", doc="Dense FP16 Tensor Core peak", source=f"{_DS}: 733 TFLOPS with sparsity; dense 362", note="Sparse: 733 TFLOP/s.")
peak_bf16 = Input(362, "TFLOP/s", doc="Dense BF16 Tensor Core peak", source=f"{_DS}: 733 TFLOPS with sparsity; dense 362", note="Sparse: 733 TFLOP/s.")
peak_fp8_tensor = Input(733, "TFLOP/s", doc="Dense FP8 Tensor Core peak", source=f"{_DS}: 1,466 TFLOPS with sparsity / 2", note="Sparse: 1,466 TFLOP/s.")
peak_int8_tensor = Input(733, "TOPS", doc="Dense INT8 Tensor Core peak", source=f"{_DS}: 1,466 TOPS with sparsity / 2", note="Sparse: 1,466 TOPS.")
peak_fp32 = Input(91.6, "TFLOP/s", doc="FP32 peak", source=f"{_DS}")
mem_bw = Input(864, "GB/s", doc="GDDR6 bandwidth", source=f"{_DS}")
mem_capacity = Input(48, "GB", doc="GDDR6 capacity", source=f"{_DS}")
tdp = Input(350, "W", doc="Board power", source=f"{_DS}")
unit_price = Input(8000, "USD", doc="Purchase price", source="dated assumption (2025): street price about USD 7,500-9,000", illustrative=True)
rent_per_hour = Input(1.0, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Ridge point for dense FP16", source="derived: peak_fp16_tensor / mem_bw")
