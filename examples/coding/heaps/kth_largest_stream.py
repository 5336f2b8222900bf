"""Practice: the kth largest value of a stream, as a class."""

from __future__ import annotations

import heapq


# --8<-- [start:optimal]
class KthLargest:
    """After each add, the kth largest value so far (None until k have come).

    add O(log k), space O(k): the heap keeps only the k largest values.
    """

    def __init__(self, k: int, nums: list[int]) -> None:
        if k < 1:
            raise ValueError("k must be 1 or more")
        self._k = k
        self._heap: list[int] = []
        for num in nums:
            self.add(num)

    def add(self, num: int) -> int | None:
        if len(self._heap) < self._k:
            heapq.heappush(self._heap, num)
        elif num > self._heap[0]:
            heapq.heapreplace(self._heap, num)
        return self._heap[0] if len(self._heap) == self._k else None


# --8<-- [end:optimal]


class KthLargestBruteForce:
    """Keep everything; sort on every add. add O(n log n)."""

    def __init__(self, k: int, nums: list[int]) -> None:
        if k < 1:
            raise ValueError("k must be 1 or more")
        self._k = k
        self._values = list(nums)

    def add(self, num: int) -> int | None:
        self._values.append(num)
        if len(self._values) < self._k:
            return None
        return sorted(self._values, reverse=True)[self._k - 1]


if __name__ == "__main__":
    scores = KthLargest(3, [50, 20])
    print(scores.add(10), scores.add(70), scores.add(30), scores.add(5))
    #> 10 20 30 30
