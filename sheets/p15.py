"""Coordination tax: gather centrally or aggregate locally.

A global mean has to be taken over 1 TB of features spread across 100 nodes. Strategy A ships
every byte to one node and scans it there; strategy B scans each node's shard in place and ships
only one partial result per node to be combined. Which one finishes first, and by how much? Host
memory scan speed is taken at both ends of its range (low and high), so each strategy has two
columns; the network is the 10 GB/s gather link into the central node.
"""

from model import Calc, Input, Verdict

TITLE = "Coordination tax: gather vs local aggregate"
CHAPTER = "4"
SECTION = "Systematic Data Processing"

total_data = Input(1, "TB", doc="Feature data to reduce, summed over all nodes", source="seed Problem 15 (1 TB)", strict_lo=True)
n_nodes = Input(100, "node", doc="Nodes the data is sharded across (10 GB each)", source="seed Problem 15 (100 nodes)", lo=1, integer=True)
network_bw = Input(10, "GB/s", doc="Gather bandwidth into the central node (bytes, not bits)", source="Ch. 4 coordination-tax callout", strict_lo=True)
ram_bw_low = Input(link="cpu_server.system_mem_bw", unit="GB/s", doc="Host memory scan speed, low end of the range")
ram_bw_high = Input(link="cpu_server.host_dram_bw", unit="GB/s", doc="Host memory scan speed, high end of the range")
partial_size = Input(8, "B/node", doc="Size of one node's partial result (one FP64 mean)", source="Ch. 4 coordination-tax callout", note="A weighted mean also needs the count: 16 B per node.", strict_lo=True)
aggregate_time = Input(0, "s", doc="Time to combine the partial results on the central node", source="Ch. 4: combining 100 numbers is negligible")

# Option A: gather everything, then scan centrally.
t_gather = Calc("total_data / network_bw", "s", doc="A: time to ship all the data to the central node")
t_scan_central_low = Calc("total_data / ram_bw_low", "s", doc="A: central scan of all the data at the low memory speed")
t_scan_central_high = Calc("total_data / ram_bw_high", "s", doc="A: central scan of all the data at the high memory speed")
t_option_a_low = Calc("t_gather + t_scan_central_low", "s", doc="A: total time, low memory speed")
t_option_a_high = Calc("t_gather + t_scan_central_high", "s", doc="A: total time, high memory speed")

# Option B: scan in place, ship one partial per node.
per_node = Calc("total_data / n_nodes", "GB", doc="B: data each node holds and scans")
t_scan_local_low = Calc("per_node / ram_bw_low", "s", doc="B: local scan (all nodes in parallel), low memory speed")
t_scan_local_high = Calc("per_node / ram_bw_high", "s", doc="B: local scan (all nodes in parallel), high memory speed")
partials_bytes = Calc("n_nodes * partial_size", "B", doc="B: bytes of partial results sent to the central node")
t_send = Calc("partials_bytes / network_bw", "ns", doc="B: time to ship the partial results")
t_option_b_low = Calc("t_scan_local_low + t_send + aggregate_time", "s", doc="B: total time, low memory speed")
t_option_b_high = Calc("t_scan_local_high + t_send + aggregate_time", "s", doc="B: total time, high memory speed")

speedup_low_bw = Calc("t_option_a_low / t_option_b_low", "1", doc="How many times faster B is, both at the low memory speed")
speedup_high_bw = Calc("t_option_a_high / t_option_b_high", "1", doc="How many times faster B is, both at the high memory speed")
speedup_min = Calc("t_option_a_high / t_option_b_low", "1", doc="Smallest speed-up of B: fastest A against slowest B")
speedup_max = Calc("t_option_a_low / t_option_b_high", "1", doc="Largest speed-up of B: slowest A against fastest B")
margin = Calc("Min(t_option_a_low - t_option_b_low, t_option_a_high - t_option_b_high)", "s",
              doc="Time B saves over A in the closer of the two columns (negative if A wins in one)")

verdict_strategy = Verdict(
    {"aggregate locally (B)": "margin > 0"},
    otherwise="gather centrally (A)",
    doc="Which strategy finishes first at both ends of the memory-speed range",
    tones={"aggregate locally (B)": "neutral", "gather centrally (A)": "neutral"},
)
