"""Physical constants: the speed of light in optical fibre and in vacuum.

Fibre carries light at about two thirds of c; round trips count propagation only (no routing,
queuing or serialization) unless a problem adds them. On-chip signals travel at about half of c.
"""

from model import Input

TITLE = "Physics"
CHAPTER = "2"
SECTION = "Cloud ML: the distance penalty (constants)"

c_fibre = Input(200000, "km/s", doc="Speed of light in optical fibre (about 2/3 c)", source="≈ 2/3 c; SPEED_OF_LIGHT_FIBER_KM_S")
c_vacuum = Input(3e8, "m/s", doc="Speed of light in vacuum, rounded", source="299,792,458 m/s rounded as the book does",
                 constant=True)
