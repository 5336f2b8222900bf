"""Minimum of a sorted list of distinct values rotated at an unknown point."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true


# --8<-- [start:optimal]
def rotation_point(nums: list[int]) -> int:
    """Index of the smallest value of a rotated sorted list of distinct values.

    Every value of the rotated-away prefix is greater than nums[-1]; every value
    from the minimum on is at most nums[-1]. That is a monotonic predicate.
    """
    if not nums:
        raise ValueError("an empty list has no minimum")
    last = nums[-1]
    return first_true(0, len(nums) - 1, lambda i: nums[i] <= last)


def find_min_rotated(nums: list[int]) -> int:
    """The smallest value, in O(log n)."""
    return nums[rotation_point(nums)]


# --8<-- [end:optimal]


# --8<-- [start:brute]
def find_min_rotated_brute_force(nums: list[int]) -> int:
    """Look at every value. O(n)."""
    if not nums:
        raise ValueError("an empty list has no minimum")
    return min(nums)


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(find_min_rotated([4, 5, 6, 7, 0, 1, 2]))
    #> 0
    print(find_min_rotated([1, 2, 3]))
    #> 1
    # --8<-- [end:demo]
