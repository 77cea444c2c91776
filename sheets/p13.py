"""Batch vs streaming ingestion cost.

A pipeline takes in a million events per second. It can collect them and process one batch an
hour on a large cluster that runs for a few minutes, or stream them with sub-second latency on a
smaller cluster that never stops (with redundancy). Which costs less per day? Both designs pay
the same price per core-hour, so the comparison is really one of core-hours. Streaming only earns
its premium when consumers need data fresher than one batch interval (fraud detection, say).
"""

from model import Calc, Input, Verdict

TITLE = "Batch vs streaming ingestion cost"
CHAPTER = "4"
SECTION = "Data Pipeline Architecture"

event_rate = Input(1_000_000, "event/s", doc="Events arriving per second", source="seed: 1M events/second")
event_size = Input(1, "KB/event", doc="Size of one event (decimal)", source="Ch. 4 'cost of real-time'")
stream_cores = Input(100, "core", doc="Always-on streaming cores (about 50 primary + 50 redundant) for < 100 ms latency", source="Ch. 4 'cost of real-time'")
stream_hours_per_day = Input(24, "h/day", doc="Hours a day the streaming cluster runs", source="Ch. 4 'cost of real-time'", hi=24)
core_hour_price = Input(0.05, "USD/(core*h)", doc="Price of one core-hour (both designs)", source="Ch. 4 'cost of real-time'")
batch_cores = Input(200, "core", doc="Cores in the batch cluster", source="Ch. 4 'cost of real-time'")
batch_minutes_per_hour = Input(10, "min/h", doc="Processing minutes per hour of collected data (one hourly batch takes 10 min)", source="Ch. 4 'cost of real-time'", hi=60)
batches_per_day = Input(24, "batch/day", doc="Batches per day (hourly)", source="seed: hourly batch", strict_lo=True)
freshness_required = Input(3600, "s", doc="How fresh the consumer needs the data; shorter than one batch interval forces streaming", source="assumption", illustrative=True)

throughput = Calc("event_rate * event_size", "GB/s", doc="Incoming data rate")
batch_interval = Calc("1 / batches_per_day", "h/batch", doc="Time between batches")
batch_volume = Calc("throughput * batch_interval", "TB/batch", doc="Data collected into one batch")
batch_run_time = Calc("batch_minutes_per_hour * batch_interval", "min/batch", doc="Processing time of one batch")
stream_core_hours_day = Calc("stream_cores * stream_hours_per_day", "core*h/day", doc="Core-hours the streaming cluster uses per day")
batch_core_hours_day = Calc("batch_cores * batch_run_time * batches_per_day", "core*h/day", doc="Core-hours the batch cluster uses per day")
stream_cost_day = Calc("stream_core_hours_day * core_hour_price", "USD/day", doc="Streaming cost per day")
batch_cost_day = Calc("batch_core_hours_day * core_hour_price", "USD/day", doc="Batch cost per day")
cost_ratio = Calc("stream_cost_day / batch_cost_day", "1", doc="How many times more streaming costs than batch")

verdict_ingest = Verdict(
    {
        "stream (freshness required)": "freshness_required < batch_interval",
        "batch is cheaper": "batch_cost_day <= stream_cost_day",
    },
    otherwise="stream is cheaper",
    doc="Which ingestion design to pick: freshness first, then cost per day",
    tones={"stream (freshness required)": "neutral", "batch is cheaper": "neutral", "stream is cheaper": "neutral"},
)
