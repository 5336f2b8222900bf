"""The practice problems against their brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.topological_sort.safe_states import safe_nodes, safe_nodes_brute_force
from examples.coding.topological_sort.unique_order import unique_order, unique_order_brute_force
from tests.coding.topological_sort.graphs import graphs


def adjacency(n: int, edges: list[list[int]]) -> list[list[int]]:
    graph: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        graph[u].append(v)
    return graph


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_safe_nodes_agree_with_reachability(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    assert safe_nodes(adjacency(n, edges)) == safe_nodes_brute_force(adjacency(n, edges))


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_unique_order_agrees_with_counting_permutations(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    assert unique_order(n, edges) == unique_order_brute_force(n, edges)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        safe_nodes([[1]])
    with pytest.raises(ValueError):
        unique_order(1, [[0, 1]])
    with pytest.raises(ValueError, match="too many"):
        unique_order_brute_force(8, [])
