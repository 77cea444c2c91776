"""Google Cloud TPU v6e (Trillium) (2024), one chip.

From Google Cloud's TPU system architecture documentation (2024 generation page). TPUs compute in
BF16 (and INT8); their 16-bit matrix peak also fills the family's FP16 cell, as problems that
ask about 16-bit weights mean it. TPUs are rented, not sold.
"""

from model import Calc, Input

TITLE = "Google TPU v6e (Trillium)"
CHAPTER = "11"
SECTION = "Hardware Acceleration (catalog)"
FAMILY = "accelerator"
ALIASES = {"peak_fp16_tensor": "peak_bf16"}
NA = {"peak_fp8_tensor": "no FP8 peak quoted for this TPU", "peak_fp32": "TPUs quote no FP32 peak",
      "tdp": "Google publishes no per-chip power", "unit_price": "TPUs are not sold, only rented"}
_DS = "Google Cloud TPU documentation, TPU v6e (Trillium) system architecture (2024; read 2025)"

peak_bf16 = Input(918, "TFLOP/s", doc="BF16 matrix peak per chip", source=f"{_DS}")
peak_int8_tensor = Input(1836, "TOPS", doc="INT8 peak per chip", source=f"{_DS}")
mem_bw = Input(1640, "GB/s", doc="HBM bandwidth per chip", source=f"{_DS}")
mem_capacity = Input(32, "GB", doc="HBM capacity per chip", source=f"{_DS}")
rent_per_hour = Input(2.7, "USD/h", doc="On-demand rental per chip-hour", source="dated assumption: Google Cloud on-demand list price per chip-hour, us-central (2025)")
interconnect_bw = Input(448, "GB/s", doc="Inter-chip interconnect (ICI) bandwidth per chip", source=f"{_DS}: 3,584 Gbps")
ridge_fp16 = Calc("peak_bf16 / mem_bw", "FLOP/byte", doc="Ridge point for BF16", source="derived: peak_bf16 / mem_bw")
