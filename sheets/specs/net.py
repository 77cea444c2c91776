"""Network links: Ethernet, InfiniBand and RoCE rates, radio transmit energy, latencies.

Rates are in bits per second (1 Gbit/s = 0.125 GB/s). Links that belong to one scenario (a home
uplink, a rural clinic's 2 Mbit/s, a 10 GB/s cluster network) stay in that problem's sheet.
"""

from model import Input

TITLE = "Network"
CHAPTER = "2"
SECTION = "Network constants"

ethernet_10g = Input(10, "Gbit/s", doc="10 Gigabit Ethernet (1.25 GB/s)", source="NETWORK_10G_BW; Systems.Fabrics.Ethernet_10G (= 1.25 GB/s)")
ethernet_100g = Input(100, "Gbit/s", doc="100 Gigabit Ethernet (12.5 GB/s)", source="NETWORK_100G_BW; Ethernet_100G (= 12.5 GB/s); p25's prose calls it 'InfiniBand (100 Gbps)'")
ethernet_400g = Input(400, "Gbit/s", doc="400 Gigabit Ethernet (50 GB/s)", source="= 50 GB/s")
ib_hdr = Input(200, "Gbit/s", doc="InfiniBand HDR (25 GB/s)", source="INFINIBAND_HDR_BW (= 25 GB/s)")
ib_ndr = Input(400, "Gbit/s", doc="InfiniBand NDR (50 GB/s)", source="INFINIBAND_NDR_BW (= 50 GB/s)")
ib_xdr = Input(800, "Gbit/s", doc="InfiniBand XDR", source="newer engine")
roce_100g = Input(12.5, "GB/s", doc="RoCE over 100 Gbit/s Ethernet, in bytes", source="ROCE_100G_BW_GBS")
radio_energy_per_mb = Input(100, "mJ/MB", doc="Energy to transmit one megabyte over Wi-Fi / LTE / 5G", source="Wi-Fi/LTE/5G transmit energy; NETWORK_5G_ENERGY_PER_MB_MJ")
latency_infiniband = Input(5, "us", doc="One-way InfiniBand latency (α, NDR)", source="one-way α, NDR; engine")
latency_tcp = Input(50, "us", doc="One-way TCP latency in a data centre", source="engine")
phone_link = Input(100, "Mbit/s", doc="Phone network link", source="engine mobile archetype")
mcu_link = Input(1, "Mbit/s", doc="Microcontroller radio link", source="engine TinyML archetype")
