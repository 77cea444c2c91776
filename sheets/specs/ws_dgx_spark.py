"""NVIDIA DGX Spark (GB10 Grace Blackwell desktop).

The seed's Edge example: "1 PFLOPS AI" is the FP4 figure with sparsity; the dense peaks per
precision come from the registry. Unified LPDDR5x memory, NVMe storage, power, price range and
the FP16 ridge.
"""

from model import Calc, Input

TITLE = "NVIDIA DGX Spark"
CHAPTER = "2"
SECTION = "Edge ML (Table 2.4, spec sheet)"

peak_fp4_sparse = Input(1000, "TFLOP/s", doc="FP4 peak with sparsity: the headline '1 PFLOPS AI'", source="the '1 PFLOPS AI' of seed Table 2.4 (FP4 with sparsity)")
peak_fp4 = Input(500, "TFLOP/s", doc="Dense FP4 peak", source="dense; registry")
peak_fp8 = Input(250, "TFLOP/s", doc="Dense FP8 peak", source="dense; registry")
peak_fp16 = Input(125, "TFLOP/s", doc="Dense FP16 peak", source="dense; registry")
mem_capacity = Input(128, "GB", doc="Unified LPDDR5x memory", source="LPDDR5x unified; seed; DGX_RAM")
mem_bw = Input(273, "GB/s", doc="Unified memory bandwidth", source="registry (matches the seed's Edge '>270 GB/s' threshold)")
storage = Input(4, "TB", doc="NVMe storage", source="NVMe; seed; DGX_STORAGE (7 GB/s drive)")
power = Input(200, "W", doc="System power (about 200 W)", source="'~200 W'; seed; DGX_POWER")
price_min = Input(3000, "USD", doc="Price, low end", source="seed; DGX_PRICE_MIN")
price_max = Input(5000, "USD", doc="Price, high end", source="seed; DGX_PRICE_MAX")
ridge_fp16 = Calc("peak_fp16 / mem_bw", "FLOP/byte", doc="FP16 ridge point on unified memory", source="derived: peak_fp16 / mem_bw")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"peak_fp16_tensor": "peak_fp16", "peak_fp8_tensor": "peak_fp8", "tdp": "power", "unit_price": "price_min"}
NA = {"peak_bf16": "no BF16 figure in the source used here", "peak_int8_tensor": "no INT8 figure in the source used here",
      "peak_fp32": "no FP32 figure in the source used here", "rent_per_hour": "a desk-side machine, not rented",
      "interconnect_bw": "single machine (ConnectX networking is scale-out, not a GPU link)"}
