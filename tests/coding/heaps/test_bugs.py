"""The buggy versions really fail the way the page says, and the fixes do not."""

from __future__ import annotations

import heapq

import pytest

from examples.coding.heaps.bugs import largest_forgetting_min_heap, last_stone_negated_twice
from examples.coding.heaps.last_stone_weight import last_stone_weight


def test_forgetting_the_min_heap_returns_the_smallest() -> None:
    assert largest_forgetting_min_heap([7, 2, 9, 4], 2) == [2, 4]
    assert heapq.nlargest(2, [7, 2, 9, 4]) == [9, 7]


def test_negating_twice_gives_a_negative_weight() -> None:
    assert last_stone_negated_twice([8, 7, 3]) == -4
    assert last_stone_weight([8, 7, 3]) == 2


def test_equal_priorities_compare_the_payloads() -> None:
    heap = [(1, {"host": "db-1"})]
    with pytest.raises(TypeError, match="'<' not supported"):
        heapq.heappush(heap, (1, {"host": "db-2"}))
    counted = [(1, 0, {"host": "db-1"})]
    heapq.heappush(counted, (1, 1, {"host": "db-2"}))
    assert heapq.heappop(counted)[2] == {"host": "db-1"}


def test_pushing_onto_a_plain_list_keeps_a_wrong_top() -> None:
    readings = [5, 1, 4]
    heapq.heappush(readings, 3)
    assert heapq.heappop(readings) == 5
