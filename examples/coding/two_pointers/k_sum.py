"""k-sum: every distinct k-tuple with a given sum, by peeling off one value at a time."""

from __future__ import annotations

from itertools import combinations


# --8<-- [start:optimal]
def k_sum(numbers: list[int], k: int, target: int) -> list[list[int]]:
    """Every distinct sorted k-tuple of values from `numbers` summing to `target`.

    Fix the smallest value, solve (k - 1)-sum on the rest, and bottom out in
    the two-pointer pair search. Time O(n^(k-1)) for k >= 2 (plus the sort);
    space O(n) for the sorted copy and k - 1 levels of recursion, besides the
    output. k below 2 raises ValueError; a k near Python's default recursion
    limit of 1,000 raises RecursionError.
    """
    if k < 2:
        raise ValueError("k must be at least 2")
    return _k_sum(sorted(numbers), 0, k, target)


def _k_sum(values: list[int], start: int, k: int, target: int) -> list[list[int]]:
    found: list[list[int]] = []
    if k == 2:
        left, right = start, len(values) - 1
        while left < right:
            total = values[left] + values[right]
            if total < target:
                left += 1
            elif total > target:
                right -= 1
            else:
                found.append([values[left], values[right]])
                left += 1
                right -= 1
                while left < right and values[left] == values[left - 1]:
                    left += 1
        return found
    for first in range(start, len(values) - k + 1):
        if first > start and values[first] == values[first - 1]:
            continue  # same first value, same tuples: skip it
        for rest in _k_sum(values, first + 1, k - 1, target - values[first]):
            found.append([values[first], *rest])
    return found


# --8<-- [end:optimal]


def k_sum_brute_force(numbers: list[int], k: int, target: int) -> list[list[int]]:
    """Every combination of k positions. Time O(n^k)."""
    if k < 2:
        raise ValueError("k must be at least 2")
    found = {tuple(sorted(c)) for c in combinations(numbers, k) if sum(c) == target}
    return [list(t) for t in sorted(found)]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(k_sum([1, 0, -1, 0, -2, 2], 4, 0))
    #> [[-2, -1, 1, 2], [-2, 0, 0, 2], [-1, 0, 0, 1]]
    print(k_sum([2, 2, 2, 2, 2], 4, 8))
    #> [[2, 2, 2, 2]]
    # --8<-- [end:demo]
