"""Search for a target in a sorted list of distinct values rotated at an unknown point."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true
from examples.coding.binary_search.rotated_minimum import rotation_point


# --8<-- [start:optimal]
def search_rotated(nums: list[int], target: int) -> int:
    """Index of target in a rotated sorted list of distinct values, or -1. O(log n)."""
    if not nums:
        return -1
    pivot = rotation_point(nums)  # nums[pivot:] and nums[:pivot] are each sorted
    if target <= nums[-1]:
        lo, hi = pivot, len(nums)  # the target can only be in the right run
    else:
        lo, hi = 0, pivot  # the left run holds every value above nums[-1]
    i = first_true(lo, hi, lambda j: nums[j] >= target)
    return i if i < hi and nums[i] == target else -1


# --8<-- [end:optimal]


# --8<-- [start:brute]
def search_rotated_brute_force(nums: list[int], target: int) -> int:
    """Scan. O(n), and correct with duplicates too."""
    for i, value in enumerate(nums):
        if value == target:
            return i
    return -1


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(search_rotated([4, 5, 6, 7, 0, 1, 2], 0))
    #> 4
    print(search_rotated([4, 5, 6, 7, 0, 1, 2], 3))
    #> -1
    # --8<-- [end:demo]
