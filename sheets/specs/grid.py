"""Grid carbon intensity, data-centre PUE and carbon anchors.

The intensities are the constants the chapters compute with. A README in the book's engine
prints a different table (US 369, EU 295, France 85, Norway 26, Poland 773 g/kWh); those are
given as alternatives. The seed's cloud PUE range (1.1–1.3) is on `ref_thresholds`.
"""

from model import Input

TITLE = "Grid carbon and PUE"
CHAPTER = "15"
SECTION = "Environmental and Cost Awareness (constants)"

us_avg = Input(0.429, "kgCO2/kWh", doc="US average grid carbon intensity", source="429 g/kWh, IEA 2023; CARBON_US_AVG_GCO2_KWH; Infrastructure.Grids.US_Avg", note="Engine README table: 0.369 kgCO2/kWh.")
eu_avg = Input(0.270, "kgCO2/kWh", doc="EU average grid carbon intensity", source="engine constants", note="Engine README table: 0.295 kgCO2/kWh.")
quebec = Input(0.020, "kgCO2/kWh", doc="Québec grid (hydro)", source="engine constants (hydro)")
norway = Input(0.010, "kgCO2/kWh", doc="Norway grid (hydro)", source="engine constants (hydro)", note="Engine README table: 0.026 kgCO2/kWh.")
france = Input(0.050, "kgCO2/kWh", doc="France grid (nuclear)", source="engine constants (nuclear)", note="Engine README table: 0.085 kgCO2/kWh.")
poland = Input(0.820, "kgCO2/kWh", doc="Poland grid (coal)", source="engine constants (coal)", note="Engine README table: 0.773 kgCO2/kWh.")
pue_liquid = Input(1.06, "1", doc="PUE of a liquid-cooled facility", source="engine PUE ladder", lo=1)
pue_best_air = Input(1.12, "1", doc="PUE of a best-in-class air-cooled facility", source="engine PUE ladder", lo=1)
pue_typical = Input(1.40, "1", doc="PUE of a typical data centre", source="engine PUE ladder", lo=1)
pue_legacy = Input(1.58, "1", doc="PUE of a legacy data centre", source="engine PUE ladder", lo=1)
carbon_per_gpu_hour = Input(0.16, "kgCO2/h", doc="Carbon per GPU-hour in the baseline scenario", source="scenario baseline")
car_annual_emissions = Input(4.6, "tCO2/year", doc="Yearly emissions of a typical passenger car", source="typical passenger car (Ch. 15 scenario)")
