"""100 factory cameras: stream to the cloud or process at the edge.

A factory's quality-control model watches 100 cameras, each filming 1080p at 30 frames per
second. Could all that raw video go to the cloud over a dedicated 10 Gbit/s line, and what
would moving a month of it out of the cloud cost? Video is taken uncompressed, the book's
deliberate worst case; sending only defect records instead shows how much edge processing saves.
"""

from model import Calc, Input, Verdict

TITLE = "100 factory cameras: stream to the cloud or process at the edge"
CHAPTER = "2"
SECTION = "Edge ML: Latency and Privacy"

n_cameras = Input(100, "camera", doc="Cameras on the factory floor", source="seed: 100 cameras", lo=1, integer=True)
frame_width = Input(1920, "px", doc="Frame width (1080p)", source="seed: 1080p", lo=1, integer=True)
frame_height = Input(1080, "px", doc="Frame height (1080p)", source="seed: 1080p", lo=1, integer=True)
bytes_per_pixel = Input(3, "B/px", doc="Bytes per pixel, uncompressed RGB", source="Ch. 2 'Bandwidth Bottleneck' (uncompressed worst case)", strict_lo=True)
frame_rate = Input(30, "frame/s", doc="Frames per second per camera", source="seed: 30 FPS", strict_lo=True)
uplink_rate = Input(link="net.ethernet_10g", unit="Gbit/s", doc="Dedicated line from the factory to the cloud")
egress_price = Input(link="econ.egress_per_gb", unit="USD/GB", doc="Cloud price for data leaving the cloud")
days_per_month = Input(link="cal.days_per_month", unit="day/month", doc="Days in a month")
seconds_per_day = Input(link="cal.seconds_per_day", unit="s/day", doc="Seconds in a day")
metadata_per_event = Input(1, "KB/event", doc="Defect record sent instead of video", source="Ch. 2 'Bandwidth Bottleneck'")
events_per_second = Input(20, "event/s", doc="Defect detections per second, plant-wide", source="later edition's assumption (the older text gives only a rounded reduction factor)", strict_lo=True)

frame_bytes = Calc("frame_width * frame_height * bytes_per_pixel", "MB", doc="Size of one uncompressed frame")
rate_per_camera = Calc("frame_bytes * frame_rate", "MB/s", doc="Raw video rate of one camera")
rate_total = Calc("n_cameras * rate_per_camera", "GB/s", doc="Raw video rate of all cameras together")
uplink_bytes = Calc("uplink_rate", "GB/s", doc="The line's capacity in bytes per second (bits ÷ 8)")
shortfall = Calc("rate_total / uplink_bytes", "1", doc="How many times the video exceeds the line (above 1 = it does not fit)")
monthly_volume = Calc("rate_total * days_per_month * seconds_per_day", "PB/month", doc="Raw video produced in a month")
monthly_egress_cost = Calc("monthly_volume * egress_price", "MUSD/month", doc="Egress exposure: what moving a month of raw video out of the cloud would be billed (older source: presented as the streaming bill)")
metadata_rate = Calc("events_per_second * metadata_per_event", "KB/s", doc="Upload rate when only defect records are sent")
bandwidth_reduction = Calc("rate_total / metadata_rate", "1", doc="How many times less data leaves the factory with edge processing")

verdict_where = Verdict(
    {"process at the edge": "shortfall > 1"},
    otherwise="streaming fits the link — weigh the cost",
    doc="Does the raw video even fit through the line?",
    tones={"process at the edge": "neutral", "streaming fits the link — weigh the cost": "neutral"},
)
