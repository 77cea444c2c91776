"""Sustained compute for 30 FPS ResNet-50.

A real-time video application has to run ResNet-50 on every frame at 30 frames per second. What
compute rate must be sustained, and how much headroom does a mid-range 10 TFLOP/s GPU leave once
it reaches only 50–60 % of its peak? A heavier 100 GFLOP detector on the same stream shows where
the headroom runs out.
"""

from model import Calc, Input, Verdict

TITLE = "Sustained FLOP/s for 30 FPS ResNet-50"
CHAPTER = "6"
SECTION = "Architecture Selection Framework"

frame_rate = Input(30, "frame/s", doc="Video frames to process per second", source="seed Problem 22 (30 frames per second)", strict_lo=True)
flops_per_frame = Input(link="model_resnet50.flops_per_image", unit="GFLOP/frame", doc="ResNet-50 compute per frame (seed edition)",
                        note="Alternative: link model_resnet50.flops_per_image_alt (8.2 GFLOP) — doubles the requirement.")
gpu_peak = Input(10, "TFLOP/s", doc="Peak of a reference mid-range GPU", source="Ch. 6 throughput-ceiling callout", strict_lo=True)
util_low = Input(0.50, "1", doc="Achieved fraction of peak, low end", source="Ch. 6 throughput-ceiling callout", hi=1, strict_lo=True)
util_high = Input(0.60, "1", doc="Achieved fraction of peak, high end", source="Ch. 6 throughput-ceiling callout", hi=1, strict_lo=True)
detector_flops = Input(100, "GFLOP/frame", doc="A heavier object-detection model's compute per frame, for comparison", source="Ch. 6 throughput-ceiling callout")
ample_headroom = Input(10, "1", doc="Headroom at or above which the margin counts as ample", source="band edge chosen for the verdict", illustrative=True, lo=1)

sustained = Calc("frame_rate * flops_per_frame", "GFLOP/s", doc="Compute rate ResNet-50 needs at this frame rate")
effective_low = Calc("gpu_peak * util_low", "TFLOP/s", doc="What the GPU actually delivers, low utilization")
effective_high = Calc("gpu_peak * util_high", "TFLOP/s", doc="What the GPU actually delivers, high utilization")
headroom_low = Calc("effective_low / sustained", "1", doc="How many times the requirement the GPU delivers, low utilization")
headroom_high = Calc("effective_high / sustained", "1", doc="How many times the requirement the GPU delivers, high utilization")
detector_sustained = Calc("frame_rate * detector_flops", "GFLOP/s", doc="Compute rate the detector needs at this frame rate")
detector_headroom_low = Calc("effective_low / detector_sustained", "1", doc="Detector headroom, low utilization")
detector_headroom_high = Calc("effective_high / detector_sustained", "1", doc="Detector headroom, high utilization")

verdict_resnet = Verdict(
    {"fits with ample headroom": "headroom_low >= ample_headroom", "fits, little headroom": "headroom_low >= 1"},
    otherwise="does not fit",
    doc="Can the GPU sustain ResNet-50 at this frame rate (judged at the low utilization)?",
    tones={"fits with ample headroom": "good", "fits, little headroom": "neutral", "does not fit": "bad"},
)
verdict_detector = Verdict(
    {"fits with ample headroom": "detector_headroom_low >= ample_headroom", "fits, little headroom": "detector_headroom_low >= 1"},
    otherwise="does not fit",
    doc="Can the GPU sustain the heavier detector at this frame rate (judged at the low utilization)?",
    tones={"fits with ample headroom": "good", "fits, little headroom": "neutral", "does not fit": "bad"},
)
