"""Thermal wall for a 12 W model on a phone.

An unoptimized language model needs 12 W at peak. A phone has no fan: it can shed only a few
watts for long, then the OS throttles the chip. Can the phone sustain the model as it is, and
does INT8 quantization (about 4× less power than FP32) bring it inside the envelope? The
heating and throttling figures are the book's stated illustration, not a thermal simulation.
"""

from model import Calc, Input, Verdict

TITLE = "Thermal wall for a 12 W model on a phone"
CHAPTER = "2"
SECTION = "Mobile ML: Offline Intelligence"

model_power = Input(12, "W", doc="Peak power of the unoptimized model", source="seed: 12 W")
sustained_power_limit = Input(link="npu_phone.sustained_power", unit="W", doc="Power a passively cooled phone can shed indefinitely")
quant_power_factor = Input(4, "1", doc="Power reduction from FP32 to INT8", source="Ch. 2 thermal wall (FP32 → INT8 energy per operation)", lo=1, note="An FP32 → INT8 ratio, not FP16 → INT8.")
heating_rate = Input(1, "degC/s", doc="Temperature rise quoted by the book", source="Ch. 2 thermal wall")
heating_rate_ref_power = Input(10, "W", doc="Power at which the heating rate is quoted", source="seed edition (10 W)", strict_lo=True, note="Later edition quotes the rise at 12 W.")
trip_temperature = Input(80, "degC", doc="Temperature at which the OS throttles", source="Ch. 2 thermal wall", lo=None)
time_to_trip = Input(60, "s", doc="Time to reach the throttling point ('within about a minute')", source="Ch. 2 thermal wall")
fps_before_throttle = Input(100, "frame/s", doc="Frame rate before throttling", source="Ch. 2 thermal wall (illustration)", strict_lo=True)
fps_after_throttle = Input(30, "frame/s", doc="Frame rate after throttling", source="Ch. 2 thermal wall (illustration)")
margin_tolerance = Input(0.05, "1", doc="Band around the limit that counts as 'at the limit' (±)", source="assumption", hi=1, illustrative=True)

overload = Calc("model_power / sustained_power_limit", "1", doc="How many times the unoptimized model exceeds the sustained envelope")
power_quantized = Calc("model_power / quant_power_factor", "W", doc="Power after INT8 quantization")
margin_quantized = Calc("(sustained_power_limit - power_quantized) / sustained_power_limit", "%", doc="Headroom left by the quantized model (negative = over the limit)")
temp_rise_to_trip = Calc("heating_rate * time_to_trip", "degC", doc="Temperature rise before throttling at the quoted rate")
implied_start_temperature = Calc("trip_temperature - temp_rise_to_trip", "degC", doc="Starting temperature the quote implies (a sanity check: about room temperature)")
time_to_trip_model = Calc("time_to_trip * heating_rate_ref_power / model_power", "s", doc="Seconds to throttling at the model's power, scaling the quote linearly with power")
throttle_factor = Calc("fps_after_throttle / fps_before_throttle", "%", doc="Share of the frame rate left after throttling")

verdict_unoptimized = Verdict(
    {
        "exceeds the envelope (will throttle)": "model_power > sustained_power_limit * (1 + margin_tolerance)",
        "at the limit (no margin)": "model_power >= sustained_power_limit * (1 - margin_tolerance)",
    },
    otherwise="within the envelope",
    doc="Can the phone sustain the model as it is?",
    tones={"exceeds the envelope (will throttle)": "bad", "at the limit (no margin)": "neutral", "within the envelope": "good"},
)
verdict_quantized = Verdict(
    {
        "exceeds the envelope (will throttle)": "power_quantized > sustained_power_limit * (1 + margin_tolerance)",
        "at the limit (no margin)": "power_quantized >= sustained_power_limit * (1 - margin_tolerance)",
    },
    otherwise="within the envelope",
    doc="Does INT8 quantization bring the model inside the sustained envelope?",
    tones={"exceeds the envelope (will throttle)": "bad", "at the limit (no margin)": "neutral", "within the envelope": "good"},
)
