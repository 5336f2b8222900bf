"""Kth largest element: a heap of size k, a full sort, or quickselect."""

from __future__ import annotations

import heapq
import random


def _require_k_in_range(nums: list[int], k: int) -> None:
    if not 1 <= k <= len(nums):
        raise ValueError(f"k must be between 1 and len(nums) = {len(nums)}, not {k}")


# --8<-- [start:optimal]
def kth_largest(nums: list[int], k: int) -> int:
    """The kth largest value, counting duplicates (k = 1 is the maximum).

    Time O(n log k), extra space O(k). ValueError unless 1 <= k <= len(nums).
    """
    _require_k_in_range(nums, k)
    heap = nums[:k]
    heapq.heapify(heap)  # O(k)
    for num in nums[k:]:
        # Invariant: heap holds the k largest values seen so far, so heap[0],
        # the smallest of them, is the kth largest so far.
        if num > heap[0]:
            heapq.heapreplace(heap, num)  # the old kth largest drops out
    return heap[0]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def kth_largest_by_sorting(nums: list[int], k: int) -> int:
    """Sort everything, read one position. Time O(n log n), extra space O(n)."""
    _require_k_in_range(nums, k)
    return sorted(nums, reverse=True)[k - 1]


# --8<-- [end:brute_force]

_PIVOTS = random.Random(2024)


# --8<-- [start:quickselect]
def kth_largest_quickselect(nums: list[int], k: int) -> int:
    """Partition around a random pivot and keep only the side holding the answer.

    Average time O(n) (each round keeps a constant fraction on average);
    worst case O(n^2) with unlucky pivots. Extra space O(n) for the copies.
    """
    _require_k_in_range(nums, k)
    values, target = nums, len(nums) - k  # the answer's index in ascending order
    while True:
        # Invariant: the answer is the value at index `target` of sorted(values).
        pivot = _PIVOTS.choice(values)
        smaller = [v for v in values if v < pivot]
        larger = [v for v in values if v > pivot]
        equal = len(values) - len(smaller) - len(larger)
        if target < len(smaller):
            values = smaller
        elif target < len(smaller) + equal:
            return pivot
        else:
            target -= len(smaller) + equal
            values = larger


# --8<-- [end:quickselect]


if __name__ == "__main__":
    # --8<-- [start:demo]
    latencies = [120, 45, 300, 45, 80, 300, 15]
    print(kth_largest(latencies, 1), kth_largest(latencies, 2))  # duplicates count
    #> 300 300
    print(kth_largest(latencies, 3), kth_largest_quickselect(latencies, 3))
    #> 120 120
    print(kth_largest(latencies, 7) == min(latencies))
    #> True
    # --8<-- [end:demo]
