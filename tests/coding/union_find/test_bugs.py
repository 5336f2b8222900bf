"""Each buggy version fails the way the page says; the template does not."""

from __future__ import annotations

from examples.coding.union_find.bugs import (
    connected_by_parent,
    count_components_always_decrement,
    count_components_dict_from_edges,
    find,
    height,
    union_rank_wrong_root,
    union_without_find,
)
from examples.coding.union_find.connected_components import count_components


def test_comparing_parents_misses_a_deeper_member() -> None:
    parent = [1, 2, 2]
    assert not connected_by_parent(parent, 0, 2)
    assert find(parent, 0) == find(parent, 2)


def test_union_without_find_splits_a_set() -> None:
    parent = list(range(3))
    union_without_find(parent, 0, 1)
    union_without_find(parent, 0, 2)
    assert find(parent, 1) != find(parent, 2)


def test_decrementing_on_every_edge_undercounts() -> None:
    edges = [[0, 1], [1, 2], [2, 0]]
    assert count_components_always_decrement(4, edges) == 1
    assert count_components(4, edges) == 2


def test_rank_on_the_wrong_root_builds_a_chain() -> None:
    n = 200
    parent, rank = list(range(n)), [0] * n
    for newcomer in range(1, n):
        union_rank_wrong_root(parent, rank, newcomer, 0)
    assert height(parent) == n - 1


def test_dict_from_edges_loses_isolated_nodes() -> None:
    assert count_components_dict_from_edges(4, [[0, 1]]) == 1
    assert count_components(4, [[0, 1]]) == 3
