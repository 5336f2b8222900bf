"""A seeded hour in one cell: a concert lets out, demand jumps, the price follows."""

from __future__ import annotations

import itertools
import math
import random

from examples.system_design.ride_matching.surge import (
    SurgeCell,
    SurgePolicy,
    WindowCounter,
)


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw by Knuth's method (fine for means below a few hundred)."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k, product = k + 1, product * rng.random()
    return k


def simulate(policy: SurgePolicy, seed: int = 42, minutes: int = 60) -> list[tuple]:
    """Per minute: (minute, requests in the last 5 min, free drivers, multiplier)."""
    rng = random.Random(seed)
    window, cell = WindowCounter(window=5), SurgeCell(policy)
    history, published = [], [1.0] * 3
    for minute in range(minutes):
        base = 30 if 15 <= minute < 30 else 8  # requests a minute; concert at 15
        window.add("tdr1v", minute, poisson(rng, base / published[-1] ** 0.5))
        # Drivers drift in when the price rose a few minutes ago.
        supply = max(0, round(25 + 15 * (published[-3] - 1) + rng.gauss(0, 2)))
        demand = window.count("tdr1v", minute)
        published.append(cell.update(demand, supply))
        history.append((minute, demand, supply, published[-1]))
    return history


def changes(history: list[tuple]) -> int:
    prices = [row[-1] for row in history]
    return sum(a != b for a, b in itertools.pairwise(prices))


# --8<-- [start:run]
calm = simulate(SurgePolicy())
for minute, demand, supply, price in calm[10:40:3]:
    print(f"min {minute:2}  demand(5 min) {demand:3}  free {supply:2}  x{price:.1f}")
    #> min 10  demand(5 min)  50  free 24  x1.0
    #> min 13  demand(5 min)  40  free 22  x1.0
    #> min 16  demand(5 min)  80  free 31  x1.0
    #> min 19  demand(5 min) 137  free 27  x1.9
    #> min 22  demand(5 min) 117  free 38  x1.7
    #> min 25  demand(5 min) 111  free 37  x1.5
    #> min 28  demand(5 min) 111  free 35  x1.5
    #> min 31  demand(5 min)  80  free 29  x1.5
    #> min 34  demand(5 min)  40  free 33  x1.0
    #> min 37  demand(5 min)  34  free 24  x1.0
# --8<-- [end:run]

# --8<-- [start:compare]
jumpy = SurgePolicy(smoothing=1.0, deadband=0.0, max_rise=10, max_fall=10)
print("price changes in the hour, smoothed:", changes(calm))
#> price changes in the hour, smoothed: 7
print("price changes in the hour, raw:", changes(simulate(jumpy)))
#> price changes in the hour, raw: 18
print("highest price:", max(row[-1] for row in calm))
#> highest price: 1.9
# --8<-- [end:compare]
