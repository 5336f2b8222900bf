"""Maximum sum of any window of exactly k consecutive numbers."""

from __future__ import annotations

from collections.abc import Sequence


def _check(k: int) -> None:
    if k < 1:
        raise ValueError(f"window size must be at least 1, got {k}")


# --8<-- [start:optimal]
def max_window_sum(nums: Sequence[int], k: int) -> int | None:
    """The largest sum of k consecutive numbers; None when there are fewer than k.

    O(n) time, O(1) space: each step adds the entering number and subtracts the
    one that leaves, instead of summing k numbers again.
    """
    _check(k)
    if len(nums) < k:
        return None
    total = sum(nums[:k])
    best = total
    for right in range(k, len(nums)):
        total += nums[right] - nums[right - k]
        best = max(best, total)
    return best


# --8<-- [end:optimal]


# --8<-- [start:brute]
def max_window_sum_brute_force(nums: Sequence[int], k: int) -> int | None:
    """Sum every window from scratch: O(n * k) time, O(k) extra space per slice."""
    _check(k)
    if len(nums) < k:
        return None
    return max(sum(nums[start : start + k]) for start in range(len(nums) - k + 1))


# --8<-- [end:brute]


if __name__ == "__main__":
    print(max_window_sum([2, -1, 3, 5, -2, 4], 3))
    #> 7
    print(max_window_sum([1, 2], 3))
    #> None
