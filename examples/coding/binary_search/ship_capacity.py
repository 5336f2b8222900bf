"""Binary search on the answer: the least ship capacity that delivers every package in order within a number of days."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true


# --8<-- [start:days_needed]
def days_needed(weights: list[int], capacity: int) -> int:
    """Days to ship weights in order, loading greedily. Assumes capacity >= max(weights)."""
    days, load = 1, 0
    for weight in weights:
        if load + weight > capacity:  # this package starts a new day
            days, load = days + 1, 0
        load += weight
    return days


# --8<-- [end:days_needed]


def _check(weights: list[int], days: int) -> None:
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    if any(weight <= 0 for weight in weights):
        raise ValueError("every weight must be positive")


# --8<-- [start:optimal]
def ship_within_days(weights: list[int], days: int) -> int:
    """The least capacity that ships everything in at most `days` days.

    O(n log(sum - max)): each guess costs one O(n) greedy pass.
    """
    _check(weights, days)
    if not weights:
        return 0
    # max(weights) is the least capacity that can move every package at all;
    # sum(weights) always works (one day), so it is a safe exclusive-true hi.
    return first_true(
        max(weights), sum(weights), lambda cap: days_needed(weights, cap) <= days
    )


# --8<-- [end:optimal]


# --8<-- [start:brute]
def ship_within_days_brute_force(weights: list[int], days: int) -> int:
    """Try every capacity from max to sum. O(n (sum - max))."""
    _check(weights, days)
    if not weights:
        return 0
    capacity = max(weights)
    while days_needed(weights, capacity) > days:
        capacity += 1
    return capacity


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    weights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    for capacity in (10, 14, 15, 16, 55):
        print(capacity, days_needed(weights, capacity))
        #> 10 7
        #> 14 6
        #> 15 5
        #> 16 5
        #> 55 1
    print(ship_within_days(weights, 5))
    #> 15
    # --8<-- [end:demo]
