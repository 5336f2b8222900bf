"""Heap bugs that pass a quick test and fail in review or production.

Each function here is wrong on purpose; the page shows each one failing.
"""

from __future__ import annotations

import heapq


# --8<-- [start:min_heap]
def largest_forgetting_min_heap(nums: list[int], k: int) -> list[int]:
    """BUG: heapq pops the smallest first, so this returns the k smallest."""
    heap = list(nums)
    heapq.heapify(heap)
    return [heapq.heappop(heap) for _ in range(k)]


# --8<-- [end:min_heap]


# --8<-- [start:negated_twice]
def last_stone_negated_twice(stones: list[int]) -> int:
    """BUG: the difference of two negated values is already negated."""
    heap = [-stone for stone in stones]
    heapq.heapify(heap)
    while len(heap) > 1:
        heaviest, second = heapq.heappop(heap), heapq.heappop(heap)  # -8, -7
        if heaviest != second:
            heapq.heappush(heap, -(heaviest - second))  # pushes +1: weight -1
    return -heap[0] if heap else 0


# --8<-- [end:negated_twice]


if __name__ == "__main__":
    from examples.coding.heaps.last_stone_weight import last_stone_weight

    # --8<-- [start:demo_min_heap]
    print(largest_forgetting_min_heap([7, 2, 9, 4], 2))  # wanted [9, 7]
    #> [2, 4]
    print(heapq.nlargest(2, [7, 2, 9, 4]))  # or negate, or a heap of size k
    #> [9, 7]
    # --8<-- [end:demo_min_heap]
    # --8<-- [start:demo_negated_twice]
    print(last_stone_negated_twice([8, 7, 3]), last_stone_weight([8, 7, 3]))
    #> -4 2
    # --8<-- [end:demo_negated_twice]
    # --8<-- [start:demo_ties]
    alerts: list[tuple[int, dict[str, str]]] = []
    heapq.heappush(alerts, (1, {"host": "db-1"}))
    try:
        heapq.heappush(alerts, (1, {"host": "db-2"}))  # same priority
    except TypeError as error:
        print("TypeError:", error)
        #> TypeError: '<' not supported between instances of 'dict' and 'dict'
    # --8<-- [end:demo_ties]
    # --8<-- [start:demo_not_a_heap]
    readings = [5, 1, 4]  # a plain list, never heapified
    heapq.heappush(readings, 3)
    print(readings[0], heapq.heappop(readings))  # 5 is not the smallest
    #> 5 5
    readings = [5, 1, 4]
    heapq.heapify(readings)  # O(n), once, before the first push or pop
    heapq.heappush(readings, 3)
    print(heapq.heappop(readings))
    #> 1
    # --8<-- [end:demo_not_a_heap]
    # --8<-- [start:demo_index]
    heap = [1, 5, 2]  # already a valid heap: 1 <= 5 and 1 <= 2
    heapq.heapify(heap)
    print(heap, heap[1], heapq.nsmallest(2, heap)[1])  # heap[1] is not 2nd smallest
    #> [1, 5, 2] 5 2
    # --8<-- [end:demo_index]
