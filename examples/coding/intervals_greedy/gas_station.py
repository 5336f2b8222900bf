"""Gas station: the first station from which you can drive the whole circle."""

from __future__ import annotations


def _require_stations(gas: list[int], cost: list[int]) -> None:
    if len(gas) != len(cost):
        raise ValueError("gas and cost must have one value per station")
    if any(value < 0 for value in [*gas, *cost]):
        raise ValueError("gas and cost must be zero or more")


# --8<-- [start:optimal]
def can_complete_circuit(gas: list[int], cost: list[int]) -> int:
    """Smallest start index that completes the loop, or -1 if none does.

    At station i you fill gas[i], then spend cost[i] to reach station i + 1
    (the last leads back to 0). Time O(n), space O(1).
    """
    _require_stations(gas, cost)
    if not gas:
        return -1
    total = tank = start = 0
    for i, (fill, spend) in enumerate(zip(gas, cost, strict=True)):
        total += fill - spend
        tank += fill - spend
        if tank < 0:  # no start from `start` to i gets past i
            start, tank = i + 1, 0
    return start if total >= 0 else -1


# --8<-- [end:optimal]


def can_complete_circuit_brute_force(gas: list[int], cost: list[int]) -> int:
    """Drive the circle from every start. Time O(n^2), space O(1)."""
    _require_stations(gas, cost)
    n = len(gas)
    for start in range(n):
        tank = 0
        for step in range(n):
            i = (start + step) % n
            tank += gas[i] - cost[i]
            if tank < 0:
                break
        else:
            return start
    return -1


if __name__ == "__main__":
    print(can_complete_circuit([1, 2, 3, 4, 5], [3, 4, 5, 1, 2]))
    #> 3
