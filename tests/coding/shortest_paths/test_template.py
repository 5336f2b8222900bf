"""The templates against Floyd-Warshall, the all-pairs oracle, on random graphs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings

from examples.coding.shortest_paths.floyd_warshall import floyd_warshall
from examples.coding.shortest_paths.template import (
    bellman_ford,
    bfs_distances,
    build_adjacency,
    dijkstra,
    path_to,
    zero_one_bfs,
)
from tests.coding.shortest_paths.strategies import graphs


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_dijkstra_matches_floyd_warshall_and_its_paths_are_real(graph) -> None:
    n, edges = graph
    expected = floyd_warshall(n, edges)
    adjacency = build_adjacency(n, edges)
    for source in range(n):
        distance, parent = dijkstra(adjacency, source)
        assert distance == expected[source]
        for target in range(n):
            path = path_to(parent, source, target)
            if distance[target] == float("inf"):
                assert path is None
                continue
            assert path[0] == source and path[-1] == target
            weight = sum(min(w for a, b, w in edges if (a, b) == hop) for hop in itertools.pairwise(path))
            assert weight == distance[target]


@settings(max_examples=200, deadline=None)
@given(graphs(low=1, high=1))
def test_bfs_counts_edges(graph) -> None:
    n, edges = graph
    neighbors = [[v for v, _ in out] for out in build_adjacency(n, edges)]
    assert bfs_distances(neighbors, 0) == floyd_warshall(n, edges)[0]


@settings(max_examples=200, deadline=None)
@given(graphs(low=0, high=1))
def test_zero_one_bfs_matches_floyd_warshall(graph) -> None:
    n, edges = graph
    assert zero_one_bfs(build_adjacency(n, edges), 0) == floyd_warshall(n, edges)[0]


@settings(max_examples=200, deadline=None)
@given(graphs(low=-4, high=9))
def test_bellman_ford_matches_floyd_warshall_or_finds_the_cycle(graph) -> None:
    n, edges = graph
    all_pairs = floyd_warshall(n, edges)
    reachable = [v for v in range(n) if all_pairs[0][v] != float("inf")]
    on_cycle = any(all_pairs[v][v] < 0 for v in reachable)
    result = bellman_ford(n, edges, 0)
    if on_cycle:
        assert result is None
    else:
        assert result == all_pairs[0]


def test_dijkstra_refuses_negative_weights() -> None:
    with pytest.raises(ValueError, match="Bellman-Ford"):
        dijkstra(build_adjacency(2, [[0, 1, -1]]), 0)


def test_zero_one_bfs_refuses_other_weights() -> None:
    with pytest.raises(ValueError, match="0 or 1"):
        zero_one_bfs(build_adjacency(2, [[0, 1, 2]]), 0)


def test_build_adjacency_refuses_unknown_nodes() -> None:
    with pytest.raises(ValueError, match="outside"):
        build_adjacency(2, [[0, 2, 1]])


@pytest.mark.parametrize("source", [-1, 2])
def test_a_source_outside_the_graph_is_refused(source) -> None:
    # A negative index used to alias node n - 1 and return a path from "-1".
    graph = build_adjacency(2, [[0, 1, 1]])
    for run in (
        lambda: dijkstra(graph, source),
        lambda: zero_one_bfs(graph, source),
        lambda: bfs_distances([[1], []], source),
        lambda: bellman_ford(2, [[0, 1, 1]], source),
    ):
        with pytest.raises(ValueError, match="source"):
            run()


def test_the_negative_weight_error_names_the_edge() -> None:
    graph = build_adjacency(4, [[0, 1, 1], [0, 2, 5], [2, 1, -10], [1, 3, 1]])
    with pytest.raises(ValueError, match=r"2 -> 1 weighs -10; use Bellman-Ford"):
        dijkstra(graph, 0)
