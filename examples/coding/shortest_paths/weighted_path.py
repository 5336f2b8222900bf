"""Shortest path in a weighted undirected graph, returning the path itself."""

from __future__ import annotations

import itertools

from examples.coding.shortest_paths.template import (
    INF,
    build_adjacency,
    dijkstra,
    path_to,
)


def _check(n: int, edges: list[list[int]], source: int, target: int) -> None:
    if not (0 <= source < n and 0 <= target < n):
        raise ValueError("source and target must be nodes 0..n-1")
    if any(weight < 0 for _, _, weight in edges):
        raise ValueError("weights must be zero or more")


# --8<-- [start:optimal]
def shortest_path(
    n: int, edges: list[list[int]], source: int, target: int
) -> list[int] | None:
    """One lightest path from source to target as a list of nodes, or None.

    edges are undirected [u, v, weight], weight >= 0. Dijkstra records each
    node's parent when it improves; the walk back from target is the path.
    O((V + E) log V) time, O(V + E) space.
    """
    _check(n, edges, source, target)
    _, parent = dijkstra(build_adjacency(n, edges, directed=False), source)
    return path_to(parent, source, target)


# --8<-- [end:optimal]


def path_weight(edges: list[list[int]], path: list[int]) -> float:
    """Total weight of path using the lightest edge of each hop; inf if a hop is missing."""
    lightest: dict[tuple[int, int], int] = {}
    for u, v, weight in edges:
        for key in ((u, v), (v, u)):
            lightest[key] = min(weight, lightest.get(key, weight))
    return sum(lightest.get(hop, INF) for hop in itertools.pairwise(path))


# --8<-- [start:brute_force]
def shortest_path_brute_force(
    n: int, edges: list[list[int]], source: int, target: int
) -> list[int] | None:
    """Try every simple path by DFS; keep the lightest. Exponential time."""
    _check(n, edges, source, target)
    neighbors: list[set[int]] = [set() for _ in range(n)]
    for u, v, _ in edges:
        neighbors[u].add(v)
        neighbors[v].add(u)
    best: list[int] | None = None
    path = [source]

    def walk(node: int) -> None:
        nonlocal best
        if node == target:
            if best is None or path_weight(edges, path) < path_weight(edges, best):
                best = list(path)
            return
        for nxt in sorted(neighbors[node]):
            if nxt not in path:
                path.append(nxt)
                walk(nxt)
                path.pop()

    walk(source)
    return best


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    edges = [[0, 1, 2], [1, 3, 2], [0, 2, 1], [2, 3, 3], [3, 4, 1]]
    print(shortest_path(5, edges, 0, 4))  # 0-1-3-4 and 0-2-3-4 both weigh 5
    #> [0, 2, 3, 4]
    print(shortest_path_brute_force(5, edges, 0, 4))
    #> [0, 1, 3, 4]
    print(shortest_path(5, edges, 4, 0))  # undirected: the reverse works
    #> [4, 3, 1, 0]
    print(shortest_path(6, edges, 0, 5))  # node 5 has no edges
    #> None
    # --8<-- [end:demo]
