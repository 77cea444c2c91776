"""AMD Instinct MI325X (CDNA 3, 2024): MI300X compute with 256 GB HBM3E.

AMD quotes dense peaks and, separately, "with structured sparsity" figures twice as high.
"""

from model import Calc, Input

TITLE = "AMD Instinct MI325X"
CHAPTER = "11"
SECTION = "Hardware Acceleration (catalog)"
FAMILY = "accelerator"
_DS = "AMD Instinct MI325X data sheet (2024)"

peak_fp16_tensor = Input(1307.4, "TFLOP/s", doc="Dense FP16 matrix peak", source=f"{_DS}", note="With sparsity: 2,614.9 TFLOP/s.")
peak_bf16 = Input(1307.4, "TFLOP/s", doc="Dense BF16 matrix peak", source=f"{_DS}", note="With sparsity: 2,614.9 TFLOP/s.")
peak_fp8_tensor = Input(2614.9, "TFLOP/s", doc="Dense FP8 matrix peak", source=f"{_DS}", note="With sparsity: 5,229.8 TFLOP/s.")
peak_int8_tensor = Input(2614.9, "TOPS", doc="Dense INT8 matrix peak", source=f"{_DS}", note="With sparsity: 5,229.8 TOPS.")
peak_fp32 = Input(163.4, "TFLOP/s", doc="FP32 peak", source=f"{_DS}")
mem_bw = Input(6000, "GB/s", doc="HBM3E bandwidth", source=f"{_DS}: 6 TB/s")
mem_capacity = Input(256, "GB", doc="HBM3E capacity", source=f"{_DS}")
tdp = Input(1000, "W", doc="Board power (OAM)", source=f"{_DS}")
unit_price = Input(20000, "USD", doc="Purchase price", source="dated assumption (2025): not published; about USD 20,000", illustrative=True)
rent_per_hour = Input(2.5, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
interconnect_bw = Input(896, "GB/s", doc="Infinity Fabric links, peak aggregate per GPU", source=f"{_DS}: 7 links x 128 GB/s")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="Ridge point for dense FP16", source="derived: peak_fp16_tensor / mem_bw")
