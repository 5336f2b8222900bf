"""0/1 knapsack: the most value that fits in a capacity, each item taken at most once.

The state in words: best(i, c) is the most value from the first i items in
capacity c. The transition: item i - 1 is left out, best(i - 1, c), or, if it
fits, put in: values[i - 1] + best(i - 1, c - weights[i - 1]). Both read row
i - 1 only, and that is what "at most once" means.
"""

from __future__ import annotations


def _check(weights: list[int], values: list[int], capacity: int) -> None:
    if len(weights) != len(values):
        raise ValueError("weights and values must have the same length")
    if capacity < 0:
        raise ValueError("capacity must be zero or more")
    if any(weight <= 0 for weight in weights):
        raise ValueError("every weight must be a positive integer")


# --8<-- [start:table]
def knapsack_table(weights: list[int], values: list[int], capacity: int) -> int:
    """The 2-D table: row i answers for the first i items. Time and space O(n * W)."""
    _check(weights, values, capacity)
    n = len(weights)
    best = [[0] * (capacity + 1) for _ in range(n + 1)]  # n + 1 rows, W + 1 columns
    for i in range(1, n + 1):
        weight, value = weights[i - 1], values[i - 1]
        for room in range(capacity + 1):
            best[i][room] = best[i - 1][room]  # leave item i - 1 out
            if weight <= room:
                best[i][room] = max(best[i][room], value + best[i - 1][room - weight])
    return best[n][capacity]


# --8<-- [end:table]


# --8<-- [start:optimal]
def knapsack(weights: list[int], values: list[int], capacity: int) -> int:
    """One row, rewritten in place from high capacity to low. Time O(n * W), space O(W).

    Going down, best[room - weight] still holds the previous row's value when
    best[room] reads it: the item has not been counted at that capacity yet.
    """
    _check(weights, values, capacity)
    best = [0] * (capacity + 1)
    for weight, value in zip(weights, values, strict=True):
        for room in range(capacity, weight - 1, -1):  # reversed: each item once
            best[room] = max(best[room], value + best[room - weight])
    return best[capacity]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def knapsack_brute_force(weights: list[int], values: list[int], capacity: int) -> int:
    """Plain recursion: every item in or out, all 2^n subsets. Time O(2^n), space O(n)."""
    _check(weights, values, capacity)

    def best(index: int, room: int) -> int:
        if index == len(weights):
            return 0
        leave = best(index + 1, room)
        if weights[index] > room:
            return leave
        return max(leave, values[index] + best(index + 1, room - weights[index]))

    return best(0, capacity)


# --8<-- [end:brute_force]


# --8<-- [start:items]
def knapsack_items(weights: list[int], values: list[int], capacity: int) -> list[int]:
    """The indices of one best set of items: fill the 2-D table, then walk it back.

    Row i differs from row i - 1 at a capacity only if item i - 1 was taken there.
    Time and space O(n * W); the 1-D row has forgotten the choices.
    """
    _check(weights, values, capacity)
    n = len(weights)
    best = [[0] * (capacity + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        weight, value = weights[i - 1], values[i - 1]
        for room in range(capacity + 1):
            best[i][room] = best[i - 1][room]
            if weight <= room:
                best[i][room] = max(best[i][room], value + best[i - 1][room - weight])
    chosen, room = [], capacity
    for i in range(n, 0, -1):
        if best[i][room] != best[i - 1][room]:
            chosen.append(i - 1)
            room -= weights[i - 1]
    return chosen[::-1]


# --8<-- [end:items]


if __name__ == "__main__":
    # --8<-- [start:demo]
    weights, values = [1, 3, 4, 5], [1, 4, 5, 7]
    print(knapsack_table(weights, values, 7), knapsack(weights, values, 7))
    #> 9 9
    print(knapsack_items(weights, values, 7))  # weights 3 + 4, values 4 + 5
    #> [1, 2]
    # --8<-- [end:demo]
