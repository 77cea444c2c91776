"""Storage bandwidth needed to keep an A100 fed on ResNet-50.

Training ResNet-50 on one A100: if the GPU ran at its full FP16 peak, how many images per second
would it consume, how much read bandwidth does streaming compressed JPEGs at that rate take, and
which storage tier (SATA SSD, local NVMe, an object store) can deliver it before the GPU starts
waiting for data? Training throughput is the smaller of compute capacity and data supply.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Storage bandwidth to feed an A100"
CHAPTER = "4"
SECTION = "Storage Architecture"

gpu = Device("accelerator", default="gpu_a100", doc="The GPU of the serving fleet")
peak_gpu = Input(link="gpu.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 peak of the GPU, taken at 100 % (an upper bound on demand; book: A100)")
forward_flops = Input(link="model_resnet50.flops_per_image", unit="GFLOP/image", doc="ResNet-50 forward compute per image (seed edition)",
                      note="Alternative: link model_resnet50.flops_per_image_alt (8.2 GFLOP) — halves the bandwidth needed.")
train_step_factor = Input(3, "1", doc="Training step cost relative to a forward pass (forward + backward ≈ 3×)", source="Ch. 4 storage bandwidth budget callout", lo=1)
image_size = Input(150, "KB/image", doc="One compressed JPEG training image (decimal KB)", source="Ch. 4 storage bandwidth budget callout", strict_lo=True)
rate_resolution = Input(1, "image/s", doc="Rates are truncated to whole images per second, as the book does", source="Ch. 4 callout (Python int())", strict_lo=True)
sata_bw = Input(link="storage.sata_ssd_effective", unit="MB/s", doc="SATA SSD effective read rate")
s3_stream_bw = Input(link="storage.s3_single_stream", unit="MB/s", doc="One stream from an object store")
nvme_bw_low = Input(link="storage.nvme_training_low", unit="GB/s", doc="Local NVMe read rate, low end of the range")
nvme_bw_high = Input(link="storage.nvme_gen4", unit="GB/s", doc="Local NVMe read rate, high end (Gen4)")
gpu_price = Input(link="gpu.unit_price", unit="USD", doc="Purchase price of the GPU (for the idle-GPU argument; book: A100)")

flops_per_step_image = Calc("train_step_factor * forward_flops", "GFLOP/image", doc="Training compute per image (forward + backward)")
max_image_rate = Calc("floor(peak_gpu / flops_per_step_image / rate_resolution) * rate_resolution", "image/s",
                      doc="Images per second the GPU could train on at full peak (truncated)")
required_bw = Calc("max_image_rate * image_size", "GB/s", doc="Read bandwidth needed to deliver images at that rate")
s3_streams = Calc("floor(required_bw / s3_stream_bw + 0.5)", "1", doc="Parallel object-store streams needed (rounded)")
sata_image_rate = Calc("floor(sata_bw / image_size / rate_resolution) * rate_resolution", "image/s", doc="Images per second a SATA SSD can deliver (truncated)")
gpu_util_on_sata = Calc("sata_image_rate / max_image_rate", "1", doc="Share of the GPU's capacity a SATA SSD keeps busy")
idle_value = Calc("gpu_price * (1 - gpu_util_on_sata)", "USD", doc="Share of the GPU's price left idle when fed from SATA (talking point)")
sata_ok = Calc("if_(sata_bw >= required_bw, 1, 0)", "1", doc="1 if a SATA SSD keeps up")
nvme_low_ok = Calc("if_(nvme_bw_low >= required_bw, 1, 0)", "1", doc="1 if the slow end of the NVMe range keeps up")
nvme_high_ok = Calc("if_(nvme_bw_high >= required_bw, 1, 0)", "1", doc="1 if a fast (Gen4) NVMe drive keeps up")

verdict_storage = Verdict(
    {
        "SATA SSD is enough": "sata_bw >= required_bw",
        "local NVMe is enough, even the slow end": "nvme_bw_low >= required_bw",
        "local NVMe required (fast Gen4 end only)": "nvme_bw_high >= required_bw",
    },
    otherwise="striped NVMe / parallel object store (see s3_streams)",
    doc="Cheapest storage tier that keeps the GPU from waiting for data",
    tones={"SATA SSD is enough": "good", "local NVMe is enough, even the slow end": "good", "local NVMe required (fast Gen4 end only)": "neutral", "striped NVMe / parallel object store (see s3_streams)": "bad"},
)
