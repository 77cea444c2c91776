"""ESP32-CAM: the TinyML board of the seed's Table 2.4.

Clock, cores, SRAM, flash, active board power, price, and two compute placeholders from the
book's engine (a coarse one and a newer ESP32-S3 figure far below it). The TinyML case in p02
uses energy per inference (sheet `energy`), not these peaks.
"""

from model import Input

TITLE = "ESP32-CAM microcontroller board"
CHAPTER = "2"
SECTION = "TinyML (Table 2.4, spec sheet)"

cpu_clock = Input(240, "MHz", doc="CPU clock", source="dual-core; seed Table 2.4")
cpu_cores = Input(2, "core", doc="CPU cores", source="seed Table 2.4", integer=True)
ram = Input(520, "KiB", doc="On-chip SRAM", source="ESP32_RAM; seed prints '520 KB'", note="Binary kilobytes: 520 KiB = 532,480 bytes.")
flash = Input(4, "MB", doc="Flash storage", source="ESP32_FLASH")
power_min = Input(0.05, "W", doc="Active board power, low end", source="ESP32_POWER_MIN; seed '0.05–1.2 W active board power'")
power_max = Input(1.2, "W", doc="Active board power, high end", source="seed and newer engine", note="Alternative: 0.25 W (older engine file).")
unit_price = Input(10, "USD", doc="Price of one board", source="ESP32_PRICE")
peak_coarse = Input(0.01, "TFLOP/s", doc="Coarse compute placeholder from the older engine", source="older engine hardware file (coarse placeholder)")
mem_bw_coarse = Input(0.1, "GB/s", doc="Coarse memory-bandwidth placeholder from the older engine", source="older engine hardware file")
peak_s3_fp32 = Input(0.0005, "TFLOP/s", doc="ESP32-S3 FP32 peak in the newer registry", source="newer registry (ESP32-S3)", note="Same registry: INT8 0.0024 TOPS, SRAM 0.96 GB/s — far below the coarse placeholder.")

# --- family "microcontroller" (sheets/specs/_families.py) ---
FAMILY = "microcontroller"
ALIASES = {"peak": "peak_coarse", "mem_bw": "mem_bw_coarse"}
