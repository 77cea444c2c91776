"""Carbon of a GPT-3-scale training run.

Training a foundation model at GPT-3 scale draws about 1,300 MWh. On the average US grid, how
many tonnes of CO₂ is that, how many passenger cars driven for a year does it equal, how much
would a 1 % efficiency gain avoid, and how much would running the same job on a cleaner grid
(hydro, nuclear) change it? The energy figure already includes facility overhead, so PUE is
not applied a second time.
"""

from model import Calc, Input, Verdict

TITLE = "Carbon of a GPT-3-scale training run"
CHAPTER = "15"
SECTION = "Environmental and Cost Awareness"

train_energy = Input(1300, "MWh", doc="Energy drawn by the training run", source="seed: 1,300 MWh", note="Alternative: link model_gpt3.training_energy (1,287 MWh, Patterson et al.; about 1 % lower).")
carbon_intensity = Input(link="grid.us_avg", unit="kgCO2/kWh", doc="Carbon intensity of the average US grid")
pue_extra = Input(1.0, "1", doc="Extra facility overhead (1.0: the energy figure already includes PUE)", source="brief: do not apply PUE twice", lo=1)
car_emissions = Input(link="grid.car_annual_emissions", unit="tCO2/year", doc="Yearly emissions of one passenger car")
efficiency_gain = Input(0.01, "1", doc="Efficiency improvement to value (1 %)", source="Ch. 15, carbon cost of scale", hi=1)
grid_quebec = Input(link="grid.quebec", unit="kgCO2/kWh", doc="Québec grid (hydro)")
grid_norway = Input(link="grid.norway", unit="kgCO2/kWh", doc="Norway grid (hydro)")
grid_france = Input(link="grid.france", unit="kgCO2/kWh", doc="France grid (nuclear)")
grid_eu = Input(link="grid.eu_avg", unit="kgCO2/kWh", doc="EU average grid")
grid_poland = Input(link="grid.poland", unit="kgCO2/kWh", doc="Poland grid (coal)")

facility_energy = Calc("train_energy * pue_extra", "MWh", doc="Energy charged to the grid, including any extra overhead")
co2_us = Calc("facility_energy * carbon_intensity", "tCO2", doc="CO₂ of the run on the US grid")
car_years = Calc("co2_us / car_emissions", "year", doc="Car-years: passenger cars driven for one year with the same emissions")
saving_per_gain = Calc("efficiency_gain * car_years", "year", doc="Car-years avoided by the efficiency gain")
co2_saved_per_gain = Calc("efficiency_gain * co2_us", "tCO2", doc="CO₂ avoided by the efficiency gain")
co2_quebec = Calc("facility_energy * grid_quebec", "tCO2", doc="CO₂ of the same run in Québec")
co2_norway = Calc("facility_energy * grid_norway", "tCO2", doc="CO₂ of the same run in Norway")
co2_france = Calc("facility_energy * grid_france", "tCO2", doc="CO₂ of the same run in France")
co2_eu = Calc("facility_energy * grid_eu", "tCO2", doc="CO₂ of the same run on the EU average grid")
co2_poland = Calc("facility_energy * grid_poland", "tCO2", doc="CO₂ of the same run in Poland")
co2_lowest = Calc("Min(co2_us, co2_quebec, co2_norway, co2_france, co2_eu, co2_poland)", "tCO2", doc="CO₂ at the cleanest of the sites compared")
siting_factor = Calc("co2_us / co2_lowest", "1", doc="How many times less CO₂ the cleanest site emits than the US grid")

verdict_impact = Verdict(
    {
        "lowest-carbon siting: Norway (hydro)": "co2_norway <= Min(co2_us, co2_quebec, co2_france, co2_eu, co2_poland)",
        "lowest-carbon siting: Québec (hydro)": "co2_quebec <= Min(co2_us, co2_france, co2_eu, co2_poland)",
        "lowest-carbon siting: France (nuclear)": "co2_france <= Min(co2_us, co2_eu, co2_poland)",
        "lowest-carbon siting: EU average": "co2_eu <= Min(co2_us, co2_poland)",
        "lowest-carbon siting: the US grid already": "co2_us <= co2_poland",
    },
    otherwise="lowest-carbon siting: Poland (coal)",
    doc="Where to run the job for the least CO₂ (the US-grid tonnes and car-years are in co2_us and car_years)",
    tones={"lowest-carbon siting: Norway (hydro)": "neutral", "lowest-carbon siting: Québec (hydro)": "neutral", "lowest-carbon siting: France (nuclear)": "neutral", "lowest-carbon siting: EU average": "neutral", "lowest-carbon siting: the US grid already": "neutral", "lowest-carbon siting: Poland (coal)": "neutral"},
)
