"""K closest points to the origin: a max-heap of the k best, by negated keys."""

from __future__ import annotations

import heapq


def _require_k_in_range(points: list[list[int]], k: int) -> None:
    if not 0 <= k <= len(points):
        raise ValueError(f"k must be between 0 and {len(points)}, not {k}")


# --8<-- [start:optimal]
def k_closest(points: list[list[int]], k: int) -> list[list[int]]:
    """The k points [x, y] nearest (0, 0), nearest first.

    Ties in distance go to the smaller x, then the smaller y, so the answer
    is unique. Time O(n log k), extra space O(k).
    """
    _require_k_in_range(points, k)
    # A max-heap on (distance², x, y), built as a min-heap of the negations:
    # heap[0] is the farthest of the k points kept.
    heap: list[tuple[int, int, int]] = []
    for x, y in points:
        entry = (-(x * x + y * y), -x, -y)  # squared: exact, no sqrt
        # Invariant: heap holds the k best points seen so far.
        if len(heap) < k:
            heapq.heappush(heap, entry)
        elif heap and entry > heap[0]:  # closer than the farthest kept
            heapq.heapreplace(heap, entry)
    return [[-neg_x, -neg_y] for _, neg_x, neg_y in sorted(heap, reverse=True)]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def k_closest_by_sorting(points: list[list[int]], k: int) -> list[list[int]]:
    """Sort every point by the same key. Time O(n log n), extra space O(n)."""
    _require_k_in_range(points, k)
    return sorted(points, key=lambda p: (p[0] * p[0] + p[1] * p[1], p[0], p[1]))[:k]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    depots = [[3, 4], [-1, 1], [5, 0], [0, -5], [1, 1]]
    print(k_closest(depots, 2))
    #> [[-1, 1], [1, 1]]
    print(k_closest(depots, 4))  # [3, 4], [5, 0], [0, -5] are all 5 away
    #> [[-1, 1], [1, 1], [0, -5], [3, 4]]
    # --8<-- [end:demo]
