"""A sheet whose cells read each other in a loop: a -> b -> c -> a."""
from model import Calc, Input

seed = Input(1, "1", doc="an input")
loop_a = Calc("loop_c + seed", "1", doc="reads c")
loop_b = Calc("loop_a * 2", "1", doc="reads a")
loop_c = Calc("loop_b / 2", "1", doc="reads b")
