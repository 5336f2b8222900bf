"""The bugs on the page do what the page says they do."""

from __future__ import annotations

from hypothesis import given, settings

from examples.coding.shortest_paths.bugs import (
    INT_MAX,
    add_int32,
    bellman_ford_int32,
    dijkstra_counting,
    dijkstra_settled,
    dijkstra_visited_on_push,
)
from examples.coding.shortest_paths.template import bellman_ford, build_adjacency, dijkstra
from tests.coding.shortest_paths.strategies import graphs


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_skipping_stale_entries_changes_only_the_work(graph) -> None:
    n, edges = graph
    adjacency = build_adjacency(n, edges)
    lazy, pops, scans = dijkstra_counting(adjacency, 0, skip_stale=True)
    eager, pops_without, scans_without = dijkstra_counting(adjacency, 0, skip_stale=False)
    assert lazy == eager == dijkstra(adjacency, 0)[0]
    assert pops == pops_without and scans <= scans_without
    assert dijkstra_settled(adjacency, 0) == lazy  # right when weights are >= 0


def test_visited_on_push_is_wrong() -> None:
    graph = build_adjacency(3, [[0, 1, 4], [0, 2, 1], [2, 1, 1]])
    assert dijkstra_visited_on_push(graph, 0)[1] == 4
    assert dijkstra(graph, 0)[0][1] == 2


def test_negative_edge_fools_settled_dijkstra() -> None:
    graph = build_adjacency(4, [[0, 1, 1], [0, 2, 5], [2, 1, -10], [1, 3, 1]])
    assert dijkstra_settled(graph, 0)[3] == 2  # the truth is -4


def test_int32_wraps_like_java() -> None:
    assert add_int32(INT_MAX, 1) == -(2**31)
    assert bellman_ford_int32(3, [[1, 2, 5]], 0)[2] < 0


@settings(max_examples=200, deadline=None)
@given(graphs(max_nodes=5, low=-4, high=6))
def test_lazy_loop_without_the_check_is_right_but_unbounded_on_negative_edges(graph) -> None:
    # The page's claim: with no negative cycle reachable, the lazy loop (no weight
    # check) always ends with the right distances, because every drop is
    # re-expanded; only its time bound is lost.
    n, edges = graph
    expected = bellman_ford(n, edges, 0)
    if expected is None:
        return  # a reachable negative cycle: the loop would never end
    distance, _, _ = dijkstra_counting(build_adjacency(n, edges), 0, skip_stale=True)
    assert distance == expected


def test_negative_edge_demo_counts() -> None:
    graph = build_adjacency(4, [[0, 1, 1], [0, 2, 5], [2, 1, -10], [1, 3, 1]])
    distance, pops, _ = dijkstra_counting(graph, 0, skip_stale=True)
    assert distance == [0, -5, 5, -4] and pops == 6  # nodes 1 and 3 expanded twice
