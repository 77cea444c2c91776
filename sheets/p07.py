"""Battery tax of an always-on detector.

A phone app wants a background object detector that never switches off. The detector alone
draws 2 W while running and the phone's battery stores 15 Wh. Would the battery last a whole day
with the feature left on, and how low would its power have to be for that? Only the feature's own
draw is counted: screen, radios and the OS come on top, so the answer is optimistic.
"""

from model import Calc, Input, Verdict

TITLE = "Battery tax of an always-on detector"
CHAPTER = "2"
SECTION = "Mobile ML: Offline Intelligence"

feature_power = Input(link="npu_phone.object_detector_power", unit="W", doc="Continuous draw of the detector alone", source="seed: 2 W")
battery_energy = Input(link="npu_phone.battery_energy", unit="Wh", doc="Energy stored in the phone battery", source="seed: 15 Wh")
day_length = Input(24, "h", doc="What 'all day' means to the user", source="Ch. 2 battery tax", strict_lo=True)
target_power = Input(0.1, "W", doc="The book's goal for an always-on feature (under 100 mW)", source="Ch. 2 battery tax", strict_lo=True)

runtime = Calc("battery_energy / feature_power", "h", doc="Hours until the feature alone empties a full battery")
share_used = Calc("feature_power * runtime / battery_energy", "%", doc="Share of the battery the feature uses before it dies (seed-edition framing)")
energy_full_day = Calc("feature_power * day_length", "Wh", doc="Energy the feature would need to run a full day")
share_full_day = Calc("energy_full_day / battery_energy", "%", doc="Full-day need as a share of one charge (later-edition framing)")
max_avg_power_full_day = Calc("battery_energy / day_length", "W", doc="Highest average draw that still lasts a full day")
duty_cycle_full_day = Calc("max_avg_power_full_day / feature_power", "%", doc="Share of the time the detector could run (duty cycling) and still last the day")
runtime_at_target = Calc("battery_energy / target_power", "h", doc="Hours one charge lasts if the feature met the 100 mW goal")

verdict_all_day = Verdict(
    {"can stay on all day": "runtime >= day_length"},
    otherwise="cannot stay on all day",
    doc="Does one charge run the feature for a full day?",
    tones={"can stay on all day": "good", "cannot stay on all day": "bad"},
)
verdict_at_target = Verdict(
    {"can stay on all day": "runtime_at_target >= day_length"},
    otherwise="cannot stay on all day",
    doc="Would the feature last the day if it met the 100 mW goal?",
    tones={"can stay on all day": "good", "cannot stay on all day": "bad"},
)
