"""A sheet whose formula has the wrong dimension for its declared unit."""
from model import Calc, Input

weight_bytes = Input(51.2, "MB", doc="weights")
mem_bw = Input(2039, "GB/s", doc="bandwidth")
t_memory = Calc("weight_bytes / mem_bw", "GB", doc="declared GB but is a time")
mixed_sum = Calc("weight_bytes + mem_bw", "MB", doc="adds bytes to bytes per second")
