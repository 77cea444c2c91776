"""Intel Gaudi 3 AI accelerator (2024), OAM module (HL-325L).

Intel quotes dense matrix (MME) peaks; Gaudi 3 has no structured-sparsity headline.
"""

from model import Calc, Input

TITLE = "Intel Gaudi 3"
CHAPTER = "11"
SECTION = "Hardware Acceleration (catalog)"
FAMILY = "accelerator"
ALIASES = {"peak_fp16_tensor": "peak_bf16"}
NA = {"peak_int8_tensor": "no INT8 matrix peak quoted in the Gaudi 3 white paper",
      "peak_fp32": "no FP32 matrix peak used here (the vector engines' figure is much lower)",
      "rent_per_hour": "no broadly listed on-demand rate used here"}
_DS = "Intel Gaudi 3 AI Accelerator white paper (2024)"

peak_bf16 = Input(1835, "TFLOP/s", doc="BF16 matrix (MME) peak; FP16 the same", source=f"{_DS}: 1,835 TFLOPS BF16 and FP8 (dense)")
peak_fp8_tensor = Input(1835, "TFLOP/s", doc="FP8 matrix (MME) peak", source=f"{_DS}: same MME rate as BF16")
mem_bw = Input(3700, "GB/s", doc="HBM2e bandwidth", source=f"{_DS}: 3.7 TB/s")
mem_capacity = Input(128, "GB", doc="HBM2e capacity", source=f"{_DS}")
tdp = Input(900, "W", doc="Module power (OAM, air-cooled)", source=f"{_DS}: HL-325L 900 W")
unit_price = Input(15625, "USD", doc="Price per accelerator", source="dated assumption: Intel's 2024 list of about USD 125,000 per 8-accelerator kit / 8", illustrative=True)
interconnect_bw = Input(600, "GB/s", doc="On-chip RoCE Ethernet, per direction", source=f"{_DS}: 24 x 200 GbE = 4.8 Tb/s = 600 GB/s per direction")
ridge_fp16 = Calc("peak_bf16 / mem_bw", "FLOP/byte", doc="Ridge point for BF16", source="derived: peak_bf16 / mem_bw")
