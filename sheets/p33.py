"""Why on-chip SRAM is necessary: distance per clock.

Why can an accelerator not simply fetch every operand from HBM on every cycle? At a 2 GHz clock a
cycle lasts 500 ps; an on-chip signal moving at about half the speed of light needs a sizeable
part of that just to cross a large die, and an HBM access costs 100 or more cycles (dominated by
DRAM access and protocol rather than flight time). Operands therefore have to sit in registers and
SRAM next to the arithmetic and be reused. An optional energy view compares a DRAM access with an
SRAM access and an INT8 addition.
"""

from model import Calc, Input, Verdict

TITLE = "Why on-chip SRAM: distance per clock"
CHAPTER = "11"
SECTION = "AI Memory Systems"

die_area = Input(700, "mm^2", doc="Area of a large accelerator die", source="Ch. 11, speed-of-light callout (context)", strict_lo=True)
path_length = Input(20, "mm", doc="Length of a signal path across the die", source="Ch. 11 callout", strict_lo=True)
signal_speed_fraction = Input(0.5, "1", doc="On-chip signal speed as a fraction of the speed of light", source="Ch. 11 callout", hi=1, strict_lo=True)
c_vacuum = Input(link="phys.c_vacuum", unit="m/s", doc="Speed of light in vacuum")
clock = Input(2, "GHz", doc="Core clock", source="Ch. 11 callout", strict_lo=True)
hbm_latency_cycles = Input(100, "cycle", doc="Cycles one DRAM/HBM access takes ('100+')", source="Ch. 11 callout")
dram_access_energy = Input(link="energy.dram_access", unit="pJ", doc="Energy of one DRAM access")
sram_access_energy = Input(link="energy.sram_l1", unit="pJ", doc="Energy of one SRAM (L1) access, engine figure", note="The same section's DRAM/SRAM ratio implies about 5 pJ per SRAM access; set 5 pJ to use that reading.")
int8_add_energy = Input(link="energy.add_int8", unit="pJ", doc="Energy of one INT8 addition")

die_edge = Calc("sqrt(die_area)", "mm", doc="Edge of a square die of that area")
signal_speed = Calc("signal_speed_fraction * c_vacuum", "km/s", doc="On-chip signal speed")
wire_delay = Calc("path_length / signal_speed", "ps", doc="Time for a signal to cross the path")
clock_period = Calc("1 / clock", "ps", doc="Duration of one clock cycle")
crossing_share = Calc("wire_delay / clock_period", "%", doc="Share of a clock cycle spent only crossing the path")
reach_per_cycle = Calc("signal_speed * clock_period", "mm", doc="Farthest a signal can travel in one cycle, ignoring wire resistance and logic")
hbm_latency = Calc("hbm_latency_cycles * clock_period", "ns", doc="Latency of one HBM access")
fetch_time = Calc("hbm_latency + wire_delay", "ns", doc="Time for an operand fetched from HBM to reach the arithmetic unit across the die")
fetch_cycles = Calc("fetch_time / clock_period", "cycle", doc="Clock cycles one operand fetch from HBM costs")
dram_vs_sram = Calc("dram_access_energy / sram_access_energy", "1", doc="DRAM access energy over SRAM access energy")
dram_vs_int8_add = Calc("dram_access_energy / int8_add_energy", "1", doc="DRAM access energy over one INT8 addition")

verdict_memory = Verdict(
    {"operands must live on chip (registers / SRAM, with reuse)": "fetch_time > clock_period"},
    otherwise="direct HBM fetch could keep up",
    doc="Can the arithmetic units be fed straight from HBM every cycle?",
    tones={"operands must live on chip (registers / SRAM, with reuse)": "neutral", "direct HBM fetch could keep up": "neutral"},
)
