"""Cortex-M class microcontroller, with the nRF52840 (Cortex-M4F) reference board.

The generic MCU of the book's engine: SRAM, memory bandwidth and compute peak, plus the
MLPerf Tiny reference board's SRAM (it also has 1 MiB flash and draws about 15 mW).
"""

from model import Input

TITLE = "Cortex-M class microcontroller"
CHAPTER = "2"
SECTION = "TinyML (spec sheet)"

ram = Input(512, "KiB", doc="SRAM of a Cortex-M class MCU", source="MCU_RAM_KIB / TINY_MEM_KIB")
mem_bw = Input(0.05, "GB/s", doc="Memory bandwidth of the generic MCU", source="engine generic MCU")
peak = Input(0.001, "TFLOP/s", doc="Compute peak of the generic MCU", source="engine generic MCU")
m4f_ram = Input(256, "KiB", doc="SRAM of the nRF52840 (Cortex-M4F) reference board", source="nRF52840 (Cortex-M4F), MLPerf Tiny reference; 1 MiB flash; 15 mW")

# --- family "microcontroller" (sheets/specs/_families.py) ---
FAMILY = "microcontroller"
