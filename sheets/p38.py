"""Auditing a vendor's "10,000 images/s on ResNet-50".

A vendor advertises 10,000 images per second on ResNet-50 and nothing else. Can that number be used
to plan a deployment? A usable claim states six things: batch size, numeric precision, what is
timed (model only, or with preprocessing such as JPEG decoding), the accuracy reached, the
hardware, and its power. The sheet scores the claim against that checklist and shows how far the
missing facts could move the plan: an INT8 figure read as FP32, a large batch's latency against a
latency target, the accuracy given up, and how many devices a planned load would need.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Auditing a vendor throughput claim"
CHAPTER = "12"
SECTION = "Benchmark Components"

claimed_throughput = Input(10_000, "image/s", doc="The headline claim", source="Ch. 12 perspective box", strict_lo=True)
spec_batch = Input(0, "1", doc="1 if the claim states the batch size", source="Ch. 12 checklist", hi=1, integer=True)
spec_precision = Input(0, "1", doc="1 if the claim states the numeric precision", source="Ch. 12 checklist", hi=1, integer=True)
spec_boundary = Input(0, "1", doc="1 if the claim states what is timed (model only, or with preprocessing)", source="Ch. 12 checklist", hi=1, integer=True)
spec_accuracy = Input(0, "1", doc="1 if the claim states the accuracy achieved", source="Ch. 12 checklist", hi=1, integer=True)
spec_hardware = Input(0, "1", doc="1 if the claim names the hardware", source="Ch. 12 checklist", hi=1, integer=True)
spec_power = Input(0, "1", doc="1 if the claim states the power (TDP)", source="Ch. 12 checklist", hi=1, integer=True)
ref_top1 = Input(link="model_resnet50.top1_accuracy", unit="1", doc="Original ResNet-50 Top-1 accuracy")
claimed_top1 = Input(0.760, "1", doc="Top-1 accuracy in the book's complete-specification example", source="Ch. 12 (seed edition prints 76.0 %)", hi=1, note="A later edition prints 76 %.")
accuracy_tolerance = Input(0.5, "pp", doc="Largest acceptable Top-1 loss against the original", source="assumption", illustrative=True, hi=100)
int8_speedup_min = Input(2, "1", doc="INT8 speed-up over FP32, low end", source="Ch. 12 perspective box (2-4x)", strict_lo=True)
int8_speedup_max = Input(4, "1", doc="INT8 speed-up over FP32, high end", source="Ch. 12 perspective box (2-4x)", strict_lo=True)
example_batch_large = Input(256, "image", doc="Large batch in the book's batch-size question", source="Ch. 12 perspective box", lo=1, integer=True)
example_latency_large = Input(256, "ms", doc="Latency of that large batch", source="Ch. 12 perspective box (seed edition)", note="A later edition drops the 256 ms figure.")
example_batch = Input(32, "image", doc="Batch size in the complete-specification example", source="Ch. 12 perspective box", lo=1, integer=True)
gpu = Device("accelerator", default="gpu_h100", doc="The GPU of the example specification")
example_power = Input(link="gpu.tdp", unit="W", doc="Power in the complete-specification example: the GPU's TDP (book: H100, 700 W)")
latency_slo = Input(100, "ms", doc="Latency target of the planned service", source="assumption", illustrative=True, strict_lo=True)
target_load = Input(50_000, "image/s", doc="Load the deployment must carry", source="assumption", illustrative=True)

spec_count = Calc("spec_batch + spec_precision + spec_boundary + spec_accuracy + spec_hardware + spec_power", "1", doc="Specifications the claim states (of 6)")
spec_score = Calc("spec_count / 6", "%", doc="Share of the six specifications stated")
missing = Calc("6 - spec_count", "1", doc="Specifications missing")
fp32_equiv_low = Calc("claimed_throughput / int8_speedup_max", "image/s", doc="Throughput to expect in FP32 if the claim was INT8, pessimistic")
fp32_equiv_high = Calc("claimed_throughput / int8_speedup_min", "image/s", doc="Throughput to expect in FP32 if the claim was INT8, optimistic")
accuracy_drop = Calc("ref_top1 - claimed_top1", "pp", doc="Top-1 accuracy given up against the original model")
accuracy_ok = Calc("if_(accuracy_drop <= accuracy_tolerance, 1, 0)", "1", doc="1 if the accuracy loss is within tolerance")
per_image_latency_large = Calc("example_latency_large / example_batch_large", "ms/image", doc="Latency per image in the large batch")
batch_latency_floor = Calc("example_batch / claimed_throughput", "ms", doc="Shortest possible latency of one batch of the example size at the claimed rate")
images_per_joule = Calc("claimed_throughput / example_power", "image/J", doc="Energy efficiency of the fully specified example")
devices_needed = Calc("ceiling(target_load / claimed_throughput)", "device", doc="Devices needed for the planned load, best case")

verdict_claim = Verdict(
    {
        "not plannable: specifications missing": "spec_count < 6",
        "specified, but accuracy below tolerance": "accuracy_drop > accuracy_tolerance",
    },
    otherwise="usable for planning",
    doc="Can the claim be used for deployment planning? (The number missing is in 'missing'.)",
    tones={"not plannable: specifications missing": "bad", "specified, but accuracy below tolerance": "bad", "usable for planning": "good"},
)
verdict_latency = Verdict(
    {"large-batch latency violates the SLO": "example_latency_large > latency_slo"},
    otherwise="large-batch latency meets the SLO",
    doc="Does the batch-256 operating point meet the service's latency target?",
    tones={"large-batch latency violates the SLO": "bad", "large-batch latency meets the SLO": "good"},
)
