"""The buggy versions fail the way the page says; the fixed ones do not."""

from __future__ import annotations

import pytest

from examples.coding.topological_sort.bugs import (
    course_order_unflipped,
    has_cycle_visited_means_cycle,
    kahn_order_edges_only,
    kahn_order_set_adjacency,
    leftovers,
    recursive_dfs_order,
)
from examples.coding.topological_sort.course_order import course_order
from examples.coding.topological_sort.template import dfs_order, find_cycle, kahn_order


def test_unflipped_edges_reverse_the_order() -> None:
    assert course_order_unflipped(2, [[1, 0]]) == [1, 0]
    assert course_order(2, [[1, 0]]) == [0, 1]


def test_reading_nodes_from_edges_loses_isolated_ones() -> None:
    assert kahn_order_edges_only([[0, 1]]) == [0, 1]
    assert kahn_order(3, [[0, 1]]) == [0, 2, 1]


def test_recursive_dfs_hits_the_limit_and_misses_cycles() -> None:
    chain = [[node, node + 1] for node in range(1_499)]
    with pytest.raises(RecursionError):
        recursive_dfs_order(1_500, chain)
    assert dfs_order(1_500, chain) == list(range(1_500))
    assert recursive_dfs_order(2, [[0, 1], [1, 0]]) == [0, 1]
    assert dfs_order(2, [[0, 1], [1, 0]]) is None


def test_visited_as_cycle_reports_a_false_cycle_on_a_diamond() -> None:
    diamond = [[0, 1], [0, 2], [1, 3], [2, 3]]
    assert has_cycle_visited_means_cycle(4, diamond)
    assert find_cycle(4, diamond) is None


def test_set_adjacency_with_counted_duplicates_reports_a_false_cycle() -> None:
    assert kahn_order_set_adjacency(2, [[0, 1], [0, 1]]) is None
    assert kahn_order(2, [[0, 1], [0, 1]]) == [0, 1]


def test_leftovers_include_nodes_after_the_cycle() -> None:
    edges = [[0, 1], [1, 0], [1, 2], [2, 3]]
    assert leftovers(4, edges) == [0, 1, 2, 3]
    assert find_cycle(4, edges) == [0, 1, 0]
