"""Apple M4 Max (2024), the 16-core-CPU / 40-core-GPU configuration with 128 GB.

Apple publishes memory bandwidth, capacity and a Neural Engine TOPS figure (without naming its
precision); it publishes no GPU matrix peaks, so those cells are n/a rather than guessed.
"""

from model import Input

TITLE = "Apple M4 Max"
CHAPTER = "2"
SECTION = "Edge and workstation ML (catalog)"
FAMILY = "accelerator"
NA = {"peak_fp16_tensor": "Apple publishes no GPU FP16 matrix peak", "peak_bf16": "Apple publishes no BF16 peak",
      "peak_fp8_tensor": "no FP8 matrix mode", "peak_fp32": "Apple publishes no FP32 peak",
      "tdp": "Apple publishes no package power", "rent_per_hour": "not rented",
      "interconnect_bw": "single chip", "ridge_fp16": "no FP16 peak to divide"}
_DS = "Apple M4 Pro and M4 Max press release and MacBook Pro tech specs (October 2024)"

peak_int8_tensor = Input(38, "TOPS", doc="Neural Engine peak (precision not stated by Apple; taken as INT8)", source=f"{_DS}: 38 TOPS Neural Engine", note="Apple does not say which precision the 38 TOPS counts.")
mem_bw = Input(546, "GB/s", doc="Unified memory bandwidth", source=f"{_DS}")
mem_capacity = Input(128, "GB", doc="Unified memory capacity (largest configuration)", source=f"{_DS}")
unit_price = Input(4999, "USD", doc="Price of the cheapest laptop with this chip and 128 GB", source="dated assumption: Apple US price list, MacBook Pro 14-inch M4 Max 128 GB (2024-2025), about USD 4,999", illustrative=True)
