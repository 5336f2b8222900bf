"""Length of the shortest non-empty subarray whose sum is at least `target`."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from itertools import accumulate


# --8<-- [start:window]
def shortest_subarray_at_least_window(nums: Sequence[int], target: int) -> int | None:
    """Sliding window: correct ONLY when every number is >= 0.

    Shrinking is safe because dropping a non-negative number can only lower the
    sum. With a negative number, dropping it raises the sum, and the window
    never learns that a shorter, later range qualifies.
    """
    total, left, best = 0, 0, None
    for right, value in enumerate(nums):
        total += value
        while left <= right and total >= target:
            if best is None or right - left + 1 < best:
                best = right - left + 1
            total -= nums[left]
            left += 1
    return best


# --8<-- [end:window]


# --8<-- [start:optimal]
def shortest_subarray_at_least(nums: Sequence[int], target: int) -> int | None:
    """Prefix sums + a monotonic deque: O(n) time, O(n) space, negatives allowed.

    sum(nums[i:j]) = prefix[j] - prefix[i]. The deque holds start indices i
    with increasing prefix[i]. For each end j: pop starts from the front while
    they qualify (a later end could only give a longer answer for them), and
    pop from the back every start whose prefix is >= prefix[j] (j is a later
    start with a smaller or equal prefix, so it is always at least as good).
    """
    prefix = [0, *accumulate(nums)]
    starts: deque[int] = deque()
    best = None
    for end, total in enumerate(prefix):
        while starts and total - prefix[starts[0]] >= target:
            length = end - starts.popleft()
            if best is None or length < best:
                best = length
        while starts and prefix[starts[-1]] >= total:
            starts.pop()
        starts.append(end)
    return best


# --8<-- [end:optimal]


# --8<-- [start:brute]
def shortest_subarray_at_least_brute_force(
    nums: Sequence[int], target: int
) -> int | None:
    """Every start, every end, running sum: O(n^2) time."""
    best = None
    for start in range(len(nums)):
        total = 0
        for end in range(start, len(nums)):
            total += nums[end]
            if total >= target and (best is None or end - start + 1 < best):
                best = end - start + 1
                break
    return best


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    nums, target = [3, -4, 2, 5], 7
    print(shortest_subarray_at_least_window(nums, target))
    #> None
    print(shortest_subarray_at_least(nums, target))
    #> 2
    print(shortest_subarray_at_least_window([2, 3, 1, 2, 4, 3], 7))
    #> 2
    # --8<-- [end:demo]
