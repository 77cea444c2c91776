"""Python sheet with a typo."""

from napkin import Calc, Input

n = Input(4, "1")
price = Input(2, "USD")
total = Calc("n * pricee", "USD")
