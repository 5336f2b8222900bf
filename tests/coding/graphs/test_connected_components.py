"""Connected components: BFS from every node against label propagation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.graphs.connected_components import (
    count_components,
    count_components_brute_force,
)
from tests.coding.graphs.strategies import graphs


@settings(max_examples=200, deadline=None)
@given(graphs(max_nodes=12))
def test_matches_brute_force(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    assert count_components(n, edges) == count_components_brute_force(n, edges)


@settings(max_examples=100, deadline=None)
@given(graphs(max_nodes=12))
def test_each_new_edge_merges_at_most_two_components(graph) -> None:
    n, edges = graph
    for size in range(len(edges)):
        before, after = count_components(n, edges[:size]), count_components(n, edges[: size + 1])
        assert after in (before, before - 1)


@pytest.mark.parametrize("solve", [count_components, count_components_brute_force])
@pytest.mark.parametrize("edge", [[0, 3], [-1, 0], [1]])
def test_bad_edges_are_refused(solve, edge: list[int]) -> None:
    with pytest.raises(ValueError, match="must be two nodes"):
        solve(3, [edge])
