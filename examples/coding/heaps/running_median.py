"""Running median of a stream: two heaps that meet in the middle."""

from __future__ import annotations

import bisect
import heapq


# --8<-- [start:optimal]
class MedianFinder:
    """The median of every number added so far. add O(log n), median O(1)."""

    def __init__(self) -> None:
        self._low: list[int] = []  # the smaller half, negated: a max-heap
        self._high: list[int] = []  # the larger half: a min-heap

    def add(self, num: int) -> None:
        # Invariant: every value in low <= every value in high, and low holds
        # as many values as high or one more.
        # Put num into low, then move low's largest to high: whichever of the
        # two was larger now sits in high, so the halves stay ordered.
        heapq.heappush(self._high, -heapq.heappushpop(self._low, -num))
        if len(self._high) > len(self._low):
            heapq.heappush(self._low, -heapq.heappop(self._high))

    def median(self) -> float:
        """IndexError before the first number."""
        if not self._low:
            raise IndexError("no numbers yet, so no median")
        if len(self._low) > len(self._high):
            return float(-self._low[0])
        return (-self._low[0] + self._high[0]) / 2


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
class MedianFinderSortedList:
    """Keep every number in a sorted list. add O(n) (the shift), median O(1)."""

    def __init__(self) -> None:
        self._values: list[int] = []

    def add(self, num: int) -> None:
        bisect.insort(self._values, num)  # binary search, then an O(n) shift

    def median(self) -> float:
        values = self._values
        if not values:
            raise IndexError("no numbers yet, so no median")
        middle = len(values) // 2
        if len(values) % 2:
            return float(values[middle])
        return (values[middle - 1] + values[middle]) / 2


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    finder = MedianFinder()
    for latency in [40, 10, 30, 90, 20]:
        finder.add(latency)
        print(latency, finder.median())  # odd count: low's top; even: the mean
        #> 40 40.0
        #> 10 25.0
        #> 30 30.0
        #> 90 35.0
        #> 20 30.0
    # --8<-- [end:demo]
