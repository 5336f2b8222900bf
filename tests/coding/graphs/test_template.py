"""BFS distances against Bellman-Ford-style relaxation; iterative DFS against recursive."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.graphs.representation import adjacency_list
from examples.coding.graphs.template import bfs, dfs_iterative, dfs_recursive
from tests.coding.graphs.strategies import graphs


def relaxed_distances(n: int, edges: list[list[int]], starts: set[int]) -> dict[int, int]:
    best = dict.fromkeys(starts, 0)
    for _ in range(n):
        for a, b in edges + [[b, a] for a, b in edges]:
            if a in best and best[a] + 1 < best.get(b, n + 1):
                best[b] = best[a] + 1
    return best


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_bfs_gives_fewest_edges_from_the_nearest_start(graph, data) -> None:
    n, edges = graph
    starts = set(data.draw(st.lists(st.integers(0, n - 1), max_size=3))) if n else set()
    neighbors = adjacency_list(n, edges).__getitem__
    assert bfs(sorted(starts), neighbors) == relaxed_distances(n, edges, starts)


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_iterative_dfs_visits_in_the_recursive_order(graph) -> None:
    n, edges = graph
    neighbors = adjacency_list(n, edges).__getitem__
    for start in range(n):
        order = dfs_recursive(start, neighbors)
        assert dfs_iterative(start, neighbors) == order
        assert set(order) == set(bfs([start], neighbors))  # same nodes reached


def test_iterative_dfs_survives_a_path_deeper_than_the_recursion_limit() -> None:
    path = {node: [node + 1] for node in range(4_999)} | {4_999: []}
    assert len(dfs_iterative(0, path.__getitem__)) == 5_000


def test_bfs_with_no_starts_reaches_nothing() -> None:
    assert bfs([], lambda node: [node + 1]) == {}
