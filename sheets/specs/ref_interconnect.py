"""Intra-node links: NVLink generations and PCIe.

NVLink figures are the bidirectional total per GPU; one direction is half.
"""

from model import Input

TITLE = "Interconnects (NVLink, PCIe)"
CHAPTER = "8"
SECTION = "Reference table: intra-node links"

nvlink_v4_bw = Input(900, "GB/s", doc="NVLink 4.0 per GPU (H100): 18 links × 50 GB/s, bidirectional total", source="NVLINK_H100_BW; seed 'NVLink (900 GB/s)'")
nvlink_v3_bw = Input(600, "GB/s", doc="NVLink 3.0 per GPU (A100): 12 × 50 GB/s", source="NVIDIA A100 datasheet")
nvlink_v2_bw = Input(300, "GB/s", doc="NVLink 2.0 per GPU (V100): 6 × 50 GB/s", source="NVIDIA V100 datasheet")
nvlink_v5_bw = Input(1800, "GB/s", doc="NVLink 5.0 per GPU (B200)", source="NVIDIA B200 datasheet")
pcie_gen3_bw = Input(15.75, "GB/s", doc="PCIe Gen3 x16 after 128b/130b encoding", source="PCI-SIG")
pcie_gen4_bw = Input(32, "GB/s", doc="PCIe Gen4 x16", source="PCI-SIG; older engine comment says bidirectional, newer per direction")
pcie_gen5_bw = Input(64, "GB/s", doc="PCIe Gen5 x16", source="PCI-SIG (same ambiguity as Gen4)")
latency_nvlink = Input(500, "ns", doc="NVLink hop latency", source="engine latency ladder")
latency_pcie_gen5 = Input(1000, "ns", doc="PCIe Gen5 hop latency", source="engine latency ladder")
