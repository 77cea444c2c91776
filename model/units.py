"""Napkin's own unit registry: SI plus FLOP, byte, USD and carbon as distinct base dimensions.

Values are held as floats in base units (s, m, kg, B, FLOP, USD, kgCO2e, degC); a unit string
is only used to convert into and out of them. Counting words (param, token, GPU, ...) are
dimensionless units, so `image/s * s = image` reads naturally and checks as a pure number.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from model.errors import UnitParseError
from model.unitfast import UnitTable

_DEFINITIONS = """
# prefixes
yocto- = 1e-24 = y-
zepto- = 1e-21 = z-
atto- = 1e-18 = a-
femto- = 1e-15 = f-
pico- = 1e-12 = p-
nano- = 1e-9 = n-
micro- = 1e-6 = u- = µ- = μ-
milli- = 1e-3 = m-
kilo- = 1e3 = k-
mega- = 1e6 = M-
giga- = 1e9 = G-
tera- = 1e12 = T-
peta- = 1e15 = P-
exa- = 1e18 = E-
zetta- = 1e21 = Z-
kibi- = 2**10 = Ki-
mebi- = 2**20 = Mi-
gibi- = 2**30 = Gi-
tebi- = 2**40 = Ti-
pebi- = 2**50 = Pi-

# base dimensions
second = [time] = s = sec
meter = [length] = m = metre
kilogram = [mass] = kg
byte = [information] = B
FLOP = [compute] = flop = FLOPs
USD = [currency] = dollar = usd
kgCO2e = [carbon] = kgCO2 = kg_co2e
degC = [temperature] = celsius

# derived units
gram = 1e-3 * kilogram = g
tonne = 1000 * kilogram = t
minute = 60 * second = min
hour = 60 * minute = h = hr
day = 24 * hour = d
week = 7 * day = wk
month = 30 * day
year = 365 * day = yr
hertz = 1 / second = Hz
joule = kilogram * meter ** 2 / second ** 2 = J
watt = joule / second = W
Wh = watt * hour
kWh = 1000 * Wh
MWh = 1e6 * Wh
GWh = 1e9 * Wh
bit = byte / 8 = b
KB = 1000 * byte
Kbit = 1000 * bit
bps = bit / second
OP = FLOP = OPs
OPS = FLOP / second
TOPS = 1e12 * FLOP / second
FLOPS = FLOP / second
MAC = 2 * FLOP = MACs
gCO2e = 1e-3 * kgCO2e = gCO2
tCO2e = 1000 * kgCO2e = tCO2
percent = 0.01
pp = 0.01
ppm = 1e-6
SM = []

# counting words: dimensionless, so a count of images times a time per image is a time
param = [] = parameter
token = []
image = [] = img
frame = []
px = [] = pixel
GPU = []
chip = []
core = []
node = []
server = []
layer = []
head = []
neuron = []
request = [] = req
query = []
label = []
sample = []
event = []
epoch = []
cycle = []
row = []
item = []
step = []
batch = []
iteration = []
decision = []
inference = []
camera = []
clinic = []
device = []
drone = []
scan = []
feature = []
team = []
model = []
user = []
prediction = []
example = []
record = []
file = []
job = []
candidate = []
hire = []
patient = []
car = []
person = []
run = []
update = []
retrain = []
experiment = []
operation = []
access = []
instance = []
kernel = []
op_call = []
dimension = []
unit = []
site = []
dataset = []
sequence = []
incident = []
implementation = []
"""

#: Base unit symbol per dimension, for `si_unit` strings.
_BASE_SYMBOL = {
    "[time]": "s",
    "[length]": "m",
    "[mass]": "kg",
    "[information]": "B",
    "[compute]": "FLOP",
    "[currency]": "USD",
    "[carbon]": "kgCO2e",
    "[temperature]": "degC",
}

_ALLOWED_UNIT_TEXT = re.compile(r"^[A-Za-z0-9_ /*·^%().µμ-]*$")


@functools.lru_cache(maxsize=1)
def pint_registry():
    """Return the pint registry of our definitions (built on first use: pint is slow to import)."""
    import pint

    reg = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False, cache_folder=None)
    reg.load_definitions(_DEFINITIONS.splitlines())
    return reg


def __getattr__(name: str):
    if name == "registry":  # the pint registry, built lazily
        return pint_registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class Unit:
    """A parsed unit: its text, its factor to base units and its dimension."""

    text: str
    factor: float
    dims: tuple[tuple[str, float], ...]

    @property
    def dimension(self) -> str:
        """Return the dimension as readable text, e.g. '[information] / [time]'."""
        return format_dims(self.dims)

    @property
    def si_unit(self) -> str:
        """Return the base-unit string for this dimension, e.g. 'B/s'."""
        return format_dims(self.dims, symbols=True)


def _normalise(text: str) -> str:
    text = text.strip().replace("·", "*").replace("^", "**").replace("%", "percent")
    text = text.replace("μ", "u").replace("µ", "u")
    return text


@functools.lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    """Parse a unit string ('TFLOP/s', 'USD/TB/month', '1') into a Unit; raise UnitParseError."""
    if not isinstance(text, str):
        raise UnitParseError(f"A unit must be text such as 'GB/s', not {text!r}.")
    if not _ALLOWED_UNIT_TEXT.match(text):
        raise UnitParseError(f"Unit {text!r} contains characters that are not part of any unit.")
    norm = _normalise(text)
    if norm in ("", "1", "-"):
        return Unit(text or "1", 1.0, ())
    fast = fast_parse(norm)
    if fast is not None:
        return Unit(text, fast[0], fast[1])
    return _pint_parse(text, norm)


def _pint_parse(text: str, norm: str) -> Unit:
    """Parse with pint: the reference implementation, used for what the fast parser leaves."""
    registry = pint_registry()
    try:
        units = registry.parse_units(norm)
    except Exception as exc:  # pint raises several types; all mean "not a unit here"
        word = getattr(exc, "unit_names", None) or str(exc)
        raise UnitParseError(
            f"Unknown unit {text!r} ({word}); use words such as GB/s, TFLOP/s, ms, USD/h, "
            f"or a counting word like image, token or GPU."
        ) from None
    q = registry.Quantity(1.0, units).to_base_units()
    dims = tuple(sorted((str(k), float(v)) for k, v in q.dimensionality.items()))
    return Unit(text, float(q.magnitude), dims)


@functools.lru_cache(maxsize=1)
def _table() -> UnitTable:
    return UnitTable(_DEFINITIONS)


def fast_parse(norm: str) -> tuple[float, tuple[tuple[str, float], ...]] | None:
    """Parse normalised unit text without pint; None when only pint can say (see model.unitfast)."""
    return _table().parse(norm)


def _with_joules(dims: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """Rewrite kg·m²/s² factors as a pseudo-dimension 'J' so si units read 'J' and 'J/s'."""
    d = dict(dims)
    mass = d.get("[mass]", 0.0)
    if mass and d.get("[length]", 0.0) == 2 * mass and d.get("[time]", 0.0) * mass <= -2 * mass * mass:
        d.pop("[mass]")
        d.pop("[length]")
        d["[time]"] = d.get("[time]", 0.0) + 2 * mass
        d["J"] = mass
    return tuple((k, v) for k, v in sorted(d.items()) if v)


def format_dims(dims: tuple[tuple[str, float], ...], *, symbols: bool = False) -> str:
    """Format a dimension tuple as '[a] * [b] / [c]' or, with symbols, as 'B/s'."""
    if symbols:
        dims = _with_joules(dims)
        if dims == (("J", 1.0), ("[time]", -1.0)):
            return "W"
    if not dims:
        return "1" if symbols else "dimensionless"
    num, den = [], []
    for name, power in dims:
        label = _BASE_SYMBOL.get(name, name) if symbols else name
        p = abs(power)
        part = label if p == 1 else f"{label}^{p:g}"
        (num if power > 0 else den).append(part)
    sep = "·" if symbols else " * "
    top = sep.join(num) if num else "1"
    if not den:
        return top
    bottom = sep.join(den)
    if symbols:
        return f"{top}/{bottom}" if len(den) == 1 else f"{top}/({bottom})"
    return f"{top} / {bottom}" if len(den) == 1 else f"{top} / ({bottom})"


def mul_dims(a, b, sign: float = 1.0):
    """Multiply two dimension tuples (divide when sign is -1)."""
    out: dict[str, float] = dict(a)
    for k, v in b:
        out[k] = out.get(k, 0.0) + sign * v
    return tuple(sorted((k, v) for k, v in out.items() if abs(v) > 1e-12))


def pow_dims(a, exponent: float):
    """Raise a dimension tuple to a numeric power."""
    return tuple(sorted((k, v * exponent) for k, v in a if abs(v * exponent) > 1e-12))
