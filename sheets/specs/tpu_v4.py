"""Google TPU v4: one chip and a 4,096-chip pod.

Per-chip BF16 peak, HBM bandwidth and capacity, power and rental price; the pod figures of the
seed's Table 2.4 (chips, total HBM, power) and the pod peak derived from them (over an exaFLOP).
"""

from model import Calc, Input

TITLE = "Google TPU v4 (chip and pod)"
CHAPTER = "2"
SECTION = "Cloud ML (Table 2.4, spec sheet)"

peak_bf16 = Input(275, "TFLOP/s", doc="BF16 peak of one chip", source="Jouppi et al. 2023; TPUV4_FLOPS_BF16")
mem_bw = Input(1200, "GB/s", doc="HBM bandwidth of one chip", source="TPUV4_MEM_BW")
mem_capacity = Input(32, "GB", doc="HBM2 capacity of one chip, nominal", source="HBM2 (engine literal 32 GiB)", note="Alternative: 32 GiB (34.4 GB) as the book's engine stores it.")
tdp = Input(200, "W", doc="Power of one chip", source="newer registry")
rent_per_hour = Input(4.0, "USD/h", doc="Cloud rental price per chip-hour", source="TPU_V4_PER_HOUR; registry Pricing.Cloud.TpuV4PerHour")
pod_chips = Input(4096, "chip", doc="Chips in one pod", source="seed Table 2.4; TPU_POD_CHIPS", integer=True)
pod_hbm = Input(131, "TB", doc="Total HBM in one pod", source="seed Table 2.4; TPU_POD_MEM")
pod_power = Input(3, "MW", doc="Power of one pod (about 3 MW)", source="'~3 MW'; seed Table 2.4; TPU_POD_POWER")
pod_peak = Calc("pod_chips * peak_bf16", "EFLOP/s", doc="Peak BF16 compute of a whole pod", source="derived: pod_chips × peak_bf16; seed says '> 1 EFLOP'")
ridge_bf16 = Calc("peak_bf16 / mem_bw", "FLOP/byte", doc="BF16 ridge point of one chip", source="derived: peak_bf16 / mem_bw")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"peak_fp16_tensor": "peak_bf16", "ridge_fp16": "ridge_bf16"}
NA = {"peak_fp8_tensor": "TPU v4 has no FP8 mode", "peak_int8_tensor": "no INT8 peak quoted in the source used here",
      "peak_fp32": "TPUs quote no FP32 peak", "unit_price": "TPUs are not sold, only rented",
      "interconnect_bw": "ICI bandwidth not quoted in the source used here"}
