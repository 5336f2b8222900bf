"""Practice: any peak of a list whose neighbors differ, in O(log n)."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true


# --8<-- [start:optimal]
def find_peak(nums: list[int]) -> int:
    """Index of some i with nums[i] greater than each neighbor (outside is -infinity).

    Assumes nums[i] != nums[i + 1]. The predicate "nums[i] > nums[i + 1]" is not
    monotonic, but the template keeps an invariant that is enough: the value
    at lo - 1 (if any) is below nums[lo], and the value after hi is below nums[hi].
    When lo == hi, that index is a peak.
    """
    if not nums:
        raise ValueError("an empty list has no peak")
    return first_true(0, len(nums) - 1, lambda i: nums[i] > nums[i + 1])


# --8<-- [end:optimal]


def is_peak(nums: list[int], i: int) -> bool:
    left = nums[i - 1] if i > 0 else float("-inf")
    right = nums[i + 1] if i + 1 < len(nums) else float("-inf")
    return left < nums[i] > right


def find_peak_brute_force(nums: list[int]) -> int:
    """The first peak, by checking every index. O(n)."""
    if not nums:
        raise ValueError("an empty list has no peak")
    return next(i for i in range(len(nums)) if is_peak(nums, i))
