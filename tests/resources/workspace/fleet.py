"""GPU fleet rental.

What does the fleet cost per hour?
"""

from napkin import Calc, Input

n_gpus = Input(8, "1", lo=1, integer=True, doc="GPUs rented")
gpu_price = Input(2.5, "USD/h", doc="Rental price of one GPU")
cost_per_hour = Calc("n_gpus * gpu_price", "USD/h", doc="Fleet cost per hour")
