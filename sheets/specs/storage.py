"""Storage bandwidths: NVMe generations, SATA SSD, object storage, checkpoint writes.

Host memory bandwidths are on `cpu_server`; the book's engine has no hard-disk constants.
"""

from model import Input

TITLE = "Storage"
CHAPTER = "4"
SECTION = "Storage Architecture (constants)"

nvme_training_low = Input(3, "GB/s", doc="Local NVMe read rate for training, low end", source="Ch. 4 storage tiers (LocalNvmeTrainingLow)")
nvme_gen3 = Input(3.5, "GB/s", doc="NVMe Gen3 sequential read", source="NVME_SEQUENTIAL_BW in the older engine file")
nvme_gen4 = Input(7.0, "GB/s", doc="NVMe Gen4 sequential read", source="newer engine; Ch. 4 LocalNvmeGen4")
nvme_gen5 = Input(14, "GB/s", doc="NVMe Gen5 sequential read", source="later engine")
sata_ssd_effective = Input(500, "MB/s", doc="SATA SSD effective read rate", source="Ch. 4 SataSsdEffective (interface max 600 MB/s)")
sata_interface_max = Input(600, "MB/s", doc="SATA interface ceiling", source="SATA III interface")
s3_single_stream = Input(100, "MB/s", doc="One stream from object storage (S3)", source="Ch. 4 ObjectStoreSingleStream")
checkpoint_write_bw = Input(100, "GB/s", doc="Aggregate checkpoint write bandwidth", source="aggregate; CHECKPOINT_WRITE_BW_GBS")
latency_nvme = Input(100, "us", doc="NVMe access latency", source="engine latency ladder")
