"""A priority queue whose items can change priority or leave: lazy deletion.

heapq cannot find an item inside the heap or move it, so an update pushes a
new entry and leaves the old one in place, marked stale by a version number.
pop skips stale entries when they reach the top.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


# --8<-- [start:queue]
class LazyPriorityQueue(Generic[Item]):
    """Lowest priority first; equal priorities in the order they were set.

    push (add or re-prioritize) O(log n); remove O(1); pop and peek amortized
    O(log n). n counts the heap's entries, stale ones included, and a rebuild
    keeps those at most about twice the live items.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Item]] = []  # (priority, version, item)
        self._live: dict[Item, int] = {}  # item -> version of its one live entry
        self._versions = 0

    def __len__(self) -> int:
        return len(self._live)

    @property
    def entries(self) -> int:
        """Entries in the heap, stale ones included: the memory to monitor."""
        return len(self._heap)

    def push(self, item: Item, priority: float) -> None:
        """Add item, or give it a new priority (its old entry goes stale)."""
        self._versions += 1  # unique, so entries never compare their items
        self._live[item] = self._versions
        heapq.heappush(self._heap, (priority, self._versions, item))
        self._compact_if_mostly_stale()

    def remove(self, item: Item) -> None:
        """Forget item; its entry stays in the heap until it surfaces."""
        if self._live.pop(item, None) is None:
            raise KeyError(f"{item!r} is not in the queue")
        self._compact_if_mostly_stale()

    def peek(self) -> tuple[Item, float]:
        """The item with the lowest priority, and that priority; IndexError if empty."""
        self._drop_stale_top()
        priority, _, item = self._heap[0]
        return item, priority

    def pop(self) -> tuple[Item, float]:
        """Remove and return the item with the lowest priority, and its priority."""
        item, priority = self.peek()
        heapq.heappop(self._heap)
        del self._live[item]
        return item, priority

    def _is_stale(self, entry: tuple[float, int, Item]) -> bool:
        _, version, item = entry
        return self._live.get(item) != version

    def _drop_stale_top(self) -> None:
        # Invariant after this loop: the heap is empty or its top entry is live.
        while self._heap and self._is_stale(self._heap[0]):
            heapq.heappop(self._heap)
        if not self._heap:
            raise IndexError("the queue is empty")

    def _compact_if_mostly_stale(self) -> None:
        # Rebuild in O(n) once stale entries outnumber live ones (and there are
        # a few): each rebuild is paid for by the pushes and removes before it.
        if len(self._heap) > 2 * len(self._live) + 8:
            self._heap = [e for e in self._heap if not self._is_stale(e)]
            heapq.heapify(self._heap)


# --8<-- [end:queue]


if __name__ == "__main__":
    # --8<-- [start:demo]
    queue: LazyPriorityQueue[str] = LazyPriorityQueue()
    for task, priority in [("deploy", 3), ("backup", 5), ("page-oncall", 1)]:
        queue.push(task, priority)
    queue.push("backup", 0)  # decrease-key: a new entry; the old one is stale
    queue.remove("page-oncall")  # resolved: nothing moves inside the heap
    print(len(queue), queue.entries)  # 2 live items, 4 entries
    #> 2 4
    print(queue.pop(), queue.pop())
    #> ('backup', 0) ('deploy', 3)
    print(queue.entries)  # page-oncall's entry was skipped; backup's old one waits
    #> 1
    # --8<-- [end:demo]
