"""General-purpose CPU and host-memory references.

A high-end CPU's FP32 peak, typical system and host DRAM bandwidths, and the power of a generic
server, a reference CPU and an edge server's memory bandwidth, as the book's engine defines them.
"""

from model import Input

TITLE = "CPU server and host memory"
CHAPTER = "11"
SECTION = "Hardware Acceleration (spec sheet)"

peak_fp32 = Input(1, "TFLOP/s", doc="FP32 peak of a high-end CPU", source="CPU_FLOPS_FP32 ('high-end desktop CPU'); p35's CPU scenario uses the same 1 TFLOP/s")
system_mem_bw = Input(50, "GB/s", doc="Typical DDR4/DDR5 system memory bandwidth", source="DDR4/DDR5 typical; SYSTEM_MEMORY_BW; registry SystemMemory.bandwidth")
host_dram_bw = Input(200, "GB/s", doc="Host DRAM bandwidth of a server (high end)", source="later engine HOST_DRAM_BW")
server_power = Input(300, "W", doc="Power of a generic server", source="SERVER_POWER_W (generic server)")
ref_cpu_power = Input(150, "W", doc="Power of the registry's reference CPU", source="registry ReferenceCPU (64 GiB, 50 GB/s)")
edge_server_mem_bw = Input(100, "GB/s", doc="Memory bandwidth of the engine's generic edge server", source="engine generic edge server (1 TFLOP/s, 128 GB, 300 W)")
