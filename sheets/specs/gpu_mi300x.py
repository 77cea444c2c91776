"""AMD Instinct MI300X (CDNA 3, 2023).

Dense matrix-core peaks, HBM3 bandwidth and capacity, power, an engine price estimate and the
FP16 ridge.
"""

from model import Calc, Input

TITLE = "AMD Instinct MI300X"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp16_tensor = Input(1307, "TFLOP/s", doc="Dense FP16 matrix-core peak", source="dense matrix cores; MI300X_FLOPS_FP16_TENSOR", note="With sparsity: 2,614 TFLOP/s.")
peak_fp8_tensor = Input(2614, "TFLOP/s", doc="Dense FP8 matrix-core peak", source="MI300X_FLOPS_FP8")
peak_int8_tensor = Input(2614, "TOPS", doc="Dense INT8 matrix-core peak", source="MI300X_FLOPS_INT8")
peak_fp32 = Input(163.4, "TFLOP/s", doc="FP32 matrix peak", source="matrix FP32; AMD datasheet")
mem_bw = Input(5300, "GB/s", doc="HBM3 memory bandwidth", source="HBM3; AMD datasheet")
mem_capacity = Input(192, "GB", doc="HBM3 capacity, as AMD markets it", source="AMD markets 192 GB; engine 192 GiB", note="Alternative: 192 GiB (206 GB) as the book's engine stores it.")
tdp = Input(750, "W", doc="Board power", source="AMD datasheet")
unit_price = Input(15000, "USD", doc="Purchase price of one accelerator (estimate)", source="engine estimate")
ridge_fp16 = Calc("peak_fp16_tensor / mem_bw", "FLOP/byte", doc="FP16 ridge point", source="derived: peak_fp16_tensor / mem_bw")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
peak_bf16 = Input(1307, "TFLOP/s", doc="Dense BF16 matrix peak", source="AMD Instinct MI300X data sheet (2023): BF16 1,307.4 TFLOPS dense (2,614.9 with sparsity)", note="AMD also quotes the sparse figure, twice the dense one.")
rent_per_hour = Input(2.5, "USD/h", doc="Rental per GPU-hour", source="dated assumption (2025-2026): typical on-demand cloud / GPU-marketplace rate per GPU-hour")
interconnect_bw = Input(896, "GB/s", doc="Infinity Fabric links, peak aggregate per GPU", source="AMD Instinct MI300X data sheet (2023): 7 Infinity Fabric links x 128 GB/s = 896 GB/s peak")
