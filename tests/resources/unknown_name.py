"""A sheet that misspells a spec cell."""
from model import Calc, Input

weight_bytes = Input(51.2, "MB", doc="weights")
t_memory = Calc("weight_bytes / gpu_a100.mem_bandwith", "ms", doc="misspelled bandwidth")
