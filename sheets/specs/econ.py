"""Prices: electricity, cloud egress and storage, GPU rental, maintenance, labelling.

The book's 2024-era scenario figures in USD, not live quotes. TPU rental is on
`tpu_v4.rent_per_hour`; purchase prices are on each device sheet (`unit_price`).
"""

from model import Input

TITLE = "Economics"
CHAPTER = "4"
SECTION = "Cost constants"

electricity_per_kwh = Input(0.12, "USD/kWh", doc="Data-centre electricity price", source="CLOUD_ELECTRICITY_PER_KWH (AWS US 2024)")
egress_per_gb = Input(0.09, "USD/GB", doc="Cloud data transfer out, per GB", source="CLOUD_EGRESS_PER_GB (AWS data transfer out, 2024)")
s3_standard_per_tb_month = Input(23, "USD/TB/month", doc="Object storage (S3 Standard) per TB-month", source="STORAGE_COST_S3_STD")
glacier_per_tb_month = Input(1, "USD/TB/month", doc="Archive storage (Glacier) per TB-month", source="engine storage tiers")
glacier_retrieval_per_gb = Input(0.02, "USD/GB", doc="Archive retrieval per GB", source="engine storage tiers")
nvme_storage_per_tb_month_low = Input(100, "USD/TB/month", doc="Provisioned NVMe storage per TB-month, low end", source="engine storage tiers")
nvme_storage_per_tb_month_high = Input(300, "USD/TB/month", doc="Provisioned NVMe storage per TB-month, high end", source="engine storage tiers")
gpu_rent_training = Input(4.0, "USD/h", doc="Cloud training GPU, per GPU-hour", source="CLOUD_GPU_TRAINING_PER_HOUR; Pricing.Cloud.GpuTrainingPerHour")
gpu_rent_inference = Input(2.5, "USD/h", doc="Cloud inference GPU, per GPU-hour", source="CLOUD_GPU_INFERENCE_PER_HOUR")
gpu_rent_utility_scenario = Input(3.0, "USD/h", doc="H100 rental in the rent-vs-buy scenario, per GPU-hour", source="per H100-hour; Pricing.Cloud.GpuTrainingUtilityScenarioPerHour")
gpu_rent_fleet_ref = Input(2.0, "USD/h", doc="Reserved-fleet GPU rate, per GPU-hour", source="later engine")
gpu_rent_spot_ref = Input(0.70, "USD/h", doc="Spot GPU rate, per GPU-hour", source="later engine")
maintenance_ratio = Input(0.05, "1/year", doc="Yearly maintenance as a share of capital cost", source="of CapEx per year (Barroso 2018)")
label_crowd_low = Input(0.01, "USD/label", doc="Crowd-sourced label price, low end", source="engine labelling costs")
label_crowd_high = Input(0.05, "USD/label", doc="Crowd-sourced label price, high end", source="engine labelling costs")
label_expert_low = Input(0.50, "USD/label", doc="Expert label price, low end", source="engine labelling costs (matches p16's USD 0.50)")
label_expert_high = Input(2.00, "USD/label", doc="Expert label price, high end", source="engine labelling costs")
label_medical_low = Input(50, "USD/label", doc="Medical expert label price, low end", source="engine labelling costs (p29 uses its own USD 5 per scan)")
label_medical_high = Input(200, "USD/label", doc="Medical expert label price, high end", source="engine labelling costs")
