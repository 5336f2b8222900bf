"""Practice: where a target is, or where it would go, in a sorted list."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true


# --8<-- [start:optimal]
def search_insert(nums: list[int], target: int) -> int:
    """Index of target in sorted nums, or where inserting it keeps nums sorted. O(log n)."""
    return first_true(0, len(nums), lambda i: nums[i] >= target)


# --8<-- [end:optimal]


def search_insert_brute_force(nums: list[int], target: int) -> int:
    """Walk until the first value not less than target. O(n)."""
    for i, value in enumerate(nums):
        if value >= target:
            return i
    return len(nums)
