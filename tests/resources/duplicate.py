"""A sheet that declares the same cell twice, and a name that looks like a cell address."""
from model import Calc, Input

shared = Input(1, "1", doc="one declaration")
alias = shared
a100 = Calc("shared * 2", "1", doc="name shaped like a cell address")
