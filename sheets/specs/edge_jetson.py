"""NVIDIA Jetson Orin NX 16 GB (default edge module), with the larger AGX Orin.

The seed names the Jetson Orin Nano as the typical small edge box, but no source gives its
numbers; the Orin NX stands in. A "Jetson-class" device price in a problem (USD 500 per clinic in
p11) is that problem's own input, not a spec.
"""

from model import Calc, Input

TITLE = "NVIDIA Jetson Orin (NX and AGX)"
CHAPTER = "2"
SECTION = "Edge ML (spec sheet)"

peak_int8 = Input(100, "TOPS", doc="Orin NX INT8 peak", source="engine hardware file ('100 TOPS INT8')")
peak_fp16 = Input(25, "TFLOP/s", doc="Orin NX FP16 peak", source="newer registry; the older engine file used 100 as its single 'peak'")
mem_bw = Input(102, "GB/s", doc="Orin NX LPDDR5 bandwidth", source="LPDDR5; NVIDIA Jetson datasheet")
mem_capacity = Input(16, "GB", doc="Orin NX memory", source="NVIDIA Jetson datasheet")
tdp = Input(25, "W", doc="Orin NX module power", source="NVIDIA Jetson datasheet")
agx_peak_int8 = Input(275, "TOPS", doc="AGX Orin INT8 peak", source="Jetson AGX Orin; JETSON_AGX_ORIN_TOPS_INT8")
agx_mem_bw = Input(204, "GB/s", doc="AGX Orin memory bandwidth", source="registry")
agx_mem_capacity = Input(64, "GB", doc="AGX Orin memory", source="registry 64 GiB", note="The registry stores 64 GiB (68.7 GB).")
agx_tdp_min = Input(15, "W", doc="AGX Orin lowest power mode", source="registry")
agx_tdp_max = Input(60, "W", doc="AGX Orin highest power mode", source="registry")

# --- family "accelerator" (sheets/specs/_families.py) ---
FAMILY = "accelerator"
ALIASES = {"peak_fp16_tensor": "peak_fp16", "peak_int8_tensor": "peak_int8"}
NA = {"peak_bf16": "no BF16 peak quoted for the module", "peak_fp8_tensor": "Ampere-based Orin has no FP8 mode",
      "peak_fp32": "no FP32 peak quoted in the source used here", "rent_per_hour": "an edge module, not rented",
      "interconnect_bw": "single module"}
unit_price = Input(699, "USD", doc="Module price (Orin NX 16 GB)", source="dated assumption: NVIDIA list price of the Jetson Orin NX 16 GB module (2023), about USD 699")
ridge_fp16 = Calc("peak_fp16 / mem_bw", "FLOP/byte", doc="Ridge point for FP16", source="derived: peak_fp16 / mem_bw")
