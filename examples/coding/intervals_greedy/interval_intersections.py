"""Interval list intersections: where two sorted lists of closed intervals overlap."""

from __future__ import annotations

from examples.coding.intervals_greedy.insert_interval import _require_sorted_disjoint


# --8<-- [start:optimal]
def interval_intersections(
    first: list[list[int]], second: list[list[int]]
) -> list[list[int]]:
    """Every overlap of a closed interval in `first` with one in `second`.

    Each list is sorted and disjoint. Touching counts: [1, 2] and [2, 3]
    meet in the point [2, 2]. Time O(m + n), space O(m + n) for the output.
    """
    _require_sorted_disjoint(first)
    _require_sorted_disjoint(second)
    result: list[list[int]] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start <= end:
            result.append([start, end])
        # The interval that ends first can meet nothing further in the other list.
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result


# --8<-- [end:optimal]


def interval_intersections_brute_force(
    first: list[list[int]], second: list[list[int]]
) -> list[list[int]]:
    """Intersect every pair, then sort. Time O(m * n + k log k), space O(k)."""
    _require_sorted_disjoint(first)
    _require_sorted_disjoint(second)
    result = []
    for a_start, a_end in first:
        for b_start, b_end in second:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start <= end:
                result.append([start, end])
    return sorted(result)


if __name__ == "__main__":
    print(interval_intersections([[0, 2], [5, 10]], [[1, 5], [8, 12]]))
    #> [[1, 2], [5, 5], [8, 10]]
