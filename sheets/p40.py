"""Dynamic batching under a 20 ms latency budget.

ResNet-50 served one request at a time leaves the GPU about 15 % utilized. Using the book's
measured table (ResNet-50 on a V100 at batch 1, 4, 8, 16 and 32), how far can dynamic batching
raise throughput while every user still gets an answer within 20 ms? The server waits up to a
batching window (5 ms) to collect a batch, so a request's worst case is the window plus the batch's
inference time, and a batch only forms if enough requests arrive within the window.
"""

from model import Calc, Input, Verdict

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
# batch 1
batch_b1 = Input(1, "request", doc="Batch size of this row", source=_TABLE, lo=1, integer=True)
latency_b1 = Input(5, "ms", doc="Inference time of the whole batch of 1", source=_TABLE, strict_lo=True)
util_b1 = Input(15, "%", doc="GPU utilization at batch 1", source=_TABLE, hi=100)
# batch 4
batch_b4 = Input(4, "request", doc="Batch size of this row", source=_TABLE, lo=1, integer=True)
latency_b4 = Input(7.2, "ms", doc="Inference time of the whole batch of 4", source=_TABLE, strict_lo=True)
util_b4 = Input(42, "%", doc="GPU utilization at batch 4", source=_TABLE, hi=100)
# batch 8
batch_b8 = Input(8, "request", doc="Batch size of this row", source=_TABLE, lo=1, integer=True)
latency_b8 = Input(9.1, "ms", doc="Inference time of the whole batch of 8", source=_TABLE, strict_lo=True)
util_b8 = Input(65, "%", doc="GPU utilization at batch 8", source=_TABLE, hi=100)
# batch 16
batch_b16 = Input(16, "request", doc="Batch size of this row", source=_TABLE, lo=1, integer=True)
latency_b16 = Input(14, "ms", doc="Inference time of the whole batch of 16", source=_TABLE, strict_lo=True)
util_b16 = Input(85, "%", doc="GPU utilization at batch 16", source=_TABLE, hi=100)
# batch 32
batch_b32 = Input(32, "request", doc="Batch size of this row", source=_TABLE, lo=1, integer=True)
latency_b32 = Input(25, "ms", doc="Inference time of the whole batch of 32", source=_TABLE, strict_lo=True)
util_b32 = Input(95, "%", doc="GPU utilization at batch 32", source=_TABLE, hi=100)

launch_overhead = Calc("launch_overhead_per_kernel * n_kernels", "ms", doc="Fixed launch cost of one forward pass, paid once per batch")
launch_share_b1 = Calc("launch_overhead / latency_b1", "%", doc="Share of batch-1 inference time that is launch overhead")
# batch 1
gpu_throughput_b1 = Calc("batch_b1 / latency_b1", "request/s", doc="GPU throughput at batch 1 (inference time only)")
per_request_b1 = Calc("latency_b1 / batch_b1", "ms/request", doc="GPU time per request at batch 1")
worst_latency_b1 = Calc("if_(batch_b1 > 1, batch_window, 0) + latency_b1", "ms", doc="Worst-case user latency at batch 1: batching window (none for a batch of 1) plus inference")
service_throughput_b1 = Calc("batch_b1 / worst_latency_b1", "request/s", doc="Requests served per second at batch 1, counting the window")
fill_time_b1 = Calc("batch_b1 / arrival_rate", "ms", doc="Time for a full batch of requests to arrive at the arrival rate")
gain_b1 = Calc("service_throughput_b1 / service_throughput_b1", "1", doc="Service throughput at batch 1 over batch 1")
raw_gain_b1 = Calc("gpu_throughput_b1 / gpu_throughput_b1", "1", doc="GPU throughput at batch 1 over batch 1 (window ignored)")
ok_b1 = Calc("if_(worst_latency_b1 <= latency_slo, 1, 0)", "1", doc="1 if batch 1 meets the SLO (nothing to wait for)")
verdict_slo_b1 = Verdict({"meets SLO": "worst_latency_b1 <= latency_slo"}, otherwise="violates SLO", doc="Does batch 1 keep the worst-case latency within the SLO?")
# batch 4
gpu_throughput_b4 = Calc("batch_b4 / latency_b4", "request/s", doc="GPU throughput at batch 4 (inference time only)")
per_request_b4 = Calc("latency_b4 / batch_b4", "ms/request", doc="GPU time per request at batch 4")
worst_latency_b4 = Calc("if_(batch_b4 > 1, batch_window, 0) + latency_b4", "ms", doc="Worst-case user latency at batch 4: batching window (none for a batch of 1) plus inference")
service_throughput_b4 = Calc("batch_b4 / worst_latency_b4", "request/s", doc="Requests served per second at batch 4, counting the window")
fill_time_b4 = Calc("batch_b4 / arrival_rate", "ms", doc="Time for a full batch of requests to arrive at the arrival rate")
gain_b4 = Calc("service_throughput_b4 / service_throughput_b1", "1", doc="Service throughput at batch 4 over batch 1")
raw_gain_b4 = Calc("gpu_throughput_b4 / gpu_throughput_b1", "1", doc="GPU throughput at batch 4 over batch 1 (window ignored)")
ok_b4 = Calc("if_(worst_latency_b4 <= latency_slo and fill_time_b4 <= batch_window, 1, 0)", "1", doc="1 if batch 4 meets the SLO and fills within the window")
verdict_slo_b4 = Verdict({"meets SLO": "worst_latency_b4 <= latency_slo"}, otherwise="violates SLO", doc="Does batch 4 keep the worst-case latency within the SLO?")
# batch 8
gpu_throughput_b8 = Calc("batch_b8 / latency_b8", "request/s", doc="GPU throughput at batch 8 (inference time only)")
per_request_b8 = Calc("latency_b8 / batch_b8", "ms/request", doc="GPU time per request at batch 8")
worst_latency_b8 = Calc("if_(batch_b8 > 1, batch_window, 0) + latency_b8", "ms", doc="Worst-case user latency at batch 8: batching window (none for a batch of 1) plus inference")
service_throughput_b8 = Calc("batch_b8 / worst_latency_b8", "request/s", doc="Requests served per second at batch 8, counting the window")
fill_time_b8 = Calc("batch_b8 / arrival_rate", "ms", doc="Time for a full batch of requests to arrive at the arrival rate")
gain_b8 = Calc("service_throughput_b8 / service_throughput_b1", "1", doc="Service throughput at batch 8 over batch 1")
raw_gain_b8 = Calc("gpu_throughput_b8 / gpu_throughput_b1", "1", doc="GPU throughput at batch 8 over batch 1 (window ignored)")
ok_b8 = Calc("if_(worst_latency_b8 <= latency_slo and fill_time_b8 <= batch_window, 1, 0)", "1", doc="1 if batch 8 meets the SLO and fills within the window")
verdict_slo_b8 = Verdict({"meets SLO": "worst_latency_b8 <= latency_slo"}, otherwise="violates SLO", doc="Does batch 8 keep the worst-case latency within the SLO?")
# batch 16
gpu_throughput_b16 = Calc("batch_b16 / latency_b16", "request/s", doc="GPU throughput at batch 16 (inference time only)")
per_request_b16 = Calc("latency_b16 / batch_b16", "ms/request", doc="GPU time per request at batch 16")
worst_latency_b16 = Calc("if_(batch_b16 > 1, batch_window, 0) + latency_b16", "ms", doc="Worst-case user latency at batch 16: batching window (none for a batch of 1) plus inference")
service_throughput_b16 = Calc("batch_b16 / worst_latency_b16", "request/s", doc="Requests served per second at batch 16, counting the window")
fill_time_b16 = Calc("batch_b16 / arrival_rate", "ms", doc="Time for a full batch of requests to arrive at the arrival rate")
gain_b16 = Calc("service_throughput_b16 / service_throughput_b1", "1", doc="Service throughput at batch 16 over batch 1")
raw_gain_b16 = Calc("gpu_throughput_b16 / gpu_throughput_b1", "1", doc="GPU throughput at batch 16 over batch 1 (window ignored)")
ok_b16 = Calc("if_(worst_latency_b16 <= latency_slo and fill_time_b16 <= batch_window, 1, 0)", "1", doc="1 if batch 16 meets the SLO and fills within the window")
verdict_slo_b16 = Verdict({"meets SLO": "worst_latency_b16 <= latency_slo"}, otherwise="violates SLO", doc="Does batch 16 keep the worst-case latency within the SLO?")
# batch 32
gpu_throughput_b32 = Calc("batch_b32 / latency_b32", "request/s", doc="GPU throughput at batch 32 (inference time only)")
per_request_b32 = Calc("latency_b32 / batch_b32", "ms/request", doc="GPU time per request at batch 32")
worst_latency_b32 = Calc("if_(batch_b32 > 1, batch_window, 0) + latency_b32", "ms", doc="Worst-case user latency at batch 32: batching window (none for a batch of 1) plus inference")
service_throughput_b32 = Calc("batch_b32 / worst_latency_b32", "request/s", doc="Requests served per second at batch 32, counting the window")
fill_time_b32 = Calc("batch_b32 / arrival_rate", "ms", doc="Time for a full batch of requests to arrive at the arrival rate")
gain_b32 = Calc("service_throughput_b32 / service_throughput_b1", "1", doc="Service throughput at batch 32 over batch 1")
raw_gain_b32 = Calc("gpu_throughput_b32 / gpu_throughput_b1", "1", doc="GPU throughput at batch 32 over batch 1 (window ignored)")
ok_b32 = Calc("if_(worst_latency_b32 <= latency_slo and fill_time_b32 <= batch_window, 1, 0)", "1", doc="1 if batch 32 meets the SLO and fills within the window")
verdict_slo_b32 = Verdict({"meets SLO": "worst_latency_b32 <= latency_slo"}, otherwise="violates SLO", doc="Does batch 32 keep the worst-case latency within the SLO?")

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
)
