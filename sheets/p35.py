"""CPU fleet vs NPU fleet: energy and carbon.

A service runs about a billion inferences a day. It can run on 1,000 general-purpose CPU servers
(1 TFLOP/s at 100 W each) or on 100 specialised NPUs (10 TFLOP/s at 5 W each) with the same total
capacity. How much energy and CO2 per year does the NPU fleet save, and should the fleet be
specialised? Power is treated as constant nameplate draw around the clock (no PUE, no embodied
carbon), and the NPU only wins if the workload suits it.
"""

from model import Calc, Input, Verdict

TITLE = "CPU fleet vs NPU fleet: energy and carbon"
CHAPTER = "11"
SECTION = "Hardware Sustainability"

cpu_power = Input(100, "W/server", doc="Power draw of one CPU server", source="Ch. 11, carbon ROI of specialized silicon callout", strict_lo=True)
cpu_throughput = Input(link="cpu_server.peak_fp32", unit="TFLOP/s", doc="Throughput of one CPU server (the callout's 1 TFLOP/s)")
npu_power = Input(5, "W/chip", doc="Power draw of one NPU", source="Ch. 11 callout", strict_lo=True)
npu_throughput = Input(10, "TFLOP/s", doc="Throughput of one NPU", source="Ch. 11 callout", strict_lo=True)
n_cpu = Input(1000, "server", doc="CPU servers in the fleet", source="Ch. 11 callout (book's sizing)", lo=1, integer=True)
n_npu = Input(100, "chip", doc="NPUs in the fleet (same total capacity)", source="Ch. 11 callout (book's sizing)", lo=1, integer=True)
inferences_per_day = Input(1e9, "inference/day", doc="Inferences the service handles per day", source="Ch. 11 callout")
flops_per_inference = Input(link="model_resnet50.flops_per_image", unit="GFLOP", doc="Compute per inference (illustrative: one ResNet-50 image)", illustrative=True, note="The book gives no per-inference cost; set the service's own model here.")
hours_per_day = Input(link="cal.hours_per_day", unit="h/day", doc="Hours of operation per day (the fleets run around the clock)")
days_per_year = Input(link="cal.days_per_year", unit="day/year", doc="Days per year")
carbon_intensity = Input(link="grid.us_avg", unit="kgCO2/kWh", doc="Grid carbon intensity (US average)")
workload_matches_npu = Input(1, "1", doc="1 if the workload suits the NPU (regular dataflow, enough intensity and parallelism), else 0", source="Ch. 11 (specialisation pays only for matching workloads)", hi=1, integer=True)

eff_cpu = Calc("cpu_throughput / cpu_power", "TFLOP/s/W", doc="CPU throughput per watt")
eff_npu = Calc("npu_throughput / npu_power", "TFLOP/s/W", doc="NPU throughput per watt")
efficiency_gap = Calc("eff_npu / eff_cpu", "1", doc="How many times more work per watt the NPU does")
capacity_cpu = Calc("n_cpu * cpu_throughput", "TFLOP/s", doc="Total throughput of the CPU fleet")
capacity_npu = Calc("n_npu * npu_throughput", "TFLOP/s", doc="Total throughput of the NPU fleet")
required_rate = Calc("inferences_per_day * flops_per_inference", "TFLOP/s", doc="Average throughput the service needs")
energy_cpu_day = Calc("n_cpu * cpu_power * hours_per_day", "kWh/day", doc="Daily energy of the CPU fleet")
energy_npu_day = Calc("n_npu * npu_power * hours_per_day", "kWh/day", doc="Daily energy of the NPU fleet")
energy_ratio = Calc("energy_cpu_day / energy_npu_day", "1", doc="How many times more energy the CPU fleet uses")
energy_per_inference_cpu = Calc("energy_cpu_day / inferences_per_day", "J/inference", doc="Energy per inference on the CPU fleet")
energy_per_inference_npu = Calc("energy_npu_day / inferences_per_day", "J/inference", doc="Energy per inference on the NPU fleet")
energy_saved_year = Calc("(energy_cpu_day - energy_npu_day) * days_per_year", "kWh/year", doc="Energy the NPU fleet saves per year")
co2_saved_year = Calc("energy_saved_year * carbon_intensity", "tCO2/year", doc="CO2 the NPU fleet avoids per year")

verdict_fleet = Verdict(
    {
        "CPU fleet (the workload does not suit the NPU)": "workload_matches_npu < 0.5",
        "CPU fleet (the NPU fleet has less capacity)": "capacity_npu < capacity_cpu",
        "CPU fleet (the NPU fleet uses no less energy)": "energy_npu_day >= energy_cpu_day",
    },
    otherwise="NPU fleet",
    doc="Which fleet to run: the NPU fleet if the workload suits it, it matches the CPU fleet's capacity and uses less energy",
    tones={"CPU fleet (the workload does not suit the NPU)": "neutral", "CPU fleet (the NPU fleet has less capacity)": "neutral", "CPU fleet (the NPU fleet uses no less energy)": "neutral", "NPU fleet": "neutral"},
)
verdict_capacity = Verdict(
    {"NPU fleet carries the load": "capacity_npu >= required_rate"},
    otherwise="NPU fleet too small for the load",
    doc="Does the NPU fleet's throughput cover the service's average demand?",
    tones={"NPU fleet carries the load": "good", "NPU fleet too small for the load": "bad"},
)
