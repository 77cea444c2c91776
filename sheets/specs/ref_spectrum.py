"""The deployment spectrum, conceptually (the seed's Table 2.1).

Cloud ML runs in data centres (megawatts, terabytes; training and complex inference), Edge ML on
local servers (hundreds of watts, gigabytes; real-time inference and privacy), Mobile ML on
phones (a few watts, gigabytes; personal AI and offline use) and TinyML on microcontrollers
(milliwatts, kilobytes; always-on sensing). From cloud to TinyML power and memory each fall by
roughly nine orders of magnitude. Only the latency ranges and the mobile power range are
numbers here; the latency cells are shared with `ref_thresholds`. Mobile power is 3–5 W in this
table but 2–5 W in Tables 2.4 and 2.5: the seed is inconsistent, so both are kept.
"""

from model import Input

TITLE = "Deployment spectrum"
CHAPTER = "2"
SECTION = "The deployment spectrum (Table 2.1)"

cloud_latency_min = Input(100, "ms", doc="Cloud ML latency, low end", source="seed Table 2.1 (100–500 ms)")
cloud_latency_max = Input(500, "ms", doc="Cloud ML latency, high end", source="seed Table 2.1 (100–500 ms)")
edge_latency_min = Input(10, "ms", doc="Edge ML latency, low end", source="seed Table 2.1 (10–100 ms)")
edge_latency_max = Input(100, "ms", doc="Edge ML latency, high end", source="seed Table 2.1 (10–100 ms)")
mobile_latency_min = Input(5, "ms", doc="Mobile ML latency, low end", source="seed Table 2.1 (5–50 ms)")
mobile_latency_max = Input(50, "ms", doc="Mobile ML latency, high end", source="seed Table 2.1 (5–50 ms)")
tiny_latency_min = Input(1, "ms", doc="TinyML latency, low end", source="seed Table 2.1 (1–10 ms)")
tiny_latency_max = Input(10, "ms", doc="TinyML latency, high end", source="seed Table 2.1 (1–10 ms)")
mobile_power_min = Input(3, "W", doc="Mobile ML power, low end (this table's figure)", source="seed Table 2.1 (3–5 W)", note="Tables 2.4 and 2.5 give 2–5 W instead.")
mobile_power_max = Input(5, "W", doc="Mobile ML power, high end", source="seed Table 2.1 (3–5 W)")
