"""Bipartite check: BFS two-coloring against trying every coloring."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.graphs.bipartite import is_bipartite, is_bipartite_brute_force
from tests.coding.graphs.strategies import graphs


@settings(max_examples=200, deadline=None)
@given(graphs(max_nodes=9))
def test_matches_brute_force(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    assert is_bipartite(n, edges) == is_bipartite_brute_force(n, edges)


@pytest.mark.parametrize("length", range(2, 12))
def test_a_cycle_is_bipartite_exactly_when_its_length_is_even(length: int) -> None:
    cycle = [[node, (node + 1) % length] for node in range(length)]
    assert is_bipartite(length, cycle) == (length % 2 == 0)


@pytest.mark.parametrize("solve", [is_bipartite, is_bipartite_brute_force])
def test_bad_edge_is_refused(solve) -> None:
    with pytest.raises(ValueError, match="must be two nodes"):
        solve(2, [[0, 2]])
