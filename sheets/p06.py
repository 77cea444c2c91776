"""Drone 4K/60 obstacle avoidance: offload or not.

A drone films at 4K and 60 frames per second and must spot obstacles in time to swerve. Could it
radio each frame to a cloud server for detection, or does the detection have to run on board?
The test compares the time to push one uncompressed frame through a 100 Mbit/s uplink with the
time the remote side needs anyway (network round trip plus inference).
"""

from model import Calc, Input, Verdict

TITLE = "Drone 4K/60 obstacle avoidance: offload or not"
CHAPTER = "2"
SECTION = "Edge ML: Latency and Privacy"

frame_width = Input(3840, "px", doc="Frame width (4K UHD)", source="seed: 4K", lo=1, integer=True)
frame_height = Input(2160, "px", doc="Frame height (4K UHD)", source="seed: 4K", lo=1, integer=True)
bytes_per_pixel = Input(3, "B/px", doc="Bytes per pixel, uncompressed RGB", source="Ch. 2 locality crossover (uncompressed RGB)", strict_lo=True)
frame_rate = Input(60, "frame/s", doc="Camera frame rate", source="seed: 60 FPS", strict_lo=True)
uplink_rate = Input(100, "Mbit/s", doc="Upload link from the drone (home-broadband class)", source="Ch. 2 locality crossover", strict_lo=True)
cloud_rtt = Input(100, "ms", doc="Network round trip to the cloud", source="Ch. 2 locality crossover")
remote_inference = Input(10, "ms", doc="Detection time on the remote server", source="Ch. 2 locality crossover")

frame_bytes = Calc("frame_width * frame_height * bytes_per_pixel", "MB", doc="Size of one uncompressed frame")
t_transmit = Calc("frame_bytes / uplink_rate", "ms", doc="Time to push one frame through the uplink (bytes to bits handled by the units)")
t_remote = Calc("cloud_rtt + remote_inference", "ms", doc="Time the remote path needs even with an instant upload")
transmit_to_remote = Calc("t_transmit / t_remote", "1", doc="How many times the upload alone exceeds the remote path's time")
stream_rate_needed = Calc("frame_bytes * frame_rate", "Gbit/s", doc="Uplink rate needed to stream every frame")
stream_overload = Calc("stream_rate_needed / uplink_rate", "1", doc="How many times the needed stream rate exceeds the uplink")
frame_interval = Calc("1 / frame_rate", "ms", doc="Time between frames: the budget for handling one frame")

verdict_offload = Verdict(
    {"process on the drone (locality mandatory)": "t_transmit > t_remote"},
    otherwise="offload possible",
    doc="Is uploading one frame slower than the whole remote path (bandwidth-blocked)?",
    tones={"process on the drone (locality mandatory)": "neutral", "offload possible": "neutral"},
)
