"""Where the rest of a 100 ms P99 budget goes.

A service promises a 100 ms P99 latency and gives model inference 45 ms of it. Where do the
other 55 ms go along the serving path (network, feature lookup, parsing, post-processing,
serialization), does the whole path fit the SLO, and how much faster does the end-to-end
request get if only the model is made twice as fast (Amdahl's law)? The default split lies
inside the seed's typical-share ranges; the input bounds are those ranges times the 100 ms SLO.
"""

from model import Calc, Input, Verdict

TITLE = "Where the rest of a 100 ms P99 budget goes"
CHAPTER = "14"
SECTION = "Production Operations"

_RANGES = "Alternative bound set (seed's P99-contribution ranges for larger services): "

slo_p99 = Input(100, "ms", doc="P99 latency target for the whole request", source="seed: 100 ms P99 SLO", strict_lo=True)
inference = Input(45, "ms", doc="Model inference (levers: quantization, batching, distillation)", source="seed: 45 ms inference budget; range 25–45 % of the SLO", lo=25, hi=45, note=_RANGES + "45–80 ms.")
network_rtt = Input(15, "ms", doc="Network round trip (levers: edge deployment, connection pooling)", source="seed table: 10–25 % of the SLO", lo=10, hi=25, note=_RANGES + "15–45 ms.")
feature_retrieval = Input(25, "ms", doc="Feature retrieval (levers: feature caching, precomputation)", source="seed table: 15–35 % of the SLO", lo=15, hi=35, note=_RANGES + "25–65 ms.")
request_parsing = Input(5, "ms", doc="Request parsing (levers: binary protocols such as gRPC, schema work)", source="seed table: 3–8 % of the SLO", lo=3, hi=8, note=_RANGES + "5–15 ms.")
postprocessing = Input(5, "ms", doc="Post-processing (levers: async processing, result caching)", source="seed table: 5–12 % of the SLO", lo=5, hi=12, note=_RANGES + "10–20 ms.")
serialization = Input(5, "ms", doc="Response serialization (levers: compact formats such as Protobuf, MessagePack)", source="seed table: 3–8 % of the SLO", lo=3, hi=8, note=_RANGES + "5–15 ms.")
slo_tolerance = Input(0.5, "ms", doc="Overshoot too small to show at the book's whole-millisecond display; absorbs rounding in the sum", source="illustrative (half the display resolution)", illustrative=True)
model_speedup = Input(2, "1", doc="Hypothetical speed-up of the model alone (×)", source="seed: a 2× faster model", lo=1)

total = Calc("inference + network_rtt + feature_retrieval + request_parsing + postprocessing + serialization", "ms", doc="End-to-end P99 latency if the stage budgets add up")
remaining = Calc("slo_p99 - inference", "ms", doc="Budget left for everything except the model")
others = Calc("total - inference", "ms", doc="Latency of all non-model stages")
slack = Calc("slo_p99 - total", "ms", doc="Headroom under the SLO (negative: over budget)")
share_inference = Calc("inference / total", "%", doc="Share of the latency spent in the model")
share_network = Calc("network_rtt / total", "%", doc="Share spent on the network round trip")
share_features = Calc("feature_retrieval / total", "%", doc="Share spent retrieving features")
share_parsing = Calc("request_parsing / total", "%", doc="Share spent parsing the request")
share_postprocessing = Calc("postprocessing / total", "%", doc="Share spent post-processing")
share_serialization = Calc("serialization / total", "%", doc="Share spent serializing the response")
largest_other = Calc("Max(network_rtt, feature_retrieval, request_parsing, postprocessing, serialization)", "ms", doc="The largest non-model stage")
speedup_e2e = Calc("1 / ((1 - share_inference) + share_inference / model_speedup)", "1", doc="End-to-end speed-up from the faster model alone (Amdahl's law)")
new_total = Calc("total - inference + inference / model_speedup", "ms", doc="End-to-end latency with the faster model")

verdict_slo = Verdict({"within SLO": "total <= slo_p99 + slo_tolerance"}, otherwise="over SLO", doc="Does the sum of the stage budgets fit the P99 target?", tones={"within SLO": "good", "over SLO": "bad"})
verdict_focus = Verdict(
    {"optimize the pipeline too (model is under half the latency)": "share_inference < 0.5"},
    otherwise="model dominates",
    doc="Is speeding up the model alone enough to matter?",
    tones={"optimize the pipeline too (model is under half the latency)": "neutral", "model dominates": "neutral"},
)
verdict_binding_stage = Verdict(
    {"feature retrieval": "feature_retrieval >= network_rtt"},
    otherwise="network round trip",
    doc="Largest non-model stage, the next target after the model (parsing, post-processing and serialization are capped at 12 ms by their ranges, below feature retrieval's 15 ms floor)",
    tones={"feature retrieval": "neutral", "network round trip": "neutral"},
)
