"""Practice: smash the two heaviest stones until at most one is left."""

from __future__ import annotations

import heapq


def _require_positive(stones: list[int]) -> None:
    if any(stone < 1 for stone in stones):
        raise ValueError("stone weights must be positive")


# --8<-- [start:optimal]
def last_stone_weight(stones: list[int]) -> int:
    """Weight of the last stone left, or 0 if none is. Time O(n log n), space O(n)."""
    _require_positive(stones)
    heap = [-stone for stone in stones]  # max-heap by negation
    heapq.heapify(heap)
    while len(heap) > 1:
        heaviest = -heapq.heappop(heap)
        second = -heapq.heappop(heap)
        if heaviest != second:
            heapq.heappush(heap, -(heaviest - second))
    return -heap[0] if heap else 0


# --8<-- [end:optimal]


def last_stone_weight_brute_force(stones: list[int]) -> int:
    """Sort every round. Time O(n^2 log n)."""
    _require_positive(stones)
    left = list(stones)
    while len(left) > 1:
        left.sort()
        heaviest, second = left.pop(), left.pop()
        if heaviest != second:
            left.append(heaviest - second)
    return left[0] if left else 0


if __name__ == "__main__":
    print(last_stone_weight([2, 7, 4, 1, 8, 1]), last_stone_weight([3, 3]))
    #> 1 0
