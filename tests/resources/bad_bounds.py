"""A sheet with an input whose default lies outside its bounds, and an unused input."""
from model import Calc, Input

n_gpus = Input(0, "GPU", doc="below its lower bound", lo=1)
unused_input = Input(5, "1", doc="read by nothing")
total = Calc("n_gpus * 2", "GPU", doc="uses n_gpus")
