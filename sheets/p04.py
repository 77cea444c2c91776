"""Distance penalty for a 10 ms safety loop.

A safety monitor on a robot arm must react within 10 ms end to end or someone can get hurt. The
model would run in a powerful cloud data centre 1,500 km away. Can the loop meet its deadline?
Only light's travel time through fibre is counted (there and back); real routes are longer and
add switching and queuing, so if even this lower bound misses the deadline, the real system does.
"""

from model import Calc, Input, Verdict

TITLE = "Distance penalty for a 10 ms safety loop"
CHAPTER = "2"
SECTION = "Cloud ML: Computational Power"

distance = Input(1500, "km", doc="One-way distance to the data centre", source="seed: 1,500 km")
safety_budget = Input(10, "ms", doc="End-to-end response time the safety logic requires", source="seed: 10 ms")
c_fibre = Input(link="phys.c_fibre", unit="km/s", doc="Speed of light in optical fibre")
other_latency = Input(0, "ms", doc="Inference, queuing and serialization time (the book leaves it out)", source="Ch. 2 'Distance Penalty' (propagation-only bound)")

rtt = Calc("2 * distance / c_fibre", "ms", doc="Round-trip propagation time through fibre")
headroom = Calc("safety_budget - rtt - other_latency", "ms", doc="Time left in the budget after the round trip (negative = deadline missed)")
max_distance = Calc("c_fibre * (safety_budget - other_latency) / 2", "km", doc="Farthest a data centre could be and still meet the budget")

verdict_cloud = Verdict(
    {"cloud can meet the budget": "headroom >= 0"},
    otherwise="cloud cannot — run it at the edge",
    doc="Does the round trip to the cloud fit in the safety budget?",
    tones={"cloud can meet the budget": "good", "cloud cannot — run it at the edge": "bad"},
)
