"""Non-overlapping intervals: the fewest removals that leave no two overlapping."""

from __future__ import annotations

from itertools import combinations

from examples.coding.intervals_greedy.checks import require_intervals


def _overlap(a: list[int], b: list[int]) -> bool:
    """Half-open [start, end): sharing only an endpoint is not overlapping."""
    return a[0] < b[1] and b[0] < a[1]


# --8<-- [start:optimal]
def min_removals(intervals: list[list[int]]) -> int:
    """Fewest half-open intervals to remove so the rest do not overlap.

    [1, 2) and [2, 3) do not overlap. Greedy: keep the interval that ends
    first, drop what clashes with it, repeat. Time O(n log n), space O(n).
    """
    require_intervals(intervals, closed=False)
    kept = 0
    last_end = float("-inf")
    for start, end in sorted(intervals, key=lambda interval: interval[1]):
        if start >= last_end:  # starts when or after the last kept one ends
            kept += 1
            last_end = end
    return len(intervals) - kept


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def min_removals_brute_force(intervals: list[list[int]]) -> int:
    """Try every subset, largest first, until one has no overlapping pair.

    Up to 2^n subsets, each checked pair by pair: time O(2^n * n^2), space O(n).
    """
    require_intervals(intervals, closed=False)
    n = len(intervals)
    for size in range(n, 0, -1):
        for subset in combinations(intervals, size):
            if not any(_overlap(a, b) for a, b in combinations(subset, 2)):
                return n - size
    return 0  # no intervals at all


# --8<-- [end:brute_force]


# --8<-- [start:by_start]
def min_removals_by_start(intervals: list[list[int]]) -> int:
    """WRONG: keep intervals in start order, dropping any that clash with the last kept.

    A long interval that starts first is kept and blocks everything inside it.
    """
    require_intervals(intervals, closed=False)
    kept = 0
    last_end = float("-inf")
    for start, end in sorted(intervals):  # sorted by start: the wrong key
        if start >= last_end:
            kept += 1
            last_end = end
    return len(intervals) - kept


# --8<-- [end:by_start]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(min_removals([[1, 2], [2, 3], [3, 4], [1, 3]]))  # drop [1, 3)
    #> 1
    long_first = [[1, 10], [2, 3], [4, 5]]
    print(min_removals(long_first), min_removals_brute_force(long_first))
    #> 1 1
    print(min_removals_by_start(long_first))  # keeps [1, 10), drops the other two
    #> 2
    # --8<-- [end:demo]
