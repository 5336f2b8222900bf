"""The maximum of every window of k consecutive numbers (sliding window maximum)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence


def _check(k: int) -> None:
    if k < 1:
        raise ValueError(f"window size must be at least 1, got {k}")


# --8<-- [start:optimal]
def window_maxima(nums: Sequence[int], k: int) -> list[int]:
    """Maxima of the len(nums) - k + 1 windows; [] when there are fewer than k numbers.

    O(n) time, O(k) space. Invariant: `candidates` holds indices inside the
    window whose values strictly decrease from front to back, so the front is
    the window's maximum. A number with a bigger one to its right can never be
    a maximum again, so it is dropped for good.
    """
    _check(k)
    candidates: deque[int] = deque()
    maxima: list[int] = []
    for right, value in enumerate(nums):
        while candidates and nums[candidates[-1]] <= value:
            candidates.pop()  # dominated: `value` is newer and at least as big
        candidates.append(right)
        if candidates[0] <= right - k:
            candidates.popleft()  # slid out of the window
        if right >= k - 1:
            maxima.append(nums[candidates[0]])
    return maxima


# --8<-- [end:optimal]


# --8<-- [start:brute]
def window_maxima_brute_force(nums: Sequence[int], k: int) -> list[int]:
    """max() of every slice: O(n * k) time."""
    _check(k)
    return [max(nums[start : start + k]) for start in range(len(nums) - k + 1)]


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    nums, k = [1, 3, -1, -3, 5, 3, 6, 7], 3
    candidates: deque[int] = deque()
    for right, value in enumerate(nums):
        while candidates and nums[candidates[-1]] <= value:
            candidates.pop()
        candidates.append(right)
        if candidates[0] <= right - k:
            candidates.popleft()
        print(right, value, [nums[i] for i in candidates])
        #> 0 1 [1]
        #> 1 3 [3]
        #> 2 -1 [3, -1]
        #> 3 -3 [3, -1, -3]
        #> 4 5 [5]
        #> 5 3 [5, 3]
        #> 6 6 [6]
        #> 7 7 [7]
    print(window_maxima(nums, k))
    #> [3, 3, 5, 5, 6, 7]
    # --8<-- [end:demo]
