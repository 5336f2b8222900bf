"""Merge k sorted lists: a heap of each list's next value."""

from __future__ import annotations

import heapq
from itertools import chain, pairwise


def _require_sorted(lists: list[list[int]]) -> None:
    for index, values in enumerate(lists):
        if any(earlier > later for earlier, later in pairwise(values)):
            raise ValueError(f"lists[{index}] is not sorted in ascending order")


# --8<-- [start:optimal]
def merge_k_sorted(lists: list[list[int]]) -> list[int]:
    """Every value of k ascending lists, in one ascending list.

    N values in all: time O(N log k), extra space O(k) besides the output.
    ValueError if a list is not sorted (the merge would silently be wrong).
    """
    _require_sorted(lists)
    # (value, which list, position in it); heapify is O(k).
    heap = [(values[0], index, 0) for index, values in enumerate(lists) if values]
    heapq.heapify(heap)
    merged: list[int] = []
    while heap:
        # Invariant: heap holds the smallest unmerged value of every list that
        # has one, so heap[0] is the smallest unmerged value overall.
        value, index, position = heap[0]
        merged.append(value)
        if position + 1 < len(lists[index]):
            nxt = lists[index][position + 1]
            heapq.heapreplace(heap, (nxt, index, position + 1))
        else:
            heapq.heappop(heap)  # that list is used up
    return merged


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def merge_k_sorted_brute_force(lists: list[list[int]]) -> list[int]:
    """Concatenate and sort. Time O(N log N) in general; see the benchmark."""
    _require_sorted(lists)
    return sorted(chain.from_iterable(lists))


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    shards = [[1, 4, 9], [2, 2, 10], [], [-3, 11]]
    print(merge_k_sorted(shards))
    #> [-3, 1, 2, 2, 4, 9, 10, 11]
    print(list(heapq.merge(*shards)))  # the library's lazy k-way merge
    #> [-3, 1, 2, 2, 4, 9, 10, 11]
    # --8<-- [end:demo]
