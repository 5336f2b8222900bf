"""Subarray sum equals k: how many contiguous, non-empty runs of the array add up to k."""

from collections import Counter


# --8<-- [start:optimal]
def subarray_sum(nums: list[int], k: int) -> int:
    """Count subarrays summing to k, negatives allowed. O(n) time, O(n) space.

    sum(nums[i:j]) == prefix[j] - prefix[i], so a run ending at j sums to k
    once for every earlier prefix equal to prefix[j] - k.
    Invariant: before step j, `seen` counts the prefix sums prefix[0..j-1].
    """
    seen: Counter[int] = Counter({0: 1})  # the empty prefix: runs that start at 0
    prefix = 0
    count = 0
    for value in nums:
        prefix += value
        count += seen[prefix - k]  # look up first ...
        seen[prefix] += 1  # ... then record, or k == 0 counts an empty run
    return count


# --8<-- [end:optimal]


# --8<-- [start:brute]
def subarray_sum_brute_force(nums: list[int], k: int) -> int:
    """Every start, with a running sum per start. O(n^2) time, O(1) space."""
    count = 0
    for start in range(len(nums)):
        total = 0
        for end in range(start, len(nums)):  # indices: nums[start:] would copy
            total += nums[end]
            if total == k:
                count += 1
    return count


# --8<-- [end:brute]


# --8<-- [start:buggy]
def subarray_sum_no_seed(nums: list[int], k: int) -> int:
    """BUGGY: starts with an empty Counter, so runs that begin at index 0 are missed."""
    seen: Counter[int] = Counter()
    prefix = count = 0
    for value in nums:
        prefix += value
        count += seen[prefix - k]
        seen[prefix] += 1
    return count


# --8<-- [end:buggy]


if __name__ == "__main__":
    # --8<-- [start:demo]
    nums = [3, 4, -7, 3, 1, 3, 1, -4]
    print(subarray_sum(nums, 7), subarray_sum_brute_force(nums, 7))
    #> 3 3
    print(subarray_sum_no_seed(nums, 7))  # misses the two runs that start at index 0
    #> 1
    print(subarray_sum([0, 0], 0))  # [0], [0] and [0, 0]
    #> 3
    # --8<-- [end:demo]
