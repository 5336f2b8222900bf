"""Pair with a target sum in a sorted array: opposite-end pointers."""

from __future__ import annotations

from itertools import pairwise


def _require_sorted(numbers: list[int]) -> None:
    if any(earlier > later for earlier, later in pairwise(numbers)):
        raise ValueError("numbers must be sorted in ascending order")


# --8<-- [start:optimal]
def pair_with_sum(numbers: list[int], target: int) -> tuple[int, int] | None:
    """Indices (i, j), i < j, with numbers[i] + numbers[j] == target, or None.

    numbers must be sorted ascending (checked: ValueError otherwise).
    Time O(n), space O(1).
    """
    _require_sorted(numbers)
    left, right = 0, len(numbers) - 1
    while left < right:
        total = numbers[left] + numbers[right]
        if total == target:
            return left, right
        if total < target:
            # numbers[right] is the largest partner left; if even it is too
            # small for numbers[left], every partner is: drop left.
            left += 1
        else:
            # numbers[left] is the smallest partner left; if even it is too
            # big for numbers[right], every partner is: drop right.
            right -= 1
    return None


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def pair_with_sum_brute_force(
    numbers: list[int], target: int
) -> tuple[int, int] | None:
    """Try every pair. Time O(n^2), space O(1). Works unsorted, too."""
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if numbers[i] + numbers[j] == target:
                return i, j
    return None


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(pair_with_sum([-4, -1, 2, 7, 11], 6))
    #> (1, 3)
    print(pair_with_sum([1, 3, 3, 5], 4))  # smallest i, then the largest j
    #> (0, 2)
    print(pair_with_sum_brute_force([1, 3, 3, 5], 4))  # smallest i, then j
    #> (0, 1)
    print(pair_with_sum([2, 4, 8], 7))
    #> None
    # --8<-- [end:demo]
