"""The heap toolkit: heapq's min-heap, a max-heap by negation, entries that
never compare their payloads, and a bounded heap that keeps the k largest
items of a stream.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


# --8<-- [start:k_largest]
def k_largest(
    items: Iterable[T], k: int, key: Callable[[T], Any] | None = None
) -> list[T]:
    """The k items with the largest keys, largest first; ties keep the earlier item.

    Same answer as sorted(items, key=key, reverse=True)[:k], in one pass that
    holds at most k entries. Time O(n log k), extra space O(k).
    """
    if k < 0:
        raise ValueError("k must be zero or more")
    # Entries are (key, -arrival, item): arrival numbers are unique, so two
    # entries never get as far as comparing their items, and among equal keys
    # the later arrival is the smaller entry, the first to be evicted.
    heap: list[tuple[Any, int, T]] = []
    for arrival, item in enumerate(items):
        entry = (item if key is None else key(item), -arrival, item)
        # Invariant: heap holds the k largest entries seen so far, and heap[0]
        # is the smallest of them: the bar a newcomer has to clear.
        if len(heap) < k:
            heapq.heappush(heap, entry)
        elif heap and entry > heap[0]:
            heapq.heapreplace(heap, entry)  # pop the bar, push the newcomer
    return [item for _, _, item in sorted(heap, reverse=True)]


# --8<-- [end:k_largest]


if __name__ == "__main__":
    # --8<-- [start:basics]
    heap = [5, 1, 8, 3, 2, 9]
    heapq.heapify(heap)  # in place, O(n)
    print(heap)  # a heap, not a sorted list
    #> [1, 2, 8, 3, 5, 9]
    print(heap[0])  # the smallest, always at index 0
    #> 1
    print(heapq.heappop(heap), heapq.heappop(heap))  # O(log n) each
    #> 1 2
    heapq.heappush(heap, 0)  # O(log n)
    print(heap[0])
    #> 0
    # --8<-- [end:basics]
    # --8<-- [start:max_heap]
    loads = [40, 75, 10]
    busiest = [-load for load in loads]  # negate every key on the way in
    heapq.heapify(busiest)
    print(-busiest[0])  # and once on the way out
    #> 75
    print(-heapq.heappop(busiest), -heapq.heappop(busiest))
    #> 75 40
    # --8<-- [end:max_heap]
    # --8<-- [start:tiebreak]
    arrivals = itertools.count()
    jobs: list[tuple[int, int, dict[str, str]]] = []
    for priority, job in [(2, {"name": "email"}), (1, {"name": "bill"})]:
        heapq.heappush(jobs, (priority, next(arrivals), job))
    heapq.heappush(jobs, (2, next(arrivals), {"name": "sms"}))  # ties with email
    print([heapq.heappop(jobs)[2]["name"] for _ in range(3)])  # ties: first in
    #> ['bill', 'email', 'sms']
    # --8<-- [end:tiebreak]
    # --8<-- [start:demo]
    words = ["kiwi", "fig", "banana", "plum", "cherry"]
    print(k_largest(words, 2, key=len))  # two six-letter words tie: first wins
    #> ['banana', 'cherry']
    print(k_largest(words, 3, key=len))  # kiwi and plum tie: kiwi came first
    #> ['banana', 'cherry', 'kiwi']
    print(heapq.nlargest(3, words, key=len))  # the library agrees
    #> ['banana', 'cherry', 'kiwi']
    # --8<-- [end:demo]
