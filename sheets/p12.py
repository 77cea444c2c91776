"""Data gravity: move 1 PB or move the compute.

A 1 PB training set lives in a US East data centre, and a free TPU pod sits in US West. Should
the data cross the country to the pod, or should the job run next to the data? Shipping the
data costs time on the line and an egress bill; moving the job costs nothing here if equivalent
capacity is available beside the data. The line is taken to run at full rate with no protocol
overhead. Entering the job's size in TPU chip-hours also tells whether the data move alone
would cost more than the training itself.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Data gravity: move 1 PB or move the compute"
CHAPTER = "4"
SECTION = "Physics of Data"

dataset_size = Input(1, "PB", doc="Training set size (decimal, 1e15 B)", source="seed: 1 PB", strict_lo=True)
link_rate = Input(link="net.ethernet_100g", unit="Gbit/s", doc="Dedicated cross-country line")
link_rate_alt = Input(link="net.ethernet_10g", unit="Gbit/s", doc="Slower line used in the book's prose formula")
egress_price = Input(link="econ.egress_per_gb", unit="USD/GB", doc="Cloud price for data leaving a region")
tpu = Device("accelerator", default="tpu_v4", doc="The rented accelerator (its hourly rate)")
tpu_rent = Input(link="tpu.rent_per_hour", unit="USD/h", doc="Rental price of one chip-hour of the rented accelerator (book: TPU v4)")
compute_relocation_cost = Input(0, "USD", doc="Cost of running the job next to the data instead (capacity assumed available there)", source="assumption", illustrative=True)
compute_relocation_time = Input(0, "h", doc="Delay before the job can start next to the data (capacity assumed available there)", source="assumption", illustrative=True)
job_tpu_hours = Input(0, "h", doc="Size of the training job in chip-hours of the rented accelerator (0 = not entered)", source="user entry", illustrative=True)

t_transfer = Calc("dataset_size / link_rate", "h", doc="Time to push the data set through the fast line")
t_transfer_alt = Calc("dataset_size / link_rate_alt", "day", doc="Time to push the data set through the slower line")
egress_cost = Calc("dataset_size * egress_price", "USD", doc="Egress bill for moving the data set out once")
egress_in_tpu_hours = Calc("egress_cost / tpu_rent", "h", doc="The egress bill expressed as chip-hours of training on the rented accelerator")

verdict_move = Verdict(
    {"move the compute to the data": "egress_cost > compute_relocation_cost"},
    otherwise="move the data",
    doc="Which is cheaper: paying egress to ship the data, or relocating the job?",
    tones={"move the compute to the data": "neutral", "move the data": "neutral"},
)
verdict_faster = Verdict(
    {"moving the compute is faster": "t_transfer > compute_relocation_time"},
    otherwise="moving the data is faster",
    doc="Which gets training started sooner: waiting for the transfer (fast line), or relocating the job?",
    tones={"moving the compute is faster": "neutral", "moving the data is faster": "neutral"},
)
verdict_vs_job = Verdict(
    {
        "no job size entered": "job_tpu_hours <= 0",
        "data move costs more than the job": "job_tpu_hours < egress_in_tpu_hours",
    },
    otherwise="data move costs less than the job",
    doc="Would moving the data cost more than the whole training job?",
    tones={"no job size entered": "neutral", "data move costs more than the job": "bad", "data move costs less than the job": "good"},
)
