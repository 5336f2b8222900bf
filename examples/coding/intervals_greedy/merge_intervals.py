"""Merge overlapping intervals: sort by start, then grow or close the last run."""

from __future__ import annotations

from examples.coding.intervals_greedy.checks import require_intervals


# --8<-- [start:optimal]
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    """Merge closed intervals that overlap or touch: [1, 2] and [2, 3] give [1, 3].

    Returns new lists sorted by start; the input and its intervals are left
    as they were. Time O(n log n), space O(n).
    """
    require_intervals(intervals, closed=True)
    merged: list[list[int]] = []
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        # Invariant: merged is the union of the intervals seen so far, sorted
        # and disjoint; only merged[-1] can still grow, since every later
        # interval starts at or after its start.
        if merged and start <= merged[-1][1]:  # overlaps or touches
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])  # a new list, never the caller's
    return merged


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def merge_intervals_brute_force(intervals: list[list[int]]) -> list[list[int]]:
    """Merge any two runs that overlap or touch, until no pair does.

    At most n - 1 merges, each found by an O(n^2) scan of all pairs:
    time O(n^3), space O(n).
    """
    require_intervals(intervals, closed=True)
    runs = [list(interval) for interval in intervals]
    changed = True
    while changed:
        changed = False
        for i in range(len(runs)):
            for j in range(i + 1, len(runs)):
                (a_start, a_end), (b_start, b_end) = runs[i], runs[j]
                if a_start <= b_end and b_start <= a_end:
                    runs[i] = [min(a_start, b_start), max(a_end, b_end)]
                    del runs[j]
                    changed = True
                    break
            if changed:
                break
    return sorted(runs)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(merge_intervals([[8, 10], [1, 3], [2, 6], [15, 18]]))
    #> [[1, 6], [8, 10], [15, 18]]
    print(merge_intervals([[1, 2], [2, 3]]))  # closed: touching merges
    #> [[1, 3]]
    print(merge_intervals([[1, 10], [2, 3], [4, 5]]))  # one run swallows the rest
    #> [[1, 10]]
    # --8<-- [end:demo]
