"""Searching the answer space with the wrong lower bound returns an impossible answer."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true
from examples.coding.binary_search.ship_capacity import days_needed, ship_within_days


# --8<-- [start:buggy]
def ship_within_days_from_one(weights: list[int], days: int) -> int:
    """BUGGY: starts at capacity 1, where days_needed's assumption does not hold."""
    return first_true(1, sum(weights), lambda cap: days_needed(weights, cap) <= days)


# --8<-- [end:buggy]


if __name__ == "__main__":
    # --8<-- [start:demo]
    weights = [3, 9, 2]
    print(ship_within_days_from_one(weights, 3))  # a 9 cannot fit on a ship of 3
    #> 3
    print(ship_within_days(weights, 3))
    #> 9
    # --8<-- [end:demo]
