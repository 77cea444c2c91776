"""Deployment decision thresholds per paradigm (the seed's Table 2.5).

Compute, memory bandwidth, power and latency that mark Cloud, Edge, Mobile and TinyML
deployments, as the seed's edition prints them. Other editions differ: an older source had
Mobile power under 2 W and TinyML latency in microseconds; a later edition has Mobile
15–45 TOPS, 60–100 GB/s, 3–5 W and Cloud bandwidth above 1,000 GB/s. The seed's own Mobile
compute range (1–10 TOPS) sits below the 35 TOPS phone NPU it uses elsewhere; both are kept,
as they answer different questions. TinyML memory bandwidth is not given. Latency ranges are
shared with the deployment spectrum (sheet `ref_spectrum`).
"""

from model import Input

TITLE = "Deployment thresholds"
CHAPTER = "2"
SECTION = "Comparing deployment paradigms (Table 2.5)"

cloud_compute_min = Input(1000, "TFLOP/s", doc="Cloud: compute above this", source="seed Table 2.5 ('>1000 TFLOPS')")
cloud_mem_bw_min = Input(100, "GB/s", doc="Cloud: memory bandwidth above this", source="seed Table 2.5 ('>100')", note="Later edition: above 1,000 GB/s.")
cloud_pue_min = Input(1.1, "1", doc="Cloud: power usage effectiveness, low end", source="seed Table 2.5 (power expressed as PUE 1.1–1.3)", lo=1)
cloud_pue_max = Input(1.3, "1", doc="Cloud: power usage effectiveness, high end", source="seed Table 2.5 (power expressed as PUE 1.1–1.3)", lo=1)
cloud_latency_min = Input(link="ref_spectrum.cloud_latency_min", unit="ms", doc="Cloud: latency, low end", source="→ ref_spectrum.cloud_latency_min (100–500 ms)")
cloud_latency_max = Input(link="ref_spectrum.cloud_latency_max", unit="ms", doc="Cloud: latency, high end", source="→ ref_spectrum.cloud_latency_max (100–500 ms)")

edge_compute = Input(1000, "TFLOP/s", doc="Edge: about one petaFLOP/s of AI compute", source="seed Table 2.5 ('~1 PFLOPS AI', the DGX Spark FP4-sparse figure)")
edge_mem_bw_min = Input(270, "GB/s", doc="Edge: memory bandwidth above this", source="seed Table 2.5 ('>270')")
edge_power_min = Input(100, "W", doc="Edge: power, low end ('100s of W')", source="seed Table 2.5 ('100s of W')")
edge_power_max = Input(999, "W", doc="Edge: power, high end ('100s of W')", source="seed Table 2.5 ('100s of W')")
edge_latency_min = Input(link="ref_spectrum.edge_latency_min", unit="ms", doc="Edge: latency, low end", source="seed Table 2.5 (10–100 ms); → ref_spectrum.edge_latency_min")
edge_latency_max = Input(link="ref_spectrum.edge_latency_max", unit="ms", doc="Edge: latency, high end", source="seed Table 2.5 (10–100 ms); → ref_spectrum.edge_latency_max")

mobile_compute_min = Input(1, "TOPS", doc="Mobile: compute, low end", source="seed Table 2.5 (1–10 TOPS)", note="Later edition: 15–45 TOPS.")
mobile_compute_max = Input(10, "TOPS", doc="Mobile: compute, high end", source="seed Table 2.5 (1–10 TOPS)", note="Later edition: 15–45 TOPS.")
mobile_mem_bw_min = Input(50, "GB/s", doc="Mobile: memory bandwidth, low end", source="seed Table 2.5 (50–100 GB/s)", note="Later edition: 60–100 GB/s.")
mobile_mem_bw_max = Input(100, "GB/s", doc="Mobile: memory bandwidth, high end", source="seed Table 2.5 (50–100 GB/s)")
mobile_power_min = Input(2, "W", doc="Mobile: power, low end", source="seed Table 2.5 (2–5 W)", note="Later edition: 3–5 W; older source: under 2 W.")
mobile_power_max = Input(5, "W", doc="Mobile: power, high end", source="seed Table 2.5 (2–5 W)")
mobile_latency_min = Input(link="ref_spectrum.mobile_latency_min", unit="ms", doc="Mobile: latency, low end", source="seed Table 2.5 (5–50 ms); → ref_spectrum.mobile_latency_min")
mobile_latency_max = Input(link="ref_spectrum.mobile_latency_max", unit="ms", doc="Mobile: latency, high end", source="seed Table 2.5 (5–50 ms); → ref_spectrum.mobile_latency_max")

tiny_compute_max = Input(1, "TOPS", doc="TinyML: compute below this", source="seed Table 2.5 ('< 1')")
tiny_power_avg_max = Input(1, "mW", doc="TinyML: always-on average power below this", source="seed Table 2.5 ('< 1 mW' always-on average)")
tiny_latency_min = Input(link="ref_spectrum.tiny_latency_min", unit="ms", doc="TinyML: latency, low end", source="seed Table 2.5 (1–10 ms); → ref_spectrum.tiny_latency_min")
tiny_latency_max = Input(link="ref_spectrum.tiny_latency_max", unit="ms", doc="TinyML: latency, high end", source="seed Table 2.5 (1–10 ms); → ref_spectrum.tiny_latency_max")
