"""Device families: the cells every member spec sheet provides (or marks n/a), declared once.

Peaks are dense (no 2:4 structured sparsity) per chip; vendors often headline the sparse
figure, which is twice the dense one. Prices and rental rates are dated assumptions.
"""

from model import Family, FamilyCell, register_family

ACCELERATOR = register_family(Family(
    "accelerator",
    "Datacenter, workstation and edge accelerators (one chip / one GPU)",
    {
        "peak_fp16_tensor": FamilyCell("TFLOP/s", "Dense FP16 matrix peak (TPUs: BF16, their 16-bit matrix format)", "FP16 matrix unit"),
        "peak_bf16": FamilyCell("TFLOP/s", "Dense BF16 matrix peak", "BF16 matrix unit"),
        "peak_fp8_tensor": FamilyCell("TFLOP/s", "Dense FP8 matrix peak", "FP8"),
        "peak_int8_tensor": FamilyCell("TOPS", "Dense INT8 matrix peak", "INT8 matrix unit"),
        "peak_fp32": FamilyCell("TFLOP/s", "FP32 peak without matrix units", "published FP32 peak"),
        "mem_bw": FamilyCell("GB/s", "Main memory bandwidth", "memory bandwidth figure"),
        "mem_capacity": FamilyCell("GB", "Main memory capacity", "memory capacity figure"),
        "tdp": FamilyCell("W", "Board / module power", "published power figure"),
        "unit_price": FamilyCell("USD", "Purchase price of one unit (dated assumption)", "purchase price (not sold alone)"),
        "rent_per_hour": FamilyCell("USD/h", "Cloud rental per chip-hour (dated assumption)", "rental rate"),
        "interconnect_bw": FamilyCell("GB/s", "Scale-up link bandwidth per chip (NVLink, ICI, Infinity Fabric)", "scale-up interconnect"),
        "ridge_fp16": FamilyCell("FLOP/byte", "Derived: peak_fp16_tensor / mem_bw", "FP16 matrix unit"),
    },
))

MICROCONTROLLER = register_family(Family(
    "microcontroller",
    "Microcontrollers for TinyML (coarse figures)",
    {
        "peak": FamilyCell("TFLOP/s", "Coarse compute peak", "compute figure"),
        "mem_bw": FamilyCell("GB/s", "Coarse memory bandwidth", "memory bandwidth figure"),
        "ram": FamilyCell("KiB", "On-chip SRAM", "SRAM figure"),
    },
))
