"""Two ways to find a free spot of a given size: an index, and the naive scan.

Both answer the same three questions. The lot calls them only while holding
its lock, so neither needs a lock of its own.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Protocol

from examples.machine_coding.parking_lot.models import Spot, SpotSize


# --8<-- [start:protocol]
class FreeSpots(Protocol):
    """The free spots of a lot, grouped by size. Not thread-safe: the lot locks."""

    def peek(self, size: SpotSize) -> Spot | None:
        """The nearest free spot of this size, without taking it."""
        ...

    def take(self, size: SpotSize) -> Spot:
        """Remove and return the nearest free spot of this size (must exist)."""
        ...

    def give_back(self, spot: Spot) -> None:
        """Mark a taken spot free again."""
        ...

    def count(self, size: SpotSize) -> int:
        """How many spots of this size are free."""
        ...


# --8<-- [end:protocol]


# --8<-- [start:heap_index]
class HeapFreeSpots:
    """One min-heap per size, ordered (level, number): O(1) peek, O(log n) take/give_back."""

    def __init__(self, spots: Iterable[Spot]) -> None:
        self._heaps: dict[SpotSize, list[Spot]] = {size: [] for size in SpotSize}
        for spot in spots:
            self._heaps[spot.size].append(spot)
        for heap in self._heaps.values():
            heapq.heapify(heap)

    def peek(self, size: SpotSize) -> Spot | None:
        heap = self._heaps[size]
        return heap[0] if heap else None

    def take(self, size: SpotSize) -> Spot:
        return heapq.heappop(self._heaps[size])  # IndexError if empty: a caller bug

    def give_back(self, spot: Spot) -> None:
        heapq.heappush(self._heaps[spot.size], spot)

    def count(self, size: SpotSize) -> int:
        return len(self._heaps[size])


# --8<-- [end:heap_index]


# --8<-- [start:scan]
class ScanFreeSpots:
    """The first version most people write: walk every spot in order, every time. O(n)."""

    def __init__(self, spots: Iterable[Spot]) -> None:
        self._spots = sorted(spots)
        self._free = [True] * len(self._spots)
        self._position = {spot: i for i, spot in enumerate(self._spots)}

    def _first_free(self, size: SpotSize) -> int | None:
        for i, spot in enumerate(self._spots):
            if self._free[i] and spot.size == size:
                return i
        return None

    def peek(self, size: SpotSize) -> Spot | None:
        i = self._first_free(size)
        return None if i is None else self._spots[i]

    def take(self, size: SpotSize) -> Spot:
        i = self._first_free(size)
        if i is None:
            raise IndexError(f"no free {size.name} spot")
        self._free[i] = False
        return self._spots[i]

    def give_back(self, spot: Spot) -> None:
        self._free[self._position[spot]] = True

    def count(self, size: SpotSize) -> int:
        return sum(
            1 for i, s in enumerate(self._spots) if self._free[i] and s.size == size
        )


# --8<-- [end:scan]
