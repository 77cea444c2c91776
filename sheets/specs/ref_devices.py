"""Representative devices across the deployment spectrum (the seed's Table 2.4).

One device per paradigm: a TPU v4 pod (Cloud, rented), a DGX Spark (Edge), a flagship phone
(Mobile: an SoC combining CPU, GPU and NPU) and an ESP32-CAM (TinyML). The cells follow the
device sheets; only the phone's RAM and power ranges are new numbers. Pod storage is
petabyte-scale and not a number in the table. Edge deployments usually run on far smaller boxes
(e.g. a Jetson Orin Nano): the Spark marks the upper end of non-cloud hardware. The seed prints
this table twice; it is one table.
"""

from model import Calc, Input

TITLE = "Representative devices"
CHAPTER = "2"
SECTION = "The deployment spectrum (Table 2.4)"

cloud_chips = Input(link="tpu_v4.pod_chips", unit="chip", doc="Cloud: chips in a TPU v4 pod", source="→ tpu_v4.pod_chips")
cloud_peak = Input(link="tpu_v4.pod_peak", unit="EFLOP/s", doc="Cloud: pod peak (the table says over 1 EFLOP)", source="→ tpu_v4.pod_peak; seed '> 1 EFLOP'")
cloud_memory = Input(link="tpu_v4.pod_hbm", unit="TB", doc="Cloud: HBM2 across the pod", source="→ tpu_v4.pod_hbm")
cloud_power = Input(link="tpu_v4.pod_power", unit="MW", doc="Cloud: pod power", source="→ tpu_v4.pod_power")

edge_peak = Input(link="ws_dgx_spark.peak_fp4_sparse", unit="TFLOP/s", doc="Edge: DGX Spark (GB10) AI peak", source="→ ws_dgx_spark.peak_fp4_sparse")
edge_memory = Input(link="ws_dgx_spark.mem_capacity", unit="GB", doc="Edge: LPDDR5x unified memory", source="→ ws_dgx_spark.mem_capacity")
edge_storage = Input(link="ws_dgx_spark.storage", unit="TB", doc="Edge: NVMe storage", source="→ ws_dgx_spark.storage")
edge_power = Input(link="ws_dgx_spark.power", unit="W", doc="Edge: system power", source="→ ws_dgx_spark.power")
edge_price_min = Input(link="ws_dgx_spark.price_min", unit="USD", doc="Edge: price, low end", source="→ ws_dgx_spark.price_min")
edge_price_max = Input(link="ws_dgx_spark.price_max", unit="USD", doc="Edge: price, high end", source="→ ws_dgx_spark.price_max")

ram_min = Input(8, "GB", doc="Mobile: phone RAM, low end", source="seed Table 2.4 (8–16 GB)")
ram_max = Input(16, "GB", doc="Mobile: phone RAM, high end", source="seed Table 2.4 (8–16 GB)")
mobile_storage_min = Input(link="npu_phone.storage_min", unit="GB", doc="Mobile: storage, low end", source="→ npu_phone.storage_min")
mobile_storage_max = Input(link="npu_phone.storage_max", unit="GB", doc="Mobile: storage, high end", source="→ npu_phone.storage_max")
power_min = Input(2, "W", doc="Mobile: phone power, low end", source="seed Table 2.4 (2–5 W)", note="Table 2.1 (ref_spectrum) gives 3–5 W.")
power_max = Input(5, "W", doc="Mobile: phone power, high end", source="seed Table 2.4 (2–5 W)")
mobile_price_min = Input(link="npu_phone.price_min", unit="USD", doc="Mobile: price, from", source="→ npu_phone.price_min ('USD 999+')")

tiny_clock_total = Calc("mcu_esp32.cpu_cores * mcu_esp32.cpu_clock", "MHz", doc="TinyML: ESP32 cores × clock", source="→ mcu_esp32.cpu_cores × mcu_esp32.cpu_clock")
tiny_memory = Input(link="mcu_esp32.ram", unit="KiB", doc="TinyML: ESP32 SRAM", source="→ mcu_esp32.ram")
tiny_storage = Input(link="mcu_esp32.flash", unit="MB", doc="TinyML: ESP32 flash", source="→ mcu_esp32.flash")
tiny_power_min = Input(link="mcu_esp32.power_min", unit="W", doc="TinyML: active board power, low end", source="→ mcu_esp32.power_min")
tiny_power_max = Input(link="mcu_esp32.power_max", unit="W", doc="TinyML: active board power, high end", source="→ mcu_esp32.power_max")
tiny_price = Input(link="mcu_esp32.unit_price", unit="USD", doc="TinyML: board price", source="→ mcu_esp32.unit_price")
