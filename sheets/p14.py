"""ETL vs ELT for 10 TB/day of clickstream.

A team receives 10 TB of raw clickstream every day and must build user-session features for three
models (1-hour, 24-hour and 7-day windows). It can transform with Spark before loading, storing
only three curated outputs (ETL), or load the raw data into the warehouse, keep a month of it, and
let each model query it (ELT). Which is cheaper per month in cloud bills, and does the answer
change once the engineering time spent on schema changes is counted? ETL re-runs a job after each
change; ELT rewrites a SQL view, so the more often feature definitions change, the more ELT gains.
"""

from model import Calc, Input, Verdict

TITLE = "ETL vs ELT for 10 TB/day of clickstream"
CHAPTER = "4"
SECTION = "Data Pipeline Architecture"

raw_per_day = Input(10, "TB/day", doc="Raw clickstream arriving per day (decimal TB)", source="seed: 10 TB of raw clickstream daily")
s3_price = Input(link="econ.s3_standard_per_tb_month", unit="USD/TB/month", doc="Object storage price per TB-month")
spark_price = Input(5, "USD/TB", doc="Spark processing cost per TB transformed", source="Ch. 4 'cost of transformation placement'")
n_models = Input(3, "model", doc="Models that need session features (1 h / 24 h / 7 d windows)", source="seed: 3 models", lo=1, integer=True)
queries_per_model_day = Input(1, "query/day", doc="Warehouse queries each model runs per day", source="Ch. 4 'cost of transformation placement' (one query per model per day)")
query_cost = Input(5, "USD/query", doc="Cost of one warehouse query over the raw data", source="Ch. 4 'cost of transformation placement'")
days_per_month = Input(link="cal.days_per_month", unit="day/month", doc="Days in a month")
retention_days = Input(30, "day", doc="How long ELT keeps the raw data", source="Ch. 4 'cost of transformation placement' (one month)")
etl_datasets = Input(3, "dataset", doc="Curated datasets ETL stores (one per model)", source="Ch. 4 'cost of transformation placement'", integer=True)
etl_dataset_size = Input(2, "TB/dataset", doc="Size of each curated dataset", source="Ch. 4 'cost of transformation placement'")
schema_change_etl_hours = Input(4, "h", doc="Engineer time to re-run the ETL job after a schema change", source="Ch. 4 'cost of transformation placement'")
schema_change_elt_minutes = Input(30, "min", doc="Engineer time to rewrite a SQL view after a schema change", source="Ch. 4 'cost of transformation placement'", strict_lo=True)
schema_changes_per_month = Input(2, "1/month", doc="Feature-definition (schema) changes per month", source="assumption", illustrative=True)
engineer_rate = Input(100, "USD/h", doc="Loaded cost of an engineer-hour", source="assumption", illustrative=True)

etl_compute = Calc("raw_per_day * spark_price * days_per_month", "USD/month", doc="ETL: Spark pass over every day's raw data")
etl_storage = Calc("etl_datasets * etl_dataset_size * s3_price", "USD/month", doc="ETL: storing the curated datasets")
etl_total = Calc("etl_compute + etl_storage", "USD/month", doc="ETL cloud cost per month")
elt_storage = Calc("raw_per_day * retention_days * s3_price", "USD/month", doc="ELT: keeping a month of raw data in storage")
elt_query = Calc("n_models * queries_per_model_day * query_cost * days_per_month", "USD/month", doc="ELT: daily warehouse queries, one per model")
elt_total = Calc("elt_storage + elt_query", "USD/month", doc="ELT cloud cost per month")
storage_saving = Calc("elt_storage - etl_storage", "USD/month", doc="Storage ETL saves by keeping only curated outputs")
cloud_saving = Calc("elt_total - etl_total", "USD/month", doc="How much cheaper ETL is per month in cloud bills (negative = ELT cheaper)")
schema_effort_ratio = Calc("schema_change_etl_hours / schema_change_elt_minutes", "1", doc="How many times more engineer time a schema change costs under ETL")
labour_etl = Calc("schema_changes_per_month * schema_change_etl_hours * engineer_rate", "USD/month", doc="ETL engineer cost of schema changes per month")
labour_elt = Calc("schema_changes_per_month * schema_change_elt_minutes * engineer_rate", "USD/month", doc="ELT engineer cost of schema changes per month")
etl_total_with_labour = Calc("etl_total + labour_etl", "USD/month", doc="ETL cost per month including schema-change labour")
elt_total_with_labour = Calc("elt_total + labour_elt", "USD/month", doc="ELT cost per month including schema-change labour")

verdict_cloud_cost = Verdict(
    {"ETL cheaper": "etl_total <= elt_total"},
    otherwise="ELT cheaper",
    doc="Which placement of the transformation has the lower monthly cloud bill?",
    tones={"ETL cheaper": "neutral", "ELT cheaper": "neutral"},
)
verdict_with_labour = Verdict(
    {"ETL cheaper": "etl_total_with_labour <= elt_total_with_labour"},
    otherwise="ELT cheaper",
    doc="Which is cheaper once engineer time for schema changes is counted?",
    tones={"ETL cheaper": "neutral", "ELT cheaper": "neutral"},
)
