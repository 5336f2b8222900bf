"""Insert an interval into a sorted list of disjoint intervals, merging as needed."""

from __future__ import annotations

from itertools import pairwise

from examples.coding.intervals_greedy.checks import require_intervals
from examples.coding.intervals_greedy.merge_intervals import merge_intervals


def _require_sorted_disjoint(intervals: list[list[int]]) -> None:
    require_intervals(intervals, closed=True)
    for (_, end), (start, _) in pairwise(intervals):
        if start <= end:
            raise ValueError("intervals must be sorted and disjoint (none touching)")


# --8<-- [start:optimal]
def insert_interval(intervals: list[list[int]], new: list[int]) -> list[list[int]]:
    """Insert closed `new` into sorted, disjoint closed intervals.

    Whatever `new` overlaps or touches merges into it. Returns a new list.
    Time O(n), space O(n); no sort, because the input is sorted already.
    """
    _require_sorted_disjoint(intervals)
    require_intervals([new], closed=True)
    start, end = new
    result: list[list[int]] = []
    i, n = 0, len(intervals)
    while i < n and intervals[i][1] < start:  # 1. ends before new starts
        result.append(list(intervals[i]))
        i += 1
    while i < n and intervals[i][0] <= end:  # 2. overlaps or touches: absorb
        start = min(start, intervals[i][0])
        end = max(end, intervals[i][1])
        i += 1
    result.append([start, end])
    result.extend(list(interval) for interval in intervals[i:])  # 3. the rest
    return result


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def insert_interval_brute_force(
    intervals: list[list[int]], new: list[int]
) -> list[list[int]]:
    """Append and merge everything again. Time O(n log n), space O(n)."""
    _require_sorted_disjoint(intervals)
    return merge_intervals([*intervals, new])


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(insert_interval([[1, 2], [3, 5], [6, 7], [8, 10], [12, 16]], [4, 8]))
    #> [[1, 2], [3, 10], [12, 16]]
    print(insert_interval([[1, 2], [5, 6]], [3, 4]))  # fits in the gap
    #> [[1, 2], [3, 4], [5, 6]]
    print(insert_interval([[1, 2], [5, 6]], [2, 5]))  # touches both ends
    #> [[1, 6]]
    # --8<-- [end:demo]
