"""Dynamic batching under a 20 ms latency budget.

ResNet-50 served one request at a time leaves the GPU about 15 % utilized. Using the book's
measured table (ResNet-50 on a V100 at batch 1, 4, 8, 16 and 32), how far can dynamic batching
raise throughput while every user still gets an answer within 20 ms? The server waits up to a
batching window (5 ms) to collect a batch, so a request's worst case is the window plus the batch's
inference time, and a batch only forms if enough requests arrive within the window.
"""

from model import Calc, Input, Repeat, Row, Verdict

TITLE = "Dynamic batching under a 20 ms SLO"
CHAPTER = "13"
SECTION = "Throughput Optimization"

_TABLE = "Ch. 13, batching table (ResNet-50 on a V100)"

latency_slo = Input(20, "ms", doc="Latency budget per request", source="Ch. 13 (20 ms latency budget)", strict_lo=True)
batch_window = Input(5, "ms", doc="Longest the server waits to collect a batch", source="Ch. 13, dynamic batching")
batch_window_alt = Input(10, "ms", doc="Window the book uses in its batch-32 illustration", source="Ch. 13, batch-32 illustration")
arrival_rate = Input(2000, "request/s", doc="Traffic available to fill batches", source="assumption", illustrative=True, strict_lo=True, note="At least 3,200 request/s fill a batch of 16 within a 5 ms window.")
launch_overhead_per_kernel = Input(link="eff.kernel_launch_latency", unit="us", doc="Fixed launch cost of one kernel, amortized by batching (the chapter gives 5-20 us)", note="Ch. 13 range: 5-20 us per kernel.")
n_kernels = Input(50, "kernel", doc="Kernels (about one per layer) launched per forward pass", source="Ch. 13 (about 50 layers)", integer=True)
# The chapter's batching table, one row per batch size: cells `batch_b1`, `latency_b1`, `util_b1`, ...
BATCHES = [
    Row("b1", n=1, latency=5, util=15),
    Row("b4", n=4, latency=7.2, util=42),
    Row("b8", n=8, latency=9.1, util=65),
    Row("b16", n=16, latency=14, util=85),
    Row("b32", n=32, latency=25, util=95),
]
table = Repeat(
    BATCHES,
    batch=lambda r: Input(r.n, "request", doc="Batch size of this row", source=_TABLE, lo=1, integer=True),
    latency=lambda r: Input(r.latency, "ms", doc=f"Inference time of the whole batch of {r.n}", source=_TABLE, strict_lo=True),
    util=lambda r: Input(r.util, "%", doc=f"GPU utilization at batch {r.n}", source=_TABLE, hi=100),
)

launch_overhead = Calc("launch_overhead_per_kernel * n_kernels", "ms", doc="Fixed launch cost of one forward pass, paid once per batch")
launch_share_b1 = Calc("launch_overhead / latency_b1", "%", doc="Share of batch-1 inference time that is launch overhead")
# Per batch size (`gain_b4` = service throughput at batch 4 over batch 1, and so on).
per_batch = Repeat(
    BATCHES,
    gpu_throughput=Calc("batch_{k} / latency_{k}", "request/s", doc="GPU throughput at batch {n} (inference time only)"),
    per_request=Calc("latency_{k} / batch_{k}", "ms/request", doc="GPU time per request at batch {n}"),
    worst_latency=Calc("if_(batch_{k} > 1, batch_window, 0) + latency_{k}", "ms",
                       doc="Worst-case user latency at batch {n}: batching window (none for a batch of 1) plus inference"),
    service_throughput=Calc("batch_{k} / worst_latency_{k}", "request/s", doc="Requests served per second at batch {n}, counting the window"),
    fill_time=Calc("batch_{k} / arrival_rate", "ms", doc="Time for a full batch of requests to arrive at the arrival rate"),
    gain=Calc("service_throughput_{k} / service_throughput_b1", "1", doc="Service throughput at batch {n} over batch 1"),
    raw_gain=Calc("gpu_throughput_{k} / gpu_throughput_b1", "1", doc="GPU throughput at batch {n} over batch 1 (window ignored)"),
    ok=lambda r: (Calc(f"if_(worst_latency_{r.key} <= latency_slo, 1, 0)", "1",
                       doc=f"1 if batch {r.n} meets the SLO (nothing to wait for)") if r.n == 1 else
                  Calc(f"if_(worst_latency_{r.key} <= latency_slo and fill_time_{r.key} <= batch_window, 1, 0)", "1",
                       doc=f"1 if batch {r.n} meets the SLO and fills within the window")),
    verdict_slo=Verdict({"meets SLO": "worst_latency_{k} <= latency_slo"}, otherwise="violates SLO",
                        doc="Does batch {n} keep the worst-case latency within the SLO?",
                        tones={"meets SLO": "good", "violates SLO": "bad"}),
)

best_batch = Calc("Max(ok_b1 * batch_b1, ok_b4 * batch_b4, ok_b8 * batch_b8, ok_b16 * batch_b16, ok_b32 * batch_b32)", "request", doc="Largest batch that meets the SLO and fills within the window (0 if none)")
best_service_throughput = Calc("Max(ok_b1 * service_throughput_b1, ok_b4 * service_throughput_b4, ok_b8 * service_throughput_b8, ok_b16 * service_throughput_b16, ok_b32 * service_throughput_b32)", "request/s", doc="Highest service throughput among the acceptable batch sizes")
best_gain = Calc("best_service_throughput / service_throughput_b1", "1", doc="Throughput gain of the chosen operating point over batch 1")
best_util = Calc("if_(best_batch >= batch_b32, util_b32, if_(best_batch >= batch_b16, util_b16, if_(best_batch >= batch_b8, util_b8, if_(best_batch >= batch_b4, util_b4, util_b1))))", "%", doc="GPU utilization at the chosen batch size")
worst_latency_b32_alt = Calc("batch_window_alt + latency_b32", "ms", doc="Book's batch-32 illustration: worst-case latency with the 10 ms window")

verdict_batch = Verdict(
    {
        "serve at batch 32 with the batching window": "ok_b32 > 0.5",
        "serve at batch 16 with the batching window": "ok_b16 > 0.5",
        "serve at batch 8 with the batching window": "ok_b8 > 0.5",
        "serve at batch 4 with the batching window": "ok_b4 > 0.5",
        "serve at batch 1 (no batching)": "ok_b1 > 0.5",
    },
    otherwise="no batch size meets the SLO",
    doc="Largest batch of the table that meets the latency budget and fills in time",
    tones={"serve at batch 32 with the batching window": "good", "serve at batch 16 with the batching window": "good",
           "serve at batch 8 with the batching window": "good", "serve at batch 4 with the batching window": "good",
           "serve at batch 1 (no batching)": "neutral", "no batch size meets the SLO": "bad"},
)
