"""Sensor: transmit raw data or infer locally.

A sensor runs on a battery and must make one decision per chunk of raw data (about a second of
audio, 1 MB). It can either radio that chunk to the cloud and let a server decide, or run a
small model on its own NPU (TinyML). Which choice costs the device less energy per decision?
Only the device's side counts: radio transmit energy versus one on-device inference. Radio
wake-up and tail energy and the device's idle draw are left out; both would widen the gap, so
the verdict is conservative.
"""

from model import Calc, Input, Verdict

TITLE = "Sensor: transmit raw data or infer locally"
CHAPTER = "2"
SECTION = "Analyzing Workloads"

data_per_decision = Input(1, "MB", doc="Raw sensor data behind one decision (about one second of audio)", source="Ch. 2 'The Energy of Transmission'", strict_lo=True)
radio_energy_per_mb = Input(link="net.radio_energy_per_mb", unit="mJ/MB", doc="Energy to transmit one megabyte (Wi-Fi / LTE / 5G)")
local_inference_energy = Input(link="energy.mobilenet_inference", unit="mJ", doc="Energy of one MobileNet-class inference on a small NPU", note="An NPU anchor the book's engine flags as illustrative.")
decisions_per_day = Input(86400, "decision/day", doc="Decisions per day (one per second), for the daily-energy cells only", source="assumption", illustrative=True)

energy_cloud = Calc("data_per_decision * radio_energy_per_mb", "mJ", doc="Device energy to send one decision's raw data (cloud compute taken as free)")
energy_local = Calc("local_inference_energy", "mJ", doc="Device energy to decide locally: one inference")
energy_ratio = Calc("energy_cloud / energy_local", "1", doc="How many times more energy sending costs than deciding locally")
daily_energy_cloud = Calc("energy_cloud * decisions_per_day", "J/day", doc="Daily radio energy if every decision is sent")
daily_energy_local = Calc("energy_local * decisions_per_day", "J/day", doc="Daily inference energy if every decision is made on the device")

verdict_where = Verdict(
    {"process locally (TinyML)": "energy_local < energy_cloud"},
    otherwise="send to cloud",
    doc="Which option costs the sensor less energy per decision?",
    tones={"process locally (TinyML)": "neutral", "send to cloud": "neutral"},
)
