"""First and last position of a target in a sorted list: two lower-bound searches."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true


# --8<-- [start:optimal]
def search_range(nums: list[int], target: int) -> list[int]:
    """[first, last] index of target in sorted nums, or [-1, -1]. O(log n)."""
    n = len(nums)
    first = first_true(0, n, lambda i: nums[i] >= target)
    if first == n or nums[first] != target:  # check first < n before reading
        return [-1, -1]
    after_last = first_true(first, n, lambda i: nums[i] > target)
    return [first, after_last - 1]


# --8<-- [end:optimal]


# --8<-- [start:brute]
def search_range_brute_force(nums: list[int], target: int) -> list[int]:
    """Scan every index. O(n)."""
    hits = [i for i, value in enumerate(nums) if value == target]
    return [hits[0], hits[-1]] if hits else [-1, -1]


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(search_range([5, 7, 7, 8, 8, 8, 10], 8))
    #> [3, 5]
    print(search_range([5, 7, 7, 8, 8, 8, 10], 6))
    #> [-1, -1]
    print(search_range([], 0))
    #> [-1, -1]
    # --8<-- [end:demo]
