"""Flagship smartphone SoC / NPU (Apple A17 Pro, Snapdragon class).

INT8 peak, LPDDR5 bandwidth, the passive-cooling power envelope, the battery and the ridge.
The engine also defines a 3,000 mAh × 3.7 V battery (about 11 Wh) as a separate anchor; the
battery problem (p07) uses the 15 Wh figure kept here.
"""

from model import Calc, Input

TITLE = "Flagship phone NPU"
CHAPTER = "2"
SECTION = "Mobile ML (spec sheet)"

peak_int8 = Input(35, "TOPS", doc="NPU INT8 peak", source="seed-edition value (engine MOBILE_NPU_TOPS_INT8 in the older file; A17 Pro marketing peak)", note="Alternative: peak_int8_alt = 50 TOPS (newer engine's generic phone NPU).")
peak_int8_alt = Input(50, "TOPS", doc="NPU INT8 peak in the newer engine (alternative edition)", source="newer engine generic phone NPU; the newer engine also lists 100 TOPS as 'flagship'; registry: Snapdragon 8 Gen 3 45, Pixel 8 Tensor G3 15")
mem_bw = Input(100, "GB/s", doc="LPDDR5 memory bandwidth", source="LPDDR5; MOBILE_NPU_MEM_BW; the rendered Ch. 2 callout uses it", note="Alternative: mem_bw_alt = 51.2 GB/s (per-device registry).")
mem_bw_alt = Input(51.2, "GB/s", doc="Memory bandwidth in one per-device registry version (alternative)", source="per-device iPhone 15 Pro registry entry (one stored version)")
sustained_power = Input(3, "W", doc="Sustained power under passive cooling", source="passive-cooling envelope; MOBILE_TDP_W (range 3–5 W)")
battery_energy = Input(15, "Wh", doc="Phone battery energy", source="PHONE_BATTERY_WH", note="The engine's other anchor, 3,000 mAh × 3.7 V, is about 11 Wh.")
object_detector_power = Input(2, "W", doc="Power of an always-on object detector", source="OBJECT_DETECTOR_POWER_W; seed p07")
ram = Input(8, "GB", doc="Phone RAM", source="engine 8 GiB; seed Table 2.4 gives 8–16 GB")
storage_min = Input(128, "GB", doc="Storage, low end", source="seed Table 2.4 (128 GB–1 TB)")
storage_max = Input(1000, "GB", doc="Storage, high end", source="seed Table 2.4 (128 GB–1 TB)")
price_min = Input(999, "USD", doc="Price of a flagship phone, from", source="seed Table 2.4 ('USD 999+')")
ridge_int8 = Calc("peak_int8 / mem_bw", "FLOP/byte", doc="INT8 ridge point (INT8 ops counted like FLOPs)", source="derived: peak_int8 / mem_bw")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"peak_int8_tensor": "peak_int8", "mem_capacity": "ram", "tdp": "sustained_power"}
NA = {"peak_fp16_tensor": "phone NPUs quote INT8 TOPS only", "peak_bf16": "phone NPUs quote INT8 TOPS only",
      "peak_fp8_tensor": "phone NPUs quote INT8 TOPS only", "peak_fp32": "phone NPUs quote INT8 TOPS only",
      "unit_price": "the NPU is not sold apart from the phone", "rent_per_hour": "not rented",
      "interconnect_bw": "single chip", "ridge_fp16": "no FP16 peak to divide"}
