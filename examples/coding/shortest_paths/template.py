"""Shortest-path templates: BFS, Dijkstra, 0-1 BFS, Bellman-Ford and a parent map.

Nodes are 0 .. n-1. A weighted graph is an adjacency list of (neighbor, weight)
pairs; an edge list is [from, to, weight] triples. Unreachable nodes keep the
distance math.inf, which compares above every number in Python.
"""

from __future__ import annotations

import heapq
import math
from collections import deque

Adjacency = list[list[tuple[int, int]]]
INF = math.inf


def build_adjacency(
    n: int, edges: list[list[int]], *, directed: bool = True
) -> Adjacency:
    """Adjacency list from [u, v, w] triples; undirected adds both directions."""
    if n < 0:
        raise ValueError("the node count must be zero or more")
    adjacency: Adjacency = [[] for _ in range(n)]
    for u, v, weight in edges:
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError(f"edge {[u, v, weight]} names a node outside 0..{n - 1}")
        adjacency[u].append((v, weight))
        if not directed:
            adjacency[v].append((u, weight))
    return adjacency


def check_source(n: int, source: int) -> None:
    """Refuse a source outside 0..n-1 (a negative index would alias node n - 1)."""
    if not 0 <= source < n:
        raise ValueError(f"source {source} is not a node 0..{n - 1}")


# --8<-- [start:bfs]
def bfs_distances(neighbors: list[list[int]], source: int) -> list[float]:
    """Fewest edges from source to every node (inf if unreachable). O(V + E)."""
    check_source(len(neighbors), source)
    distance = [INF] * len(neighbors)
    distance[source] = 0
    queue = deque([source])
    # Invariant: the queue holds nodes of level d, then nodes of level d + 1,
    # so the first time a node is reached is by a fewest-edge path.
    while queue:
        node = queue.popleft()
        for nxt in neighbors[node]:
            if distance[nxt] == INF:  # mark on discovery: reached once, at its level
                distance[nxt] = distance[node] + 1
                queue.append(nxt)
    return distance


# --8<-- [end:bfs]


# --8<-- [start:dijkstra]
def dijkstra(adjacency: Adjacency, source: int) -> tuple[list[float], list[int | None]]:
    """Distances from source and each node's parent on a shortest path.

    Weights must be >= 0 (checked: ValueError). O((V + E) log V) with heapq.
    """
    check_source(len(adjacency), source)
    for u, edges in enumerate(adjacency):
        for v, weight in edges:
            if weight < 0:
                raise ValueError(f"edge {u} -> {v} weighs {weight}; use Bellman-Ford")
    distance = [INF] * len(adjacency)
    parent: list[int | None] = [None] * len(adjacency)
    distance[source] = 0
    heap = [(0, source)]
    while heap:
        dist, node = heapq.heappop(heap)
        if dist > distance[node]:
            continue  # stale: a shorter entry for node was popped already
        # Invariant: with weights >= 0, the smallest live entry is final.
        for nxt, weight in adjacency[node]:
            candidate = dist + weight
            if candidate < distance[nxt]:
                distance[nxt] = candidate
                parent[nxt] = node
                heapq.heappush(heap, (candidate, nxt))  # the old entry goes stale
    return distance, parent


# --8<-- [end:dijkstra]


# --8<-- [start:path_to]
def path_to(parent: list[int | None], source: int, target: int) -> list[int] | None:
    """Walk the parent map back from target; None if target was never reached."""
    if target != source and parent[target] is None:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])  # type: ignore[arg-type]
    path.reverse()
    return path


# --8<-- [end:path_to]


# --8<-- [start:zero_one_bfs]
def zero_one_bfs(adjacency: Adjacency, source: int) -> list[float]:
    """Distances when every weight is 0 or 1 (checked). O(V + E), no heap."""
    check_source(len(adjacency), source)
    if any(weight not in (0, 1) for edges in adjacency for _, weight in edges):
        raise ValueError("0-1 BFS needs every weight to be 0 or 1")
    distance = [INF] * len(adjacency)
    distance[source] = 0
    queue = deque([source])
    # Invariant: the deque's distances are d at the front and d or d + 1
    # behind, so popleft() always yields a smallest one, as a heap would.
    while queue:
        node = queue.popleft()
        for nxt, weight in adjacency[node]:
            candidate = distance[node] + weight
            if candidate < distance[nxt]:
                distance[nxt] = candidate
                if weight == 0:
                    queue.appendleft(nxt)  # same distance: goes first
                else:
                    queue.append(nxt)  # one more: goes last
    return distance


# --8<-- [end:zero_one_bfs]


# --8<-- [start:bellman_ford]
def bellman_ford(n: int, edges: list[list[int]], source: int) -> list[float] | None:
    """Distances from source with any weights; None if a negative cycle is
    reachable from source. O(V * E)."""
    check_source(n, source)
    distance = [INF] * n
    distance[source] = 0
    # Invariant: after round i, distance[v] is at most the weight of the
    # lightest path to v with at most i edges. A shortest simple path has at
    # most n - 1 edges, so n - 1 rounds are enough.
    for _ in range(n - 1):
        changed = False
        for u, v, weight in edges:
            if distance[u] + weight < distance[v]:  # inf + w stays inf
                distance[v] = distance[u] + weight
                changed = True
        if not changed:
            return distance  # settled early: no round can change anything now
    # Round n: anything that still improves lies on or after a negative cycle.
    for u, v, weight in edges:
        if distance[u] + weight < distance[v]:
            return None
    return distance


# --8<-- [end:bellman_ford]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # 0 -> 1 (4), 0 -> 2 (1), 2 -> 1 (2), 1 -> 3 (1); node 4 is unreachable
    edges = [[0, 1, 4], [0, 2, 1], [2, 1, 2], [1, 3, 1]]
    graph = build_adjacency(5, edges)
    print(bfs_distances([[v for v, _ in out] for out in graph], 0))
    #> [0, 1, 1, 2, inf]
    distance, parent = dijkstra(graph, 0)
    print(distance, path_to(parent, 0, 3), path_to(parent, 0, 4))
    #> [0, 3, 1, 4, inf] [0, 2, 1, 3] None
    print(zero_one_bfs(build_adjacency(3, [[0, 1, 1], [0, 2, 0], [2, 1, 0]]), 0))
    #> [0, 0, 0]
    print(bellman_ford(3, [[0, 1, 4], [0, 2, 5], [2, 1, -3]], 0))
    #> [0, 2, 5]
    print(bellman_ford(3, [[0, 1, 1], [1, 2, -2], [2, 1, 1]], 0))  # 1 -> 2 -> 1
    #> None
    # --8<-- [end:demo]
