"""Partition equal subset sum: can the numbers split into two groups of equal sum?"""

from __future__ import annotations


def _check(numbers: list[int]) -> None:
    if any(number < 0 for number in numbers):
        raise ValueError("numbers must be zero or more")


# --8<-- [start:optimal]
def can_partition(numbers: list[int]) -> bool:
    """True if some subset sums to exactly half the total.

    A 0/1 knapsack of booleans: reachable[s] says some subset of the numbers
    seen so far sums to s. The loop over s runs downward, so each number is
    used once. Time O(n * total), space O(total).
    """
    _check(numbers)
    total = sum(numbers)
    if total % 2:
        return False
    half = total // 2
    reachable = [False] * (half + 1)
    reachable[0] = True  # the empty subset
    for number in numbers:
        for s in range(half, number - 1, -1):  # downward: each number once
            reachable[s] = reachable[s] or reachable[s - number]
    return reachable[half]


# --8<-- [end:optimal]


def can_partition_brute_force(numbers: list[int]) -> bool:
    """Plain recursion: each number goes in the first group or not. Time O(2^n)."""
    _check(numbers)
    total = sum(numbers)

    def splits(index: int, first_group: int) -> bool:
        if index == len(numbers):
            return 2 * first_group == total
        return splits(index + 1, first_group + numbers[index]) or splits(
            index + 1, first_group
        )

    return splits(0, 0)


if __name__ == "__main__":
    print(can_partition([1, 5, 11, 5]))  # 11 = 1 + 5 + 5
    #> True
    print(can_partition([1, 2, 3, 5]))  # total 11 is odd
    #> False
