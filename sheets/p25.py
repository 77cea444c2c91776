"""Is the network the bottleneck for 8-GPU data parallelism?

A team trains a 7B-parameter model data-parallel on eight GPUs. After every step each worker
must all-reduce its FP16 gradients over a 100 Gbit/s link. If forward and backward take about one
second per step, does gradient synchronization take longer than the compute — and would the
GPUs' NVLink inside one node change the answer?
"""

from model import Calc, Device, Input, Verdict

TITLE = "Gradient all-reduce on 8 GPUs"
CHAPTER = "8"
SECTION = "Pipeline Architecture"

n_params = Input(link="model_llama2_7b.params", unit="param", doc="Model parameters (7B)")
bytes_grad = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per gradient (FP16)")
n_gpus = Input(8, "GPU", doc="Data-parallel workers (one DGX H100 node)", source="seed Problem 25 (eight GPUs)", lo=2, integer=True)
link_rate = Input(link="net.ethernet_100g", unit="Gbit/s", doc="Network link per worker (the prose calls it InfiniBand 100 Gbit/s); bits, so ÷ 8 for bytes")
t_compute = Input(1, "s", doc="Forward + backward time per step (assumed)", source="Ch. 8 network-wall callout", strict_lo=True)
flat_factor = Input(2, "1", doc="All-reduce traffic per worker as a multiple of the gradient size (seed edition)", source="Ch. 8 network-wall callout, seed-era render", lo=1)
use_ring_formula = Input(0, "1", doc="1 = ring all-reduce factor 2(N−1)/N (current source); 0 = flat factor", source="Ch. 8 current source",
                         hi=1, integer=True, note="Switch to 1 for the ring formula: 1.75× instead of 2× at 8 GPUs; same verdict.")
gpu = Device("accelerator", default="gpu_h100", doc="The GPU whose scale-up link carries the traffic")
nvlink_bw = Input(link="gpu.interconnect_bw", unit="GB/s", doc="Scale-up link bandwidth per GPU as quoted (book's H100: NVLink 4.0, 900 GB/s both ways)")

grad_bytes = Calc("n_params * bytes_grad", "GB", doc="Gradient bytes per worker per step")
allreduce_factor = Calc("if_(use_ring_formula >= 1, 2 * (n_gpus - 1) / n_gpus, flat_factor)", "1", doc="Traffic multiplier of the all-reduce")
traffic = Calc("allreduce_factor * grad_bytes", "GB", doc="Bytes each worker sends per step")
t_comm = Calc("traffic / link_rate", "s", doc="Synchronization time over the network link")
t_comm_nvlink = Calc("traffic / nvlink_bw", "ms", doc="Synchronization time over the GPUs' scale-up link inside one node")
comm_to_compute = Calc("t_comm / t_compute", "1", doc="Synchronization time relative to compute time")
t_step_serial = Calc("t_compute + t_comm", "s", doc="Step time if communication waits for compute (no overlap)")
t_step_overlap = Calc("Max(t_compute, t_comm)", "s", doc="Step time with communication perfectly overlapped with the backward pass")
compute_share_serial = Calc("t_compute / t_step_serial", "1", doc="Share of each step spent computing, without overlap")

verdict_link = Verdict({"network-bound": "t_comm > t_compute"}, otherwise="compute-bound",
                       doc="Over the 100 Gbit/s link, does synchronization take longer than compute?", tones={"network-bound": "bad", "compute-bound": "good"})
verdict_nvlink = Verdict({"network-bound": "t_comm_nvlink > t_compute"}, otherwise="compute-bound",
                         doc="Over the scale-up link, does synchronization take longer than compute?", tones={"network-bound": "bad", "compute-bound": "good"})
