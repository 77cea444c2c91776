"""Cloud vs edge inference economics for 500 clinics.

A screening model handles about 760,000 billable images a month across 500 clinics (one image
per patient after local selection and quality checks). Is it cheaper to pay a serverless cloud
service per image, or to buy one edge box per clinic and run inference on site? Edge costs
money up front and little per image; cloud costs nothing up front and a fee per image plus
network charges. The verdict compares total cost over a planning horizon (a hardware refresh
cycle), which is the same as asking whether the boxes pay for themselves within it. Latency is
shown for context only; the compressed edge model and its update pipeline are not costed.
"""

from model import Calc, Input, Verdict

TITLE = "Cloud vs edge inference economics for 500 clinics"
CHAPTER = "3"
SECTION = "Deployment and Integration"

n_clinics = Input(500, "clinic", doc="Clinics in the deployment", source="seed: 500 clinics", lo=1, integer=True)
images_per_clinic_day = Input(50, "image/day", doc="Billable images per clinic per day (one per patient)", source="Ch. 3 'Cloud vs. Edge Deployment Economics'; seed: one image per patient")
days_per_year = Input(link="cal.days_per_year", unit="day/year", doc="Days in a year (365)")
months_per_year = Input(link="cal.months_per_year", unit="month/year", doc="Months in a year")
year_length = Input(link="cal.year_length", unit="year", doc="One year as a duration, to turn annual costs into cumulative totals")
cloud_price_per_image = Input(0.01, "USD/image", doc="Cloud price per image (GPU time plus API overhead)", source="Ch. 3 'Cloud vs. Edge Deployment Economics'")
cloud_network_cost = Input(45000, "USD/year", doc="Network cost of uploading the ~5 MB images", source="Ch. 3 'Cloud vs. Edge Deployment Economics'")
edge_device_cost = Input(500, "USD/clinic", doc="Jetson-class edge box per clinic (CapEx)", source="Ch. 3 'Cloud vs. Edge Deployment Economics'")
edge_maintenance = Input(25000, "USD/year", doc="Maintenance of the whole edge fleet", source="Ch. 3 'Cloud vs. Edge Deployment Economics'")
edge_energy_per_image = Input(0.001, "USD/image", doc="Electricity per image on the edge box", source="Ch. 3 'Cloud vs. Edge Deployment Economics'")
include_edge_energy = Input(1, "1", doc="1 = add edge electricity to edge OpEx (the calculation); 0 = maintenance only (the callout's display)", source="Ch. 3 callout", hi=1, integer=True)
cloud_latency = Input(200, "ms", doc="Cloud round-trip latency ('200 ms or more'), context only", source="Ch. 3 'Cloud vs. Edge Deployment Economics'")
edge_latency = Input(50, "ms", doc="Edge latency ('under 50 ms'), context only", source="Ch. 3 'Cloud vs. Edge Deployment Economics'", strict_lo=True)
planning_horizon = Input(3, "year", doc="Horizon over which the edge boxes must pay off (hardware refresh cycle)", source="assumption", strict_lo=True, illustrative=True)

images_year = Calc("n_clinics * images_per_clinic_day * days_per_year", "image/year", doc="Billable images per year, all clinics")
images_month = Calc("images_year / months_per_year", "image/month", doc="Billable images per month (seed: about 760,000)")
cloud_inference_annual = Calc("images_year * cloud_price_per_image", "USD/year", doc="Cloud inference fees per year")
cloud_annual = Calc("cloud_inference_annual + cloud_network_cost", "USD/year", doc="Total cloud cost per year")
edge_capex = Calc("n_clinics * edge_device_cost", "USD", doc="Up-front cost of one edge box per clinic")
edge_opex = Calc("edge_maintenance + include_edge_energy * images_year * edge_energy_per_image", "USD/year", doc="Edge running cost per year")
annual_saving = Calc("cloud_annual - edge_opex", "USD/year", doc="Yearly running-cost saving of edge over cloud")
payback_years = Calc("edge_capex / annual_saving", "year", doc="Years until the edge boxes pay for themselves (negative = never)")
payback_years_rounded = Calc("floor(payback_years / year_length + 1/2) * year_length", "year", doc="Payback rounded to whole years, as the book quotes it ('~N years')")
latency_advantage = Calc("cloud_latency / edge_latency", "1", doc="How many times faster the edge answers (context)")
cloud_cost_horizon = Calc("planning_horizon * cloud_annual", "USD", doc="Cloud cost over the planning horizon")
edge_cost_horizon = Calc("edge_capex + planning_horizon * edge_opex", "USD", doc="Edge cost over the planning horizon (boxes plus running cost)")
cloud_cum_year_one = Calc("1 * year_length * cloud_annual", "USD", doc="Cumulative cloud cost after year 1")
cloud_cum_year_two = Calc("2 * year_length * cloud_annual", "USD", doc="Cumulative cloud cost after year 2")
cloud_cum_year_three = Calc("3 * year_length * cloud_annual", "USD", doc="Cumulative cloud cost after year 3")
cloud_cum_year_four = Calc("4 * year_length * cloud_annual", "USD", doc="Cumulative cloud cost after year 4")
cloud_cum_year_five = Calc("5 * year_length * cloud_annual", "USD", doc="Cumulative cloud cost after year 5")
edge_cum_year_one = Calc("edge_capex + 1 * year_length * edge_opex", "USD", doc="Cumulative edge cost after year 1")
edge_cum_year_two = Calc("edge_capex + 2 * year_length * edge_opex", "USD", doc="Cumulative edge cost after year 2")
edge_cum_year_three = Calc("edge_capex + 3 * year_length * edge_opex", "USD", doc="Cumulative edge cost after year 3")
edge_cum_year_four = Calc("edge_capex + 4 * year_length * edge_opex", "USD", doc="Cumulative edge cost after year 4")
edge_cum_year_five = Calc("edge_capex + 5 * year_length * edge_opex", "USD", doc="Cumulative edge cost after year 5")

verdict_deploy = Verdict(
    {"edge": "edge_cost_horizon <= cloud_cost_horizon"},
    otherwise="cloud",
    doc="Cheaper over the planning horizon (same as: edge saves money yearly and pays back within the horizon)",
    tones={"edge": "neutral", "cloud": "neutral"},
)
